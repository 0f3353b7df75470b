package dev.ama.rules.expr;

import static dev.ama.rules.expr.Exprs.edd;
import static dev.ama.rules.expr.Exprs.expr;
import static dev.ama.rules.expr.Exprs.var;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.rules.expr.ExprException.Code;
import org.junit.jupiter.api.Test;

class VarDefinitionsTest {

  @Test
  void two_vars_reading_each_other_are_refused_with_the_cycle_named() throws ExprException {
    VarDefinitions defs = new VarDefinitions();
    defs.define(var("V1"), expr(var("V2"), 2, "multiply"));
    assertThatThrownBy(() -> defs.define(var("V2"), expr(var("V1"), 1, "add")))
        .isInstanceOfSatisfying(
            ExprException.class, e -> assertThat(e.code()).isEqualTo(Code.CYCLE))
        .hasMessage("CYCLE: VAR V2 would depend on itself: V2 -> V1 -> V2");
    assertThat(defs.dependencies(var("V2"))).isEmpty();
  }

  @Test
  void a_longer_cycle_is_named_in_full() throws ExprException {
    VarDefinitions defs = new VarDefinitions();
    defs.define(var("A"), expr(var("B"), edd("E"), "add"));
    defs.define(var("B"), expr(var("C")));
    assertThatThrownBy(() -> defs.define(var("C"), expr(var("A"), "negate")))
        .hasMessage("CYCLE: VAR C would depend on itself: C -> A -> B -> C");
  }

  @Test
  void a_var_reading_itself_is_a_cycle() {
    VarDefinitions defs = new VarDefinitions();
    assertThatThrownBy(() -> defs.define(var("V"), expr(var("V"), 1, "add")))
        .hasMessage("CYCLE: VAR V would depend on itself: V -> V");
  }

  @Test
  void references_inside_operator_parameters_count() throws ExprException {
    VarDefinitions defs = new VarDefinitions();
    defs.define(var("A"), expr(var("B")));
    AcLiteral filter = AcLiteral.of(var("A"));
    assertThatThrownBy(
            () -> defs.define(var("B"), expr(AcLiteral.EMPTY, Exprs.oper("tbl-filter", filter))))
        .hasMessageContaining("B -> A -> B");
  }

  @Test
  void shared_dependencies_without_a_cycle_are_accepted_and_redefinition_replaces()
      throws ExprException {
    VarDefinitions defs = new VarDefinitions();
    defs.define(var("A"), expr(var("C"), var("B"), "add"));
    defs.define(var("B"), expr(var("C")));
    defs.define(var("C"), expr(IntLiteral.of(1)));
    assertThat(defs.dependencies(var("A"))).containsExactlyInAnyOrder(var("B"), var("C"));
    defs.define(var("A"), expr(IntLiteral.of(2)));
    defs.define(var("C"), expr(var("A")));
    assertThat(defs.dependencies(var("C"))).containsExactly(var("A"));
    defs.remove(var("C"));
    assertThat(defs.dependencies(var("C"))).isEmpty();
  }

  @Test
  void a_var_compared_or_copied_as_a_reference_is_no_dependency_but_an_eval_target_is()
      throws ExprException {
    VarDefinitions defs = new VarDefinitions();
    AcLiteral selfCheck =
        AcLiteral.of(
            Exprs.oper("ref", var("V")),
            Exprs.oper("is-same-object", var("V")),
            Exprs.oper("bool-not"));
    defs.define(var("V"), selfCheck);
    assertThat(defs.dependencies(var("V"))).isEmpty();
    assertThatThrownBy(() -> defs.define(var("W"), expr(Exprs.oper("eval", var("W")))))
        .hasMessage("CYCLE: VAR W would depend on itself: W -> W");
  }
}
