package dev.ama.manager.store;

import dev.ama.grammar.ari.AriTextDecoder;
import dev.ama.grammar.lang.Definition;
import dev.ama.manager.reports.internal.Times;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriDecodeException;
import dev.ama.model.ari.ExecSetLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.text.AriTextEncoder;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ManagerStore} in SQL tables of an H2 database file, over JDBC; one connection under a
 * lock, one transaction per call. Opened with {@code WRITE_DELAY=0}: a commit is in the file when
 * the call returns. docs/manager.md ("Manager state") describes the tables.
 */
public final class H2ManagerStore implements ManagerStore {
  private static final Logger LOG = LoggerFactory.getLogger(H2ManagerStore.class);
  private static final String H2_SUFFIX = ".mv.db";
  private static final int VERSION = 1;

  private static final List<String> CREATE =
      List.of(
          "CREATE TABLE IF NOT EXISTS meta (name VARCHAR(64) PRIMARY KEY, val VARCHAR(256) NOT NULL)",
          "CREATE TABLE IF NOT EXISTS sent ("
              + " nonce BIGINT PRIMARY KEY,"
              + " agent VARCHAR NOT NULL,"
              + " sent_at BIGINT NOT NULL,"
              + " execset CHARACTER LARGE OBJECT NOT NULL,"
              + " source CHARACTER LARGE OBJECT NOT NULL,"
              + " failure VARCHAR)",
          "CREATE INDEX IF NOT EXISTS sent_agent ON sent (agent, nonce)",
          "CREATE TABLE IF NOT EXISTS definition ("
              + " agent VARCHAR NOT NULL,"
              + " ref VARCHAR NOT NULL,"
              + " kind VARCHAR(16) NOT NULL,"
              + " name VARCHAR NOT NULL,"
              + " enum_value BIGINT NOT NULL,"
              + " role VARCHAR(16) NOT NULL,"
              + " access_id BIGINT NOT NULL,"
              + " seq BIGINT NOT NULL,"
              + " PRIMARY KEY (agent, ref))",
          "CREATE TABLE IF NOT EXISTS hello ("
              + " agent VARCHAR PRIMARY KEY,"
              + " hello_time BIGINT NOT NULL,"
              + " sw_vendor VARCHAR NOT NULL,"
              + " sw_version VARCHAR NOT NULL,"
              + " models CHARACTER LARGE OBJECT NOT NULL)",
          "CREATE TABLE IF NOT EXISTS fusion ("
              + " name VARCHAR PRIMARY KEY,"
              + " spec CHARACTER LARGE OBJECT NOT NULL)");

  private final AriTextEncoder text = new AriTextEncoder();
  private final ReentrantLock lock = new ReentrantLock();
  private final String name;
  private final Connection connection;
  private volatile boolean closed;

  private H2ManagerStore(String name, Connection connection) {
    this.name = name;
    this.connection = connection;
  }

