package dev.ama.bench;

import dev.ama.manager.reports.H2ReportStore;
import dev.ama.manager.reports.ReceivedRptSet;
import dev.ama.manager.reports.ReportQuery;
import dev.ama.manager.reports.StoredReport;
import dev.ama.model.ari.Report;
import dev.ama.model.ari.RptSetLiteral;
import dev.ama.model.ari.TimeLiteral;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Manager's report store: RPTSETs (one report of 10 items, {@link Samples#rptSet()}) stored in
 * an H2 file in a temporary directory, in batches of 100 and 500 per {@code ingestAll}, beside the
 * naive baseline of one RPTSET per transaction; and a query by agent and time range returning 100
 * reports from a store of 100,000.
 *
 * <p>The ingest methods count one operation per RPTSET, so their ops/s are RPTSETs/s. Run: {@code
 * java -jar bench/target/benchmarks.jar ReportIngestBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@Threads(1)
public class ReportIngestBenchmark {
  /** Agents the RPTSETs come from, in turn. */
  static final int AGENTS = 10;

  /** RPTSETs in the store the query benchmark reads. */
  static final int QUERY_STORE_SIZE = 100_000;

  /** Reports one query returns. */
  static final int QUERY_ROWS = 100;

  private static final Instant START = Instant.parse("2026-11-21T10:00:00Z");

  private Path dir;
  private H2ReportStore ingestStore;
  private H2ReportStore queryStore;
  private RptSetLiteral template;
  private long sequence;
  private long queryRound;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("ama-report-bench");
    ingestStore = H2ReportStore.open(dir.resolve("ingest"));
    queryStore = H2ReportStore.open(dir.resolve("query"));
    template = Samples.rptSet();
    for (int i = 0; i < QUERY_STORE_SIZE; i += 500) {
      queryStore.ingestAll(batch(500));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    ingestStore.close();
    queryStore.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }

  /**
   * The next RPTSET: the sample's content, from the next agent in turn, with a reference time one
   * second after the previous one of the same agent (so each agent's reports are a time series).
   */
  RptSetLiteral next() {
    long n = sequence++;
    Instant ref = START.plusSeconds(n / AGENTS);
    Report r = template.reports().get(0);
    return new RptSetLiteral(
        template.nonce(),
        TimeLiteral.tp(ref),
        List.of(new Report(r.relativeTime(), r.source(), r.items())));
  }

  private static String agent(long n) {
    return "ipn:" + (100 + n % AGENTS) + ".1";
  }

  List<ReceivedRptSet> batch(int size) {
    List<ReceivedRptSet> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      String agent = agent(sequence);
      RptSetLiteral set = next();
      out.add(new ReceivedRptSet(agent, set, set.referenceTime().toInstant().plusSeconds(2)));
    }
    return out;
  }

  /** 100 RPTSETs in one transaction. */
  @Benchmark
  @OperationsPerInvocation(100)
  public int ingestBatch100() {
    return ingestStore.ingestAll(batch(100));
  }

  /** 500 RPTSETs in one transaction. */
  @Benchmark
  @OperationsPerInvocation(500)
  public int ingestBatch500() {
    return ingestStore.ingestAll(batch(500));
  }

  /** Baseline: one RPTSET per transaction, as a naive handler would store each on arrival. */
  @Benchmark
  public int ingestOnePerTransactionBaseline() {
    String agent = agent(sequence);
    RptSetLiteral set = next();
    return ingestStore.ingest(agent, set, set.referenceTime().toInstant().plusSeconds(2));
  }

  /**
   * One agent's reports over a 100-second window (100 reports) from the store of 100,000, decoded;
   * the window moves on each call.
   */
  @Benchmark
  public List<StoredReport> queryAgentTimeRange() {
    long perAgent = QUERY_STORE_SIZE / AGENTS;
    long offset = (queryRound++ * 37) % (perAgent - QUERY_ROWS);
    Instant from = START.plusSeconds(offset);
    return queryStore.query(
        ReportQuery.all()
            .withAgent(agent(queryRound))
            .withTimeRange(from, from.plusSeconds(QUERY_ROWS)));
  }
}
