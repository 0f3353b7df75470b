package dev.ama.manager.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.AmLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.BytesLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.NullLiteral;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.RealLiteral;
import dev.ama.model.ari.Report;
import dev.ama.model.ari.RptSetLiteral;
import dev.ama.model.ari.TextLiteral;
import dev.ama.model.ari.TimeLiteral;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2ReportStoreTest {
  private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
  private static final ObjectRef CPU = ObjectRef.of("example", "host", AriType.EDD, "cpu");
  private static final ObjectRef DISK = ObjectRef.of("example", "host", AriType.EDD, "disk");

  @TempDir Path dir;

  private H2ReportStore open() {
    return H2ReportStore.open(dir.resolve("reports"));
  }

  /** An RPTSET at {@code t0 + offsetSeconds} with one report per source, 1 s apart. */
  private static RptSetLiteral rptSet(long offsetSeconds, Ari nonce, ObjectRef... sources) {
    List<Report> reports =
        java.util.stream.IntStream.range(0, sources.length)
            .mapToObj(
                i ->
                    new Report(
                        TimeLiteral.td(i, 0),
                        sources[i],
                        List.<Ari>of(IntLiteral.of(AriType.UVAST, offsetSeconds * 10 + i))))
            .toList();
    return new RptSetLiteral(nonce, TimeLiteral.tp(T0.plusSeconds(offsetSeconds)), reports);
  }

  private static List<Ari> variedItems() {
    Map<Ari, Ari> map = new LinkedHashMap<>();
    map.put(TextLiteral.of("load"), new RealLiteral(AriType.REAL64, 0.75));
    map.put(IntLiteral.of(3), AcLiteral.of(IntLiteral.of(-4), TextLiteral.of("x")));
    return List.of(
        IntLiteral.of(AriType.INT, -17),
        IntLiteral.ofUnsigned(AriType.UVAST, -1L),
        new RealLiteral(AriType.REAL32, 1.5),
        new TextLiteral(AriType.TEXTSTR, "héllo, world"),
        TimeLiteral.tp(T0.plusMillis(250)),
        TimeLiteral.td(Duration.ofMillis(1500)),
        AcLiteral.of(IntLiteral.of(1), AcLiteral.of(TextLiteral.of("nested"))),
        new AmLiteral(map),
        BytesLiteral.of(new byte[] {1, 2, 3}),
        Ari.UNDEFINED,
        CPU);
  }

  @Test
  void stores_every_report_of_an_rptset_and_reads_it_back_equal() {
    RptSetLiteral set =
        new RptSetLiteral(
            IntLiteral.of(42),
            TimeLiteral.tp(T0),
            List.of(
                new Report(TimeLiteral.td(0, 0), CPU, variedItems()),
                new Report(TimeLiteral.td(2, 500_000_000), DISK, List.of()),
                new Report(TimeLiteral.td(5, 0), CPU, List.of(IntLiteral.of(7)))));
    Instant arrival = T0.plusSeconds(30);
    try (H2ReportStore store = open()) {
      assertThat(store.ingest("ipn:2.1", set, arrival)).isEqualTo(3);
      List<StoredReport> got = store.query(ReportQuery.all());
      assertThat(got).extracting(StoredReport::report).containsExactlyElementsOf(set.reports());
      assertThat(got).extracting(StoredReport::agent).containsOnly("ipn:2.1");
      assertThat(got).extracting(StoredReport::nonce).containsOnly(IntLiteral.of(42));
      assertThat(got).extracting(StoredReport::arrival).containsOnly(arrival);
      assertThat(got)
          .extracting(StoredReport::referenceTime)
          .containsExactly(T0, T0.plusMillis(2500), T0.plusSeconds(5));
      assertThat(got.get(0).items()).isEqualTo(variedItems());
      assertThat(got).extracting(StoredReport::setReferenceTime).containsOnly(set.referenceTime());
    }
  }

  @Test
  void keeps_null_and_byte_string_nonces() {
    try (H2ReportStore store = open()) {
      store.ingest("a", rptSet(0, NullLiteral.UNTYPED, CPU), T0);
      store.ingest("a", rptSet(1, BytesLiteral.of(new byte[] {9, 8}), CPU), T0);
      assertThat(store.query(ReportQuery.all()))
          .extracting(StoredReport::nonce)
          .containsExactly(NullLiteral.UNTYPED, BytesLiteral.of(new byte[] {9, 8}));
    }
  }

  @Test
  void finds_reports_by_agent_source_and_time_range() {
    try (H2ReportStore store = open()) {
      store.ingestAll(
          List.of(
              new ReceivedRptSet("a", rptSet(0, NullLiteral.UNTYPED, CPU, DISK), T0.plusSeconds(1)),
              new ReceivedRptSet(
                  "b", rptSet(10, NullLiteral.UNTYPED, CPU, DISK), T0.plusSeconds(11)),
              new ReceivedRptSet(
                  "a", rptSet(20, NullLiteral.UNTYPED, CPU, DISK), T0.plusSeconds(21))));
      assertThat(store.count(ReportQuery.all())).isEqualTo(6);
      assertThat(store.count(ReportQuery.all().withAgent("a"))).isEqualTo(4);
      assertThat(store.count(ReportQuery.all().withSource(DISK))).isEqualTo(3);
      assertThat(store.count(ReportQuery.all().withAgent("nobody"))).isZero();

      // [T0 + 1 s, T0 + 20 s): a's DISK at 1 s, b's CPU at 10 s, b's DISK at 11 s.
      ReportQuery range = ReportQuery.all().withTimeRange(T0.plusSeconds(1), T0.plusSeconds(20));
      assertThat(store.query(range))
          .extracting(StoredReport::referenceTime)
          .containsExactly(T0.plusSeconds(1), T0.plusSeconds(10), T0.plusSeconds(11));

      List<StoredReport> aDisk =
          store.query(
              ReportQuery.all()
                  .withAgent("a")
                  .withSource(DISK)
                  .withTimeRange(T0, T0.plusSeconds(30)));
      assertThat(aDisk)
          .extracting(StoredReport::referenceTime)
          .containsExactly(T0.plusSeconds(1), T0.plusSeconds(21));
      assertThat(aDisk).extracting(StoredReport::source).containsOnly(DISK);

      assertThat(store.query(ReportQuery.all().withArrivedSince(T0.plusSeconds(11))))
          .extracting(StoredReport::agent)
          .containsExactly("b", "b", "a", "a");
      assertThat(store.count(ReportQuery.all().withAgent("a").withArrivedSince(T0.plusSeconds(11))))
          .isEqualTo(2);
      assertThat(store.count(ReportQuery.all().withTimeRange(T0.plusSeconds(20), null)))
          .isEqualTo(2);
    }
  }

  @Test
  void orders_by_reference_time_then_arrival_and_honours_the_limit() {
    try (H2ReportStore store = open()) {
      // Ingested out of order: later reference times first, and two equal reference times that
      // arrived in the opposite order.
      store.ingest("a", rptSet(30, NullLiteral.UNTYPED, CPU), T0.plusSeconds(100));
      store.ingest("a", rptSet(10, IntLiteral.of(2), CPU), T0.plusSeconds(60));
      store.ingest("b", rptSet(10, IntLiteral.of(1), CPU), T0.plusSeconds(50));
      store.ingest("a", rptSet(20, NullLiteral.UNTYPED, CPU), T0.plusSeconds(70));
      List<StoredReport> all = store.query(ReportQuery.all());
      assertThat(all)
          .extracting(StoredReport::referenceTime)
          .containsExactly(
              T0.plusSeconds(10), T0.plusSeconds(10), T0.plusSeconds(20), T0.plusSeconds(30));
      assertThat(all.subList(0, 2))
          .extracting(StoredReport::nonce)
          .containsExactly(IntLiteral.of(1), IntLiteral.of(2));
      assertThat(store.query(ReportQuery.all().withLimit(3))).isEqualTo(all.subList(0, 3));
      assertThat(store.count(ReportQuery.all().withLimit(1))).isEqualTo(4);
    }
  }

  @Test
  void clears_matching_reports_and_keeps_the_rest() {
    try (H2ReportStore store = open()) {
      store.ingest("a", rptSet(0, NullLiteral.UNTYPED, CPU, DISK), T0);
      store.ingest("b", rptSet(10, NullLiteral.UNTYPED, CPU, DISK), T0.plusSeconds(10));
      assertThat(store.clear(ReportQuery.all().withAgent("a").withSource(CPU))).isEqualTo(1);
      assertThat(store.query(ReportQuery.all()))
          .extracting(StoredReport::agent, StoredReport::source)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("a", DISK),
              org.assertj.core.groups.Tuple.tuple("b", CPU),
              org.assertj.core.groups.Tuple.tuple("b", DISK));
      assertThat(store.agents())
          .containsExactly(
              new AgentSummary("a", T0, 1), new AgentSummary("b", T0.plusSeconds(10), 2));
      assertThat(store.clear(ReportQuery.all().withLimit(1))).isEqualTo(3);
      assertThat(store.count(ReportQuery.all())).isZero();
      // Clearing forgets the reports, not when each agent was last heard.
      assertThat(store.agents())
          .containsExactly(
              new AgentSummary("a", T0, 0), new AgentSummary("b", T0.plusSeconds(10), 0));
    }
  }

  @Test
  void lists_agents_with_last_arrival_and_count() {
    try (H2ReportStore store = open()) {
      assertThat(store.agents()).isEmpty();
      store.ingest("ipn:3.1", rptSet(0, NullLiteral.UNTYPED, CPU), T0.plusSeconds(5));
      store.ingest("ipn:2.1", rptSet(0, NullLiteral.UNTYPED, CPU, DISK), T0.plusSeconds(9));
      // An RPTSET that arrives late (an older arrival) does not move the last arrival back.
      store.ingest("ipn:2.1", rptSet(0, NullLiteral.UNTYPED, DISK), T0.plusSeconds(7));
      assertThat(store.agents())
          .containsExactly(
              new AgentSummary("ipn:2.1", T0.plusSeconds(9), 3),
              new AgentSummary("ipn:3.1", T0.plusSeconds(5), 1));
    }
  }

  @Test
  void everything_is_still_there_after_close_and_reopen() {
    List<StoredReport> before;
    List<AgentSummary> agentsBefore;
    Expectation expectation = Expectation.of("a", CPU, Duration.ofMinutes(5), T0);
    try (H2ReportStore store = open()) {
      store.ingest("a", rptSet(0, IntLiteral.of(5), CPU, DISK), T0);
      store.ingestAll(
          List.of(
              new ReceivedRptSet("b", rptSet(1, NullLiteral.UNTYPED, CPU), T0.plusSeconds(1)),
              new ReceivedRptSet("c", rptSet(2, NullLiteral.UNTYPED, DISK), T0.plusSeconds(2))));
      store.expect(expectation);
      before = store.query(ReportQuery.all());
      agentsBefore = store.agents();
    }
    try (H2ReportStore store = H2ReportStore.open(dir.resolve("reports.mv.db"))) {
      assertThat(store.query(ReportQuery.all())).isEqualTo(before).hasSize(4);
      assertThat(store.agents()).isEqualTo(agentsBefore);
      assertThat(store.expectations()).containsExactly(expectation);
      // New rows continue after the old ones.
      store.ingest("a", rptSet(3, NullLiteral.UNTYPED, CPU), T0.plusSeconds(3));
      assertThat(store.query(ReportQuery.all()).get(4).id()).isGreaterThan(before.get(3).id());
    }
  }

  @Test
  void a_periodic_source_is_stale_only_after_its_period_plus_the_margin() {
    Duration period = Duration.ofSeconds(60);
    Duration margin = Duration.ofSeconds(10);
    try (H2ReportStore store = open()) {
      store.expect(Expectation.of("a", CPU, period, T0));
      store.ingest("a", rptSet(0, NullLiteral.UNTYPED, CPU), T0.plusSeconds(5));
      assertThat(store.stale(T0.plusSeconds(75), margin)).isEmpty();
      assertThat(store.stale(T0.plusSeconds(75).plusNanos(1), margin))
          .containsExactly(
              new Staleness(
                  "a",
                  "ari://example/host/EDD/cpu",
                  Optional.of(T0.plusSeconds(5)),
                  period,
                  T0.plusSeconds(75)));
      // Reports from another source do not count for this one.
      store.ingest("a", rptSet(0, NullLiteral.UNTYPED, DISK), T0.plusSeconds(80));
      assertThat(store.stale(T0.plusSeconds(90), margin)).hasSize(1);
      // A report from it arriving clears it.
      store.ingest("a", rptSet(85, NullLiteral.UNTYPED, CPU), T0.plusSeconds(86));
      assertThat(store.stale(T0.plusSeconds(90), margin)).isEmpty();
      assertThat(store.stale(T0.plusSeconds(157), margin)).hasSize(1);
    }
  }

  @Test
  void an_agent_never_heard_from_is_stale_from_its_registration() {
    try (H2ReportStore store = open()) {
      store.expect(Expectation.anySource("ipn:9.1", Duration.ofSeconds(30), T0));
      assertThat(store.stale(T0.plusSeconds(30), Duration.ZERO)).isEmpty();
      assertThat(store.stale(T0.plusSeconds(31), Duration.ZERO))
          .containsExactly(
              new Staleness(
                  "ipn:9.1",
                  Expectation.ANY,
                  Optional.empty(),
                  Duration.ofSeconds(30),
                  T0.plusSeconds(30)));
      store.ingest("ipn:9.1", rptSet(0, NullLiteral.UNTYPED, DISK), T0.plusSeconds(40));
      assertThat(store.stale(T0.plusSeconds(45), Duration.ZERO)).isEmpty();
      // Re-registering replaces the expectation; one heard before its registration is timed
      // from the registration.
      store.expect(Expectation.anySource("ipn:9.1", Duration.ofSeconds(100), T0.plusSeconds(200)));
      assertThat(store.stale(T0.plusSeconds(300), Duration.ZERO)).isEmpty();
      assertThat(store.stale(T0.plusSeconds(301), Duration.ZERO)).hasSize(1);
      assertThat(store.unexpect("ipn:9.1", Expectation.ANY)).isTrue();
      assertThat(store.unexpect("ipn:9.1", Expectation.ANY)).isFalse();
      assertThat(store.stale(T0.plusSeconds(301), Duration.ZERO)).isEmpty();
    }
  }

  @Test
  void a_wildcard_agent_covers_every_agent_heard_from_unless_a_specific_one_applies() {
    try (H2ReportStore store = open()) {
      store.expect(Expectation.of(Expectation.ANY, CPU, Duration.ofSeconds(60), T0));
      store.expect(Expectation.of("b", CPU, Duration.ofSeconds(600), T0));
      store.ingest("a", rptSet(0, NullLiteral.UNTYPED, CPU), T0);
      store.ingest("b", rptSet(0, NullLiteral.UNTYPED, CPU), T0);
      store.ingest("c", rptSet(0, NullLiteral.UNTYPED, DISK), T0);
      assertThat(store.stale(T0.plusSeconds(61), Duration.ZERO))
          .extracting(Staleness::agent, Staleness::lastHeard)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("a", Optional.of(T0)),
              org.assertj.core.groups.Tuple.tuple("c", Optional.empty()));
    }
  }

  @Test
  void an_invalid_query_gives_the_typed_error() {
    assertThatThrownBy(() -> ReportQuery.all().withTimeRange(T0.plusSeconds(1), T0))
        .isInstanceOfSatisfying(
            ReportStoreException.class,
            e -> assertThat(e.code()).isEqualTo(ReportStoreException.Code.INVALID_QUERY));
    assertThatThrownBy(() -> ReportQuery.all().withTimeRange(T0, T0))
        .isInstanceOfSatisfying(
            ReportStoreException.class,
            e -> assertThat(e.code()).isEqualTo(ReportStoreException.Code.INVALID_QUERY));
    assertThatThrownBy(() -> ReportQuery.all().withLimit(0))
        .isInstanceOfSatisfying(
            ReportStoreException.class,
            e -> assertThat(e.code()).isEqualTo(ReportStoreException.Code.INVALID_QUERY));
    assertThatThrownBy(() -> ReportQuery.all().withLimit(ReportQuery.MAX_LIMIT + 1))
        .isInstanceOfSatisfying(
            ReportStoreException.class,
            e -> assertThat(e.code()).isEqualTo(ReportStoreException.Code.INVALID_QUERY));
    assertThat(ReportQuery.all().withLimit(ReportQuery.MAX_LIMIT).limit())
        .isEqualTo(ReportQuery.MAX_LIMIT);
  }

  @Test
  void bad_arguments_and_a_closed_store_give_typed_errors() {
    H2ReportStore store = open();
    assertThatThrownBy(() -> store.ingest(" ", rptSet(0, NullLiteral.UNTYPED, CPU), T0))
        .isInstanceOfSatisfying(
            ReportStoreException.class,
            e -> assertThat(e.code()).isEqualTo(ReportStoreException.Code.INVALID_ARGUMENT));
    assertThatThrownBy(() -> Expectation.of("a", CPU, Duration.ZERO, T0))
        .isInstanceOfSatisfying(
            ReportStoreException.class,
            e -> assertThat(e.code()).isEqualTo(ReportStoreException.Code.INVALID_ARGUMENT));
    store.close();
    store.close();
    assertThatThrownBy(() -> store.query(ReportQuery.all()))
        .isInstanceOfSatisfying(
            ReportStoreException.class,
            e -> assertThat(e.code()).isEqualTo(ReportStoreException.Code.CLOSED));
    assertThatThrownBy(() -> store.ingest("a", rptSet(0, NullLiteral.UNTYPED, CPU), T0))
        .isInstanceOfSatisfying(
            ReportStoreException.class,
            e -> assertThat(e.code()).isEqualTo(ReportStoreException.Code.CLOSED));
  }

  @Test
  void a_file_held_by_another_store_gives_a_store_failure() {
    try (H2ReportStore store = open()) {
      assertThat(store.count(ReportQuery.all())).isZero();
      assertThatThrownBy(() -> H2ReportStore.open(dir.resolve("missing-dir/reports")))
          .isInstanceOfSatisfying(
              ReportStoreException.class,
              e -> assertThat(e.code()).isEqualTo(ReportStoreException.Code.STORE_FAILURE));
    }
  }

  @Test
  void times_beyond_the_column_range_are_saturated_and_kept_exactly() {
    RptSetLiteral far =
        new RptSetLiteral(
            NullLiteral.UNTYPED,
            TimeLiteral.tp(Long.MAX_VALUE, 0),
            List.of(new Report(TimeLiteral.td(Long.MAX_VALUE, 0), CPU, List.of())));
    try (H2ReportStore store = open()) {
      store.ingest("a", far, T0);
      StoredReport r = store.query(ReportQuery.all()).get(0);
      assertThat(r.referenceTime()).isEqualTo(Instant.parse("2262-04-11T23:47:16.854775807Z"));
      assertThat(r.report()).isEqualTo(far.reports().get(0));
      assertThat(r.setReferenceTime()).isEqualTo(far.referenceTime());
    }
  }
}