  /**
   * Opens the store in this file ({@code data/manager} opens {@code data/manager.mv.db}), creating
   * it and its tables when missing. The directory must exist.
   *
   * @throws ManagerStoreException {@code STORE_FAILURE} when the file cannot be opened (another
   *     process holds it) or holds another schema version
   */
  public static H2ManagerStore open(Path file) {
    String base = file.toAbsolutePath().toString();
    if (base.endsWith(H2_SUFFIX)) {
      base = base.substring(0, base.length() - H2_SUFFIX.length());
    }
    if (!Files.isDirectory(Path.of(base).getParent())) {
      throw new ManagerStoreException(
          ManagerStoreException.Code.STORE_FAILURE,
          "cannot open the manager store " + base + H2_SUFFIX + ": its directory does not exist");
    }
    Connection c = null;
    try {
      // WRITE_DELAY=0: a commit is written to the file before it returns.
      c = DriverManager.getConnection("jdbc:h2:file:" + base + ";WRITE_DELAY=0", "", "");
      c.setAutoCommit(false);
      createSchema(c);
      H2ManagerStore store = new H2ManagerStore(base + H2_SUFFIX, c);
      LOG.info("manager store {} open", store.name);
      return store;
    } catch (SQLException | RuntimeException e) {
      if (c != null) {
        try {
          c.close();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      if (e instanceof ManagerStoreException m) {
        throw m;
      }
      throw new ManagerStoreException(
          ManagerStoreException.Code.STORE_FAILURE,
          "cannot open the manager store " + base + H2_SUFFIX + ": " + e.getMessage(),
          e);
    }
  }

  private static void createSchema(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String ddl : CREATE) {
        s.execute(ddl);
      }
      String found = readMeta(c, "schema_version");
      if (found == null) {
        writeMeta(c, "schema_version", String.valueOf(VERSION));
        writeMeta(c, "last_nonce", "0");
      } else if (!String.valueOf(VERSION).equals(found)) {
        throw new ManagerStoreException(
            ManagerStoreException.Code.STORE_FAILURE,
            "the file holds manager store schema version "
                + found
                + ", this program reads version "
                + VERSION);
      }
    }
    c.commit();
  }

