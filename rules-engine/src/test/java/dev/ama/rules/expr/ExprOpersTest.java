package dev.ama.rules.expr;

import static dev.ama.rules.expr.Exprs.eval;
import static dev.ama.rules.expr.Exprs.oper;
import static dev.ama.rules.expr.Exprs.var;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.AmLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.BoolLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.Params;
import dev.ama.model.ari.RealLiteral;
import dev.ama.model.ari.TblLiteral;
import dev.ama.model.ari.TextLiteral;
import dev.ama.model.ari.TimeLiteral;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExprOpersTest {
  static final Ari U = Ari.UNDEFINED;
  static final Ari T = BoolLiteral.TRUE;
  static final Ari F = BoolLiteral.FALSE;

  static IntLiteral i(AriType t, long v) {
    return IntLiteral.of(t, v);
  }

  static RealLiteral r(AriType t, double v) {
    return new RealLiteral(t, v);
  }

  @Test
  void sub_and_divide_take_the_left_operand_first() {
    assertThat(eval(10, 2, "sub")).isEqualTo(IntLiteral.of(8));
    assertThat(eval(10, 2, "divide")).isEqualTo(IntLiteral.of(5));
    assertThat(eval(10, 3, "remainder")).isEqualTo(IntLiteral.of(1));
    assertThat(eval(-7, 2, "divide")).isEqualTo(IntLiteral.of(-3));
    assertThat(eval(-7, 2, "remainder")).isEqualTo(IntLiteral.of(-1));
    assertThat(eval(6, 7, "multiply")).isEqualTo(IntLiteral.of(42));
    assertThat(eval(6, 7, "add")).isEqualTo(IntLiteral.of(13));
    assertThat(eval(5, "negate")).isEqualTo(IntLiteral.of(-5));
  }

  @Test
  void untyped_operands_give_an_untyped_result() {
    assertThat(eval(200, 100, "add")).isEqualTo(IntLiteral.of(300));
    assertThat(eval(RealLiteral.of(1.5), 2, "multiply")).isEqualTo(RealLiteral.of(3.0));
  }

  @Test
  void a_typed_operand_gives_its_type_to_an_untyped_one() {
    assertThat(eval(i(AriType.INT, 5), 3, "add")).isEqualTo(i(AriType.INT, 8));
    assertThat(eval(3, i(AriType.UVAST, 5), "add")).isEqualTo(i(AriType.UVAST, 8));
    assertThat(eval(r(AriType.REAL32, 0.5), 1, "add")).isEqualTo(r(AriType.REAL32, 1.5));
  }

  @Test
  void an_untyped_operand_outside_the_typed_range_is_undefined() {
    assertThat(eval(i(AriType.BYTE, 5), 300, "add")).isEqualTo(U);
    assertThat(eval(i(AriType.UINT, 5), -1, "add")).isEqualTo(U);
    assertThat(eval(i(AriType.BYTE, 5), 300, "compare-lt")).isEqualTo(U);
  }

  @Test
  void an_untyped_real_widens_a_typed_integer_to_real64() {
    assertThat(eval(i(AriType.INT, 5), RealLiteral.of(0.5), "add"))
        .isEqualTo(r(AriType.REAL64, 5.5));
  }

  @Test
  void two_typed_operands_meet_at_the_higher_rank() {
    assertThat(eval(i(AriType.BYTE, 5), i(AriType.INT, -3), "add")).isEqualTo(i(AriType.INT, 2));
    assertThat(eval(i(AriType.UINT, 5), i(AriType.VAST, 3), "multiply"))
        .isEqualTo(i(AriType.VAST, 15));
    assertThat(eval(i(AriType.VAST, 5), r(AriType.REAL32, 0.5), "add"))
        .isEqualTo(r(AriType.REAL32, 5.5));
    assertThat(eval(r(AriType.REAL32, 1), r(AriType.REAL64, 0.1), "add"))
        .isEqualTo(r(AriType.REAL64, 1.1));
  }

  @Test
  void int_and_uvast_meet_at_vast() {
    assertThat(eval(i(AriType.INT, -2), i(AriType.UVAST, 5), "add")).isEqualTo(i(AriType.VAST, 3));
    assertThat(eval(i(AriType.INT, -2), IntLiteral.ofUnsigned(AriType.UVAST, -1L), "add"))
        .isEqualTo(U);
  }

  @Test
  void a_result_outside_its_type_is_undefined() {
    assertThat(eval(i(AriType.BYTE, 200), i(AriType.BYTE, 100), "add")).isEqualTo(U);
    assertThat(eval(i(AriType.INT, Integer.MAX_VALUE), 1, "add")).isEqualTo(U);
    assertThat(eval(i(AriType.VAST, Long.MAX_VALUE), 1, "add")).isEqualTo(U);
    assertThat(eval(i(AriType.VAST, Long.MIN_VALUE), -1, "divide")).isEqualTo(U);
    assertThat(eval(i(AriType.UVAST, 3), i(AriType.UVAST, 5), "sub")).isEqualTo(U);
    assertThat(eval(i(AriType.UINT, 5), "negate")).isEqualTo(U);
  }

  @Test
  void untyped_integers_reach_the_whole_cbor_range() {
    assertThat(eval(IntLiteral.of(Long.MAX_VALUE), 1, "add"))
        .isEqualTo(IntLiteral.of(null, BigInteger.TWO.pow(63)));
    assertThat(eval(IntLiteral.ofUnsigned(null, -1L), 1, "add")).isEqualTo(U);
    assertThat(eval(IntLiteral.ofUnsigned(AriType.UVAST, -2L), 1, "add"))
        .isEqualTo(IntLiteral.ofUnsigned(AriType.UVAST, -1L));
  }

  @Test
  void division_by_zero_is_undefined_for_integers_reals_and_times() {
    assertThat(eval(1, 0, "divide")).isEqualTo(U);
    assertThat(eval(1, 0, "remainder")).isEqualTo(U);
    assertThat(eval(RealLiteral.of(1), RealLiteral.of(0), "divide")).isEqualTo(U);
    assertThat(eval(RealLiteral.of(1), 0, "remainder")).isEqualTo(U);
    assertThat(eval(TimeLiteral.td(5, 0), 0, "divide")).isEqualTo(U);
  }

  @Test
  void real_arithmetic_follows_ieee_otherwise() {
    assertThat(eval(RealLiteral.of(7.5), RealLiteral.of(2), "remainder"))
        .isEqualTo(RealLiteral.of(1.5));
    assertThat(eval(RealLiteral.of(1e308), RealLiteral.of(10), "multiply"))
        .isEqualTo(RealLiteral.of(Double.POSITIVE_INFINITY));
  }

  @Test
  void an_undefined_operand_makes_every_value_operator_undefined() {
    for (String op :
        List.of(
            "add",
            "sub",
            "multiply",
            "divide",
            "remainder",
            "bit-and",
            "bit-or",
            "bit-xor",
            "bool-and",
            "bool-or",
            "bool-xor",
            "compare-eq",
            "compare-ne",
            "compare-gt",
            "compare-ge",
            "compare-lt",
            "compare-le",
            "strict-eq",
            "strict-ne")) {
      assertThat(eval(U, T, op)).as(op).isEqualTo(U);
      assertThat(eval(F, U, op)).as(op).isEqualTo(U);
    }
    for (String op : List.of("negate", "bit-not", "bool-not")) {
      assertThat(eval(U, op)).as(op).isEqualTo(U);
    }
  }

  @Test
  void operands_of_the_wrong_kind_are_undefined() {
    assertThat(eval(TextLiteral.of("a"), 1, "add")).isEqualTo(U);
    assertThat(eval(1, T, "bool-and")).isEqualTo(U);
    assertThat(eval(RealLiteral.of(1), 1, "bit-and")).isEqualTo(U);
    assertThat(eval(TextLiteral.of("a"), 1, "compare-gt")).isEqualTo(U);
  }

  @Test
  void bitwise_operators_work_within_the_type() {
    assertThat(eval(12, 10, "bit-and")).isEqualTo(IntLiteral.of(8));
    assertThat(eval(12, 10, "bit-or")).isEqualTo(IntLiteral.of(14));
    assertThat(eval(12, 10, "bit-xor")).isEqualTo(IntLiteral.of(6));
    assertThat(eval(5, "bit-not")).isEqualTo(IntLiteral.of(-6));
    assertThat(eval(i(AriType.BYTE, 5), "bit-not")).isEqualTo(i(AriType.BYTE, 250));
    assertThat(eval(i(AriType.UINT, 0), "bit-not")).isEqualTo(i(AriType.UINT, 0xFFFF_FFFFL));
    assertThat(eval(i(AriType.UVAST, 0), "bit-not"))
        .isEqualTo(IntLiteral.ofUnsigned(AriType.UVAST, -1L));
    assertThat(eval(i(AriType.INT, 0), "bit-not")).isEqualTo(i(AriType.INT, -1));
  }

  @Test
  void boolean_operators_need_booleans() {
    assertThat(eval(T, F, "bool-and")).isEqualTo(F);
    assertThat(eval(T, F, "bool-or")).isEqualTo(T);
    assertThat(eval(T, T, "bool-xor")).isEqualTo(F);
    assertThat(eval(BoolLiteral.typed(false), "bool-not")).isEqualTo(T);
  }

  @Test
  void comparisons_promote_numbers_and_order_times_of_one_kind() {
    assertThat(eval(3, 2, "compare-gt")).isEqualTo(T);
    assertThat(eval(2, 2, "compare-ge")).isEqualTo(T);
    assertThat(eval(i(AriType.INT, -1), i(AriType.UVAST, 1), "compare-lt")).isEqualTo(T);
    assertThat(eval(RealLiteral.of(2.5), 2, "compare-le")).isEqualTo(F);
    assertThat(eval(RealLiteral.of(Double.NaN), 2, "compare-le")).isEqualTo(F);
    assertThat(eval(TimeLiteral.tp(10, 0), TimeLiteral.tp(9, 5), "compare-gt")).isEqualTo(T);
    assertThat(eval(TimeLiteral.tp(10, 0), TimeLiteral.td(9, 5), "compare-gt")).isEqualTo(U);
  }

  @Test
  void loose_equality_ignores_type_tags_and_strict_equality_does_not() {
    assertThat(eval(i(AriType.INT, 3), 3, "compare-eq")).isEqualTo(T);
    assertThat(eval(i(AriType.INT, 3), RealLiteral.of(3), "compare-eq")).isEqualTo(T);
    assertThat(eval(i(AriType.BYTE, 3), 300, "compare-ne")).isEqualTo(T);
    assertThat(eval(TextLiteral.of("a"), new TextLiteral(AriType.TEXTSTR, "a"), "compare-eq"))
        .isEqualTo(T);
    assertThat(eval(TextLiteral.of("a"), 1, "compare-eq")).isEqualTo(F);
    assertThat(eval(BoolLiteral.typed(true), T, "compare-eq")).isEqualTo(T);
    assertThat(eval(i(AriType.INT, 3), 3, "strict-eq")).isEqualTo(F);
    assertThat(eval(i(AriType.INT, 3), i(AriType.INT, 3), "strict-eq")).isEqualTo(T);
    assertThat(eval(i(AriType.INT, 3), 3, "strict-ne")).isEqualTo(T);
  }

  @Test
  void undefinedness_predicates_see_undefined_and_never_return_it() {
    assertThat(eval(U, "is-undefined")).isEqualTo(T);
    assertThat(eval(1, "is-undefined")).isEqualTo(F);
    assertThat(eval(U, "is-not-undefined")).isEqualTo(F);
    assertThat(eval(1, 0, "divide", "is-undefined")).isEqualTo(T);
  }

  @Test
  void is_truthy_follows_the_truthiness_rules() {
    assertThat(eval(U, "is-truthy")).isEqualTo(F);
    assertThat(eval(0, "is-truthy")).isEqualTo(F);
    assertThat(eval(-2, "is-truthy")).isEqualTo(T);
    assertThat(eval(RealLiteral.of(Double.NaN), "is-truthy")).isEqualTo(F);
    assertThat(eval(TextLiteral.of(""), "is-truthy")).isEqualTo(F);
    assertThat(eval(TextLiteral.of("x"), "is-truthy")).isEqualTo(T);
    assertThat(eval(AcLiteral.EMPTY, "is-truthy")).isEqualTo(F);
    assertThat(eval(TimeLiteral.td(0, 1), "is-truthy")).isEqualTo(T);
  }

  @Test
  void time_point_plus_or_minus_a_difference_is_a_time_point() {
    assertThat(eval(TimeLiteral.tp(100, 500_000_000), TimeLiteral.td(1, 700_000_000), "add"))
        .isEqualTo(TimeLiteral.tp(102, 200_000_000));
    assertThat(eval(TimeLiteral.td(1, 0), TimeLiteral.tp(100, 0), "add"))
        .isEqualTo(TimeLiteral.tp(101, 0));
    assertThat(eval(TimeLiteral.tp(100, 0), TimeLiteral.td(0, 1), "sub"))
        .isEqualTo(TimeLiteral.tp(99, 999_999_999));
    assertThat(eval(TimeLiteral.tp(100, 0), TimeLiteral.tp(160, 0), "sub"))
        .isEqualTo(TimeLiteral.td(-60, 0));
    assertThat(eval(TimeLiteral.tp(100, 0), TimeLiteral.tp(1, 0), "add")).isEqualTo(U);
    assertThat(eval(TimeLiteral.tp(100, 0), 1, "add")).isEqualTo(U);
  }

  @Test
  void time_differences_add_scale_and_divide() {
    assertThat(eval(TimeLiteral.td(1, 0), TimeLiteral.td(2, 500_000_000), "add"))
        .isEqualTo(TimeLiteral.td(3, 500_000_000));
    assertThat(eval(TimeLiteral.td(1, 0), TimeLiteral.td(2, 0), "sub"))
        .isEqualTo(TimeLiteral.td(-1, 0));
    assertThat(eval(TimeLiteral.td(1, 500_000_000), 3, "multiply"))
        .isEqualTo(TimeLiteral.td(4, 500_000_000));
    assertThat(eval(RealLiteral.of(0.5), TimeLiteral.td(3, 0), "multiply"))
        .isEqualTo(TimeLiteral.td(1, 500_000_000));
    assertThat(eval(TimeLiteral.td(10, 0), 4, "divide")).isEqualTo(TimeLiteral.td(2, 500_000_000));
    assertThat(eval(TimeLiteral.td(10, 0), RealLiteral.of(4), "divide"))
        .isEqualTo(TimeLiteral.td(2, 500_000_000));
    assertThat(eval(TimeLiteral.td(90_000, 0), TimeLiteral.td(86_400, 0), "remainder"))
        .isEqualTo(TimeLiteral.td(3_600, 0));
    assertThat(eval(TimeLiteral.td(5, 0), "negate")).isEqualTo(TimeLiteral.td(-5, 0));
    assertThat(eval(TimeLiteral.tp(5, 0), "negate")).isEqualTo(U);
    assertThat(eval(TimeLiteral.td(Long.MAX_VALUE, 0), 2, "multiply")).isEqualTo(U);
  }

  @Test
  void predicates_combine_unary_operators_over_one_value() {
    AcLiteral ops = AcLiteral.of(oper("is-not-undefined"), oper("is-truthy"));
    assertThat(eval(5, oper("predicate-all", ops))).isEqualTo(T);
    assertThat(eval(0, oper("predicate-all", ops))).isEqualTo(F);
    assertThat(eval(0, oper("predicate-any", ops))).isEqualTo(T);
    assertThat(eval(U, oper("predicate-any", ops))).isEqualTo(F);
    assertThat(eval(U, oper("predicate-none", ops))).isEqualTo(T);
  }

  @Test
  void container_getters_return_the_item_or_undefined() {
    AcLiteral list = AcLiteral.of(IntLiteral.of(10), IntLiteral.of(20));
    assertThat(eval(list, oper("list-get", IntLiteral.of(1)))).isEqualTo(IntLiteral.of(20));
    assertThat(eval(list, oper("list-get", IntLiteral.of(2)))).isEqualTo(U);
    AmLiteral map = new AmLiteral(Map.of(TextLiteral.of("k"), IntLiteral.of(7)));
    assertThat(eval(map, oper("map-get", TextLiteral.of("k")))).isEqualTo(IntLiteral.of(7));
    assertThat(eval(map, oper("map-get", TextLiteral.of("x")))).isEqualTo(U);
    assertThat(eval(list, oper("map-get", TextLiteral.of("k")))).isEqualTo(U);
    TblLiteral tbl = new TblLiteral(2, List.of(IntLiteral.of(1), IntLiteral.of(2)));
    assertThat(eval(tbl, oper("tbl-get", IntLiteral.of(0), IntLiteral.of(1))))
        .isEqualTo(IntLiteral.of(2));
    assertThat(eval(tbl, oper("tbl-get", IntLiteral.of(1), IntLiteral.of(0)))).isEqualTo(U);
  }

  @Test
  void tbl_filter_keeps_matching_rows_and_the_listed_columns() {
    TblLiteral tbl =
        TblLiteral.ofRows(
            3,
            List.of(
                List.of(IntLiteral.of(1), TextLiteral.of("a"), IntLiteral.of(50)),
                List.of(IntLiteral.of(2), TextLiteral.of("b"), IntLiteral.of(150)),
                List.of(IntLiteral.of(3), TextLiteral.of("c"), IntLiteral.of(250))));
    AcLiteral rows =
        AcLiteral.of(IntLiteral.of(AriType.LABEL, 2), IntLiteral.of(100), oper("compare-gt"));
    AcLiteral columns = AcLiteral.of(IntLiteral.of(1), IntLiteral.of(0));
    assertThat(eval(tbl, oper("tbl-filter", rows, columns)))
        .isEqualTo(
            TblLiteral.ofRows(
                2,
                List.of(
                    List.of(TextLiteral.of("b"), IntLiteral.of(2)),
                    List.of(TextLiteral.of("c"), IntLiteral.of(3)))));
    ObjectRef named =
        oper("tbl-filter").withParams(new Params.Named(Map.of(TextLiteral.of("rows"), rows)));
    assertThat(((TblLiteral) eval(tbl, named)).rowCount()).isEqualTo(2);
  }

  @Test
  void operators_are_found_by_enum_and_relative_reference_too() {
    ObjectRef byEnum = ObjectRef.builder().org(1).model(1).type(AriType.OPER).object(2).build();
    ObjectRef relative = ObjectRef.builder().type(AriType.OPER).object("add").build();
    assertThat(eval(10, 2, byEnum)).isEqualTo(IntLiteral.of(8));
    assertThat(eval(10, 2, relative)).isEqualTo(IntLiteral.of(12));
  }

  @Test
  void the_issue_predicate_reads_its_variables_from_the_provider() {
    Map<ObjectRef, Ari> values =
        Map.of(
            var("a"), i(AriType.VAST, 5),
            var("b"), i(AriType.VAST, 3),
            var("c"), i(AriType.VAST, 40),
            var("d"), i(AriType.VAST, 20));
    Object[] predicate = {
      var("a"),
      var("b"),
      "compare-gt",
      var("c"),
      var("d"),
      2,
      "multiply",
      "add",
      100,
      "compare-lt",
      "bool-and"
    };
    assertThat(eval(values, predicate)).isEqualTo(T);
    assertThat(eval(Map.of(var("a"), i(AriType.VAST, 5)), predicate)).isEqualTo(U);
  }

  @Test
  void a_single_operand_evaluates_to_itself() {
    Ari v = BoolLiteral.typed(true);
    assertThat(eval(Map.of(var("x"), v), var("x"))).isSameAs(v);
    assertThat(eval(i(AriType.UINT, 7))).isEqualTo(i(AriType.UINT, 7));
  }
}
