package dev.ama.agent;

import static dev.ama.agent.AgentFixture.MGR;
import static dev.ama.agent.AgentFixture.T0;
import static dev.ama.agent.AgentFixture.ari;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.BoolLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.RealLiteral;
import dev.ama.model.ari.RptSetLiteral;
import dev.ama.model.ari.TblLiteral;
import dev.ama.model.ari.TextLiteral;
import dev.ama.rules.schedule.VirtualRuleScheduler;
import dev.ama.transport.Priority;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {
  private static final String DA = "//ietf/dtnma-agent/";
  private static final String ACL = "//ietf/dtnma-agent-acl/";
  private static final String NS = "//ama/!t/";
  private static final String TO = "ipn:5.1";

  @TempDir Path dir;

  private Supplier<AgentStore> h2() {
    return () -> H2AgentStore.open(dir.resolve("agent"));
  }

  private static AgentFixture agent(Instant at, AgentStore store, Thermo thermo) {
    return new AgentFixture(
        new VirtualRuleScheduler(at),
        store,
        b -> b.adm(thermo.adm()).aclGroup(new AclGroup(1, "A", List.of("ipn:1.*"))));
  }

  private static List<Instant> times(AgentFixture f) {
    List<Instant> out = new ArrayList<>();
    for (AgentFixture.Sent s : f.sent) {
      if (s.destination().equals(TO)) {
        for (RptSetLiteral rs : s.rptSets()) {
          out.add(rs.referenceTime().toInstant());
        }
      }
    }
    return out;
  }

  private static Ari inspect(AgentFixture f, String ref) {
    return f.result(DA + "CTRL/inspect(" + ref + ")");
  }

  @Test
  void everything_defined_is_back_after_reopening_the_h2_file() {
    everything_is_back(h2());
  }

  @Test
  void everything_defined_is_back_from_the_same_in_memory_store() {
    InMemoryAgentStore store = new InMemoryAgentStore();
    everything_is_back(() -> store);
  }

  private void everything_is_back(Supplier<AgentStore> stores) {
    Thermo thermo = new Thermo();
    try (AgentFixture f = agent(T0, stores.get(), thermo)) {
      f.runQuiet(
          MGR,
          DA + "CTRL/ensure-odm(\"example\", 65535, \"!reg\", -3)",
          DA
              + "CTRL/ensure-var(//example/!reg/, \"v\", 1, //ietf/amm-semtype/IDENT/type-use(/ARITYPE/INT), 1)",
          DA + "CTRL/var-store(//example/!reg/VAR/v, 41)",
          DA
              + "CTRL/ensure-const("
              + NS
              + ", \"c\", 1, //ietf/amm-semtype/IDENT/type-use(/ARITYPE/TEXTSTR), \"hello\")",
          "//ama/ama-agent/CTRL/ensure-expr-var("
              + NS
              + ", \"e\", 2, //ietf/amm-semtype/IDENT/type-use(/ARITYPE/LITERAL), /AC/(//example/!reg/VAR/v, 1, "
              + DA
              + "OPER/add))",
          DA + "CTRL/ensure-ident(" + NS + ", \"kind\", 1, false, /AC/())",
          DA
              + "CTRL/ensure-var("
              + NS
              + ", \"gone\", 3, //ietf/amm-semtype/IDENT/type-use(/ARITYPE/INT), 1)",
          DA + "CTRL/obsolete-var(" + NS + "VAR/gone)",
          ACL + "CTRL/ensure-group(2, \"B\")",
          ACL
              + "CTRL/ensure-group-members(2, /AC/(/LABEL/0, "
              + DA
              + "OPER/match-regexp(\"ipn:7.*\")))",
          ACL
              + "CTRL/ensure-access(4, /AC/(2), /AC/(/LABEL/0, "
              + DA
              + "OPER/is-same-object("
              + NS
              + "CONST/c)), /AC/("
              + ACL
              + "IDENT/produce))",
          DA
              + "CTRL/var-store("
              + ACL
              + "VAR/default-access, /AC/("
              + ACL
              + "IDENT/execute, "
              + ACL
              + "IDENT/produce, "
              + ACL
              + "IDENT/ensure-object))",
          DA
              + "CTRL/ensure-tbr("
              + NS
              + ", \"t\", 1, "
              + DA
              + "CTRL/report-on(/AC/("
              + NS
              + "VAR/e), /AC/(\""
              + TO
              + "\")), /TD/PT0S, /TD/PT10S, /UVAST/0, false)",
          "//ama/ama-agent/CTRL/set-report-options(" + NS + "TBR/t, 0, /TD/PT2H)");
      assertThat(f.reportsTo(MGR)).isEmpty();
      f.agent.onMessage(
          MGR,
          AgentFixture.message(
              AgentFixture.execSet(IntLiteral.of(1), DA + "CTRL/inspect(" + DA + "EDD/sw-vendor)")),
          17);
    }
    try (AgentFixture f = agent(T0.plusSeconds(100), stores.get(), thermo)) {
      assertThat(f.agent.appliedUpTo()).isEqualTo(17);
      assertThat(inspect(f, "//example/!reg/VAR/v")).isEqualTo(IntLiteral.of(AriType.INT, 41));
      assertThat(inspect(f, "//65535/-3/VAR/1")).isEqualTo(IntLiteral.of(AriType.INT, 41));
      assertThat(f.run("ipn:7.1", 1, DA + "CTRL/inspect(" + NS + "CONST/c)"))
          .containsExactly(new TextLiteral(AriType.TEXTSTR, "hello"));
      assertThat(inspect(f, NS + "VAR/e")).isEqualTo(IntLiteral.of(AriType.INT, 42));
      assertThat(inspect(f, NS + "VAR/gone").isUndefined()).isTrue();
      assertThat(
              f.result(
                      DA
                          + "CTRL/ensure-var("
                          + NS
                          + ", \"gone\", 3, //ietf/amm-semtype/IDENT/type-use(/ARITYPE/INT), 1)")
                  .isUndefined())
          .isTrue();
      TblLiteral idents = (TblLiteral) inspect(f, DA + "EDD/ident-list");
      assertThat(idents.cell(0, 0)).isEqualTo(ari(NS + "IDENT/kind"));
      TblLiteral groups = (TblLiteral) inspect(f, ACL + "EDD/group-list");
      assertThat(groups.rowCount()).isEqualTo(2);
      TblLiteral entries = (TblLiteral) inspect(f, ACL + "EDD/access-list");
      assertThat(entries.cell(0, 0)).isEqualTo(IntLiteral.of(AriType.UINT, 4));
      // the access entry still works: MGR (group 1) may not produce c
      assertThat(f.run("ipn:1.1", 2, DA + "CTRL/inspect(" + NS + "CONST/c)"))
          .containsExactly(Ari.UNDEFINED);
      // default-access as stored: no var-store any more
      assertThat(f.run("ipn:9.9", 3, DA + "CTRL/var-store(//example/!reg/VAR/v, 1)"))
          .containsExactly(Ari.UNDEFINED);
      TblLiteral tbrs = (TblLiteral) inspect(f, DA + "EDD/tbr-list");
      assertThat(tbrs.cell(0, 0)).isEqualTo(ari(NS + "TBR/t"));
      assertThat(tbrs.cell(0, 6)).isEqualTo(BoolLiteral.typed(false));
      TblLiteral opts = (TblLiteral) inspect(f, "//ama/ama-agent/EDD/report-options");
      assertThat(opts.cell(0, 1)).isEqualTo(IntLiteral.of(AriType.BYTE, 0));
      // enabling the restored rule: its reports carry the restored options
      // (default-access no longer grants modify-rule-enabled: the agent itself enables it)
      assertThat(f.run("ipn:9.9", 4, DA + "CTRL/ensure-rule-enabled(" + NS + "TBR/t, true)"))
          .containsExactly(Ari.UNDEFINED);
      f.agent.execute(
          AgentFixture.AGENT,
          AgentFixture.execSet(
              dev.ama.model.ari.NullLiteral.UNTYPED,
              DA + "CTRL/ensure-rule-enabled(" + NS + "TBR/t, true)"));
      f.scheduler.runFor(Duration.ofSeconds(1));
      AgentFixture.Sent s =
          f.sent.stream().filter(x -> x.destination().equals(TO)).findFirst().orElseThrow();
      assertThat(s.options()).isEqualTo(new ReportOptions(Priority.BULK, Duration.ofHours(2)));
      assertThat(s.rptSets().get(0).reports().get(0).items())
          .containsExactly(IntLiteral.of(AriType.INT, 42));
    }
  }

  @Test
  void a_tbr_continues_on_its_grid_after_a_restart_with_one_catch_up_run() {
    Thermo thermo = new Thermo();
    Instant created = T0.plusMillis(500);
    try (AgentFixture f = agent(created, h2().get(), thermo)) {
      f.runQuiet(
          MGR,
          DA
              + "CTRL/ensure-tbr("
              + NS
              + ", \"t\", 1, "
              + DA
              + "CTRL/report-on(/AC/(1), /AC/(\""
              + TO
              + "\")), /TD/PT0S, /TD/PT10S, /UVAST/0, true)");
      f.scheduler.advanceTo(T0.plusSeconds(25));
      assertThat(times(f))
          .containsExactly(created, created.plusSeconds(10), created.plusSeconds(20));
    }
    // down from 25 s to 57 s: the runs at 30.5, 40.5 and 50.5 are missed
    try (AgentFixture f = agent(T0.plusSeconds(57), h2().get(), thermo)) {
      f.scheduler.advanceTo(T0.plusSeconds(75));
      assertThat(times(f))
          .containsExactly(T0.plusSeconds(57), created.plusSeconds(60), created.plusSeconds(70));
      RuleStateCheck.enabledWithCount(f, NS + "TBR/t", 6);
    }
  }

  @Test
  void a_max_count_reached_before_a_restart_stays_reached() {
    Thermo thermo = new Thermo();
    try (AgentFixture f = agent(T0, h2().get(), thermo)) {
      f.runQuiet(
          MGR,
          DA
              + "CTRL/ensure-tbr("
              + NS
              + ", \"t\", 1, "
              + DA
              + "CTRL/report-on(/AC/(1), /AC/(\""
              + TO
              + "\")), /TD/PT0S, /TD/PT10S, /UVAST/3, true)");
      f.scheduler.advanceTo(T0.plusSeconds(15));
      assertThat(times(f)).hasSize(2);
    }
    try (AgentFixture f = agent(T0.plusSeconds(16), h2().get(), thermo)) {
      f.scheduler.advanceTo(T0.plusSeconds(100));
      assertThat(times(f)).containsExactly(T0.plusSeconds(20));
      assertThat(((TblLiteral) inspect(f, DA + "EDD/tbr-list")).cell(0, 6))
          .isEqualTo(BoolLiteral.typed(false));
    }
  }

  @Test
  void an_sbr_comes_back_and_reacts_to_its_edd() {
    Thermo thermo = new Thermo();
    try (AgentFixture f = agent(T0, h2().get(), thermo)) {
      f.runQuiet(
          MGR,
          DA
              + "CTRL/ensure-sbr("
              + NS
              + ", \"hot\", 1, //example/thermo/CTRL/turn_heater_off, /AC/("
              + "//example/thermo/EDD/current_temp, //example/thermo/VAR/maximum_temp, "
              + DA
              + "OPER/compare-gt), /TD/PT1M, /UVAST/0, true)");
    }
    try (AgentFixture f = agent(T0.plusSeconds(5), h2().get(), thermo)) {
      assertThat(thermo.heaterOff).isEmpty();
      thermo.temperature = 30;
      f.agent.eddChanged(Thermo.CURRENT_TEMP);
      assertThat(thermo.heaterOff).hasSize(1);
      assertThat(f.result(DA + "CTRL/inspect(//example/thermo/EDD/current_temp)"))
          .isEqualTo(new RealLiteral(AriType.REAL64, 30));
    }
  }

  @Test
  void the_h2_file_is_named_with_its_suffix_and_held_by_one_agent() {
    try (H2AgentStore s = H2AgentStore.open(dir.resolve("x"))) {
      assertThat(Files.exists(dir.resolve("x.mv.db"))).isTrue();
      assertThat(s.appliedUpTo()).isEqualTo(-1);
    }
    assertThatThrownBy(() -> H2AgentStore.open(dir.resolve("missing/agent")))
        .isInstanceOf(AgentStoreException.class)
        .hasMessageContaining("directory");
  }

  @Test
  void sbrs_that_stay_false_cost_no_store_writes() {
    InMemoryAgentStore store = new InMemoryAgentStore();
    Thermo thermo = new Thermo();
    try (AgentFixture f = agent(T0, store, thermo)) {
      List<String> targets = new ArrayList<>();
      for (int i = 1; i <= 200; i++) {
        targets.add(
            DA
                + "CTRL/ensure-sbr("
                + NS
                + ", \"s"
                + i
                + "\", "
                + i
                + ", //example/thermo/CTRL/turn_heater_off, /AC/("
                + "//example/thermo/EDD/current_temp, 1000, "
                + DA
                + "OPER/compare-gt), /TD/PT1S, /UVAST/0, true)");
      }
      f.runQuiet(MGR, targets.toArray(String[]::new));
      long commits = store.commits();
      f.scheduler.runFor(Duration.ofMinutes(1));
      assertThat(store.commits()).isEqualTo(commits);
      assertThat(thermo.heaterOff).isEmpty();
    }
  }
}
