package dev.ama.agent;

import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriDecodeException;
import dev.ama.model.ari.cbor.AriCborDecoder;
import dev.ama.model.ari.cbor.AriCborEncoder;
import dev.ama.rules.schedule.RuleState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AgentStore} in SQL tables of an H2 database file, over JDBC: the definitions log (CBOR,
 * in order), VAR values, rule states and the delivery cursor.
 *
 * <p>Durability: the database runs with {@code WRITE_DELAY 0}, so every commit is written to the
 * file before {@link #commit} returns; a process killed (even with {@code kill -9}) after that
 * loses nothing. A power loss may still lose what the operating system had not yet written to the
 * device: H2 does not force each commit to it.
 */
public final class H2AgentStore implements AgentStore {
  private static final Logger LOG = LoggerFactory.getLogger(H2AgentStore.class);
  private static final String H2_SUFFIX = ".mv.db";
  private static final int SCHEMA_VERSION = 1;

  private static final String[] CREATE = {
    "CREATE TABLE IF NOT EXISTS agent_meta (id INT PRIMARY KEY, schema_version INT NOT NULL,"
        + " applied_up_to BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS agent_definitions (seq BIGINT AUTO_INCREMENT PRIMARY KEY,"
        + " control VARBINARY NOT NULL)",
    "CREATE TABLE IF NOT EXISTS agent_vars (var_key VARCHAR PRIMARY KEY, val VARBINARY NOT NULL)",
    "CREATE TABLE IF NOT EXISTS agent_rules (name VARCHAR PRIMARY KEY, enabled BOOLEAN NOT NULL,"
        + " run_count BIGINT NOT NULL, last_run_s BIGINT, last_run_n INT, next_run_s BIGINT,"
        + " next_run_n INT)"
  };

  private final AriCborEncoder encoder = new AriCborEncoder();
  private final AriCborDecoder decoder = new AriCborDecoder();
  private final String name;
  private final Connection connection;
  private final PreparedStatement insertDefinition;
  private final PreparedStatement mergeVar;
  private final PreparedStatement mergeRule;
  private final PreparedStatement deleteRule;
  private final PreparedStatement updateCursor;
  private long appliedUpTo;
  private boolean closed;

  private H2AgentStore(String name, Connection c) throws SQLException {
    this.name = name;
    this.connection = c;
    this.insertDefinition =
        c.prepareStatement("INSERT INTO agent_definitions (control) VALUES (?)");
    this.mergeVar =
        c.prepareStatement("MERGE INTO agent_vars (var_key, val) KEY (var_key) VALUES (?, ?)");
    this.mergeRule =
        c.prepareStatement(
            "MERGE INTO agent_rules (name, enabled, run_count, last_run_s, last_run_n, next_run_s,"
                + " next_run_n) KEY (name) VALUES (?, ?, ?, ?, ?, ?, ?)");
    this.deleteRule = c.prepareStatement("DELETE FROM agent_rules WHERE name = ?");
    this.updateCursor = c.prepareStatement("UPDATE agent_meta SET applied_up_to = ? WHERE id = 1");
  }

  /**
   * Opens the store in this file, creating it when missing. H2 names the file with the suffix
   * {@code .mv.db}: {@code data/agent} and {@code data/agent.mv.db} open the same file. The
   * directory must exist.
   *
   * @throws AgentStoreException {@code STORE_FAILURE} when the file cannot be opened (another
   *     process holds it, the directory is missing), {@code CORRUPT} when it holds another schema
   */
  public static H2AgentStore open(Path base) {
    String file = base.toAbsolutePath().toString();
    if (file.endsWith(H2_SUFFIX)) {
      file = file.substring(0, file.length() - H2_SUFFIX.length());
    }
    Path dir = Path.of(file).getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new AgentStoreException(
          AgentStoreException.Code.STORE_FAILURE,
          "cannot open the agent store " + file + H2_SUFFIX + ": its directory does not exist");
    }
    Connection c = null;
    try {
      c = DriverManager.getConnection("jdbc:h2:file:" + file + ";WRITE_DELAY=0", "", "");
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        for (String ddl : CREATE) {
          s.execute(ddl);
        }
        try (ResultSet rs = s.executeQuery("SELECT schema_version FROM agent_meta WHERE id = 1")) {
          if (rs.next()) {
            if (rs.getInt(1) != SCHEMA_VERSION) {
              throw new AgentStoreException(
                  AgentStoreException.Code.CORRUPT,
                  file
                      + H2_SUFFIX
                      + " holds agent schema "
                      + rs.getInt(1)
                      + ", not "
                      + SCHEMA_VERSION);
            }
          } else {
            s.execute(
                "INSERT INTO agent_meta (id, schema_version, applied_up_to) VALUES (1, "
                    + SCHEMA_VERSION
                    + ", -1)");
          }
        }
      }
      c.commit();
      H2AgentStore store = new H2AgentStore(file + H2_SUFFIX, c);
      store.appliedUpTo = store.readCursor();
      LOG.info("agent store {} open", store.name);
      return store;
    } catch (SQLException | RuntimeException e) {
      if (c != null) {
        try {
          c.close();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      if (e instanceof AgentStoreException a) {
        throw a;
      }
      throw new AgentStoreException(
          AgentStoreException.Code.STORE_FAILURE,
          "cannot open the agent store " + file + H2_SUFFIX + ": " + e.getMessage(),
          e);
    }
  }

  private long readCursor() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT applied_up_to FROM agent_meta WHERE id = 1")) {
      return rs.next() ? rs.getLong(1) : -1;
    }
  }

  @Override
  public synchronized Contents load() {
    checkOpen();
    try (Statement s = connection.createStatement()) {
      List<Ari> defs = new ArrayList<>();
      try (ResultSet rs =
          s.executeQuery("SELECT seq, control FROM agent_definitions ORDER BY seq")) {
        while (rs.next()) {
          defs.add(decode(rs.getBytes(2), "definition " + rs.getLong(1)));
        }
      }
      Map<String, Ari> vars = new LinkedHashMap<>();
      try (ResultSet rs = s.executeQuery("SELECT var_key, val FROM agent_vars")) {
        while (rs.next()) {
          vars.put(rs.getString(1), decode(rs.getBytes(2), "VAR " + rs.getString(1)));
        }
      }
      Map<String, RuleState> rules = new LinkedHashMap<>();
      try (ResultSet rs =
          s.executeQuery(
              "SELECT name, enabled, run_count, last_run_s, last_run_n, next_run_s, next_run_n"
                  + " FROM agent_rules")) {
        while (rs.next()) {
          rules.put(
              rs.getString(1),
              new RuleState(
                  rs.getString(1),
                  rs.getBoolean(2),
                  rs.getLong(3),
                  instant(rs, 4),
                  instant(rs, 6)));
        }
      }
      connection.commit();
      return new Contents(defs, vars, rules, appliedUpTo);
    } catch (SQLException e) {
      throw new AgentStoreException(
          AgentStoreException.Code.STORE_FAILURE, "cannot read " + name + ": " + e.getMessage(), e);
    }
  }

  private Ari decode(byte[] cbor, String what) {
    try {
      return decoder.decode(cbor);
    } catch (AriDecodeException e) {
      throw new AgentStoreException(
          AgentStoreException.Code.CORRUPT,
          name + ": " + what + " does not decode: " + e.getMessage(),
          e);
    }
  }

  private static Instant instant(ResultSet rs, int col) throws SQLException {
    long s = rs.getLong(col);
    if (rs.wasNull()) {
      return null;
    }
    return Instant.ofEpochSecond(s, rs.getInt(col + 1));
  }

  private static void setInstant(PreparedStatement p, int col, Instant t) throws SQLException {
    if (t == null) {
      p.setNull(col, Types.BIGINT);
      p.setNull(col + 1, Types.INTEGER);
    } else {
      p.setLong(col, t.getEpochSecond());
      p.setInt(col + 1, t.getNano());
    }
  }

  @Override
  public synchronized void commit(StoreChanges changes) {
    checkOpen();
    if (changes.isEmpty()) {
      return;
    }
    try {
      for (Ari d : changes.definitions()) {
        insertDefinition.setBytes(1, encoder.encode(d));
        insertDefinition.addBatch();
      }
      if (!changes.definitions().isEmpty()) {
        insertDefinition.executeBatch();
      }
      for (Map.Entry<String, Ari> v : changes.vars().entrySet()) {
        mergeVar.setString(1, v.getKey());
        mergeVar.setBytes(2, encoder.encode(v.getValue()));
        mergeVar.addBatch();
      }
      if (!changes.vars().isEmpty()) {
        mergeVar.executeBatch();
      }
      for (String r : changes.removedRules()) {
        deleteRule.setString(1, r);
        deleteRule.addBatch();
      }
      if (!changes.removedRules().isEmpty()) {
        deleteRule.executeBatch();
      }
      for (RuleState r : changes.rules().values()) {
        mergeRule.setString(1, r.name());
        mergeRule.setBoolean(2, r.enabled());
        mergeRule.setLong(3, r.count());
        setInstant(mergeRule, 4, r.lastRun());
        setInstant(mergeRule, 6, r.nextRun());
        mergeRule.addBatch();
      }
      if (!changes.rules().isEmpty()) {
        mergeRule.executeBatch();
      }
      long cursor = Math.max(appliedUpTo, changes.cursor());
      if (cursor != appliedUpTo) {
        updateCursor.setLong(1, cursor);
        updateCursor.executeUpdate();
      }
      connection.commit();
      appliedUpTo = cursor;
    } catch (SQLException e) {
      try {
        connection.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new AgentStoreException(
          AgentStoreException.Code.STORE_FAILURE,
          "cannot write to " + name + ": " + e.getMessage(),
          e);
    }
  }

  @Override
  public synchronized long appliedUpTo() {
    return appliedUpTo;
  }

  private void checkOpen() {
    if (closed) {
      throw new AgentStoreException(AgentStoreException.Code.STORE_FAILURE, name + " is closed");
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      connection.close();
      LOG.info("agent store {} closed", name);
    } catch (SQLException e) {
      LOG.warn("closing {} failed: {}", name, e.getMessage());
    }
  }
}
