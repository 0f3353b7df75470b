package dev.ama.rules.expr;

import static dev.ama.rules.expr.Exprs.expr;
import static dev.ama.rules.expr.Exprs.oper;
import static dev.ama.rules.expr.Exprs.var;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.ObjectRef;
import dev.ama.rules.expr.ExprException.Code;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class ExprCompilerTest {

  static AbstractThrowableAssert<?, ? extends Throwable> refused(AcLiteral expr, Code code) {
    return assertThatThrownBy(() -> ExprCompiler.compile(expr))
        .isInstanceOfSatisfying(ExprException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  @Test
  void a_binary_operator_without_two_operands_is_refused() {
    refused(expr(1, "add"), Code.MISSING_OPERAND)
        .hasMessage("MISSING_OPERAND: item 1: OPER add takes 2 operand(s), the stack holds 1");
    refused(expr("negate"), Code.MISSING_OPERAND);
  }

  @Test
  void an_expression_leaving_other_than_one_value_is_refused() {
    refused(expr(1, 2), Code.UNBALANCED)
        .hasMessage("UNBALANCED: the expression leaves 2 values on the stack, not exactly one");
    refused(AcLiteral.EMPTY, Code.UNBALANCED);
  }

  @Test
  void unknown_and_unsupported_operators_are_refused() {
    refused(expr(1, 2, oper("power")), Code.UNKNOWN_OPER)
        .hasMessage("UNKNOWN_OPER: item 2: ietf-dtnma-agent has no OPER power");
    refused(expr(1, 2, ObjectRef.of("ietf", "amm-base", AriType.OPER, "add")), Code.UNKNOWN_OPER);
    refused(
        expr(1, ObjectRef.builder().org(1).model(1).type(AriType.OPER).object(999).build()),
        Code.UNKNOWN_OPER);
    refused(expr(1, "match-regexp"), Code.INVALID_PARAMETERS);
  }

  @Test
  void parameters_are_checked_when_compiling() {
    refused(expr(1, 2, oper("add", IntLiteral.of(1))), Code.INVALID_PARAMETERS);
    refused(expr(AcLiteral.EMPTY, "list-get"), Code.INVALID_PARAMETERS);
    refused(expr(AcLiteral.EMPTY, oper("list-get", IntLiteral.of(-1))), Code.INVALID_PARAMETERS);
    refused(expr(1, oper("predicate-all", AcLiteral.of(oper("add")))), Code.INVALID_PARAMETERS);
    refused(
        expr(AcLiteral.EMPTY, oper("tbl-filter", AcLiteral.of(IntLiteral.of(1), oper("add")))),
        Code.MISSING_OPERAND);
  }

  @Test
  void a_reference_to_something_other_than_a_value_is_refused() {
    refused(expr(ObjectRef.of("ietf", "dtnma-agent", AriType.CTRL, "inspect")), Code.INVALID_ITEM);
  }

  @Test
  void the_compiled_form_lists_each_reference_once() throws ExprException {
    CompiledExpr c = ExprCompiler.compile(expr(var("a"), var("b"), "add", var("a"), "add"));
    assertThat(c.references()).containsExactly(var("a"), var("b"));
    assertThat(c.source()).isEqualTo(expr(var("a"), var("b"), "add", var("a"), "add"));
  }

  @Test
  void evaluating_from_slots_gives_what_the_provider_gives_and_checks_the_count() throws Exception {
    ObjectRef a = var("a");
    ObjectRef b = var("b");
    CompiledExpr c = ExprCompiler.compile(expr(a, b, oper("sub"), a, oper("multiply")));
    assertThat(c.references()).containsExactly(a, b);
    java.util.Map<ObjectRef, dev.ama.model.ari.Ari> values =
        java.util.Map.of(a, IntLiteral.of(AriType.INT, 7), b, IntLiteral.of(AriType.INT, 2));
    assertThat(c.evaluate(new dev.ama.model.ari.Ari[] {values.get(a), values.get(b)}))
        .isEqualTo(c.evaluate(values::get))
        .isEqualTo(IntLiteral.of(AriType.INT, 35));
    assertThat(c.evaluate(new dev.ama.model.ari.Ari[] {null, values.get(b)}).isUndefined())
        .isTrue();
    assertThatThrownBy(() -> c.evaluate(new dev.ama.model.ari.Ari[] {values.get(a)}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected 2 values");
  }
}
