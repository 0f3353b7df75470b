package dev.ama.agent;

import static dev.ama.agent.AgentFixture.MGR;
import static dev.ama.agent.AgentFixture.T0;
import static dev.ama.agent.AgentFixture.ari;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.BoolLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.Report;
import dev.ama.model.ari.RptSetLiteral;
import dev.ama.model.ari.TblLiteral;
import dev.ama.model.ari.TimeLiteral;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RulesTest {
  private static final String DA = "//ietf/dtnma-agent/";
  private static final String NS = "//ama/!t/";
  private static final String TO = "ipn:5.1";

  private static String report(String items) {
    return DA + "CTRL/report-on(/AC/(" + items + "), /AC/(\"" + TO + "\"))";
  }

  private static List<Instant> times(AgentFixture f, String dest) {
    List<Instant> out = new ArrayList<>();
    for (AgentFixture.Sent s : f.sent) {
      if (s.destination().equals(dest)) {
        for (RptSetLiteral rs : s.rptSets()) {
          out.add(rs.referenceTime().toInstant());
        }
      }
    }
    return out;
  }

  @Test
  void a_tbr_runs_on_its_grid_from_creation() {
    try (AgentFixture f = new AgentFixture()) {
      f.scheduler.runFor(Duration.ofMillis(500));
      Instant created = f.scheduler.now();
      f.result(
          DA
              + "CTRL/ensure-tbr("
              + NS
              + ", \"t\", 1, "
              + report("1")
              + ", /TD/PT2S, /TD/PT10S, /UVAST/0, true)");
      f.scheduler.runFor(Duration.ofSeconds(35));
      assertThat(times(f, TO))
          .containsExactly(
              created.plusSeconds(2),
              created.plusSeconds(12),
              created.plusSeconds(22),
              created.plusSeconds(32));
    }
  }

  @Test
  void a_tbr_with_an_absolute_start_and_a_max_count_stops_and_disables() {
    try (AgentFixture f = new AgentFixture()) {
      TimeLiteral start = TimeLiteral.tp(T0.plusSeconds(100));
      f.result(
          DA
              + "CTRL/ensure-tbr("
              + NS
              + ", \"t\", 1, "
              + report("1")
              + ", "
              + new dev.ama.model.ari.text.AriTextEncoder().encode(start).substring(4)
              + ", /TD/PT10S, /UVAST/2, true)");
      f.scheduler.runFor(Duration.ofSeconds(200));
      assertThat(times(f, TO)).containsExactly(T0.plusSeconds(100), T0.plusSeconds(110));
      TblLiteral list = (TblLiteral) f.result(DA + "CTRL/inspect(" + DA + "EDD/tbr-list)");
      assertThat(list.rowCount()).isEqualTo(1);
      assertThat(list.cell(0, 0)).isEqualTo(ari(NS + "TBR/t"));
      assertThat(list.cell(0, 4)).isEqualTo(IntLiteral.ofUnsigned(AriType.UVAST, 2));
      assertThat(list.cell(0, 5)).isEqualTo(BoolLiteral.typed(true));
      assertThat(list.cell(0, 6)).isEqualTo(BoolLiteral.typed(false));
      // enabling again resets the count
      f.result(DA + "CTRL/ensure-rule-enabled(" + NS + "TBR/t, true)");
      f.scheduler.runFor(Duration.ofSeconds(100));
      assertThat(times(f, TO)).hasSize(4);
    }
  }

  @Test
  void rules_are_enabled_disabled_reset_and_obsoleted() {
    try (AgentFixture f = new AgentFixture()) {
      f.result(
          DA
              + "CTRL/ensure-tbr("
              + NS
              + ", \"t\", 1, "
              + report("1")
              + ", /TD/PT0S, /TD/PT10S, /UVAST/0, false)");
      f.scheduler.runFor(Duration.ofSeconds(30));
      assertThat(times(f, TO)).isEmpty();
      f.result(DA + "CTRL/ensure-rule-enabled(" + NS + "TBR/t, true)");
      f.scheduler.runFor(Duration.ofSeconds(5));
      assertThat(times(f, TO)).containsExactly(T0.plusSeconds(30));
      f.result(DA + "CTRL/reset-rule-enabled(" + NS + "TBR/1)");
      f.scheduler.runFor(Duration.ofSeconds(30));
      assertThat(times(f, TO)).hasSize(1);
      f.result(DA + "CTRL/ensure-rule-enabled(" + NS + "TBR/t, true)");
      assertThat(f.result(DA + "CTRL/obsolete-rule(" + NS + "TBR/t)"))
          .isEqualTo(BoolLiteral.typed(true));
      f.scheduler.runFor(Duration.ofSeconds(30));
      assertThat(times(f, TO)).hasSize(1);
      assertThat(f.result(DA + "CTRL/obsolete-rule(" + NS + "TBR/t)"))
          .isEqualTo(BoolLiteral.typed(false));
      assertThat(f.agent.status().rules()).isEmpty();
    }
  }

  @Test
  void an_sbr_reacts_to_an_application_edd_change_in_the_same_instant() {
    Thermo thermo = new Thermo();
    try (AgentFixture f = new AgentFixture(b -> b.adm(thermo.adm()))) {
      f.result(
          DA
              + "CTRL/ensure-sbr("
              + NS
              + ", \"hot\", 1, //example/thermo/CTRL/turn_heater_off, /AC/("
              + "//example/thermo/EDD/current_temp, //example/thermo/VAR/maximum_temp, "
              + DA
              + "OPER/compare-gt), /TD/PT1M, /UVAST/0, true)");
      assertThat(thermo.heaterOff).isEmpty();
      f.scheduler.runFor(Duration.ofSeconds(5));
      thermo.temperature = 30;
      f.agent.eddChanged(Thermo.CURRENT_TEMP);
      assertThat(thermo.heaterOff).hasSize(1);
      // within min-interval a second change does not run the action again
      f.agent.eddChanged(Thermo.CURRENT_TEMP);
      assertThat(thermo.heaterOff).hasSize(1);
      TblLiteral list = (TblLiteral) f.result(DA + "CTRL/inspect(" + DA + "EDD/sbr-list)");
      assertThat(list.cell(0, 3)).isEqualTo(TimeLiteral.td(Duration.ofMinutes(1)));
      assertThat(list.cell(0, 6)).isEqualTo(BoolLiteral.typed(true));
    }
  }

  @Test
  void an_sbr_reading_a_computed_var_reacts_to_the_edd_the_var_reads() {
    Thermo thermo = new Thermo();
    try (AgentFixture f = new AgentFixture(b -> b.adm(thermo.adm()))) {
      f.result(
          "//ama/ama-agent/CTRL/ensure-expr-var("
              + NS
              + ", \"double\", 1, "
              + "//ietf/amm-semtype/IDENT/type-use(/ARITYPE/LITERAL), /AC/("
              + "//example/thermo/EDD/current_temp, 2, "
              + DA
              + "OPER/multiply))");
      f.result(
          DA
              + "CTRL/ensure-sbr("
              + NS
              + ", \"hot\", 1, //example/thermo/CTRL/turn_heater_off, /AC/("
              + NS
              + "VAR/double, 100, "
              + DA
              + "OPER/compare-gt), /TD/PT1H, /UVAST/0, true)");
      thermo.temperature = 51;
      f.agent.eddChanged(Thermo.CURRENT_TEMP);
      assertThat(thermo.heaterOff).hasSize(1);
    }
  }

  @Test
  void var_store_triggers_the_sbrs_reading_the_var() {
    try (AgentFixture f = new AgentFixture()) {
      f.result(
          DA
              + "CTRL/ensure-var("
              + NS
              + ", \"level\", 1, "
              + "//ietf/amm-semtype/IDENT/type-use(/ARITYPE/INT), 0)");
      f.result(
          DA
              + "CTRL/ensure-sbr("
              + NS
              + ", \"s\", 1, "
              + report(NS + "VAR/level")
              + ", /AC/("
              + NS
              + "VAR/level, 5, "
              + DA
              + "OPER/compare-gt), /TD/PT1H, /UVAST/0, true)");
      f.result(DA + "CTRL/var-store(" + NS + "VAR/level, 9)");
      List<Report> r = f.reportsTo(TO);
      assertThat(r).hasSize(1);
      assertThat(r.get(0).items()).containsExactly(IntLiteral.of(AriType.INT, 9));
    }
  }

  @Test
  void rule_actions_take_parameters_computed_at_firing_time() {
    Thermo thermo = new Thermo();
    try (AgentFixture f = new AgentFixture(b -> b.adm(thermo.adm()))) {
      f.result(
          DA
              + "CTRL/ensure-tbr("
              + NS
              + ", \"t\", 1, //example/thermo/CTRL/set_point(/AC/("
              + "//example/thermo/EDD/current_temp, 1, "
              + DA
              + "OPER/add)), /TD/PT0S, /TD/PT10S, /UVAST/0, true)");
      thermo.temperature = 10;
      f.scheduler.runFor(Duration.ofSeconds(1));
      thermo.temperature = 20;
      f.scheduler.runFor(Duration.ofSeconds(10));
      assertThat(thermo.setPoints)
          .containsExactly(
              new dev.ama.model.ari.RealLiteral(AriType.REAL64, 11),
              new dev.ama.model.ari.RealLiteral(AriType.REAL64, 21));
    }
  }

  @Test
  void a_rule_with_a_different_definition_under_its_name_is_refused() {
    try (AgentFixture f = new AgentFixture()) {
      String def =
          DA
              + "CTRL/ensure-tbr("
              + NS
              + ", \"t\", 1, "
              + report("1")
              + ", /TD/PT0S, /TD/PT10S, /UVAST/0, true)";
      f.result(def);
      assertThat(f.result(def).isUndefined()).isFalse();
      assertThat(f.result(def.replace("PT10S", "PT20S")).isUndefined()).isTrue();
      assertThat(
              f.result(def.replace("PT10S", "PT0S").replace("\"t\", 1", "\"u\", 2")).isUndefined())
          .isTrue();
    }
  }

  @Test
  void the_ama_notation_compiles_and_runs_on_the_agent() {
    Thermo thermo = new Thermo();
    try (AgentFixture f = new AgentFixture(b -> b.adm(thermo.adm()))) {
      f.compileAndRun(
          MGR,
          """
          DECLARE //example/thermo { EDD current_temp  VAR maximum_temp  CTRL turn_heater_off }
          REPORT_TO "ipn:5.1"
          PROD(1s, current_temp * 2)
          IF (current_temp > maximum_temp) THEN turn_heater_off
          """);
      assertThat(f.reportsTo(MGR)).isEmpty();
      f.scheduler.runFor(Duration.ofSeconds(3));
      List<Report> r = f.reportsTo(TO);
      assertThat(r).hasSizeGreaterThanOrEqualTo(3);
      assertThat(r.get(0).items())
          .containsExactly(new dev.ama.model.ari.RealLiteral(AriType.REAL64, 40));
      thermo.temperature = 26;
      f.agent.eddChanged(Thermo.CURRENT_TEMP);
      assertThat(thermo.heaterOff).hasSize(1);
      Ari sbrs = f.result(DA + "CTRL/inspect(" + DA + "EDD/sbr-list)");
      assertThat(((TblLiteral) sbrs).rowCount()).isEqualTo(1);
    }
  }
}
