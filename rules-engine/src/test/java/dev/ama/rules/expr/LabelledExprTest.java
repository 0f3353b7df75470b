package dev.ama.rules.expr;

import static dev.ama.rules.expr.Exprs.edd;
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
import dev.ama.model.ari.TblLiteral;
import dev.ama.model.ari.TextLiteral;
import dev.ama.rules.expr.ExprException.Code;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelledExprTest {
  static final ValueProvider NONE = ref -> Ari.UNDEFINED;

  static IntLiteral label(long n) {
    return IntLiteral.of(AriType.LABEL, n);
  }

  static CompiledExpr labelled(Object... items) {
    try {
      return ExprCompiler.compileWithLabels(expr(items));
    } catch (ExprException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void labels_are_replaced_by_the_values_given_in_order() {
    CompiledExpr c = labelled(label(0), label(1), "sub");
    assertThat(c.evaluate(NONE, List.of(IntLiteral.of(10), IntLiteral.of(3))))
        .isEqualTo(IntLiteral.of(7));
    assertThat(c.evaluate(NONE, List.of(IntLiteral.of(3), IntLiteral.of(10))))
        .isEqualTo(IntLiteral.of(-7));
    assertThat(c.references()).isEmpty();
  }

  @Test
  void a_reference_given_as_a_label_stays_a_reference_and_is_not_looked_up() {
    ObjectRef x = edd("x");
    List<ObjectRef> asked = new ArrayList<>();
    ValueProvider provider =
        ref -> {
          asked.add(ref);
          return IntLiteral.of(5);
        };
    CompiledExpr c = labelled(label(0));
    assertThat(c.evaluate(provider, List.of(x))).isSameAs(x);
    assertThat(labelled(label(0), x, "strict-eq").evaluate(provider, List.of(x)))
        .isEqualTo(BoolLiteral.FALSE);
    assertThat(asked).containsExactly(x);
  }

  @Test
  void a_missing_label_is_undefined() {
    CompiledExpr c = labelled(label(2), "is-undefined");
    assertThat(c.evaluate(NONE, List.of(IntLiteral.of(1)))).isEqualTo(BoolLiteral.TRUE);
    assertThat(c.evaluate(NONE, null)).isEqualTo(BoolLiteral.TRUE);
    assertThat(c.evaluate(NONE, Arrays.asList(null, null, null))).isEqualTo(BoolLiteral.TRUE);
    assertThat(c.evaluate(NONE, List.of(IntLiteral.of(1), IntLiteral.of(1), IntLiteral.of(1))))
        .isEqualTo(BoolLiteral.FALSE);
    assertThat(c.evaluate(NONE)).isEqualTo(BoolLiteral.TRUE);
    assertThat(labelled(label(0)).evaluate(new Ari[0]).isUndefined()).isTrue();
  }

  @Test
  void labels_mix_with_references_read_from_the_provider() {
    CompiledExpr c = labelled(var("limit"), label(0), "compare-lt");
    Map<ObjectRef, Ari> values = Map.of(var("limit"), IntLiteral.of(10));
    assertThat(c.evaluate(values::get, List.of(IntLiteral.of(11)))).isEqualTo(BoolLiteral.TRUE);
    assertThat(c.evaluate(values::get, List.of(IntLiteral.of(9)))).isEqualTo(BoolLiteral.FALSE);
    assertThat(c.references()).containsExactly(var("limit"));
  }

  @Test
  void a_tbl_filter_inside_a_labelled_expression_binds_its_own_row_labels() {
    TblLiteral tbl =
        TblLiteral.ofRows(
            2,
            List.of(
                List.of(IntLiteral.of(1), IntLiteral.of(50)),
                List.of(IntLiteral.of(2), IntLiteral.of(150))));
    AcLiteral rows = AcLiteral.of(label(1), IntLiteral.of(100), oper("compare-gt"));
    CompiledExpr c = labelled(label(0), oper("tbl-filter", rows));
    assertThat(c.evaluate(NONE, List.of(tbl))).isEqualTo(TblLiteral.ofRows(2, List.of(tbl.row(1))));
  }

  @Test
  void a_labelled_evaluation_inside_another_sees_only_its_own_labels() {
    CompiledExpr inner = labelled(label(0), "is-undefined");
    ValueProvider nested = ref -> inner.evaluate(NONE);
    CompiledExpr outer = labelled(label(0), edd("nested"), "strict-eq");
    assertThat(outer.evaluate(nested, List.of(BoolLiteral.TRUE))).isEqualTo(BoolLiteral.TRUE);
    ValueProvider nestedWithLabel = ref -> inner.evaluate(NONE, List.of(IntLiteral.of(1)));
    assertThat(outer.evaluate(nestedWithLabel, List.of(BoolLiteral.FALSE)))
        .isEqualTo(BoolLiteral.TRUE);
  }

  @Test
  void plain_compile_refuses_labels_and_labelled_compile_refuses_other_labels() {
    assertThatThrownBy(() -> ExprCompiler.compile(expr(label(0))))
        .isInstanceOfSatisfying(
            ExprException.class, e -> assertThat(e.code()).isEqualTo(Code.INVALID_ITEM));
    assertThatThrownBy(() -> ExprCompiler.compileWithLabels(expr(label(-1))))
        .isInstanceOfSatisfying(
            ExprException.class, e -> assertThat(e.code()).isEqualTo(Code.INVALID_ITEM));
    assertThatThrownBy(
            () -> ExprCompiler.compileWithLabels(expr(new TextLiteral(AriType.LABEL, "x"))))
        .isInstanceOfSatisfying(
            ExprException.class, e -> assertThat(e.code()).isEqualTo(Code.INVALID_ITEM));
    assertThatThrownBy(() -> ExprCompiler.compileWithLabels(expr(label(0), label(1))))
        .isInstanceOfSatisfying(
            ExprException.class, e -> assertThat(e.code()).isEqualTo(Code.UNBALANCED));
  }
}
