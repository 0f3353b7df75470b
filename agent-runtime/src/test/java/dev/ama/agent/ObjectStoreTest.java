package dev.ama.agent;

import static dev.ama.agent.AgentFixture.MGR;
import static dev.ama.agent.AgentFixture.ari;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.BoolLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.NullLiteral;
import dev.ama.model.ari.RealLiteral;
import dev.ama.model.ari.TblLiteral;
import dev.ama.model.ari.TextLiteral;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectStoreTest {
  private static final String DA = "//ietf/dtnma-agent/";
  private static final String NS = "//ama/!t/";
  private static final String INT = "//ietf/amm-semtype/IDENT/type-use(/ARITYPE/INT)";
  private static final String ANY = "//ietf/amm-semtype/IDENT/type-use(/ARITYPE/LITERAL)";

  private static Ari inspect(AgentFixture f, String ref) {
    return f.result(DA + "CTRL/inspect(" + ref + ")");
  }

  private static List<Ari> column(Ari tbl, int col) {
    TblLiteral t = (TblLiteral) tbl;
    List<Ari> out = new ArrayList<>();
    for (int r = 0; r < t.rowCount(); r++) {
      out.add(t.cell(r, col));
    }
    return out;
  }

  @Test
  void ensure_var_creates_stores_resets_and_is_idempotent() {
    try (AgentFixture f = new AgentFixture()) {
      String def = DA + "CTRL/ensure-var(" + NS + ", \"v\", 1, " + INT + ", 5)";
      assertThat(f.result(def)).isEqualTo(NullLiteral.UNTYPED);
      assertThat(inspect(f, NS + "VAR/v")).isEqualTo(IntLiteral.of(AriType.INT, 5));
      f.result(DA + "CTRL/var-store(" + NS + "VAR/v, 9)");
      assertThat(inspect(f, NS + "VAR/v")).isEqualTo(IntLiteral.of(AriType.INT, 9));
      // the same definition again changes nothing, the current value stays
      assertThat(f.result(def)).isEqualTo(NullLiteral.UNTYPED);
      assertThat(inspect(f, NS + "VAR/v")).isEqualTo(IntLiteral.of(AriType.INT, 9));
      // by enum too
      assertThat(inspect(f, "//ama/!t/VAR/1")).isEqualTo(IntLiteral.of(AriType.INT, 9));
      // ensure-var may change the initial value only; var-reset goes back to it
      f.result(DA + "CTRL/ensure-var(" + NS + ", \"v\", 1, " + INT + ", 6)");
      f.result(DA + "CTRL/var-reset(" + NS + "VAR/v)");
      assertThat(inspect(f, NS + "VAR/v")).isEqualTo(IntLiteral.of(AriType.INT, 6));
    }
  }

  @Test
  void a_different_definition_under_an_existing_name_or_enum_is_refused() {
    try (AgentFixture f = new AgentFixture()) {
      f.result(DA + "CTRL/ensure-var(" + NS + ", \"v\", 1, " + INT + ", 5)");
      assertThat(
              f.result(DA + "CTRL/ensure-var(" + NS + ", \"v\", 1, " + ANY + ", 5)").isUndefined())
          .isTrue();
      assertThat(
              f.result(DA + "CTRL/ensure-var(" + NS + ", \"w\", 1, " + INT + ", 5)").isUndefined())
          .isTrue();
      assertThat(
              f.result(DA + "CTRL/ensure-var(" + NS + ", \"v\", 2, " + INT + ", 5)").isUndefined())
          .isTrue();
      f.result(DA + "CTRL/ensure-const(" + NS + ", \"c\", 1, " + INT + ", 1)");
      assertThat(
              f.result(DA + "CTRL/ensure-const(" + NS + ", \"c\", 1, " + INT + ", 2)")
                  .isUndefined())
          .isTrue();
      assertThat(f.result(DA + "CTRL/ensure-const(" + NS + ", \"c\", 1, " + INT + ", 1)"))
          .isEqualTo(NullLiteral.UNTYPED);
    }
  }

  @Test
  void values_that_do_not_match_the_declared_type_are_refused() {
    try (AgentFixture f = new AgentFixture()) {
      assertThat(
              f.result(DA + "CTRL/ensure-var(" + NS + ", \"v\", 1, " + INT + ", \"text\")")
                  .isUndefined())
          .isTrue();
      f.result(DA + "CTRL/ensure-var(" + NS + ", \"v\", 1, " + INT + ", 5)");
      assertThat(f.result(DA + "CTRL/var-store(" + NS + "VAR/v, 1.5)").isUndefined()).isTrue();
      assertThat(f.result(DA + "CTRL/var-store(" + NS + "VAR/v, 3000000000)").isUndefined())
          .isTrue();
    }
  }

  @Test
  void obsolete_objects_are_gone_but_their_identifiers_stay_reserved() {
    try (AgentFixture f = new AgentFixture()) {
      f.result(DA + "CTRL/ensure-var(" + NS + ", \"v\", 1, " + INT + ", 5)");
      assertThat(f.result(DA + "CTRL/obsolete-var(" + NS + "VAR/v)"))
          .isEqualTo(NullLiteral.UNTYPED);
      assertThat(inspect(f, NS + "VAR/v").isUndefined()).isTrue();
      assertThat(
              f.result(DA + "CTRL/ensure-var(" + NS + ", \"v\", 1, " + INT + ", 5)").isUndefined())
          .isTrue();
      assertThat(
              f.result(DA + "CTRL/ensure-var(" + NS + ", \"x\", 1, " + INT + ", 5)").isUndefined())
          .isTrue();
      // obsoleting what is not there succeeds and does nothing
      assertThat(f.result(DA + "CTRL/obsolete-var(" + NS + "VAR/v)"))
          .isEqualTo(NullLiteral.UNTYPED);
    }
  }

  @Test
  void adm_objects_cannot_be_obsoleted() {
    try (AgentFixture f = new AgentFixture()) {
      assertThat(f.result(DA + "CTRL/obsolete-const(" + DA + "CONST/hello)").isUndefined())
          .isTrue();
    }
  }

  @Test
  void odms_are_ensured_listed_and_obsoleted_with_their_objects() {
    try (AgentFixture f = new AgentFixture()) {
      assertThat(f.result(DA + "CTRL/ensure-odm(\"example\", 65535, \"!reg\", -3)"))
          .isEqualTo(NullLiteral.UNTYPED);
      assertThat(f.result(DA + "CTRL/ensure-odm(\"example\", 65535, \"!reg\", -3)"))
          .isEqualTo(NullLiteral.UNTYPED);
      assertThat(f.result(DA + "CTRL/ensure-odm(\"example\", 65535, \"!reg\", -4)").isUndefined())
          .isTrue();
      assertThat(f.result(DA + "CTRL/ensure-odm(\"example\", 65535, \"reg\", -5)").isUndefined())
          .isTrue();
      assertThat(f.result(DA + "CTRL/ensure-odm(\"ietf\", 7, \"!x\", -5)").isUndefined()).isTrue();
      f.result(DA + "CTRL/ensure-var(//65535/-3/, \"v\", 1, " + INT + ", 5)");
      assertThat(inspect(f, "//example/!reg/VAR/v")).isEqualTo(IntLiteral.of(AriType.INT, 5));
      Ari odms = inspect(f, DA + "EDD/odm-list");
      assertThat(column(odms, 2)).contains(TextLiteral.of("!reg"));
      assertThat(column(odms, 3)).contains(IntLiteral.of(-3));
      f.result(DA + "CTRL/obsolete-odm(//example/!reg/)");
      assertThat(inspect(f, "//example/!reg/VAR/v").isUndefined()).isTrue();
      assertThat(column(inspect(f, DA + "EDD/odm-list"), 2)).doesNotContain(TextLiteral.of("!reg"));
      assertThat(f.result(DA + "CTRL/ensure-odm(\"example\", 65535, \"!reg\", -3)").isUndefined())
          .isTrue();
    }
  }

  @Test
  void listings_show_odm_objects_and_adm_ones_on_request() {
    try (AgentFixture f = new AgentFixture()) {
      f.result(DA + "CTRL/ensure-var(" + NS + ", \"v\", 1, " + INT + ", 5)");
      f.result(DA + "CTRL/ensure-const(" + NS + ", \"c\", 1, " + INT + ", 1)");
      assertThat(column(inspect(f, DA + "EDD/var-list"), 0)).containsExactly(ari(NS + "VAR/v"));
      assertThat(column(inspect(f, DA + "EDD/var-list"), 1)).containsExactly(ari(INT));
      assertThat(column(inspect(f, DA + "EDD/var-list(true)"), 0))
          .contains(ari(NS + "VAR/v"), ari("//ietf/dtnma-agent-acl/VAR/default-access"));
      assertThat(column(inspect(f, DA + "EDD/const-list"), 0)).containsExactly(ari(NS + "CONST/c"));
      assertThat(column(inspect(f, DA + "EDD/const-list(include-adm=true)"), 0))
          .contains(ari(DA + "CONST/hello"));
      assertThat(column(inspect(f, DA + "EDD/typedef-list(true)"), 0))
          .contains(ari("//ietf/amm-base/TYPEDEF/rptt"));
      assertThat(((TblLiteral) inspect(f, DA + "EDD/typedef-list")).rowCount()).isZero();
    }
  }

  @Test
  void idents_are_ensured_and_listed_by_base_and_abstractness() {
    try (AgentFixture f = new AgentFixture()) {
      f.result(DA + "CTRL/ensure-ident(" + NS + ", \"animal\", 1, true, /AC/())");
      f.result(
          DA + "CTRL/ensure-ident(" + NS + ", \"cat\", 2, false, /AC/(" + NS + "IDENT/animal))");
      f.result(DA + "CTRL/ensure-ident(" + NS + ", \"tabby\", 3, false, /AC/(" + NS + "IDENT/2))");
      assertThat(column(inspect(f, DA + "EDD/ident-list"), 0))
          .containsExactly(ari(NS + "IDENT/cat"), ari(NS + "IDENT/tabby"));
      assertThat(column(inspect(f, DA + "EDD/ident-list(false, true)"), 0))
          .containsExactly(
              ari(NS + "IDENT/animal"), ari(NS + "IDENT/cat"), ari(NS + "IDENT/tabby"));
      assertThat(column(inspect(f, DA + "EDD/ident-list(base=" + NS + "IDENT/cat)"), 0))
          .containsExactly(ari(NS + "IDENT/tabby"));
      assertThat(
              column(
                  inspect(
                      f,
                      DA
                          + "EDD/ident-list(include-adm=true, base=//ietf/dtnma-agent-acl/IDENT/permission)"),
                  0))
          .hasSize(8)
          .contains(ari("//ietf/dtnma-agent-acl/IDENT/produce"));
      assertThat(column(inspect(f, DA + "EDD/ident-list(base=" + NS + "IDENT/nope)"), 0)).isEmpty();
      assertThat(
              f.result(
                      DA
                          + "CTRL/ensure-ident("
                          + NS
                          + ", \"dog\", 4, false, /AC/("
                          + NS
                          + "IDENT/nope))")
                  .isUndefined())
          .isTrue();
      f.result(DA + "CTRL/obsolete-ident(" + NS + "IDENT/tabby)");
      assertThat(column(inspect(f, DA + "EDD/ident-list"), 0))
          .containsExactly(ari(NS + "IDENT/cat"));
    }
  }

  @Test
  void computed_vars_follow_their_expression_and_cannot_be_stored() {
    try (AgentFixture f = new AgentFixture()) {
      f.result(DA + "CTRL/ensure-var(" + NS + ", \"a\", 1, " + INT + ", 20)");
      f.result(
          "//ama/ama-agent/CTRL/ensure-expr-var("
              + NS
              + ", \"b\", 2, //ietf/amm-semtype/IDENT/type-use(/ARITYPE/REAL64), /AC/("
              + NS
              + "VAR/a, 2, "
              + DA
              + "OPER/multiply))");
      assertThat(inspect(f, NS + "VAR/b")).isEqualTo(new RealLiteral(AriType.REAL64, 40.0));
      f.result(DA + "CTRL/var-store(" + NS + "VAR/a, 1)");
      assertThat(inspect(f, NS + "VAR/b")).isEqualTo(new RealLiteral(AriType.REAL64, 2.0));
      assertThat(f.result(DA + "CTRL/var-store(" + NS + "VAR/b, 1)").isUndefined()).isTrue();
    }
  }

  @Test
  void cyclic_var_definitions_are_refused_at_definition_time() {
    try (AgentFixture f = new AgentFixture()) {
      String ev = "//ama/ama-agent/CTRL/ensure-expr-var(" + NS + ", ";
      assertThat(
              f.result(ev + "\"x\", 1, " + ANY + ", /AC/(" + NS + "VAR/x, 1, " + DA + "OPER/add))")
                  .isUndefined())
          .isTrue();
      f.result(ev + "\"y\", 2, " + ANY + ", /AC/(" + NS + "VAR/z, 1, " + DA + "OPER/add))");
      f.runQuiet(MGR, ev + "\"z\", 3, " + ANY + ", /AC/(" + NS + "VAR/y, 1, " + DA + "OPER/add))");
      String reason =
          ((TextLiteral) f.reportsTo(MGR).get(f.reportsTo(MGR).size() - 1).items().get(1)).value();
      assertThat(reason).contains("CYCLE");
      // y reads the undefined z
      assertThat(inspect(f, NS + "VAR/y").isUndefined()).isTrue();
    }
  }

  @Test
  void standard_edds_report_counters_and_identity() {
    try (AgentFixture f = new AgentFixture()) {
      assertThat(inspect(f, DA + "EDD/num-msg-rx"))
          .isEqualTo(IntLiteral.ofUnsigned(AriType.UVAST, 1));
      f.agent.onMessage(MGR, new byte[] {9});
      assertThat(inspect(f, DA + "EDD/num-msg-rx-failed"))
          .isEqualTo(IntLiteral.ofUnsigned(AriType.UVAST, 1));
      assertThat(inspect(f, DA + "EDD/num-exec-started"))
          .isEqualTo(IntLiteral.ofUnsigned(AriType.UVAST, 3));
      assertThat(inspect(f, DA + "EDD/num-exec-succeeded"))
          .isEqualTo(IntLiteral.ofUnsigned(AriType.UVAST, 3));
      f.result(DA + "CTRL/inspect(//x/y/EDD/z)");
      assertThat(inspect(f, DA + "EDD/num-exec-failed"))
          .isEqualTo(IntLiteral.ofUnsigned(AriType.UVAST, 1));
      assertThat(inspect(f, DA + "EDD/num-msg-tx"))
          .isEqualTo(IntLiteral.ofUnsigned(AriType.UVAST, 7));
      assertThat(inspect(f, DA + "EDD/num-msg-tx-failed"))
          .isEqualTo(IntLiteral.ofUnsigned(AriType.UVAST, 0));
      assertThat(inspect(f, DA + "EDD/last-msg-rx-time"))
          .isEqualTo(dev.ama.model.ari.TimeLiteral.tp(AgentFixture.T0));
      TblLiteral cap = (TblLiteral) inspect(f, DA + "EDD/capability");
      assertThat(cap.columns()).isEqualTo(6);
      assertThat(column(cap, 2))
          .contains(
              new TextLiteral(AriType.TEXTSTR, "dtnma-agent"),
              new TextLiteral(AriType.TEXTSTR, "dtnma-agent-acl"),
              new TextLiteral(AriType.TEXTSTR, "ama-agent"));
      assertThat(f.result(DA + "CTRL/inspect(" + DA + "CONST/hello)"))
          .isEqualTo(ari("/AC/(./EDD/sw-vendor,./EDD/sw-version,./EDD/capability)"));
      assertThat(f.result(DA + "CTRL/if-then-else(true)")).isEqualTo(BoolLiteral.typed(true));
    }
  }
}
