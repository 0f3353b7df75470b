package dev.ama.manager.reports;

import dev.ama.manager.reports.internal.Schema;
import dev.ama.manager.reports.internal.Times;
import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriDecodeException;
import dev.ama.model.ari.NullLiteral;
import dev.ama.model.ari.Report;
import dev.ama.model.ari.RptSetLiteral;
import dev.ama.model.ari.TimeLiteral;
import dev.ama.model.ari.cbor.AriCborDecoder;
import dev.ama.model.ari.cbor.AriCborEncoder;
import dev.ama.model.ari.text.AriTextEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ReportStore} in SQL tables of an H2 database file, over JDBC.
 *
 * <p>One connection, used under a lock: H2 runs one statement at a time per database anyway, and
 * the work that can run in parallel (CBOR and text encoding of the reports, decoding of the rows
 * read) happens outside the lock. Each call is one transaction; a call that fails rolls back.
 *
 * <p>Durability: the database is opened with H2's {@code WRITE_DELAY=0}, so each commit is written
 * to the file before the call returns: a JVM killed after a call returned has lost nothing of it.
 * (The operating system may still hold the write in its cache; a power cut can lose what it had not
 * flushed.)
 */
public final class H2ReportStore implements ReportStore {
  private static final Logger LOG = LoggerFactory.getLogger(H2ReportStore.class);
  private static final String H2_SUFFIX = ".mv.db";

  private final AriCborEncoder cbor = new AriCborEncoder();
  private final AriCborDecoder decoder = new AriCborDecoder();
  private final AriTextEncoder text = new AriTextEncoder();
  private final ReentrantLock lock = new ReentrantLock();
  private final String name;
  private final Connection connection;
  private final PreparedStatement insertReport;
  private final PreparedStatement mergeHeard;
  private volatile boolean closed;

  private H2ReportStore(String name, Connection connection) throws SQLException {
    this.name = name;
    this.connection = connection;
    this.insertReport = connection.prepareStatement(Schema.INSERT_REPORT);
    this.mergeHeard = connection.prepareStatement(Schema.MERGE_HEARD);
  }

  /**
   * Opens the store in this file, creating it and its tables when missing. H2 names the file with
   * the suffix {@code .mv.db}: {@code data/reports} and {@code data/reports.mv.db} open the same
   * file. The directory must exist.
   *
   * @throws ReportStoreException {@link ReportStoreException.Code#STORE_FAILURE} when the file
   *     cannot be opened (for instance, another process holds it) or holds another schema version
   */
  public static H2ReportStore open(Path file) {
    String base = file.toAbsolutePath().toString();
    if (base.endsWith(H2_SUFFIX)) {
      base = base.substring(0, base.length() - H2_SUFFIX.length());
    }
    if (!Files.isDirectory(Path.of(base).getParent())) {
      throw new ReportStoreException(
          ReportStoreException.Code.STORE_FAILURE,
          "cannot open the report store " + base + H2_SUFFIX + ": its directory does not exist");
    }
    Connection c = null;
    try {
      // WRITE_DELAY=0: a commit is written to the file before it returns, not a second later.
      c = DriverManager.getConnection("jdbc:h2:file:" + base + ";WRITE_DELAY=0", "", "");
      c.setAutoCommit(false);
      createSchema(c);
      H2ReportStore store = new H2ReportStore(base + H2_SUFFIX, c);
      LOG.info("report store {} open", store.name);
      return store;
    } catch (SQLException | RuntimeException e) {
      if (c != null) {
        try {
          c.close();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      if (e instanceof ReportStoreException r) {
        throw r;
      }
      throw new ReportStoreException(
          ReportStoreException.Code.STORE_FAILURE,
          "cannot open the report store " + base + H2_SUFFIX + ": " + e.getMessage(),
          e);
    }
  }

  private static void createSchema(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String ddl : Schema.CREATE) {
        s.execute(ddl);
      }
      try (ResultSet rs = s.executeQuery(Schema.READ_VERSION)) {
        if (rs.next()) {
          String found = rs.getString(1);
          if (!String.valueOf(Schema.VERSION).equals(found)) {
            throw new ReportStoreException(
                ReportStoreException.Code.STORE_FAILURE,
                "the file holds report store schema version "
                    + found
                    + ", this program reads version "
                    + Schema.VERSION);
          }
        } else {
          try (PreparedStatement p = c.prepareStatement(Schema.WRITE_VERSION)) {
            p.setString(1, String.valueOf(Schema.VERSION));
            p.executeUpdate();
          }
        }
      }
    }
    c.commit();
  }

