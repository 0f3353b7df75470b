package dev.ama.manager;

import static dev.ama.manager.TestSupport.T0;
import static dev.ama.manager.TestSupport.edd;
import static dev.ama.manager.TestSupport.hello;
import static dev.ama.manager.TestSupport.nonced;
import static dev.ama.manager.TestSupport.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ama.grammar.lang.Definition;
import dev.ama.manager.TestSupport.RecordingSender;
import dev.ama.manager.TestSupport.TestClock;
import dev.ama.manager.reports.Expectation;
import dev.ama.manager.reports.H2ReportStore;
import dev.ama.manager.reports.ReportQuery;
import dev.ama.manager.reports.StoredReport;
import dev.ama.manager.store.H2ManagerStore;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.ExecSetLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.TextLiteral;
import dev.ama.model.ari.text.AriTextEncoder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagerTest {
  private static final String ME = "ipn:1.1";
  private static final String AGENT = "ipn:2.1";

  @TempDir Path dir;
  private final TestClock clock = new TestClock(T0);
  private final RecordingSender sender = new RecordingSender();
  private final AriTextEncoder text = new AriTextEncoder();
  private Manager manager;

  private Manager open() throws ManagerException {
    Manager m = Manager.builder().eid(ME).dataDirectory(dir).clock(clock).sender(sender).build();
    m.start();
    return m;
  }

  @AfterEach
  void close() {
    if (manager != null) {
      manager.close();
    }
  }

  private void restart() throws ManagerException {
    manager.close();
    manager = open();
  }

  // ---- directory ----

  @Test
  void a_hello_report_puts_the_agent_and_its_models_in_the_directory() throws Exception {
    manager = open();
    manager.onMessage(
        AGENT,
        hello(
            T0,
            ObjectRef.of("ietf", "dtnma-agent", AriType.CONST, "hello"),
            "ietf",
            "dtnma-agent",
            "2026-05-01",
            "example",
            "app",
            ""));
    assertThat(manager.agents())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.eid()).isEqualTo(AGENT);
              assertThat(a.lastHeard()).isEqualTo(T0);
              assertThat(a.reports()).isEqualTo(1);
              assertThat(a.models())
                  .containsExactly("//ietf/dtnma-agent@2026-05-01", "//example/app");
              assertThat(a.stale()).isFalse();
            });
    restart();
    assertThat(manager.agents().get(0).models()).hasSize(2);
    assertThat(manager.hellos().get(AGENT).swVendor()).isEqualTo("ama");
  }

  @Test
  void a_hello_with_enums_is_recognised_and_an_older_hello_does_not_replace_a_newer_one()
      throws Exception {
    manager = open();
    ObjectRef byEnum = ObjectRef.builder().org(1).model(1).type(AriType.CONST).object(0).build();
    manager.onMessage(
        AGENT, hello(T0.plusSeconds(60), byEnum, "ietf", "dtnma-agent", "2026-05-01"));
    manager.onMessage(AGENT, hello(T0, byEnum, "old", "model", "1999-01-01"));
    assertThat(manager.agents().get(0).models()).containsExactly("//ietf/dtnma-agent@2026-05-01");
  }

  @Test
  void the_directory_lists_agents_sent_to_and_flags_the_late_ones_but_not_itself()
      throws Exception {
    manager = open();
    manager.send(
        "ipn:3.1", "ari://ietf/dtnma-agent/CTRL/inspect(//ietf/dtnma-agent/EDD/sw-version)");
    manager.onMessage(AGENT, report(T0, edd("cpu"), IntLiteral.of(1)));
    manager.onMessage(ME, report(T0, edd("cpu"), IntLiteral.of(1)));
    manager.expect(Expectation.anySource(AGENT, Duration.ofMinutes(1), T0));
    assertThat(manager.agents())
        .extracting(AgentInfo::eid, AgentInfo::lastHeard, AgentInfo::stale)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(AGENT, T0, false),
            org.assertj.core.groups.Tuple.tuple("ipn:3.1", null, false));
    clock.advance(Duration.ofSeconds(91));
    assertThat(manager.agents().get(0).stale()).isTrue();
    assertThat(manager.status().agents()).isEqualTo(2);
  }

  // ---- sending ----

  @Test
  void a_send_compiles_the_text_and_sends_one_message_per_execset_with_fresh_nonces()
      throws Exception {
    manager = open();
    SendResult r = manager.send(AGENT, "DEF([*], V1, num-msg-rx * 2)\nPROD(10s, V1)", "ops.ama");
    assertThat(r.nonces()).containsExactly("ari:1", "ari:2");
    assertThat(sender.sent).hasSize(2);
    ExecSetLiteral first = sender.sent.get(0).execSet();
    assertThat(sender.sent.get(0).destination()).isEqualTo(AGENT);
    assertThat(first.nonce()).isEqualTo(IntLiteral.of(1));
    assertThat(text.encode(first))
        .contains("ensure-expr-var(//ama/!m-ipn-1-1/,V1,1,")
        .isEqualTo(r.execSets().get(0));
    // A rule's report goes to this Manager unless the text says otherwise.
    assertThat(r.execSets().get(1))
        .contains("report-on(/AC/(//ama/!m-ipn-1-1/VAR/V1),/AC/(%22ipn%3A1.1%22))");
    assertThat(manager.status().execSetsSent()).isEqualTo(2);
    assertThat(manager.sent("ari:2"))
        .get()
        .satisfies(
            s -> {
              assertThat(s.agent()).isEqualTo(AGENT);
              assertThat(s.source()).contains("PROD(10s, V1)");
              assertThat(s.sent()).isTrue();
            });
  }

  @Test
  void definitions_survive_a_restart_and_a_later_send_names_them_and_continues_enums()
      throws Exception {
    manager = open();
    manager.send(AGENT, "DEF([*], V1, num-msg-rx * 2)\nTEMPLATE t = [V1]\nMACRO m = [REPORT(t)]");
    restart();
    SendResult r = manager.send(AGENT, "DEF([*], V2, V1 + 1)\nIF V2 > 10 THEN m");
    assertThat(r.execSets().get(0))
        .contains("ensure-expr-var(//ama/!m-ipn-1-1/,V2,2,")
        .contains("//ama/!m-ipn-1-1/VAR/V1")
        .contains("ensure-access(/UINT/");
    // V2's access entry is its own, not V1's (whose id the restart must not forget).
    long v1Access =
        manager.definitions(AGENT).stream()
            .filter(d -> d.name().equals("V1"))
            .findFirst()
            .orElseThrow()
            .accessId();
    assertThat(r.execSets().get(0)).doesNotContain("ensure-access(/UINT/" + v1Access + ",");
    assertThat(r.execSets().get(1)).contains("/AC/(//ama/!m-ipn-1-1/CONST/m)");
    assertThat(manager.definitions(AGENT))
        .extracting(Definition::name, Definition::enumValue)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("V1", 1L),
            org.assertj.core.groups.Tuple.tuple("t", 1L),
            org.assertj.core.groups.Tuple.tuple("m", 2L),
            org.assertj.core.groups.Tuple.tuple("V2", 2L),
            org.assertj.core.groups.Tuple.tuple("if-1", 1L));
    // Definitions are per agent: another agent knows none of them.
    assertThatThrownBy(() -> manager.send("ipn:3.1", "DEF([*], W, V1)"))
        .isInstanceOfSatisfying(
            ManagerException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ManagerException.Code.COMPILE);
              assertThat(e.diagnostics()).singleElement().asString().startsWith("<input>:1:");
            });
  }

  @Test
  void nonces_are_never_reused_across_restarts_or_failed_sends() throws Exception {
    manager = open();
    manager.send(
        AGENT,
        "ari:/EXECSET/n=77;(//ietf/dtnma-agent/CTRL/inspect(//ietf/dtnma-agent/EDD/sw-vendor))");
    sender.refuse = true;
    assertThatThrownBy(
            () ->
                manager.send(
                    AGENT,
                    "ari://ietf/dtnma-agent/CTRL/inspect(//ietf/dtnma-agent/EDD/sw-version)"))
        .isInstanceOfSatisfying(
            ManagerException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ManagerException.Code.SEND_FAILED);
              assertThat(e.diagnostics())
                  .singleElement()
                  .asString()
                  .contains("nonce 2: outbox full");
            });
    assertThat(manager.sent("2")).get().extracting(s -> s.failure()).isEqualTo("outbox full");
    sender.refuse = false;
    restart();
    SendResult r =
        manager.send(
            AGENT, "ari://ietf/dtnma-agent/CTRL/inspect(//ietf/dtnma-agent/EDD/sw-version)");
    assertThat(r.nonces()).containsExactly("ari:3");
    assertThat(sender.sent)
        .extracting(s -> s.execSet().nonce())
        .containsExactly(IntLiteral.of(1), IntLiteral.of(3));
    assertThat(manager.status().sendFailures()).isZero(); // counters are since start
  }

  @Test
  void ari_text_sends_one_execset_or_one_control_wrapped_in_one() throws Exception {
    manager = open();
    SendResult wrapped =
        manager.send(
            AGENT, "ari://ietf/dtnma-agent/CTRL/inspect(//ietf/dtnma-agent/EDD/sw-vendor)");
    assertThat(wrapped.execSets())
        .containsExactly(
            "ari:/EXECSET/n=1;(//ietf/dtnma-agent/CTRL/inspect(//ietf/dtnma-agent/EDD/sw-vendor))");
    assertThatThrownBy(() -> manager.send(AGENT, "ari:/INT/5"))
        .isInstanceOfSatisfying(
            ManagerException.class,
            e -> assertThat(e.code()).isEqualTo(ManagerException.Code.COMPILE));
    assertThatThrownBy(() -> manager.send(AGENT, "ari:/EXECSET/n=null;(", "cmd"))
        .isInstanceOfSatisfying(
            ManagerException.class,
            e -> assertThat(e.diagnostics()).singleElement().asString().startsWith("cmd:1:"));
  }

  @Test
  void a_text_that_does_not_compile_reports_every_problem_with_its_line_and_sends_nothing()
      throws Exception {
    manager = open();
    assertThatThrownBy(
            () -> manager.send(AGENT, "DEF([*], V1, nope)\nPROD(1s, also-nope)", "f.ama"))
        .isInstanceOfSatisfying(
            ManagerException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ManagerException.Code.COMPILE);
              assertThat(e.diagnostics())
                  .hasSize(2)
                  .allSatisfy(d -> assertThat(d).matches("f\\.ama:[12]:\\d+: .*"));
            });
    assertThatThrownBy(() -> manager.send("not-an-eid", "PROD(1s, num-msg-rx)"))
        .isInstanceOfSatisfying(
            ManagerException.class,
            e -> assertThat(e.code()).isEqualTo(ManagerException.Code.INVALID_AGENT));
    assertThatThrownBy(() -> manager.send(AGENT, "GROUP A = 1"))
        .isInstanceOfSatisfying(
            ManagerException.class,
            e -> assertThat(e.code()).isEqualTo(ManagerException.Code.COMPILE));
    assertThat(sender.sent).isEmpty();
    assertThat(manager.definitions(AGENT)).isEmpty();
  }

  // ---- receiving ----

  @Test
  void reports_that_come_back_with_a_nonce_are_found_by_it() throws Exception {
    manager = open();
    SendResult r =
        manager.send(
            AGENT, "ari://ietf/dtnma-agent/CTRL/inspect(//ietf/dtnma-agent/EDD/sw-vendor)");
    IntLiteral nonce = IntLiteral.of(1);
    ObjectRef ctrl = ObjectRef.of("ietf", "dtnma-agent", AriType.CTRL, "inspect");
    manager.onMessage(AGENT, nonced(T0, nonce, ctrl, TextLiteral.of("ama")));
    manager.onMessage(AGENT, nonced(T0.plusSeconds(1), nonce, ctrl, TextLiteral.of("again")));
    manager.onMessage(AGENT, report(T0, edd("cpu"), IntLiteral.of(3)));
    List<StoredReport> found = manager.reportsByNonce(r.nonces().get(0), 10);
    assertThat(found)
        .extracting(s -> s.items().get(0))
        .containsExactly(TextLiteral.of("ama"), TextLiteral.of("again"));
    assertThat(manager.reportsByNonce("1", 1)).hasSize(1);
    assertThatThrownBy(() -> manager.reportsByNonce("-4", 10))
        .isInstanceOfSatisfying(
            ManagerException.class,
            e -> assertThat(e.code()).isEqualTo(ManagerException.Code.INVALID_ARGUMENT));
  }

  @Test
  void a_delivery_applied_once_is_never_stored_again_even_after_a_restart() throws Exception {
    manager = open();
    assertThat(manager.appliedUpTo()).isEqualTo(-1);
    manager.onMessage(AGENT, report(T0.minusSeconds(1), edd("cpu"), IntLiteral.of(0)), 0);
    byte[] msg = report(T0, edd("cpu"), IntLiteral.of(1));
    manager.onMessage(AGENT, msg, 1);
    manager.onMessage(AGENT, msg, 1);
    manager.onMessage(AGENT, report(T0.plusSeconds(1), edd("cpu"), IntLiteral.of(2)), 2);
    assertThat(manager.appliedUpTo()).isEqualTo(2);
    restart();
    assertThat(manager.appliedUpTo()).isEqualTo(2);
    manager.onMessage(AGENT, msg, 1);
    manager.onMessage(AGENT, msg, 2);
    assertThat(manager.reports(ReportQuery.all())).hasSize(3);
    assertThat(manager.status().messagesReceived()).isEqualTo(2);
    assertThat(manager.status().reportsStored()).isZero();
  }

  @Test
  void malformed_messages_are_counted_and_logged_store_nothing_and_never_throw() throws Exception {
    manager = open();
    manager.onMessage(AGENT, new byte[0]);
    manager.onMessage(AGENT, new byte[] {2, 0});
    manager.onMessage(AGENT, new byte[] {1, (byte) 0x9f});
    manager.onMessage(AGENT, null);
    manager.onMessage("", report(T0, edd("cpu"), IntLiteral.of(1)));
    // A malformed delivery still moves the cursor: offering it again would not make it better.
    manager.onMessage(AGENT, new byte[] {1, (byte) 0xff}, 7);
    assertThat(manager.appliedUpTo()).isEqualTo(7);
    ManagerStatus s = manager.status();
    assertThat(s.messagesReceived()).isEqualTo(6);
    assertThat(s.messagesRejected()).isEqualTo(6);
    assertThat(manager.reports(ReportQuery.all())).isEmpty();
    assertThat(manager.agents()).isEmpty();
  }

  @Test
  void an_execset_sent_to_a_manager_is_ignored_and_the_reports_beside_it_are_kept()
      throws Exception {
    manager = open();
    byte[] both =
        new dev.ama.model.amp.AmpMessageEncoder()
            .encode(
                dev.ama.model.amp.AmpMessage.of(
                    new ExecSetLiteral(
                        IntLiteral.of(3),
                        List.of(ObjectRef.of("ietf", "dtnma-agent", AriType.CTRL, "inspect"))),
                    new dev.ama.model.amp.AmpMessageDecoder()
                        .decode(report(T0, edd("cpu"), IntLiteral.of(5)))
                        .items()
                        .get(0)));
    manager.onMessage(AGENT, both);
    assertThat(manager.reports(ReportQuery.all())).hasSize(1);
    assertThat(manager.status().messagesRejected()).isZero();
  }

  @Test
  void clear_reports_deletes_what_matches() throws Exception {
    manager = open();
    manager.onMessage(AGENT, report(T0, edd("cpu"), IntLiteral.of(1)));
    manager.onMessage("ipn:3.1", report(T0, edd("cpu"), IntLiteral.of(1)));
    assertThat(manager.clearReports(ReportQuery.all().withAgent(AGENT))).isEqualTo(1);
    assertThat(manager.reports(ReportQuery.all()))
        .extracting(StoredReport::agent)
        .containsExactly("ipn:3.1");
  }

  // ---- building ----

  @Test
  void the_builder_names_the_setting_that_is_wrong() {
    assertThatThrownBy(() -> Manager.builder().dataDirectory(dir).sender(sender).build())
        .hasMessageStartingWith("eid:");
    assertThatThrownBy(() -> Manager.builder().eid(ME).dataDirectory(dir).build())
        .hasMessageStartingWith("sender:");
    assertThatThrownBy(() -> Manager.builder().eid(ME).sender(sender).build())
        .hasMessageStartingWith("dataDirectory:");
    assertThatThrownBy(
            () ->
                Manager.builder()
                    .eid(ME)
                    .sender(sender)
                    .dataDirectory(dir)
                    .namespace("//ama/ops")
                    .build())
        .hasMessageStartingWith("namespace:");
    assertThat(Manager.defaultNamespace("dtn://node-a/mgr")).isEqualTo("//ama/!m-dtn-node-a-mgr");
  }

  @Test
  void a_manager_given_its_stores_uses_them_and_its_own_namespace() throws Exception {
    H2ReportStore reports = H2ReportStore.open(dir.resolve("r"));
    H2ManagerStore state = H2ManagerStore.open(dir.resolve("m"));
    manager =
        Manager.builder()
            .eid(ME)
            .stores(reports, state)
            .namespace("//example/!ops-a")
            .clock(clock)
            .sender(sender)
            .build();
    assertThatThrownBy(() -> manager.agents()).isInstanceOf(IllegalStateException.class);
    manager.start();
    SendResult r = manager.send(AGENT, "DEF([*], V1, 1)");
    assertThat(r.execSets().get(0)).contains("ensure-expr-var(//example/!ops-a/,V1,1,");
    assertThat(state.lastNonce()).isEqualTo(1);
  }
}
