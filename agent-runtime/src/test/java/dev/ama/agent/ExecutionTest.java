package dev.ama.agent;

import static dev.ama.agent.AgentFixture.MGR;
import static dev.ama.agent.AgentFixture.ari;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.BoolLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.NullLiteral;
import dev.ama.model.ari.Report;
import dev.ama.model.ari.TblLiteral;
import dev.ama.model.ari.TextLiteral;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutionTest {
  private static final String DA = "//ietf/dtnma-agent/";

  @Test
  void inspect_produces_an_edd_value_in_an_execution_report_with_the_nonce() {
    try (AgentFixture f = new AgentFixture()) {
      int before = f.sent.size();
      List<Ari> r = f.run(MGR, 42, DA + "CTRL/inspect(" + DA + "EDD/sw-vendor)");
      assertThat(r).containsExactly(new TextLiteral(AriType.TEXTSTR, "ama"));
      List<Report> reports = f.reports(MGR, before, IntLiteral.of(42));
      assertThat(reports.get(0).source())
          .isEqualTo(ari(DA + "CTRL/inspect(" + DA + "EDD/sw-vendor)"));
      assertThat(f.counters().execSucceeded()).isEqualTo(1);
    }
  }

  @Test
  void relative_and_enum_references_resolve_to_the_same_object() {
    try (AgentFixture f = new AgentFixture()) {
      assertThat(f.result("//1/1/CTRL/5(//1/1/EDD/0)"))
          .isEqualTo(new TextLiteral(AriType.TEXTSTR, "ama"));
      assertThat(f.result("./CTRL/inspect(./EDD/sw-version)"))
          .isEqualTo(new TextLiteral(AriType.TEXTSTR, "0.1.0"));
    }
  }

  @Test
  void every_control_of_an_execset_reports_in_order_with_the_same_nonce() {
    try (AgentFixture f = new AgentFixture()) {
      List<Ari> r =
          f.run(
              MGR,
              9,
              DA + "CTRL/inspect(" + DA + "EDD/num-msg-rx)",
              DA + "CTRL/inspect(//ietf/nope/EDD/x)",
              DA + "CTRL/inspect(" + DA + "EDD/sw-vendor)");
      assertThat(r).hasSize(3);
      assertThat(r.get(0)).isEqualTo(IntLiteral.ofUnsigned(AriType.UVAST, 1));
      assertThat(r.get(1).isUndefined()).isTrue();
      assertThat(r.get(2)).isEqualTo(new TextLiteral(AriType.TEXTSTR, "ama"));
      assertThat(f.counters().execFailed()).isEqualTo(1);
      assertThat(f.counters().execStarted()).isEqualTo(3);
    }
  }

  @Test
  void a_control_without_result_reports_null() {
    try (AgentFixture f = new AgentFixture()) {
      assertThat(f.result(DA + "CTRL/ensure-odm(\"ama\", 65535, \"!t\", -1)"))
          .isEqualTo(NullLiteral.UNTYPED);
    }
  }

  @Test
  void a_failure_without_nonce_still_gets_an_error_report_with_the_reason() {
    try (AgentFixture f = new AgentFixture()) {
      f.runQuiet(MGR, DA + "CTRL/inspect(//ietf/nope/EDD/x)");
      List<Report> reports = f.reportsTo(MGR);
      assertThat(reports).hasSize(1);
      assertThat(reports.get(0).items().get(0).isUndefined()).isTrue();
      assertThat(((TextLiteral) reports.get(0).items().get(1)).value()).contains("UNKNOWN_OBJECT");
    }
  }

  @Test
  void parameters_by_name_and_defaults_are_bound() {
    try (AgentFixture f = new AgentFixture()) {
      // if-then-else with its branches by name, on-falsy left to its default (null).
      assertThat(f.result(DA + "CTRL/if-then-else(condition=/AC/(1,2," + DA + "OPER/add))"))
          .isEqualTo(BoolLiteral.typed(true));
      assertThat(f.result(DA + "CTRL/if-then-else(condition=false)"))
          .isEqualTo(BoolLiteral.typed(false));
    }
  }

  @Test
  void an_unknown_parameter_name_or_too_many_parameters_fail() {
    try (AgentFixture f = new AgentFixture()) {
      assertThat(f.result(DA + "CTRL/inspect(nope=" + DA + "EDD/sw-vendor)").isUndefined())
          .isTrue();
      assertThat(f.result(DA + "CTRL/inspect(" + DA + "EDD/sw-vendor, 2)").isUndefined()).isTrue();
      assertThat(f.result(DA + "CTRL/inspect").isUndefined()).isTrue();
    }
  }

  @Test
  void a_parameter_of_the_wrong_type_fails_with_type_mismatch() {
    try (AgentFixture f = new AgentFixture()) {
      f.runQuiet(MGR, DA + "CTRL/ensure-odm(\"ama\", \"x\", \"!t\", -1)");
      Report r = f.reportsTo(MGR).get(0);
      assertThat(((TextLiteral) r.items().get(1)).value()).contains("TYPE_MISMATCH");
    }
  }

  @Test
  void if_then_else_runs_the_branch_its_condition_picks() {
    try (AgentFixture f = new AgentFixture()) {
      String ns = "//ama/!t/";
      f.result(
          DA
              + "CTRL/ensure-var("
              + ns
              + ", \"v\", 1, //ietf/amm-semtype/IDENT/type-use(/ARITYPE/INT), /INT/0)");
      f.run(
          MGR,
          2,
          DA
              + "CTRL/if-then-else(/AC/(1,2,"
              + DA
              + "OPER/compare-gt), "
              + DA
              + "CTRL/var-store("
              + ns
              + "VAR/v, /INT/1), "
              + DA
              + "CTRL/var-store("
              + ns
              + "VAR/v, /INT/2))");
      assertThat(f.result(DA + "CTRL/inspect(" + ns + "VAR/v)"))
          .isEqualTo(IntLiteral.of(AriType.INT, 2));
    }
  }

  @Test
  void catch_runs_the_alternative_after_a_failure() {
    try (AgentFixture f = new AgentFixture()) {
      assertThat(
              f.run(
                  MGR,
                  3,
                  DA
                      + "CTRL/catch(//ietf/nope/CTRL/x, "
                      + DA
                      + "CTRL/inspect("
                      + DA
                      + "EDD/sw-vendor))"))
          // the failed try, the inspect in the alternative, then catch itself
          .containsExactly(
              Ari.UNDEFINED, new TextLiteral(AriType.TEXTSTR, "ama"), BoolLiteral.typed(false));
      assertThat(f.run(MGR, 4, DA + "CTRL/catch(" + DA + "CTRL/inspect(" + DA + "EDD/sw-vendor))"))
          .containsExactly(new TextLiteral(AriType.TEXTSTR, "ama"), BoolLiteral.typed(true));
    }
  }

  @Test
  void macros_run_in_order_and_stop_at_a_failure() {
    try (AgentFixture f = new AgentFixture()) {
      List<Ari> r =
          f.run(
              MGR,
              4,
              "/AC/("
                  + DA
                  + "CTRL/inspect("
                  + DA
                  + "EDD/sw-vendor), //ietf/nope/CTRL/x, "
                  + DA
                  + "CTRL/inspect("
                  + DA
                  + "EDD/sw-version))");
      // the unknown control fails outside any control: no report of its own; the rest is skipped
      assertThat(r).containsExactly(new TextLiteral(AriType.TEXTSTR, "ama"), Ari.UNDEFINED);
    }
  }

  @Test
  void a_target_that_is_no_control_or_macro_reports_undefined() {
    try (AgentFixture f = new AgentFixture()) {
      assertThat(f.run(MGR, 6, DA + "EDD/sw-vendor")).containsExactly(Ari.UNDEFINED);
      assertThat(f.run(MGR, 6, "//ama/!none/CONST/m")).containsExactly(Ari.UNDEFINED);
    }
  }

  @Test
  void a_macro_held_in_a_const_runs() {
    try (AgentFixture f = new AgentFixture()) {
      f.result(
          DA
              + "CTRL/ensure-const(//ama/!t/, \"m\", 1, //ietf/amm-semtype/IDENT/type-use(//ietf/amm-base/TYPEDEF/mac), /AC/("
              + DA
              + "CTRL/inspect("
              + DA
              + "EDD/sw-vendor)))");
      assertThat(f.run(MGR, 5, "//ama/!t/CONST/m"))
          .containsExactly(new TextLiteral(AriType.TEXTSTR, "ama"));
    }
  }

  @Test
  void macros_nested_deeper_than_the_limit_fail_with_depth() {
    try (AgentFixture f = new AgentFixture()) {
      String inner = DA + "CTRL/inspect(" + DA + "EDD/sw-vendor)";
      String ok = inner;
      for (int i = 0; i < 8; i++) {
        ok = "/AC/(" + ok + ")";
      }
      assertThat(f.run(MGR, 1, ok)).containsExactly(new TextLiteral(AriType.TEXTSTR, "ama"));
      f.runQuiet(MGR, "/AC/(" + ok + ")");
      Report r = f.reportsTo(MGR).get(0);
      assertThat(((TextLiteral) r.items().get(1)).value()).contains("DEPTH");
    }
  }

  @Test
  void a_value_parameter_given_as_an_expr_or_reference_is_evaluated_at_execution() {
    try (AgentFixture f = new AgentFixture()) {
      String ns = "//ama/!t/";
      f.result(
          DA
              + "CTRL/ensure-var("
              + ns
              + ", \"v\", 1, //ietf/amm-semtype/IDENT/type-use(/ARITYPE/LITERAL), 0)");
      f.result(
          DA
              + "CTRL/var-store("
              + ns
              + "VAR/v, /AC/("
              + DA
              + "EDD/num-msg-rx, 10, "
              + DA
              + "OPER/add))");
      // num-msg-rx was 2 when the expression was evaluated (the second message)
      assertThat(f.result(DA + "CTRL/inspect(" + ns + "VAR/v)"))
          .isEqualTo(IntLiteral.ofUnsigned(AriType.UVAST, 12));
      f.result(DA + "CTRL/var-store(" + ns + "VAR/v, " + DA + "EDD/sw-vendor)");
      assertThat(f.result(DA + "CTRL/inspect(" + ns + "VAR/v)"))
          .isEqualTo(new TextLiteral(AriType.TEXTSTR, "ama"));
    }
  }

  @Test
  void exec_running_shows_the_execution_in_progress() {
    try (AgentFixture f = new AgentFixture()) {
      Ari t = f.result(DA + "CTRL/inspect(" + DA + "EDD/exec-running)");
      TblLiteral tbl = (TblLiteral) t;
      assertThat(tbl.rowCount()).isEqualTo(1);
      assertThat(tbl.cell(0, 1)).isEqualTo(ari(DA + "CTRL/inspect(" + DA + "EDD/exec-running)"));
    }
  }
}
