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
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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
 * #putAll} writes in batches of {@value #BATCH} records, one transaction per batch, so a million
 * records load without holding them all in one transaction; {@link #inTransaction} makes many calls
 * one transaction and one commit. Inside a transaction, records put are staged in memory and
 * written set-wise (a few statements per batch) before the commit, before any read but {@link #get}
 * (which answers from the staged records first), and every {@value #BATCH} records.
 *
 * <p>Schema version 3; a file of version 1 (agent id keys and skill names in the skill index) or 2
 * (an index on (tombstone, agent id) instead of the table of tombstones) is migrated when opened,
 * in one transaction.
 */
public final class H2RegistryStore implements RegistryStore {
  private static final Logger LOG = LoggerFactory.getLogger(H2RegistryStore.class);
  private static final String H2_SUFFIX = ".mv.db";
  static final int SCHEMA_VERSION = 3;
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
    // The agent ids of tombstones, for the purge's walk in agent-id order. Schema 2 had an index
    // (tombstone, agent_id) on every record instead: a random-key B-tree insert per record written,
    // about a sixth of a bulk load's time, for the few records that are tombstones.
    "CREATE TABLE IF NOT EXISTS registry_tombstone (agent_id VARCHAR(1024) PRIMARY KEY)",
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
  // Records put inside a transaction and not yet written: written by the batch at the transaction's
  // end (or at BATCH records, or before any read other than get), so that a delta segment applied
  // record by record costs a few statements per batch, not several per record.
  private final Map<String, RegistryRecord> pending = new LinkedHashMap<>();
  private boolean closed;

  private H2RegistryStore(String name, Connection c) throws SQLException {
    this.name = name;
    this.c = c;
    loadDictionaries();
  }

  /**
   * Opens (or creates) the store {@code base}.mv.db; the directory must exist. A file of schema 1
   * or 2 is migrated to schema 3 (one transaction: all or nothing).
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
      boolean fromV2 = false;
      try (Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE IF NOT EXISTS registry_meta (k VARCHAR(64) PRIMARY KEY,"
                + " v BIGINT NOT NULL)");
        try (ResultSet rs = s.executeQuery("SELECT v FROM registry_meta WHERE k = 'schema'")) {
          if (rs.next()) {
            long v = rs.getLong(1);
            if (v == 1) {
              migrate = true;
            } else if (v == 2) {
              fromV2 = true;
            } else if (v != SCHEMA_VERSION) {
              throw new RegistryStoreException(
                  RegistryStoreException.Code.CORRUPT,
                  file
                      + H2_SUFFIX
                      + " holds registry schema "
                      + v
                      + "; this version reads schemas 1 to "
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
        s.execute("DROP INDEX IF EXISTS registry_record_tomb"); // (schema 2)
        for (String ddl : CREATE) {
          s.execute(ddl);
        }
        if (fromV2) {
          // The copy and the version commit together (H2 commits at each DDL statement above): a
          // crash before leaves schema 2 with an empty table, and the next open copies again.
          s.execute(
              "INSERT INTO registry_tombstone (agent_id)"
                  + " SELECT agent_id FROM registry_record WHERE tombstone");
          s.execute("UPDATE registry_meta SET v = " + SCHEMA_VERSION + " WHERE k = 'schema'");
          LOG.info("registry store {}{}: migrated from schema 2", file, H2_SUFFIX);
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
    RegistryRecord staged = pending.get(agentId);
    if (staged != null) {
      open();
      return Optional.of(staged);
    }
    // No flush: the staged records are all other agents, so the file answers for this one.
    List<RegistryRecord> l =
        read("SELECT data FROM registry_record WHERE agent_id = ?", new Object[] {agentId});
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
  }

  @Override
  public synchronized void put(RegistryRecord record) {
    putAll(List.of(record));
  }

  @Override
  public synchronized void putAll(Collection<RegistryRecord> records) {
    open();
    if (transactionDepth > 0) {
      for (RegistryRecord r : records) {
        pending.put(r.agentId(), r);
        if (pending.size() >= BATCH) {
          flushPending();
        }
      }
      return;
    }
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
            flushPending();
            c.commit();
          } catch (SQLException e) {
            rollback();
            throw failure("commit", e);
          } catch (RuntimeException e) {
            rollback();
            throw e;
          }
        } else {
          rollback();
        }
      }
    }
  }

  /** Writes the records staged in the open transaction; it commits nothing. */
  private void flushPending() {
    if (pending.isEmpty()) {
      return;
    }
    List<RegistryRecord> batch = new ArrayList<>(pending.values());
    pending.clear();
    try {
      writeBatch(batch);
    } catch (SQLException e) {
      throw failure("write " + batch.size() + " records", e);
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
  private record Row(long rid, int[] skills, boolean tombstone) {}

  /**
   * Writes a batch, set-wise so that H2 runs a handful of statements per batch rather than several
   * per record: one query finds the rows already held (their row ids and skill ids), one {@code
   * INSERT ... SELECT FROM UNNEST} adds the new rows, sorted by agent id so that the row keys and
   * the agent-id index grow in order, and one more adds their (skill, row) keys, sorted; held
   * agents are updated in place (same row id, so skill rows that stay are not touched) and their
   * skill rows changed by difference. The same agent twice in a batch: the last one counts, as if
   * written one after the other.
   */
  private void writeBatch(List<RegistryRecord> batch) throws SQLException {
    if (batch.isEmpty()) {
      return;
    }
    TreeMap<String, RegistryRecord> byId = new TreeMap<>();
    for (RegistryRecord r : batch) {
      byId.put(r.agentId(), r);
    }
    Map<String, Row> held = new HashMap<>();
    PreparedStatement find =
        statement(
            "SELECT agent_id, rid, skills, tombstone FROM registry_record WHERE agent_id = ANY(?)");
    find.setObject(1, byId.keySet().toArray(new String[0]));
    try (ResultSet rs = find.executeQuery()) {
      while (rs.next()) {
        held.put(rs.getString(1), new Row(rs.getLong(2), ints(rs.getArray(3)), rs.getBoolean(4)));
      }
    }
    int fresh = byId.size() - held.size();
    Long[] rids = new Long[fresh];
    String[] ids = new String[fresh];
    Integer[] ownerCol = new Integer[fresh];
    Long[] counters = new Long[fresh];
    String[] names = new String[fresh];
    Integer[] statuses = new Integer[fresh];
    Long[] seen = new Long[fresh];
    Boolean[] tombs = new Boolean[fresh];
    Object[] skillCol = new Object[fresh];
    Object[] data = new Object[fresh];
    List<Long> added = new ArrayList<>();
    List<String> tombAdd = new ArrayList<>();
    List<String> tombDel = new ArrayList<>();
    PreparedStatement upd = null;
    PreparedStatement skDel = null;
    int n = 0;
    for (RegistryRecord r : byId.values()) {
      int[] skills = skillIds(r);
      Integer[] boxed = new Integer[skills.length];
      for (int i = 0; i < skills.length; i++) {
        boxed[i] = skills[i];
      }
      Row old = held.get(r.agentId());
      long rid;
      int[] before;
      if (old == null) {
        rid = nextRid++;
        before = new int[0];
        rids[n] = rid;
        ids[n] = r.agentId();
        ownerCol[n] = ownerId(r.home());
        counters[n] = r.version().counter();
        names[n] = r.name();
        statuses[n] = r.status().code();
        seen[n] = r.lastSeen().toEpochMilli();
        tombs[n] = r.tombstone();
        if (r.tombstone()) {
          tombAdd.add(r.agentId());
        }
        skillCol[n] = boxed;
        data[n] = encoder.toBytes(r);
        n++;
      } else {
        rid = old.rid();
        before = old.skills();
        if (r.tombstone() && !old.tombstone()) {
          tombAdd.add(r.agentId());
        } else if (!r.tombstone() && old.tombstone()) {
          tombDel.add(r.agentId());
        }
        if (upd == null) {
          upd =
              statement(
                  "UPDATE registry_record SET owner = ?, counter = ?, name = ?, status = ?,"
                      + " last_seen = ?, tombstone = ?, skills = ?, data = ? WHERE rid = ?");
        }
        upd.setInt(1, ownerId(r.home()));
        upd.setLong(2, r.version().counter());
        upd.setString(3, r.name());
        upd.setInt(4, r.status().code());
        upd.setLong(5, r.lastSeen().toEpochMilli());
        upd.setBoolean(6, r.tombstone());
        upd.setObject(7, boxed);
        upd.setBytes(8, encoder.toBytes(r));
        upd.setLong(9, rid);
        upd.addBatch();
        for (int s : before) {
          if (!contains(skills, s)) {
            if (skDel == null) {
              skDel = statement("DELETE FROM registry_skill WHERE k = ?");
            }
            skDel.setLong(1, skillKey(s, rid));
            skDel.addBatch();
          }
        }
      }
      for (int s : skills) {
        if (!contains(before, s)) {
          added.add(skillKey(s, rid));
        }
      }
    }
    if (upd != null) {
      upd.executeBatch();
    }
    if (skDel != null) {
      skDel.executeBatch();
    }
    if (fresh > 0) {
      PreparedStatement ins =
          statement(
              "INSERT INTO registry_record (rid, agent_id, owner, counter, name, status,"
                  + " last_seen, tombstone, skills, data)"
                  + " SELECT * FROM UNNEST(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      Object[][] cols = {
        rids, ids, ownerCol, counters, names, statuses, seen, tombs, skillCol, data
      };
      for (int i = 0; i < cols.length; i++) {
        ins.setObject(i + 1, cols[i]);
      }
      ins.executeUpdate();
    }
    if (!tombDel.isEmpty()) {
      PreparedStatement p = statement("DELETE FROM registry_tombstone WHERE agent_id = ANY(?)");
      p.setObject(1, tombDel.toArray(new String[0]));
      p.executeUpdate();
    }
    if (!tombAdd.isEmpty()) {
      PreparedStatement p =
          statement("INSERT INTO registry_tombstone (agent_id) SELECT * FROM UNNEST(?)");
      p.setObject(1, tombAdd.toArray(new String[0]));
      p.executeUpdate();
    }
    if (!added.isEmpty()) {
      Long[] keys = added.toArray(new Long[0]);
      Arrays.sort(keys);
      PreparedStatement skAdd = statement("INSERT INTO registry_skill (k) SELECT * FROM UNNEST(?)");
      skAdd.setObject(1, keys);
      skAdd.executeUpdate();
    }
  }

  /** The key of a (skill, row) pair; row ids stay below 2^40. */
  private static long skillKey(int skill, long rid) {
    return (long) skill << RID_BITS | rid;
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
    flushPending();
    try {
      PreparedStatement find =
          statement("SELECT rid, skills, tombstone FROM registry_record WHERE agent_id = ?");
      find.setString(1, agentId);
      Row row = null;
      try (ResultSet rs = find.executeQuery()) {
        if (rs.next()) {
          row = new Row(rs.getLong(1), ints(rs.getArray(2)), rs.getBoolean(3));
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
      if (row.tombstone()) {
        PreparedStatement t = statement("DELETE FROM registry_tombstone WHERE agent_id = ?");
        t.setString(1, agentId);
        t.executeUpdate();
      }
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
    flushPending(); // (staged records may bring new owners and skill names)
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
    flushPending(); // (staged records may bring new owners and skill names)
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
    flushPending();
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
        "SELECT r.data FROM registry_tombstone t JOIN registry_record r ON r.agent_id = t.agent_id"
            + " WHERE t.agent_id > ? ORDER BY t.agent_id LIMIT ?",
        afterAgentId,
        limit);
  }

  @Override
  public synchronized Set<Eid> owners() {
    open();
    flushPending();
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
    flushPending();
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
    flushPending();
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

  /** Runs a query of records, after writing what the open transaction has staged. */
  private List<RegistryRecord> query(String sql, Object... args) {
    open();
    flushPending();
    return read(sql, args);
  }

  private List<RegistryRecord> read(String sql, Object[] args) {
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
    pending.clear();
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
