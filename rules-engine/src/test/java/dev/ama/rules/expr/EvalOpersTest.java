package dev.ama.rules.expr;

import static dev.ama.rules.expr.Exprs.edd;
import static dev.ama.rules.expr.Exprs.eval;
import static dev.ama.rules.expr.Exprs.expr;
import static dev.ama.rules.expr.Exprs.oper;
import static dev.ama.rules.expr.Exprs.var;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.BoolLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.Params;
import dev.ama.model.ari.TextLiteral;
import dev.ama.rules.expr.ExprException.Code;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvalOpersTest {
  static final Ari U = Ari.UNDEFINED;
  static final Ari T = BoolLiteral.TRUE;
  static final Ari F = BoolLiteral.FALSE;

  static IntLiteral n(long v) {
    return IntLiteral.of(v);
  }

  static IntLiteral label(long v) {
    return IntLiteral.of(AriType.LABEL, v);
  }

  static void refused(AcLiteral expr, Code code) {
    assertThatThrownBy(() -> ExprCompiler.compile(expr))
        .isInstanceOfSatisfying(ExprException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  @Test
  void eval_of_an_inline_expression_is_that_expression() throws ExprException {
    assertThat(eval(oper("eval", expr(1, 2, "add")))).isEqualTo(n(3));
    CompiledExpr c = ExprCompiler.compile(expr(oper("eval", expr(var("a"), 1, "add")), 2, "add"));
    assertThat(c.references()).containsExactly(var("a"));
    assertThat(c.evaluate(new Ari[] {n(5)})).isEqualTo(n(8));
    assertThat(c.evaluate(Map.of(var("a"), n(5))::get)).isEqualTo(n(8));
  }

  @Test
  void an_inline_target_is_checked_when_compiling() {
    assertThatThrownBy(() -> ExprCompiler.compile(expr(oper("eval", expr(1, "add")))))
        .isInstanceOfSatisfying(
            ExprException.class, e -> assertThat(e.code()).isEqualTo(Code.MISSING_OPERAND))
        .hasMessageStartingWith("MISSING_OPERAND: eval target: item 1");
    refused(expr(oper("eval", expr(label(0)))), Code.INVALID_ITEM);
    refused(expr(oper("eval", n(5))), Code.INVALID_PARAMETERS);
    refused(
        expr(oper("eval", ObjectRef.of("ietf", "dtnma-agent", AriType.CTRL, "inspect"))),
        Code.INVALID_PARAMETERS);
    refused(expr(oper("eval")), Code.INVALID_PARAMETERS);
  }

  @Test
  void sub_expressions_nest_at_most_thirty_two_levels_below_the_expression() {
    AcLiteral inner = expr(1);
    for (int i = 0; i < 32; i++) {
      inner = expr(oper("eval", inner));
    }
    assertThat(eval(inner.items().toArray())).isEqualTo(n(1));
    refused(expr(oper("eval", inner)), Code.INVALID_PARAMETERS);
  }

  @Test
  void eval_of_a_value_object_evaluates_the_expression_it_holds() throws ExprException {
    Map<ObjectRef, Ari> values = new HashMap<>();
    values.put(var("x"), expr(var("y"), 2, "multiply"));
    values.put(var("y"), n(21));
    List<ObjectRef> asked = new ArrayList<>();
    ValueProvider provider =
        ref -> {
          asked.add(ref);
          return values.get(ref);
        };
    CompiledExpr c = ExprCompiler.compile(expr(oper("eval", var("x"))));
    assertThat(c.references()).containsExactly(var("x"));
    assertThat(c.evaluate(provider)).isEqualTo(n(42));
    assertThat(asked).containsExactly(var("x"), var("y"));
    values.put(var("x"), expr(var("y"), 1, "add"));
    assertThat(c.evaluate(provider)).isEqualTo(n(22));
    values.put(var("x"), expr(var("y"), 2, "multiply"));
    assertThat(c.evaluate(provider)).isEqualTo(n(42));
  }

  @Test
  void a_value_object_that_holds_no_valid_expression_gives_undefined() {
    assertThat(eval(Map.of(var("x"), n(5)), oper("eval", var("x")))).isEqualTo(U);
    assertThat(eval(Map.of(var("x"), expr(1, "add")), oper("eval", var("x")))).isEqualTo(U);
    assertThat(eval(Map.of(), oper("eval", var("x")))).isEqualTo(U);
    assertThat(eval(Map.of(var("x"), expr(label(0))), oper("eval", var("x")))).isEqualTo(U);
  }

  @Test
  void an_expression_that_evaluates_itself_ends_as_undefined() {
    AcLiteral self = expr(oper("eval", var("x")));
    assertThat(eval(Map.of(var("x"), self), oper("eval", var("x")))).isEqualTo(U);
    Map<ObjectRef, Ari> mutual =
        Map.of(var("x"), expr(oper("eval", var("y"))), var("y"), expr(oper("eval", var("x"))));
    assertThat(eval(mutual, oper("eval", var("x")))).isEqualTo(U);
    AcLiteral guarded = expr(oper("eval", var("x")), "is-undefined");
    assertThat(eval(Map.of(var("x"), guarded), oper("eval", var("x")))).isEqualTo(F);
  }

  @Test
  void run_time_targets_nest_sixteen_deep() {
    Map<ObjectRef, Ari> chain = new HashMap<>();
    for (int i = 0; i < 20; i++) {
      chain.put(var("v" + i), expr(oper("eval", var("v" + (i + 1)))));
    }
    chain.put(var("v20"), expr(7));
    chain.put(var("v15"), expr(7));
    assertThat(eval(chain, oper("eval", var("v0")))).isEqualTo(n(7));
    chain.put(var("v15"), expr(oper("eval", var("v16"))));
    assertThat(eval(chain, oper("eval", var("v0")))).isEqualTo(U);
  }

  @Test
  void from_slots_a_run_time_target_reads_no_values() throws ExprException {
    CompiledExpr c = ExprCompiler.compile(expr(oper("eval", var("x"))));
    assertThat(c.evaluate(new Ari[] {expr(1, 2, "add")})).isEqualTo(n(3));
    assertThat(c.evaluate(new Ari[] {expr(var("y"), "is-undefined")})).isEqualTo(T);
  }

  @Test
  void unary_eval_binds_its_operand_to_label_zero() {
    ObjectRef gt3 = oper("unary-eval", AcLiteral.of(label(0), n(3), oper("compare-gt")));
    assertThat(eval(5, gt3)).isEqualTo(T);
    assertThat(eval(2, gt3)).isEqualTo(F);
    assertThat(eval(5, oper("unary-eval", expr(7)))).isEqualTo(n(7));
    // A label beyond the operands fails the whole evaluation (YANG), even under is-undefined.
    assertThat(eval(5, oper("unary-eval", AcLiteral.of(label(1), oper("is-undefined")))))
        .isEqualTo(U);
    Map<ObjectRef, Ari> values = Map.of(var("f"), AcLiteral.of(label(0), n(2), oper("multiply")));
    assertThat(eval(values, 21, oper("unary-eval", var("f")))).isEqualTo(n(42));
    assertThat(eval(Map.of(var("f"), expr(label(1))), 21, oper("unary-eval", var("f"))))
        .isEqualTo(U);
  }

  @Test
  void unary_eval_composes_with_the_predicates() {
    ObjectRef between =
        oper(
            "predicate-all",
            AcLiteral.of(
                oper("unary-eval", AcLiteral.of(label(0), n(0), oper("compare-gt"))),
                oper("unary-eval", AcLiteral.of(label(0), n(10), oper("compare-lt")))));
    assertThat(eval(5, between)).isEqualTo(T);
    assertThat(eval(11, between)).isEqualTo(F);
  }

  @Test
  void nary_eval_binds_label_zero_to_the_bottom_most_operand() {
    ObjectRef sub = oper("nary-eval", n(2), AcLiteral.of(label(0), label(1), oper("sub")));
    assertThat(eval(10, 3, sub)).isEqualTo(n(7));
    assertThat(eval(1, 2, 3, oper("nary-eval", n(2), AcLiteral.of(label(1))), "add"))
        .isEqualTo(n(4));
    assertThat(eval(oper("nary-eval", n(0), expr(4)))).isEqualTo(n(4));
    assertThat(eval(10, 3, oper("nary-eval", n(2), AcLiteral.of(label(2))))).isEqualTo(U);
    ObjectRef named =
        oper("nary-eval")
            .withParams(
                new Params.Named(
                    Map.of(
                        TextLiteral.of("target"),
                        AcLiteral.of(label(0), label(1), oper("add")),
                        TextLiteral.of("operand-count"),
                        n(2))));
    assertThat(eval(10, 3, named)).isEqualTo(n(13));
  }

  @Test
  void nary_eval_checks_its_count_against_the_stack() {
    refused(expr(1, oper("nary-eval", n(2), expr(label(0)))), Code.MISSING_OPERAND);
    refused(expr(1, oper("nary-eval", n(-1), expr(label(0)))), Code.INVALID_PARAMETERS);
    refused(expr(1, oper("nary-eval", n(1))), Code.INVALID_PARAMETERS);
    refused(expr(1, 2, oper("nary-eval", n(1), expr(label(0)))), Code.UNBALANCED);
  }

  @Test
  void an_eval_target_sees_its_own_labels_not_the_enclosing_ones() throws ExprException {
    CompiledExpr c =
        ExprCompiler.compileWithLabels(
            AcLiteral.of(
                label(0),
                oper("unary-eval", AcLiteral.of(label(0), n(1), oper("add"))),
                label(0),
                oper("add")));
    assertThat(c.evaluate(r -> U, List.of(n(10)))).isEqualTo(n(21));
    CompiledExpr fromVar =
        ExprCompiler.compileWithLabels(AcLiteral.of(label(0), oper("eval", var("e")), oper("add")));
    Map<ObjectRef, Ari> values = Map.of(var("e"), expr(label(0)));
    assertThat(fromVar.evaluate(values::get, List.of(n(10)))).isEqualTo(U);
    assertThat(eval(Map.of(edd("x"), expr(5)), oper("eval", edd("x")))).isEqualTo(n(5));
  }
}
