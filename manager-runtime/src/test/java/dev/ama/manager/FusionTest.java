package dev.ama.manager;

import static dev.ama.manager.TestSupport.T0;
import static dev.ama.manager.TestSupport.edd;
import static dev.ama.manager.TestSupport.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ama.manager.FusionDefinition.Function;
import dev.ama.manager.TestSupport.RecordingSender;
import dev.ama.manager.TestSupport.Sent;
import dev.ama.manager.TestSupport.TestClock;
import dev.ama.manager.reports.ReportQuery;
import dev.ama.manager.reports.StoredReport;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.NullLiteral;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.RealLiteral;
import dev.ama.model.ari.Report;
import dev.ama.model.ari.RptSetLiteral;
import dev.ama.model.ari.TextLiteral;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FusionTest {
  private static final String A = "ipn:1.1";
  private static final String B = "ipn:4.1";
  private static final String EDD1 = "//example/app/EDD/EDD1";
  private static final String EDD2 = "//example/app/EDD/EDD2";

  @TempDir Path dir;
  private final TestClock clock = new TestClock(T0);
  private final RecordingSender sender = new RecordingSender();
  private Manager b;
  private Manager a;

  private Manager open(String eid, Path data, MessageSender out, FusionDefinition... fusions)
      throws ManagerException {
    Manager.Builder builder =
        Manager.builder().eid(eid).dataDirectory(data).clock(clock).sender(out);
    for (FusionDefinition f : fusions) {
      builder.fusion(f);
    }
    Manager m = builder.build();
    m.start();
    return m;
  }

  @AfterEach
  void close() {
    if (b != null) {
      b.close();
    }
    if (a != null) {
      a.close();
    }
  }

  private static FusionDefinition.Builder fusion(String name) {
    return FusionDefinition.builder().name(name).destination(A).acl(A);
  }

  /** The value of the last fused report sent for a fusion. */
  private Ari lastValue(String fusionName) {
    List<Sent> to = sender.to(A);
    for (int i = to.size() - 1; i >= 0; i--) {
      RptSetLiteral set = to.get(i).rptSet();
      Report r = set.reports().get(0);
      if (r.source() instanceof ObjectRef ref && ref.object().text().equals(fusionName)) {
        assertThat(set.nonce()).isEqualTo(NullLiteral.UNTYPED);
        return r.items().get(0);
      }
    }
    return null;
  }

  @Test
  void manager_b_fuses_two_agents_edds_into_a_sum_that_manager_a_receives() throws Exception {
    a = open(A, dir.resolve("a"), sender);
    MessageSender toA =
        (dest, bytes) -> {
          assertThat(dest).isEqualTo(A);
          a.onMessage(B, bytes);
        };
    b =
        open(
            B,
            dir.resolve("b"),
            toA,
            FusionDefinition.builder()
                .name("V0")
                .input("ipn:2.1", EDD1)
                .input("ipn:3.1", EDD2)
                .function(Function.SUM)
                .destination(A)
                .acl(A)
                .build());
    b.onMessage("ipn:2.1", report(T0, edd("EDD1"), IntLiteral.of(10)));
    // Every input is required by default: no partial sum goes out.
    assertThat(a.reports(ReportQuery.all())).isEmpty();
    b.onMessage("ipn:3.1", report(T0, edd("EDD2"), IntLiteral.of(20)));
    List<StoredReport> atA = a.reports(ReportQuery.all().withAgent(B));
    assertThat(atA)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.source())
                  .isEqualTo(ObjectRef.of("ama", "!m-ipn-4-1", AriType.VAR, "V0"));
              assertThat(r.items()).containsExactly(IntLiteral.of(AriType.VAST, 30));
              assertThat(r.nonce()).isEqualTo(NullLiteral.UNTYPED);
            });
    b.onMessage("ipn:2.1", report(T0.plusSeconds(5), edd("EDD1"), IntLiteral.of(15)));
    assertThat(a.reports(ReportQuery.all().withAgent(B)))
        .extracting(r -> r.items().get(0))
        .containsExactly(IntLiteral.of(AriType.VAST, 30), IntLiteral.of(AriType.VAST, 35));
    // B keeps its fused reports too, under its own EID, and does not list itself as an agent.
    assertThat(b.reports(ReportQuery.all().withAgent(B))).hasSize(2);
    assertThat(b.agents()).extracting(AgentInfo::eid).containsExactly("ipn:2.1", "ipn:3.1");
    assertThat(b.status().fusedReportsSent()).isEqualTo(2);
    assertThat(b.status().fusions()).isEqualTo(1);
  }

  @Test
  void each_function_over_the_latest_value_of_every_matching_agent() throws Exception {
    FusionDefinition.Builder base = fusion("x").input("ipn:2.*", EDD1);
    b =
        open(
            B,
            dir.resolve("b"),
            sender,
            base.name("s").function(Function.SUM).build(),
            base.name("avg").function(Function.AVERAGE).build(),
            base.name("lo").function(Function.MIN).build(),
            base.name("hi").function(Function.MAX).build(),
            base.name("n").function(Function.COUNT).build(),
            base.name("last").function(Function.LAST).build(),
            fusion("ints").input("ipn:2.*", EDD1).function(Function.SUM).build());
    b.onMessage("ipn:2.1", report(T0, edd("EDD1"), IntLiteral.of(10)));
    b.onMessage("ipn:2.2", report(T0.plusSeconds(2), edd("EDD1"), IntLiteral.of(AriType.UINT, 20)));
    assertThat(lastValue("ints")).isEqualTo(IntLiteral.of(AriType.VAST, 30));
    b.onMessage(
        "ipn:2.3", report(T0.plusSeconds(1), edd("EDD1"), new RealLiteral(AriType.REAL64, 5.5)));
    // Not a number: counted, left out of the arithmetic.
    b.onMessage("ipn:2.4", report(T0.minusSeconds(1), edd("EDD1"), TextLiteral.of("n/a")));
    // Another agent, another source: not an input.
    b.onMessage("ipn:3.1", report(T0, edd("EDD1"), IntLiteral.of(1000)));
    b.onMessage("ipn:2.1", report(T0, edd("EDD2"), IntLiteral.of(1000)));
    assertThat(lastValue("s")).isEqualTo(new RealLiteral(AriType.REAL64, 35.5));
    assertThat(lastValue("avg")).isEqualTo(new RealLiteral(AriType.REAL64, 35.5 / 3));
    assertThat(lastValue("lo")).isEqualTo(new RealLiteral(AriType.REAL64, 5.5));
    assertThat(lastValue("hi")).isEqualTo(IntLiteral.of(AriType.UINT, 20));
    assertThat(lastValue("n")).isEqualTo(IntLiteral.of(AriType.UVAST, 4));
    assertThat(lastValue("last")).isEqualTo(IntLiteral.of(AriType.UINT, 20));
  }

  @Test
  void a_report_older_than_the_value_kept_does_not_replace_it() throws Exception {
    b =
        open(
            B,
            dir.resolve("b"),
            sender,
            fusion("v").input("ipn:2.1", EDD1).function(Function.LAST).build());
    b.onMessage("ipn:2.1", report(T0.plusSeconds(10), edd("EDD1"), IntLiteral.of(2)));
    b.onMessage("ipn:2.1", report(T0, edd("EDD1"), IntLiteral.of(1)));
    assertThat(sender.to(A)).hasSize(1);
    assertThat(lastValue("v")).isEqualTo(IntLiteral.of(2));
  }

  @Test
  void only_values_within_the_window_count() throws Exception {
    FusionDefinition.Builder windowed =
        fusion("w")
            .input("ipn:2.1", EDD1)
            .input("ipn:3.1", EDD2)
            .function(Function.SUM)
            .window(Duration.ofMinutes(5));
    b =
        open(
            B,
            dir.resolve("b"),
            sender,
            windowed.build(),
            windowed.name("partial").requireAll(false).build());
    b.onMessage("ipn:2.1", report(T0.minusSeconds(600), edd("EDD1"), IntLiteral.of(1)));
    b.onMessage("ipn:3.1", report(T0.minusSeconds(60), edd("EDD2"), IntLiteral.of(2)));
    // EDD1 is ten minutes old: "w" waits for a fresh one, "partial" sums what is fresh.
    assertThat(lastValue("w")).isNull();
    assertThat(lastValue("partial")).isEqualTo(IntLiteral.of(AriType.VAST, 2));
    b.onMessage("ipn:2.1", report(T0, edd("EDD1"), IntLiteral.of(40)));
    assertThat(lastValue("w")).isEqualTo(IntLiteral.of(AriType.VAST, 42));
    clock.advance(Duration.ofMinutes(10));
    b.onMessage("ipn:2.1", report(clock.instant(), edd("EDD1"), IntLiteral.of(7)));
    assertThat(lastValue("partial")).isEqualTo(IntLiteral.of(AriType.VAST, 7));
  }

  @Test
  void an_expression_over_named_inputs() throws Exception {
    b =
        open(
            B,
            dir.resolve("b"),
            sender,
            fusion("ratio")
                .input("used", "ipn:2.1", EDD1, 0)
                .input("total", "ipn:2.1", EDD1, 1)
                .expression("used * 100 / total")
                .build());
    b.onMessage("ipn:2.1", report(T0, edd("EDD1"), IntLiteral.of(30), IntLiteral.of(120)));
    assertThat(lastValue("ratio"))
        .isInstanceOfSatisfying(IntLiteral.class, v -> assertThat(v.longValue()).isEqualTo(25));
    // A missing item is undefined, and so is what is computed from it.
    b.onMessage("ipn:2.1", report(T0.plusSeconds(1), edd("EDD1"), IntLiteral.of(30)));
    assertThat(lastValue("ratio")).isEqualTo(Ari.UNDEFINED);
  }

  @Test
  void a_destination_outside_the_acl_is_refused_when_the_fusion_is_defined() {
    assertThatThrownBy(
            () ->
                FusionDefinition.builder()
                    .name("V0")
                    .input("ipn:2.1", EDD1)
                    .function(Function.SUM)
                    .destination("ipn:9.1")
                    .acl("ipn:1.*")
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("destinations: ipn:9.1 is not in the ACL");
    assertThatThrownBy(
            () ->
                FusionDefinition.builder()
                    .name("V0")
                    .input("ipn:2.1", EDD1)
                    .function(Function.SUM)
                    .destination("ipn:9.1")
                    .build())
        .hasMessageContaining("not in the ACL");
    FusionDefinition ok =
        FusionDefinition.builder()
            .name("V0")
            .input("ipn:2.1", EDD1)
            .function(Function.SUM)
            .destination("ipn:1.7")
            .acl("ipn:1.*")
            .build();
    assertThat(ok.allows("ipn:1.7")).isTrue();
    assertThat(ok.allows("ipn:11.7")).isFalse();
  }

  @Test
  void a_definition_that_is_wrong_names_its_setting() {
    assertThatThrownBy(() -> FusionDefinition.builder().name("bad name").build())
        .hasMessageStartingWith("name:");
    assertThatThrownBy(() -> FusionDefinition.builder().name("v").function(Function.SUM).build())
        .hasMessageStartingWith("inputs:");
    assertThatThrownBy(() -> FusionDefinition.builder().name("v").input("ipn:2.1", EDD1).build())
        .hasMessageStartingWith("function:");
    assertThatThrownBy(
            () ->
                FusionDefinition.builder()
                    .name("v")
                    .input("nobody", EDD1)
                    .function(Function.SUM)
                    .build())
        .hasMessageStartingWith("inputs:");
    assertThatThrownBy(
            () ->
                FusionDefinition.builder()
                    .name("v")
                    .input("ipn:2.1", "//a/b/(")
                    .function(Function.SUM)
                    .build())
        .hasMessageContaining("is not ARI text");
    assertThatThrownBy(
            () ->
                FusionDefinition.builder()
                    .name("v")
                    .input("a", "ipn:2.*", EDD1, 0)
                    .expression("a + 1")
                    .build())
        .hasMessageContaining("names one agent, not the glob");
    assertThatThrownBy(
            () ->
                FusionDefinition.builder()
                    .name("v")
                    .input("a", "ipn:2.1", EDD1, 0)
                    .expression("a + nope")
                    .build())
        .hasMessageStartingWith("expression: fusion v:1:5:");
    assertThatThrownBy(
            () ->
                FusionDefinition.builder()
                    .name("v")
                    .input("a", "ipn:2.1", EDD1, 0)
                    .expression("a + //ietf/dtnma-agent/EDD/num-msg-rx")
                    .build())
        .hasMessageContaining("an expression reads its inputs only");
    assertThatThrownBy(
            () ->
                FusionDefinition.builder()
                    .name("v")
                    .input("ipn:2.1", EDD1)
                    .function(Function.SUM)
                    .window(Duration.ZERO)
                    .build())
        .hasMessageStartingWith("window:");
  }

  @Test
  void fusions_added_later_are_persisted_and_fed_from_the_stored_reports_after_a_restart()
      throws Exception {
    b = open(B, dir.resolve("b"), sender);
    b.onMessage("ipn:2.1", report(T0, edd("EDD1"), IntLiteral.of(10)));
    b.addFusion(
        fusion("V0").input("ipn:2.1", EDD1).input("ipn:3.1", EDD2).function(Function.SUM).build());
    b.close();
    b = open(B, dir.resolve("b"), sender);
    assertThat(b.fusions()).extracting(FusionDefinition::name).containsExactly("V0");
    // EDD1 came before the fusion existed and before the restart: the store still feeds it.
    b.onMessage("ipn:3.1", report(T0, edd("EDD2"), IntLiteral.of(5)));
    assertThat(lastValue("V0")).isEqualTo(IntLiteral.of(AriType.VAST, 15));
    b.removeFusion("V0");
    b.close();
    b = open(B, dir.resolve("b"), sender);
    assertThat(b.fusions()).isEmpty();
    assertThatThrownBy(() -> b.removeFusion("V0"))
        .isInstanceOfSatisfying(
            ManagerException.class,
            e -> assertThat(e.code()).isEqualTo(ManagerException.Code.INVALID_FUSION));
  }

  @Test
  void a_source_sent_with_enums_matches_an_input_written_with_names() throws Exception {
    b =
        open(
            B,
            dir.resolve("b"),
            sender,
            fusion("rx")
                .input("ipn:2.*", "//ietf/dtnma-agent/EDD/num-msg-rx")
                .function(Function.SUM)
                .build());
    ObjectRef byEnum = ObjectRef.builder().org(1).model(1).type(AriType.EDD).object(3).build();
    b.onMessage("ipn:2.1", report(T0, byEnum, IntLiteral.of(4)));
    b.onMessage(
        "ipn:2.2",
        report(
            T0, ObjectRef.of("ietf", "dtnma-agent", AriType.EDD, "num-msg-rx"), IntLiteral.of(5)));
    assertThat(lastValue("rx")).isEqualTo(IntLiteral.of(AriType.VAST, 9));
  }

  @Test
  void a_destination_that_refuses_is_counted_and_the_others_still_get_it() throws Exception {
    b =
        open(
            B,
            dir.resolve("b"),
            (dest, bytes) -> {
              if (dest.equals("ipn:1.2")) {
                throw new java.io.IOException("no route");
              }
              sender.send(dest, bytes);
            },
            FusionDefinition.builder()
                .name("v")
                .input("ipn:2.1", EDD1)
                .function(Function.LAST)
                .destination("ipn:1.2")
                .destination(A)
                .acl("ipn:1.*")
                .build());
    b.onMessage("ipn:2.1", report(T0, edd("EDD1"), IntLiteral.of(3)));
    assertThat(sender.sent.stream().map(Sent::destination).collect(Collectors.toList()))
        .containsExactly(A);
    assertThat(b.status().sendFailures()).isEqualTo(1);
    assertThat(b.status().fusedReportsSent()).isEqualTo(1);
  }
}
