package dev.ama.agent.registry;

import dev.ama.transport.Eid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RegistryStore} in an H2 database file, over JDBC. Each record is one row with the
 * columns queries need (owner, counter, name, status, last seen, tombstone) and its whole encoding
 * ({@link RegistryEncoder}) in a binary column; skills are rows of their own, indexed by name.
 *
 * <p>Durability: {@code WRITE_DELAY 0}, so every commit is on disk when the call returns. {@link
 * #putAll} writes in JDBC batches of {@value #BATCH} records, one transaction per batch, so a
 * million records load without holding them all in one transaction.
 */
public final class H2RegistryStore implements RegistryStore {
  private static final Logger LOG = LoggerFactory.getLogger(H2RegistryStore.class);
  private static final String H2_SUFFIX = ".mv.db";
  private static final int SCHEMA_VERSION = 1;
  static final int BATCH = 10_000;

  private static final String[] CREATE = {
    "CREATE TABLE IF NOT EXISTS registry_meta (k VARCHAR(64) PRIMARY KEY, v BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS registry_record (agent_id VARCHAR(1024) PRIMARY KEY,"
        + " owner VARCHAR(1024) NOT NULL, counter BIGINT NOT NULL, name VARCHAR(1024) NOT NULL,"
        + " status TINYINT NOT NULL, last_seen BIGINT NOT NULL, tombstone BOOLEAN NOT NULL,"
        + " data VARBINARY NOT NULL)",
    "CREATE INDEX IF NOT EXISTS registry_record_owner ON registry_record (owner, counter)",
    "CREATE INDEX IF NOT EXISTS registry_record_name ON registry_record (name)",
    "CREATE INDEX IF NOT EXISTS registry_record_seen ON registry_record (owner, status, last_seen)",
    "CREATE TABLE IF NOT EXISTS registry_skill (agent_id VARCHAR(1024) NOT NULL,"
        + " skill VARCHAR(1024) NOT NULL, PRIMARY KEY (agent_id, skill))",
    "CREATE INDEX IF NOT EXISTS registry_skill_name ON registry_skill (skill)",
    "CREATE TABLE IF NOT EXISTS registry_ack (peer VARCHAR(1024) NOT NULL,"
        + " owner VARCHAR(1024) NOT NULL, counter BIGINT NOT NULL, PRIMARY KEY (peer, owner))"
  };

  private static final String COLUMNS = "data";
  private static final String LOCAL_FIRST =
      " ORDER BY CASE WHEN r.owner = ? THEN 0 ELSE 1 END, r.agent_id LIMIT ? OFFSET ?";

  private final String name;
  private final Connection c;
  private final RegistryEncoder encoder = new RegistryEncoder();
  private final RegistryDecoder decoder = new RegistryDecoder();
  private boolean closed;

  private H2RegistryStore(String name, Connection c) {
    this.name = name;
    this.c = c;
  }

  /**
   * Opens (or creates) the store {@code base}.mv.db; the directory must exist.
   *
   * @throws RegistryStoreException STORE_FAILURE if the file cannot be opened, CORRUPT if it holds
   *     another schema
   */
  public static H2RegistryStore open(Path base) {
    String file = base.toAbsolutePath().toString();
    if (file.endsWith(H2_SUFFIX)) {
      file = file.substring(0, file.length() - H2_SUFFIX.length());
    }
    Path dir = Path.of(file).getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new RegistryStoreException(
          RegistryStoreException.Code.STORE_FAILURE,
          "cannot open the registry store " + file + H2_SUFFIX + ": its directory does not exist",
          null);
    }
    Connection c = null;
    try {
      c = DriverManager.getConnection("jdbc:h2:file:" + file + ";WRITE_DELAY=0", "", "");
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        for (String ddl : CREATE) {
          s.execute(ddl);
        }
        try (ResultSet rs = s.executeQuery("SELECT v FROM registry_meta WHERE k = 'schema'")) {
          if (rs.next()) {
            if (rs.getLong(1) != SCHEMA_VERSION) {
              throw new RegistryStoreException(
                  RegistryStoreException.Code.CORRUPT,
                  file + H2_SUFFIX + " holds registry schema " + rs.getLong(1),
                  null);
            }
          } else {
            s.execute("INSERT INTO registry_meta (k, v) VALUES ('schema', " + SCHEMA_VERSION + ")");
            s.execute("INSERT INTO registry_meta (k, v) VALUES ('sequence', 0)");
          }
        }
      }
      c.commit();
      LOG.info("registry store {} open", file + H2_SUFFIX);
      return new H2RegistryStore(file + H2_SUFFIX, c);
    } catch (SQLException | RuntimeException e) {
      if (c != null) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // the open failure is the one to report
        }
      }
      if (e instanceof RegistryStoreException rse) {
        throw rse;
      }
      throw new RegistryStoreException(
          RegistryStoreException.Code.STORE_FAILURE,
          "cannot open the registry store " + file + H2_SUFFIX + ": " + e.getMessage(),
          e);
    }
  }

  @Override
  public synchronized Optional<RegistryRecord> get(String agentId) {
    List<RegistryRecord> l =
        query("SELECT " + COLUMNS + " FROM registry_record WHERE agent_id = ?", agentId);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
  }

  @Override
  public synchronized void put(RegistryRecord record) {
    putAll(List.of(record));
  }

  @Override
  public synchronized void putAll(Collection<RegistryRecord> records) {
    open();
    List<RegistryRecord> batch = new ArrayList<>(Math.min(BATCH, records.size()));
    for (RegistryRecord r : records) {
      batch.add(r);
      if (batch.size() == BATCH) {
        writeBatch(batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      writeBatch(batch);
    }
  }

  private void writeBatch(List<RegistryRecord> batch) {
    try (PreparedStatement rec =
            c.prepareStatement(
                "MERGE INTO registry_record (agent_id, owner, counter, name, status, last_seen,"
                    + " tombstone, data) KEY (agent_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement del =
            c.prepareStatement("DELETE FROM registry_skill WHERE agent_id = ?");
        PreparedStatement sk =
            c.prepareStatement("INSERT INTO registry_skill (agent_id, skill) VALUES (?, ?)")) {
      for (RegistryRecord r : batch) {
        rec.setString(1, r.agentId());
        rec.setString(2, r.home().toString());
        rec.setLong(3, r.version().counter());
        rec.setString(4, r.name());
        rec.setInt(5, r.status().code());
        rec.setLong(6, r.lastSeen().toEpochMilli());
        rec.setBoolean(7, r.tombstone());
        rec.setBytes(8, encoder.toBytes(r));
        rec.addBatch();
        del.setString(1, r.agentId());
        del.addBatch();
      }
      rec.executeBatch();
      del.executeBatch();
      for (RegistryRecord r : batch) {
        Set<String> names = new LinkedHashSet<>();
        for (Skill s : r.skills()) {
          names.add(s.name());
        }
        for (String n : names) {
          sk.setString(1, r.agentId());
          sk.setString(2, n);
          sk.addBatch();
        }
      }
      sk.executeBatch();
      c.commit();
    } catch (SQLException e) {
      rollback();
      throw failure("write " + batch.size() + " records", e);
    }
  }

  @Override
  public synchronized boolean remove(String agentId) {
    open();
    try (PreparedStatement d1 =
            c.prepareStatement("DELETE FROM registry_skill WHERE agent_id = ?");
        PreparedStatement d2 =
            c.prepareStatement("DELETE FROM registry_record WHERE agent_id = ?")) {
      d1.setString(1, agentId);
      d1.executeUpdate();
      d2.setString(1, agentId);
      int n = d2.executeUpdate();
      c.commit();
      return n > 0;
    } catch (SQLException e) {
      rollback();
      throw failure("remove " + agentId, e);
    }
  }

  @Override
  public synchronized List<RegistryRecord> byOwner(Eid owner, long afterCounter, int limit) {
    return query(
        "SELECT data FROM registry_record WHERE owner = ? AND counter > ? ORDER BY counter LIMIT ?",
        owner.toString(),
        afterCounter,
        limit);
  }

  @Override
  public synchronized List<RegistryRecord> bySkill(String skill, Eid local, int offset, int limit) {
    return query(
        "SELECT r.data FROM registry_record r JOIN registry_skill s ON s.agent_id = r.agent_id"
            + " WHERE s.skill = ? AND NOT r.tombstone"
            + LOCAL_FIRST,
        skill,
        local.toString(),
        limit,
        offset);
  }

  @Override
  public synchronized List<RegistryRecord> byName(String n, Eid local, int offset, int limit) {
    return query(
        "SELECT r.data FROM registry_record r WHERE r.name = ? AND NOT r.tombstone" + LOCAL_FIRST,
        n,
        local.toString(),
        limit,
        offset);
  }

  @Override
  public synchronized List<RegistryRecord> seenBefore(
      Eid owner, RegistryStatus status, Instant before, int limit) {
    return query(
        "SELECT data FROM registry_record WHERE owner = ? AND status = ? AND last_seen < ?"
            + " AND NOT tombstone ORDER BY last_seen, agent_id LIMIT ?",
        owner.toString(),
        status.code(),
        before.toEpochMilli(),
        limit);
  }

  @Override
  public synchronized List<RegistryRecord> tombstones(String afterAgentId, int limit) {
    return query(
        "SELECT data FROM registry_record WHERE tombstone AND agent_id > ? ORDER BY agent_id"
            + " LIMIT ?",
        afterAgentId,
        limit);
  }

  @Override
  public synchronized Set<Eid> owners() {
    open();
    Set<Eid> out = new HashSet<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT DISTINCT owner FROM registry_record")) {
      while (rs.next()) {
        out.add(Eid.of(rs.getString(1)));
      }
      return out;
    } catch (SQLException e) {
      throw failure("list owners", e);
    }
  }

  @Override
  public synchronized long count() {
    open();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM registry_record")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw failure("count records", e);
    }
  }

  @Override
  public synchronized Map<Eid, Map<RegistryStatus, Long>> counts() {
    open();
    Map<Eid, Map<RegistryStatus, Long>> out = new HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT owner, status, COUNT(*) FROM registry_record WHERE NOT tombstone"
                    + " GROUP BY owner, status")) {
      while (rs.next()) {
        RegistryStatus st = RegistryStatus.ofCode(rs.getInt(2));
        if (st == null) {
          throw new RegistryStoreException(
              RegistryStoreException.Code.CORRUPT, name + ": status code " + rs.getInt(2), null);
        }
        out.computeIfAbsent(Eid.of(rs.getString(1)), k -> new EnumMap<>(RegistryStatus.class))
            .put(st, rs.getLong(3));
      }
      return out;
    } catch (SQLException e) {
      throw failure("count records", e);
    }
  }

  @Override
  public synchronized long sequence() {
    open();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT v FROM registry_meta WHERE k = 'sequence'")) {
      if (!rs.next()) {
        throw new RegistryStoreException(
            RegistryStoreException.Code.CORRUPT, name + " has no sequence row", null);
      }
      return rs.getLong(1);
    } catch (SQLException e) {
      throw failure("read the sequence", e);
    }
  }

  @Override
  public synchronized void saveSequence(long sequence) {
    open();
    try (PreparedStatement p =
        c.prepareStatement("UPDATE registry_meta SET v = ? WHERE k = 'sequence'")) {
      p.setLong(1, sequence);
      p.executeUpdate();
      c.commit();
    } catch (SQLException e) {
      rollback();
      throw failure("save the sequence", e);
    }
  }

  @Override
  public synchronized Map<Eid, Long> acknowledged(Eid peer) {
    open();
    Map<Eid, Long> out = new HashMap<>();
    try (PreparedStatement p =
        c.prepareStatement("SELECT owner, counter FROM registry_ack WHERE peer = ?")) {
      p.setString(1, peer.toString());
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.put(Eid.of(rs.getString(1)), rs.getLong(2));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failure("read what " + peer + " acknowledged", e);
    }
  }

  @Override
  public synchronized void saveAcknowledged(Eid peer, Map<Eid, Long> vector) {
    open();
    try (PreparedStatement p =
        c.prepareStatement(
            "MERGE INTO registry_ack (peer, owner, counter) KEY (peer, owner) VALUES (?, ?, ?)")) {
      for (Map.Entry<Eid, Long> e : vector.entrySet()) {
        p.setString(1, peer.toString());
        p.setString(2, e.getKey().toString());
        p.setLong(3, e.getValue());
        p.addBatch();
      }
      p.executeBatch();
      c.commit();
    } catch (SQLException e) {
      rollback();
      throw failure("save what " + peer + " acknowledged", e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      c.close();
    } catch (SQLException e) {
      throw failure("close", e);
    }
  }

  private List<RegistryRecord> query(String sql, Object... args) {
    open();
    try (PreparedStatement p = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        p.setObject(i + 1, args[i]);
      }
      List<RegistryRecord> out = new ArrayList<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          byte[] data = rs.getBytes(1);
          try {
            out.add(decoder.record(data));
          } catch (RegistryDecodeException e) {
            throw new RegistryStoreException(
                RegistryStoreException.Code.CORRUPT,
                name + " holds a record that does not decode",
                e);
          }
        }
      }
      c.commit();
      return out;
    } catch (SQLException e) {
      throw failure("query", e);
    }
  }

  private void open() {
    if (closed) {
      throw new IllegalStateException("the registry store " + name + " is closed");
    }
  }

  private void rollback() {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the original failure is the one to report
    }
  }

  private RegistryStoreException failure(String what, SQLException e) {
    return new RegistryStoreException(
        RegistryStoreException.Code.STORE_FAILURE,
        name + ": cannot " + what + ": " + e.getMessage(),
        e);
  }
}