  private static String readMeta(Connection c, String key) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT val FROM meta WHERE name = ?")) {
      p.setString(1, key);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static void writeMeta(Connection c, String key, String value) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("MERGE INTO meta (name, val) KEY (name) VALUES (?, ?)")) {
      p.setString(1, key);
      p.setString(2, value);
      p.executeUpdate();
    }
  }

  @Override
  public List<SentExecSet> recordSend(
      String agent,
      Instant time,
      String source,
      List<ExecSetLiteral> execSets,
      List<Definition> definitions) {
    if (agent == null || agent.isBlank() || time == null || source == null) {
      throw new ManagerStoreException(
          ManagerStoreException.Code.INVALID_ARGUMENT, "a send needs an agent, a time and a text");
    }
    return inTransaction(
        "record a send to " + agent,
        () -> {
          long nonce = Long.parseLong(readMeta(connection, "last_nonce"));
          List<SentExecSet> out = new ArrayList<>();
          try (PreparedStatement p =
              connection.prepareStatement(
                  "INSERT INTO sent (nonce, agent, sent_at, execset, source) VALUES (?, ?, ?, ?, ?)")) {
            for (ExecSetLiteral es : execSets) {
              nonce = Math.addExact(nonce, 1);
              String execSet = text.encode(new ExecSetLiteral(IntLiteral.of(nonce), es.targets()));
              p.setLong(1, nonce);
              p.setString(2, agent);
              p.setLong(3, Times.unixNanos(time));
              p.setString(4, execSet);
              p.setString(5, source);
              p.addBatch();
              out.add(new SentExecSet(nonce, agent, time, execSet, source, null));
            }
            p.executeBatch();
          }
          writeMeta(connection, "last_nonce", Long.toString(nonce));
          long seq = nextDefinitionSeq();
          try (PreparedStatement p =
              connection.prepareStatement(
                  "MERGE INTO definition (agent, ref, kind, name, enum_value, role, access_id, seq)"
                      + " KEY (agent, ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Definition d : definitions) {
              p.setString(1, agent);
              p.setString(2, text.encode(d.ref()));
              p.setString(3, d.kind().name());
              p.setString(4, d.name());
              p.setLong(5, d.enumValue());
              p.setString(6, d.role().name());
              p.setLong(7, d.accessId());
              p.setLong(8, seq++);
              p.addBatch();
            }
            p.executeBatch();
          }
          return out;
        });
  }

  private long nextDefinitionSeq() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(seq), 0) + 1 FROM definition")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public void markFailed(long nonce, String reason) {
    inTransaction(
        "mark nonce " + nonce + " failed",
        () -> {
          try (PreparedStatement p =
              connection.prepareStatement("UPDATE sent SET failure = ? WHERE nonce = ?")) {
            p.setString(1, reason == null || reason.isBlank() ? "refused" : reason);
            p.setLong(2, nonce);
            p.executeUpdate();
          }
          return null;
        });
  }

  private static final String SELECT_SENT =
      "SELECT nonce, agent, sent_at, execset, source, failure FROM sent";

  @Override
  public Optional<SentExecSet> sent(long nonce) {
    return inTransaction(
        "read nonce " + nonce,
        () -> {
          try (PreparedStatement p =
              connection.prepareStatement(SELECT_SENT + " WHERE nonce = ?")) {
            p.setLong(1, nonce);
            List<SentExecSet> found = readSent(p);
            return found.stream().findFirst();
          }
        });
  }

  @Override
  public List<SentExecSet> sentTo(String agent, int limit) {
    return inTransaction(
        "list what was sent to " + agent,
        () -> {
          try (PreparedStatement p =
              connection.prepareStatement(
                  SELECT_SENT + " WHERE agent = ? ORDER BY nonce DESC LIMIT ?")) {
            p.setString(1, agent);
            p.setInt(2, Math.max(1, limit));
            return readSent(p);
          }
        });
  }

  private static List<SentExecSet> readSent(PreparedStatement p) throws SQLException {
    List<SentExecSet> out = new ArrayList<>();
    try (ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        out.add(
            new SentExecSet(
                rs.getLong(1),
                rs.getString(2),
                Times.instant(rs.getLong(3)),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6)));
      }
    }
    return out;
  }

  @Override
  public long lastNonce() {
    return inTransaction(
        "read the last nonce", () -> Long.parseLong(readMeta(connection, "last_nonce")));
  }

  @Override
  public List<Definition> definitions(String agent) {
    List<String[]> rows = new ArrayList<>();
    inTransaction(
        "list the definitions on " + agent,
        () -> {
          try (PreparedStatement p =
              connection.prepareStatement(
                  "SELECT ref, enum_value, role, access_id FROM definition WHERE agent = ?"
                      + " ORDER BY seq")) {
            p.setString(1, agent);
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) {
                rows.add(
                    new String[] {
                      rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)
                    });
              }
            }
          }
          return null;
        });
    AriTextDecoder decoder = new AriTextDecoder();
    List<Definition> out = new ArrayList<>();
    for (String[] r : rows) {
      try {
        Ari ref = decoder.decode(r[0]);
        if (!(ref instanceof ObjectRef o)) {
          throw new AriDecodeException(
              AriDecodeException.Code.INVALID_VALUE,
              AriDecodeException.Unit.CHARACTER,
              0,
              "not an object reference");
        }
        out.add(
            new Definition(
                o, Long.parseLong(r[1]), Definition.Role.valueOf(r[2]), Long.parseLong(r[3])));
      } catch (AriDecodeException | IllegalArgumentException e) {
        throw new ManagerStoreException(
            ManagerStoreException.Code.STORE_FAILURE,
            "definition "
                + r[0]
                + " of "
                + agent
                + " in "
                + name
                + " does not read back: "
                + e.getMessage(),
            e);
      }
    }
    return out;
  }

  @Override
  public List<String> agentsSentTo() {
    return inTransaction(
        "list the agents sent to",
        () -> {
          List<String> out = new ArrayList<>();
          try (Statement s = connection.createStatement();
              ResultSet rs = s.executeQuery("SELECT DISTINCT agent FROM sent ORDER BY agent")) {
            while (rs.next()) {
              out.add(rs.getString(1));
            }
          }
          return out;
        });
  }

  @Override
  public boolean putHello(AgentHello hello) {
    return inTransaction(
        "keep the hello of " + hello.agent(),
        () -> {
          long time = Times.unixNanos(hello.time());
          try (PreparedStatement p =
              connection.prepareStatement("SELECT hello_time FROM hello WHERE agent = ?")) {
            p.setString(1, hello.agent());
            try (ResultSet rs = p.executeQuery()) {
              if (rs.next() && rs.getLong(1) > time) {
                return false;
              }
            }
          }
          try (PreparedStatement p =
              connection.prepareStatement(
                  "MERGE INTO hello (agent, hello_time, sw_vendor, sw_version, models)"
                      + " KEY (agent) VALUES (?, ?, ?, ?, ?)")) {
            p.setString(1, hello.agent());
            p.setLong(2, time);
            p.setString(3, hello.swVendor());
            p.setString(4, hello.swVersion());
            p.setString(5, String.join("\n", hello.models()));
            p.executeUpdate();
          }
          return true;
        });
  }

  @Override
  public Map<String, AgentHello> hellos() {
    return inTransaction(
        "list the hellos",
        () -> {
          Map<String, AgentHello> out = new TreeMap<>();
          try (Statement s = connection.createStatement();
              ResultSet rs =
                  s.executeQuery(
                      "SELECT agent, hello_time, sw_vendor, sw_version, models FROM hello")) {
            while (rs.next()) {
              String models = rs.getString(5);
              out.put(
                  rs.getString(1),
                  new AgentHello(
                      rs.getString(1),
                      Times.instant(rs.getLong(2)),
                      rs.getString(3),
                      rs.getString(4),
                      models.isEmpty() ? List.of() : List.of(models.split("\n"))));
            }
          }
          return out;
        });
  }

  @Override
  public void putFusion(String fusionName, String spec) {
    inTransaction(
        "keep fusion " + fusionName,
        () -> {
          try (PreparedStatement p =
              connection.prepareStatement(
                  "MERGE INTO fusion (name, spec) KEY (name) VALUES (?, ?)")) {
            p.setString(1, fusionName);
            p.setString(2, spec);
            p.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public boolean removeFusion(String fusionName) {
    return inTransaction(
        "remove fusion " + fusionName,
        () -> {
          try (PreparedStatement p =
              connection.prepareStatement("DELETE FROM fusion WHERE name = ?")) {
            p.setString(1, fusionName);
            return p.executeUpdate() > 0;
          }
        });
  }

  @Override
  public Map<String, String> fusions() {
    return inTransaction(
        "list the fusions",
        () -> {
          Map<String, String> out = new LinkedHashMap<>();
          try (Statement s = connection.createStatement();
              ResultSet rs = s.executeQuery("SELECT name, spec FROM fusion ORDER BY name")) {
            while (rs.next()) {
              out.put(rs.getString(1), rs.getString(2));
            }
          }
          return out;
        });
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      try {
        connection.close();
        LOG.info("manager store {} closed", name);
      } catch (SQLException e) {
        throw failed("close", e);
      }
    } finally {
      lock.unlock();
    }
  }

  @FunctionalInterface
  private interface Work<T> {
    T run() throws SQLException;
  }

  private <T> T inTransaction(String what, Work<T> work) {
    lock.lock();
    try {
      if (closed) {
        throw new ManagerStoreException(
            ManagerStoreException.Code.CLOSED, "the manager store " + name + " is closed");
      }
      T result = work.run();
      connection.commit();
      return result;
    } catch (SQLException | ArithmeticException | NumberFormatException e) {
      throw failed(what, e);
    } catch (RuntimeException e) {
      rollbackQuietly(e);
      throw e;
    } finally {
      lock.unlock();
    }
  }

  private void rollbackQuietly(Exception cause) {
    try {
      if (!connection.isClosed()) {
        connection.rollback();
      }
    } catch (SQLException rollback) {
      cause.addSuppressed(rollback);
    }
  }

  /** Rolls back and wraps a failure. Called with the lock held. */
  private ManagerStoreException failed(String what, Exception e) {
    rollbackQuietly(e);
    LOG.warn("manager store {}: cannot {}", name, what, e);
    return new ManagerStoreException(
        ManagerStoreException.Code.STORE_FAILURE,
        "the manager store " + name + " cannot " + what + ": " + e.getMessage(),
        e);
  }
}