  /** One report ready to insert: everything encoded. */
  private record Row(
      String agent,
      byte[] nonce,
      TimeLiteral setTime,
      TimeLiteral relTime,
      long refTime,
      long arrival,
      String source,
      byte[] sourceCbor,
      byte[] items) {}

  private record HeardKey(String agent, String source) {}

  private record Heard(long lastArrival, long reports) {}

  @Override
  public int ingestAll(List<ReceivedRptSet> received) {
    return ingest(received, -1);
  }

  @Override
  public int ingestAll(List<ReceivedRptSet> received, long deliverySequence) {
    if (deliverySequence < 0) {
      throw new ReportStoreException(
          ReportStoreException.Code.INVALID_ARGUMENT,
          "a delivery sequence is not negative: " + deliverySequence);
    }
    return ingest(received, deliverySequence);
  }

  /** Stores the reports, and records the sequence when it is not negative. */
  private int ingest(List<ReceivedRptSet> received, long deliverySequence) {
    // Encode outside the lock, so that callers on several threads encode in parallel.
    List<Row> rows = new ArrayList<>();
    Map<HeardKey, Heard> heard = new LinkedHashMap<>();
    for (ReceivedRptSet r : received) {
      RptSetLiteral set = r.rptSet();
      byte[] nonce = set.nonce() instanceof NullLiteral ? null : cbor.encode(set.nonce());
      long arrival = Times.unixNanos(r.arrival());
      for (Report report : set.reports()) {
        String source = text.encode(report.source());
        byte[] items = cbor.encode(new AcLiteral(report.items()));
        if (source.length() > Schema.MAX_VALUE_LENGTH || items.length > Schema.MAX_VALUE_LENGTH) {
          throw new ReportStoreException(
              ReportStoreException.Code.INVALID_ARGUMENT,
              "a report from "
                  + r.agent()
                  + " is too large to store: its source text or its items' CBOR exceed "
                  + Schema.MAX_VALUE_LENGTH
                  + " characters or bytes");
        }
        rows.add(
            new Row(
                r.agent(),
                nonce,
                set.referenceTime(),
                report.relativeTime(),
                Times.absolute(set.referenceTime(), report.relativeTime()),
                arrival,
                source,
                cbor.encode(report.source()),
                items));
        heard.merge(
            new HeardKey(r.agent(), source),
            new Heard(arrival, 1),
            (a, b) -> new Heard(Math.max(a.lastArrival(), b.lastArrival()), a.reports() + 1));
      }
    }
    if (rows.isEmpty() && deliverySequence < 0) {
      checkOpen();
      return 0;
    }
    return inTransaction(
        "store " + rows.size() + " reports",
        () -> {
          if (deliverySequence >= 0) {
            if (deliverySequence <= readApplied()) {
              return 0;
            }
            try (PreparedStatement p = connection.prepareStatement(Schema.WRITE_APPLIED)) {
              p.setString(1, Long.toString(deliverySequence));
              p.executeUpdate();
            }
            if (rows.isEmpty()) {
              return 0;
            }
          }
          for (Row row : rows) {
            insertReport.setString(1, row.agent());
            insertReport.setBytes(2, row.nonce());
            insertReport.setLong(3, row.setTime().seconds());
            insertReport.setInt(4, row.setTime().nanos());
            insertReport.setLong(5, row.relTime().seconds());
            insertReport.setInt(6, row.relTime().nanos());
            insertReport.setLong(7, row.refTime());
            insertReport.setLong(8, row.arrival());
            insertReport.setString(9, row.source());
            insertReport.setBytes(10, row.sourceCbor());
            insertReport.setBytes(11, row.items());
            insertReport.addBatch();
          }
          insertReport.executeBatch();
          for (Map.Entry<HeardKey, Heard> e : heard.entrySet()) {
            mergeHeard.setString(1, e.getKey().agent());
            mergeHeard.setString(2, e.getKey().source());
            mergeHeard.setLong(3, e.getValue().lastArrival());
            mergeHeard.setLong(4, e.getValue().reports());
            mergeHeard.addBatch();
          }
          mergeHeard.executeBatch();
          return rows.size();
        });
  }

