package dev.ama.agent.registry;

import dev.ama.transport.Eid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
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
 * A {@link RegistryStore} in an H2 database file, over JDBC. Each record is one row keyed by an
 * integer row id, with the columns queries need (agent id, owner, counter, name, status, last seen,
 * tombstone, the ids of its skill names) and its whole encoding ({@link RegistryEncoder}) in a
 * binary column. Owners and skill names are small dictionaries of integer ids (kept in memory as
 * well), so the skill index holds two integers per (skill, record).
 *
 * <p>Durability: {@code WRITE_DELAY 0}, so every commit is on disk when the call returns. {@link
 * #putAll} writes in JDBC batches of {@value #BATCH} records, one transaction per batch, so a
 * million records load without holding them all in one transaction; {@link #inTransaction} makes
 * many calls one transaction and one commit.
 *
 * <p>Schema version 2; a file of version 1 (agent id keys and skill names in the skill index) is
 * migrated when opened, in one transaction.
 */
public final class H2RegistryStore implements RegistryStore {
  private static final Logger LOG = LoggerFactory.getLogger(H2RegistryStore.class);
  private static final String H2_SUFFIX = ".mv.db";
  static final int SCHEMA_VERSION = 2;
  static final int BATCH = 10_000;
  private static final int RID_BITS = 40;

  private static final String[] CREATE = {
    "CREATE TABLE IF NOT EXISTS registry_owner (id INT PRIMARY KEY,"
        + " eid VARCHAR(1024) NOT NULL UNIQUE)",
    "CREATE TABLE IF NOT EXISTS registry_skill_name (id INT PRIMARY KEY,"
        + " name VARCHAR(1024) NOT NULL UNIQUE)",
    "CREATE TABLE IF NOT EXISTS registry_record (rid BIGINT PRIMARY KEY,"
        + " agent_id VARCHAR(1024) NOT NULL, owner INT NOT NULL, counter BIGINT NOT NULL,"
        + " name VARCHAR(1024) NOT NULL, status TINYINT NOT NULL, last_seen BIGINT NOT NULL,"
        + " tombstone BOOLEAN NOT NULL, skills INT ARRAY NOT NULL, data VARBINARY NOT NULL)",
    "CREATE UNIQUE INDEX IF NOT EXISTS registry_record_id ON registry_record (agent_id)",
    "CREATE INDEX IF NOT EXISTS registry_record_owner ON registry_record (owner, counter)",
    "CREATE INDEX IF NOT EXISTS registry_record_name ON registry_record (name)",
    "CREATE INDEX IF NOT EXISTS registry_record_seen ON registry_record (owner, status, last_seen)",
    "CREATE INDEX IF NOT EXISTS registry_record_tomb ON registry_record (tombstone, agent_id)",
    // The (skill, row) pairs, each one BIGINT key: skill id << 40 | row id. A single BIGINT
    // primary key is H2's row key, so a pair costs one B-tree entry (a composite key would cost a
    // row and an index entry); the rows of one skill are a key range. A record's pairs are found
    // through its skills column when it changes, so no second index is needed.
    "CREATE TABLE IF NOT EXISTS registry_skill (k BIGINT PRIMARY KEY)",
    "CREATE TABLE IF NOT EXISTS registry_ack (peer VARCHAR(1024) NOT NULL,"
        + " owner VARCHAR(1024) NOT NULL, counter BIGINT NOT NULL, PRIMARY KEY (peer, owner))"
  };

  private static final String LOCAL_FIRST =
      " ORDER BY CASE WHEN r.owner = ? THEN 0 ELSE 1 END, r.agent_id LIMIT ? OFFSET ?";

  private final String name;
  private final Connection c;
  private final RegistryEncoder encoder = new RegistryEncoder();
  private final RegistryDecoder decoder = new RegistryDecoder();
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private final Map<Eid, Integer> ownerIds = new HashMap<>();
  private final Map<Integer, Eid> owners = new HashMap<>();
  private final Map<String, Integer> skillIds = new HashMap<>();
  private long nextRid;
  private int transactionDepth;
  private boolean closed;

  private H2RegistryStore(String name, Connection c) throws SQLException {
    this.name = name;
    this.c = c;
    loadDictionaries();
  }

  /**
   * Opens (or creates) the store {@code base}.mv.db; the directory must exist. A file of schema 1
   * is migrated to schema 2 (one transaction: all or nothing).
   *
   * @throws RegistryStoreException STORE_FAILURE if the file cannot be opened, CORRUPT if it holds
   *     a schema this version does not know
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
      // CACHE_SIZE (KiB): the indexes of a million records are tens of MB; H2's 16 MB default
      // makes lookups and the agent-id checks of a bulk load go to the file.
      c =
          DriverManager.getConnection(
              "jdbc:h2:file:" + file + ";WRITE_DELAY=0;CACHE_SIZE=65536", "", "");
      c.setAutoCommit(false);
      boolean migrate = false;
      try (Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE IF NOT EXISTS registry_meta (k VARCHAR(64) PRIMARY KEY,"
                + " v BIGINT NOT NULL)");
        try (ResultSet rs = s.executeQuery("SELECT v FROM registry_meta WHERE k = 'schema'")) {
          if (rs.next()) {
            long v = rs.getLong(1);
            if (v == 1) {
              migrate = true;
            } else if (v != SCHEMA_VERSION) {
              throw new RegistryStoreException(
                  RegistryStoreException.Code.CORRUPT,
                  file
                      + H2_SUFFIX
                      + " holds registry schema "
                      + v
                      + "; this version reads schemas 1 and "
                      + SCHEMA_VERSION,
                  null);
            }
          } else {
            s.execute("INSERT INTO registry_meta (k, v) VALUES ('schema', " + SCHEMA_VERSION + ")");
            s.execute("INSERT INTO registry_meta (k, v) VALUES ('sequence', 0)");
          }
        }
        if (migrate) {
          s.execute("ALTER TABLE registry_record RENAME TO registry_record_v1");
          s.execute("DROP TABLE registry_skill");
          s.execute("DROP INDEX IF EXISTS registry_record_owner");
          s.execute("DROP INDEX IF EXISTS registry_record_name");
          s.execute("DROP INDEX IF EXISTS registry_record_seen");
          s.execute("DROP INDEX IF EXISTS registry_skill_name");
        }
        for (String ddl : CREATE) {
          s.execute(ddl);
        }
      }
      H2RegistryStore store = new H2RegistryStore(file + H2_SUFFIX, c);
      if (migrate) {
        store.migrateFromV1();
      }
      c.commit();
      LOG.info("registry store {} open", file + H2_SUFFIX);
      return store;
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

  /** Moves every record of the schema 1 table into the schema 2 tables; the caller commits. */
  private void migrateFromV1() throws SQLException {
    long n = 0;
    transactionDepth++; // one transaction: a crash leaves the file at schema 1
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT data FROM registry_record_v1")) {
      List<RegistryRecord> batch = new ArrayList<>();
      while (rs.next()) {
        batch.add(decode(rs.getBytes(1)));
        if (batch.size() == BATCH) {
          writeBatch(batch);
          n += batch.size();
          batch.clear();
        }
      }
      writeBatch(batch);
      n += batch.size();
    } finally {
      transactionDepth--;
    }
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE registry_record_v1");
      s.execute("UPDATE registry_meta SET v = " + SCHEMA_VERSION + " WHERE k = 'schema'");
    }
    LOG.info("registry store {}: {} records migrated from schema 1", name, n);
  }

  @Override
  public synchronized Optional<RegistryRecord> get(String agentId) {
    List<RegistryRecord> l = query("SELECT data FROM registry_record WHERE agent_id = ?", agentId);
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
        writeAndCommit(batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      writeAndCommit(batch);
    }
  }

  /**
   * Runs {@code work} (calls on this store) as one transaction: one commit at the end, durable when
   * this returns; if {@code work} throws, none of its writes stay. Calls may nest; the outermost
   * commits. Other threads wait until it is done.
   */
  @Override
  public synchronized void inTransaction(Runnable work) {
    open();
    transactionDepth++;
    boolean done = false;
    try {
      work.run();
      done = true;
    } finally {
      transactionDepth--;
      if (transactionDepth == 0) {
        if (done) {
          try {
            c.commit();
          } catch (SQLException e) {
            rollback();
            throw failure("commit", e);
          }
        } else {
          rollback();
        }
      }
    }
  }

  private void writeAndCommit(List<RegistryRecord> batch) {
    try {
      writeBatch(batch);
      commit();
    } catch (SQLException e) {
      rollback();
      throw failure("write " + batch.size() + " records", e);
    }
  }

  /** What is known of a stored row: its id and its skill ids. */
  private record Row(long rid, int[] skills) {}

  /**
   * Writes a batch: an insert for each agent id not stored, an update in place for the others (same
   * row id, so skill rows that stay are not touched), skill rows added and removed by difference.
   */
  private void writeBatch(List<RegistryRecord> batch) throws SQLException {
    PreparedStatement find =
        statement("SELECT rid, skills FROM registry_record WHERE agent_id = ?");
    PreparedStatement ins =
        statement(
            "INSERT INTO registry_record (rid, agent_id, owner, counter, name, status, last_seen,"
                + " tombstone, skills, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    PreparedStatement upd =
        statement(
            "UPDATE registry_record SET agent_id = ?, owner = ?, counter = ?, name = ?,"
                + " status = ?, last_seen = ?, tombstone = ?, skills = ?, data = ? WHERE rid = ?");
    PreparedStatement skAdd = statement("INSERT INTO registry_skill (k) VALUES (?)");
    PreparedStatement skDel = statement("DELETE FROM registry_skill WHERE k = ?");
    Map<String, Row> staged = new HashMap<>();
    for (RegistryRecord r : batch) {
      Row old = staged.get(r.agentId());
      if (old != null) {
        // The same agent twice in one batch: run what is staged so that the second sees the first.
        executeBatches(ins, upd, skDel, skAdd);
      } else {
        find.setString(1, r.agentId());
        try (ResultSet rs = find.executeQuery()) {
          if (rs.next()) {
            old = new Row(rs.getLong(1), ints(rs.getArray(2)));
          }
        }
      }
      int[] skills = skillIds(r);
      Integer[] boxed = new Integer[skills.length];
      for (int i = 0; i < skills.length; i++) {
        boxed[i] = skills[i];
      }
      long rid;
      PreparedStatement p;
      int k;
      if (old == null) {
        rid = nextRid++;
        p = ins;
        p.setLong(1, rid);
        k = 2;
      } else {
        rid = old.rid();
        p = upd;
        k = 1;
      }
      p.setString(k, r.agentId());
      p.setInt(k + 1, ownerId(r.home()));
      p.setLong(k + 2, r.version().counter());
      p.setString(k + 3, r.name());
      p.setInt(k + 4, r.status().code());
      p.setLong(k + 5, r.lastSeen().toEpochMilli());
      p.setBoolean(k + 6, r.tombstone());
      p.setObject(k + 7, boxed);
      p.setBytes(k + 8, encoder.toBytes(r));
      if (old != null) {
        p.setLong(k + 9, rid);
      }
      p.addBatch();
      int[] before = old == null ? new int[0] : old.skills();
      for (int s : before) {
        if (!contains(skills, s)) {
          skDel.setLong(1, skillKey(s, rid));
          skDel.addBatch();
        }
      }
      for (int s : skills) {
        if (!contains(before, s)) {
          skAdd.setLong(1, skillKey(s, rid));
          skAdd.addBatch();
        }
      }
      staged.put(r.agentId(), new Row(rid, skills));
    }
    executeBatches(ins, upd, skDel, skAdd);
  }

  /** The key of a (skill, row) pair; row ids stay below 2^40. */
  private static long skillKey(int skill, long rid) {
    return (long) skill << RID_BITS | rid;
  }

  private static void executeBatches(PreparedStatement... ps) throws SQLException {
    for (PreparedStatement p : ps) {
      p.executeBatch();
    }
  }

  private static boolean contains(int[] a, int v) {
    for (int x : a) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }

  private static int[] ints(Array a) throws SQLException {
    Object[] o = (Object[]) a.getArray();
    int[] out = new int[o.length];
    for (int i = 0; i < o.length; i++) {
      out[i] = ((Number) o[i]).intValue();
    }
    return out;
  }

  /** The ids of the record's skill names (a name under two groups counts once). */
  private int[] skillIds(RegistryRecord r) throws SQLException {
    Set<String> names = new LinkedHashSet<>();
    for (Skill s : r.skills()) {
      names.add(s.name());
    }
    int[] out = new int[names.size()];
    int i = 0;
    for (String n : names) {
      Integer id = skillIds.get(n);
      if (id == null) {
        id = skillIds.size() + 1;
        PreparedStatement p = statement("INSERT INTO registry_skill_name (id, name) VALUES (?, ?)");
        p.setInt(1, id);
        p.setString(2, n);
        p.executeUpdate();
        skillIds.put(n, id);
      }
      out[i++] = id;
    }
    return out;
  }

  private int ownerId(Eid owner) throws SQLException {
    Integer id = ownerIds.get(owner);
    if (id == null) {
      id = ownerIds.size() + 1;
      PreparedStatement p = statement("INSERT INTO registry_owner (id, eid) VALUES (?, ?)");
      p.setInt(1, id);
      p.setString(2, owner.toString());
      p.executeUpdate();
      ownerIds.put(owner, id);
      owners.put(id, owner);
    }
    return id;
  }

  /** Reads the dictionaries and the next row id (again after a rollback, which may drop ids). */
  private void loadDictionaries() throws SQLException {
    ownerIds.clear();
    owners.clear();
    skillIds.clear();
    try (Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT id, eid FROM registry_owner")) {
        while (rs.next()) {
          Eid e = Eid.of(rs.getString(2));
          ownerIds.put(e, rs.getInt(1));
          owners.put(rs.getInt(1), e);
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT id, name FROM registry_skill_name")) {
        while (rs.next()) {
          skillIds.put(rs.getString(2), rs.getInt(1));
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(rid), 0) FROM registry_record")) {
        rs.next();
        nextRid = rs.getLong(1) + 1;
      }
    }
  }

  @Override
  public synchronized boolean remove(String agentId) {
    open();
    try {
      PreparedStatement find =
          statement("SELECT rid, skills FROM registry_record WHERE agent_id = ?");
      find.setString(1, agentId);
      Row row = null;
      try (ResultSet rs = find.executeQuery()) {
        if (rs.next()) {
          row = new Row(rs.getLong(1), ints(rs.getArray(2)));
        }
      }
      if (row == null) {
        commit();
        return false;
      }
      PreparedStatement skDel = statement("DELETE FROM registry_skill WHERE k = ?");
      for (int s : row.skills()) {
        skDel.setLong(1, skillKey(s, row.rid()));
        skDel.addBatch();
      }
      skDel.executeBatch();
      PreparedStatement del = statement("DELETE FROM registry_record WHERE rid = ?");
      del.setLong(1, row.rid());
      del.executeUpdate();
      commit();
      return true;
    } catch (SQLException e) {
      rollback();
      throw failure("remove " + agentId, e);
    }
  }

  @Override
  public synchronized List<RegistryRecord> byOwner(Eid owner, long afterCounter, int limit) {
    Integer id = ownerIds.get(owner);
    if (id == null) {
      open();
      return List.of();
    }
    return query(
        "SELECT data FROM registry_record WHERE owner = ? AND counter > ? ORDER BY counter LIMIT ?",
        id,
        afterCounter,
        limit);
  }

  @Override
  public synchronized List<RegistryRecord> bySkill(String skill, Eid local, int offset, int limit) {
    Integer id = skillIds.get(skill);
    if (id == null) {
      open();
      return List.of();
    }
    return query(
        "SELECT r.data FROM registry_skill s JOIN registry_record r"
            + " ON r.rid = BITAND(s.k, "
            + ((1L << RID_BITS) - 1)
            + ") WHERE s.k BETWEEN ? AND ? AND NOT r.tombstone"
            + LOCAL_FIRST,
        skillKey(id, 0),
        skillKey(id, (1L << RID_BITS) - 1),
        ownerIds.getOrDefault(local, -1),
        limit,
        offset);
  }

  @Override
  public synchronized List<RegistryRecord> byName(String n, Eid local, int offset, int limit) {
    return query(
        "SELECT r.data FROM registry_record r WHERE r.name = ? AND NOT r.tombstone" + LOCAL_FIRST,
        n,
        ownerIds.getOrDefault(local, -1),
        limit,
        offset);
  }

  @Override
  public synchronized List<RegistryRecord> seenBefore(
      Eid owner, RegistryStatus status, Instant before, int limit) {
    Integer id = ownerIds.get(owner);
    if (id == null) {
      open();
      return List.of();
    }
    return query(
        "SELECT data FROM registry_record WHERE owner = ? AND status = ? AND last_seen < ?"
            + " AND NOT tombstone ORDER BY last_seen, agent_id LIMIT ?",
        id,
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
    try {
      // The dictionary keeps owners whose records are all gone; an index probe each tells.
      PreparedStatement p = statement("SELECT 1 FROM registry_record WHERE owner = ? LIMIT 1");
      for (Map.Entry<Integer, Eid> e : owners.entrySet()) {
        p.setInt(1, e.getKey());
        try (ResultSet rs = p.executeQuery()) {
          if (rs.next()) {
            out.add(e.getValue());
          }
        }
      }
      commit();
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
      long n = rs.getLong(1);
      commit();
      return n;
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
        Eid owner = owners.get(rs.getInt(1));
        if (st == null || owner == null) {
          throw new RegistryStoreException(
              RegistryStoreException.Code.CORRUPT,
              name + ": status code " + rs.getInt(2) + " or owner id " + rs.getInt(1),
              null);
        }
        out.computeIfAbsent(owner, k -> new EnumMap<>(RegistryStatus.class)).put(st, rs.getLong(3));
      }
      commit();
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
      long v = rs.getLong(1);
      commit();
      return v;
    } catch (SQLException e) {
      throw failure("read the sequence", e);
    }
  }

  @Override
  public synchronized void saveSequence(long sequence) {
    open();
    try {
      PreparedStatement p = statement("UPDATE registry_meta SET v = ? WHERE k = 'sequence'");
      p.setLong(1, sequence);
      p.executeUpdate();
      commit();
    } catch (SQLException e) {
      rollback();
      throw failure("save the sequence", e);
    }
  }

  @Override
  public synchronized Map<Eid, Long> acknowledged(Eid peer) {
    open();
    Map<Eid, Long> out = new HashMap<>();
    try {
      PreparedStatement p = statement("SELECT owner, counter FROM registry_ack WHERE peer = ?");
      p.setString(1, peer.toString());
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.put(Eid.of(rs.getString(1)), rs.getLong(2));
        }
      }
      commit();
      return out;
    } catch (SQLException e) {
      throw failure("read what " + peer + " acknowledged", e);
    }
  }

  @Override
  public synchronized void saveAcknowledged(Eid peer, Map<Eid, Long> vector) {
    open();
    try {
      PreparedStatement p =
          statement(
              "MERGE INTO registry_ack (peer, owner, counter) KEY (peer, owner) VALUES (?, ?, ?)");
      for (Map.Entry<Eid, Long> e : vector.entrySet()) {
        p.setString(1, peer.toString());
        p.setString(2, e.getKey().toString());
        p.setLong(3, e.getValue());
        p.addBatch();
      }
      p.executeBatch();
      commit();
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
    try {
      PreparedStatement p = statement(sql);
      for (int i = 0; i < args.length; i++) {
        p.setObject(i + 1, args[i]);
      }
      List<RegistryRecord> out = new ArrayList<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(decode(rs.getBytes(1)));
        }
      }
      commit();
      return out;
    } catch (SQLException e) {
      throw failure("query", e);
    }
  }

  private RegistryRecord decode(byte[] data) {
    try {
      return decoder.record(data);
    } catch (RegistryDecodeException e) {
      throw new RegistryStoreException(
          RegistryStoreException.Code.CORRUPT, name + " holds a record that does not decode", e);
    }
  }

  /** A prepared statement kept for the life of the store (one connection, calls serialised). */
  private PreparedStatement statement(String sql) throws SQLException {
    PreparedStatement p = statements.get(sql);
    if (p == null) {
      p = c.prepareStatement(sql);
      statements.put(sql, p);
    }
    return p;
  }

  /** Commits, unless inside {@link #inTransaction}: then its end commits. */
  private void commit() throws SQLException {
    if (transactionDepth == 0) {
      c.commit();
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
    try {
      loadDictionaries(); // ids handed out in the rolled-back transaction are gone
    } catch (SQLException ignored) {
      // the original failure is the one to report; the next write fails the same way
    }
  }

  private RegistryStoreException failure(String what, SQLException e) {
    return new RegistryStoreException(
        RegistryStoreException.Code.STORE_FAILURE,
        name + ": cannot " + what + ": " + e.getMessage(),
        e);
  }
}