  @Override
  public long appliedUpTo() {
    return inTransaction("read the applied delivery sequence", this::readApplied);
  }

  private long readApplied() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(Schema.READ_APPLIED)) {
      return rs.next() ? Long.parseLong(rs.getString(1)) : -1;
    }
  }

  @Override
  public List<StoredReport> byNonce(Ari nonce, int limit) {
    if (nonce == null || nonce instanceof NullLiteral) {
      throw new ReportStoreException(
          ReportStoreException.Code.INVALID_ARGUMENT, "a nonce to look for is not null");
    }
    if (limit < 1 || limit > ReportQuery.MAX_LIMIT) {
      throw new ReportStoreException(
          ReportStoreException.Code.INVALID_QUERY,
          "the limit must be from 1 to " + ReportQuery.MAX_LIMIT + ", not " + limit);
    }
    List<Object> params = new ArrayList<>();
    params.add(cbor.encode(nonce));
    params.add(limit);
    return select(Schema.SELECT_REPORTS + " WHERE nonce = ?" + Schema.ORDER, params);
  }

  @Override
  public List<StoredReport> query(ReportQuery query) {
    List<Object> params = new ArrayList<>();
    String sql = Schema.SELECT_REPORTS + where(query, params) + Schema.ORDER;
    params.add(query.limit());
    return select(sql, params);
  }

  private List<StoredReport> select(String sql, List<Object> params) {
    record Raw(
        long id,
        String agent,
        byte[] nonce,
        TimeLiteral setTime,
        TimeLiteral relTime,
        long refTime,
        long arrival,
        byte[] source,
        byte[] items) {}
    List<Raw> raws = new ArrayList<>();
    inTransaction(
        "query reports",
        () -> {
          try (PreparedStatement p = prepare(sql, params);
              ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
              raws.add(
                  new Raw(
                      rs.getLong(1),
                      rs.getString(2),
                      rs.getBytes(3),
                      TimeLiteral.tp(rs.getLong(4), rs.getInt(5)),
                      TimeLiteral.td(rs.getLong(6), rs.getInt(7)),
                      rs.getLong(8),
                      rs.getLong(9),
                      rs.getBytes(10),
                      rs.getBytes(11)));
            }
          }
          return null;
        });
    // Decode outside the lock.
    List<StoredReport> out = new ArrayList<>(raws.size());
    for (Raw r : raws) {
      Ari nonce;
      Ari source;
      Ari items;
      try {
        nonce = r.nonce() == null ? NullLiteral.UNTYPED : decoder.decode(r.nonce());
        source = decoder.decode(r.source());
        items = decoder.decode(r.items());
      } catch (AriDecodeException e) {
        throw new ReportStoreException(
            ReportStoreException.Code.STORE_FAILURE,
            "stored report " + r.id() + " in " + name + " does not decode: " + e.getMessage(),
            e);
      }
      if (!(items instanceof AcLiteral ac)) {
        throw new ReportStoreException(
            ReportStoreException.Code.STORE_FAILURE,
            "stored report " + r.id() + " in " + name + " has items that are not an AC");
      }
      out.add(
          new StoredReport(
              r.id(),
              r.agent(),
              nonce,
              source,
              Times.instant(r.refTime()),
              Times.instant(r.arrival()),
              ac.items(),
              r.setTime(),
              r.relTime()));
    }
    return out;
  }

  @Override
  public long count(ReportQuery query) {
    List<Object> params = new ArrayList<>();
    String sql = "SELECT COUNT(*) FROM report" + where(query, params);
    return inTransaction(
        "count reports",
        () -> {
          long n;
          try (PreparedStatement p = prepare(sql, params);
              ResultSet rs = p.executeQuery()) {
            rs.next();
            n = rs.getLong(1);
          }
          return n;
        });
  }

  @Override
  public long clear(ReportQuery query) {
    List<Object> params = new ArrayList<>();
    String sql = "DELETE FROM report" + where(query, params);
    return inTransaction(
        "clear reports",
        () -> {
          long n;
          try (PreparedStatement p = prepare(sql, params)) {
            n = p.executeLargeUpdate();
          }
          try (Statement s = connection.createStatement()) {
            s.executeUpdate(Schema.RECOUNT_HEARD);
          }
          LOG.info("cleared {} reports from {}", n, name);
          return n;
        });
  }

  @Override
  public List<AgentSummary> agents() {
    return inTransaction(
        "list agents",
        () -> {
          List<AgentSummary> out = new ArrayList<>();
          try (Statement s = connection.createStatement();
              ResultSet rs = s.executeQuery(Schema.AGENTS)) {
            while (rs.next()) {
              out.add(
                  new AgentSummary(rs.getString(1), Times.instant(rs.getLong(2)), rs.getLong(3)));
            }
          }
          return out;
        });
  }

  @Override
  public void expect(Expectation expectation) {
    inTransaction(
        "register an expectation",
        () -> {
          try (PreparedStatement p = connection.prepareStatement(Schema.MERGE_EXPECTATION)) {
            p.setString(1, expectation.agent());
            p.setString(2, expectation.source());
            p.setLong(3, expectation.period().getSeconds());
            p.setInt(4, expectation.period().getNano());
            p.setLong(5, Times.unixNanos(expectation.registered()));
            p.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public boolean unexpect(String agent, String source) {
    return inTransaction(
        "remove an expectation",
        () -> {
          int n;
          try (PreparedStatement p = connection.prepareStatement(Schema.DELETE_EXPECTATION)) {
            p.setString(1, agent);
            p.setString(2, source);
            n = p.executeUpdate();
          }
          return n > 0;
        });
  }

  @Override
  public List<Expectation> expectations() {
    return inTransaction(
        "list expectations",
        () -> {
          List<Expectation> out = readExpectations();
          return out;
        });
  }

  private List<Expectation> readExpectations() throws SQLException {
    List<Expectation> out = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(Schema.EXPECTATIONS)) {
      while (rs.next()) {
        out.add(
            new Expectation(
                rs.getString(1),
                rs.getString(2),
                Duration.ofSeconds(rs.getLong(3), rs.getInt(4)),
                Times.instant(rs.getLong(5))));
      }
    }
    return out;
  }

  @Override
  public List<Staleness> stale(Instant now, Duration margin) {
    if (now == null || margin == null || margin.isNegative()) {
      throw new ReportStoreException(
          ReportStoreException.Code.INVALID_ARGUMENT,
          "staleness needs a time and a margin that is not negative, not " + margin);
    }
    Map<String, Map<String, Long>> heard = new TreeMap<>();
    List<Expectation> expectations =
        inTransaction(
            "read what was heard",
            () -> {
              List<Expectation> read = readExpectations();
              try (Statement s = connection.createStatement();
                  ResultSet rs = s.executeQuery(Schema.HEARD)) {
                while (rs.next()) {
                  heard
                      .computeIfAbsent(rs.getString(1), a -> new HashMap<>())
                      .put(rs.getString(2), rs.getLong(3));
                }
              }
              return read;
            });
    // Wildcard agents first, so that a specific expectation for the same pair replaces them.
    Map<HeardKey, Expectation> applying = new HashMap<>();
    for (Expectation e : expectations) {
      if (e.agent().equals(Expectation.ANY)) {
        for (String agent : heard.keySet()) {
          applying.put(new HeardKey(agent, e.source()), e);
        }
      }
    }
    for (Expectation e : expectations) {
      if (!e.agent().equals(Expectation.ANY)) {
        applying.put(new HeardKey(e.agent(), e.source()), e);
      }
    }
    List<Staleness> out = new ArrayList<>();
    for (Map.Entry<HeardKey, Expectation> entry : applying.entrySet()) {
      HeardKey key = entry.getKey();
      Expectation e = entry.getValue();
      Map<String, Long> bySource = heard.getOrDefault(key.agent(), Map.of());
      Optional<Long> last =
          key.source().equals(Expectation.ANY)
              ? bySource.values().stream().max(Long::compare)
              : Optional.ofNullable(bySource.get(key.source()));
      Optional<Instant> lastHeard = last.map(Times::instant);
      Instant base = lastHeard.filter(t -> t.isAfter(e.registered())).orElse(e.registered());
      Duration allowed;
      try {
        allowed = e.period().plus(margin);
      } catch (ArithmeticException tooLong) {
        continue; // Longer than any clock will run: never late.
      }
      if (Duration.between(base, now).compareTo(allowed) > 0) {
        out.add(
            new Staleness(key.agent(), key.source(), lastHeard, e.period(), base.plus(allowed)));
      }
    }
    out.sort(Comparator.comparing(Staleness::agent).thenComparing(Staleness::source));
    return out;
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
        insertReport.close();
        mergeHeard.close();
        connection.close();
        LOG.info("report store {} closed", name);
      } catch (SQLException e) {
        throw failed("close", e);
      }
    } finally {
      lock.unlock();
    }
  }

  /** The WHERE clause of a query, its parameters appended to {@code params}. */
  private static String where(ReportQuery q, List<Object> params) {
    List<String> terms = new ArrayList<>();
    if (q.agent() != null) {
      terms.add("agent = ?");
      params.add(q.agent());
    }
    if (q.source() != null) {
      terms.add("source = ?");
      params.add(q.source());
    }
    if (q.from() != null) {
      terms.add("ref_time >= ?");
      params.add(Times.unixNanos(q.from()));
    }
    if (q.to() != null) {
      terms.add("ref_time < ?");
      params.add(Times.unixNanos(q.to()));
    }
    if (q.arrivedSince() != null) {
      terms.add("arrival >= ?");
      params.add(Times.unixNanos(q.arrivedSince()));
    }
    return terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms);
  }

  private PreparedStatement prepare(String sql, List<Object> params) throws SQLException {
    PreparedStatement p = connection.prepareStatement(sql);
    try {
      for (int i = 0; i < params.size(); i++) {
        Object v = params.get(i);
        if (v instanceof String s) {
          p.setString(i + 1, s);
        } else if (v instanceof Long l) {
          p.setLong(i + 1, l);
        } else if (v instanceof Integer n) {
          p.setInt(i + 1, n);
        } else if (v instanceof byte[] b) {
          p.setBytes(i + 1, b);
        } else {
          p.setNull(i + 1, Types.NULL);
        }
      }
      return p;
    } catch (SQLException e) {
      p.close();
      throw e;
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new ReportStoreException(
          ReportStoreException.Code.CLOSED, "the report store " + name + " is closed");
    }
  }

  /** One unit of work against the connection, in one transaction. */
  @FunctionalInterface
  private interface Work<T> {
    T run() throws SQLException;
  }

  /**
   * Runs {@code work} under the lock in one transaction: committed when it returns, rolled back and
   * wrapped in a {@link ReportStoreException} saying what could not be done when it fails.
   */
  private <T> T inTransaction(String what, Work<T> work) {
    lock.lock();
    try {
      checkOpen();
      T result = work.run();
      connection.commit();
      return result;
    } catch (SQLException e) {
      throw failed(what, e);
    } finally {
      lock.unlock();
    }
  }

  /** Rolls back and wraps a database failure. Called with the lock held. */
  private ReportStoreException failed(String what, SQLException e) {
    try {
      if (!connection.isClosed()) {
        connection.rollback();
      }
    } catch (SQLException rollback) {
      e.addSuppressed(rollback);
    }
    LOG.warn("report store {}: cannot {}", name, what, e);
    return new ReportStoreException(
        ReportStoreException.Code.STORE_FAILURE,
        "the report store " + name + " cannot " + what + ": " + e.getMessage(),
        e);
  }
}
