package dev.ama.rules.expr;

import static dev.ama.rules.expr.Exprs.edd;
import static dev.ama.rules.expr.Exprs.eval;
import static dev.ama.rules.expr.Exprs.expr;
import static dev.ama.rules.expr.Exprs.oper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.AmLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.AriTypeLiteral;
import dev.ama.model.ari.BoolLiteral;
import dev.ama.model.ari.BytesLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.NullLiteral;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.RealLiteral;
import dev.ama.model.ari.TextLiteral;
import dev.ama.model.ari.TimeLiteral;
import dev.ama.rules.expr.ExprException.Code;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypeOpersTest {
  static final Ari U = Ari.UNDEFINED;
  static final Ari T = BoolLiteral.TRUE;
  static final Ari F = BoolLiteral.FALSE;

  static Ari aritype(AriType t) {
    return new AriTypeLiteral(t);
  }

  static ObjectRef typedef(String name) {
    return ObjectRef.of("ietf", "amm-base", AriType.TYPEDEF, name);
  }

  static IntLiteral i(AriType t, long v) {
    return IntLiteral.of(t, v);
  }

  static Ari matches(Ari value, Ari desired) {
    return eval(value, oper("match-type", desired));
  }

  static Ari convert(Ari value, Ari desired) {
    return eval(value, oper("convert-type", desired));
  }

  static ObjectRef ref(ObjectRef r) {
    return oper("ref", r);
  }

  @Test
  void an_integer_matches_an_integer_type_when_untyped_or_of_that_type_and_in_range() {
    Ari intType = aritype(AriType.INT);
    assertThat(matches(IntLiteral.of(5), intType)).isEqualTo(T);
    assertThat(matches(i(AriType.INT, -5), intType)).isEqualTo(T);
    assertThat(matches(i(AriType.BYTE, 5), intType)).isEqualTo(F);
    assertThat(matches(IntLiteral.of(1L << 40), intType)).isEqualTo(F);
    assertThat(matches(RealLiteral.of(5), intType)).isEqualTo(F);
    assertThat(matches(TextLiteral.of("5"), intType)).isEqualTo(F);
    assertThat(matches(i(AriType.BYTE, 300), aritype(AriType.BYTE))).isEqualTo(F);
    assertThat(matches(IntLiteral.of(-1), aritype(AriType.UVAST))).isEqualTo(F);
  }

  @Test
  void other_built_in_types_match_their_own_values() throws ExprException {
    assertThat(matches(RealLiteral.of(1.5), aritype(AriType.REAL32))).isEqualTo(T);
    assertThat(matches(RealLiteral.of(1e300), aritype(AriType.REAL32))).isEqualTo(F);
    assertThat(matches(TextLiteral.of("a"), aritype(AriType.TEXTSTR))).isEqualTo(T);
    // A LABEL value cannot be an EXPR item; it can be a bound label's value.
    CompiledExpr isText =
        ExprCompiler.compileWithLabels(
            expr(IntLiteral.of(AriType.LABEL, 0), oper("match-type", aritype(AriType.TEXTSTR))));
    assertThat(isText.evaluate(r -> U, java.util.List.of(new TextLiteral(AriType.LABEL, "a"))))
        .isEqualTo(F);
    assertThat(matches(TimeLiteral.tp(10, 0), aritype(AriType.TP))).isEqualTo(T);
    assertThat(matches(TimeLiteral.td(10, 0), aritype(AriType.TP))).isEqualTo(F);
    assertThat(matches(NullLiteral.UNTYPED, aritype(AriType.NULL))).isEqualTo(T);
    assertThat(matches(AcLiteral.EMPTY, aritype(AriType.AC))).isEqualTo(T);
    assertThat(matches(AcLiteral.EMPTY, aritype(AriType.AM))).isEqualTo(F);
    assertThat(matches(IntLiteral.of(5), aritype(AriType.LITERAL))).isEqualTo(T);
    assertThat(eval(ref(edd("x")), oper("match-type", aritype(AriType.LITERAL)))).isEqualTo(F);
    assertThat(eval(ref(edd("x")), oper("match-type", aritype(AriType.OBJECT)))).isEqualTo(T);
    assertThat(eval(ref(edd("x")), oper("match-type", aritype(AriType.EDD)))).isEqualTo(T);
    assertThat(eval(ref(edd("x")), oper("match-type", aritype(AriType.VAR)))).isEqualTo(F);
  }

  @Test
  void the_desired_type_may_be_a_code_or_a_name() {
    assertThat(matches(IntLiteral.of(5), IntLiteral.of(AriType.INT.code()))).isEqualTo(T);
    assertThat(matches(IntLiteral.of(5), TextLiteral.of("int"))).isEqualTo(T);
    assertThat(matches(IntLiteral.of(5), TextLiteral.of("bool"))).isEqualTo(F);
  }

  @Test
  void amm_base_typedefs_match_by_name_or_enum() {
    assertThat(matches(i(AriType.UVAST, 5), typedef("integer"))).isEqualTo(T);
    assertThat(matches(RealLiteral.of(1.5), typedef("integer"))).isEqualTo(F);
    assertThat(matches(RealLiteral.of(1.5), typedef("numeric"))).isEqualTo(T);
    assertThat(matches(TextLiteral.of("x"), typedef("primitive"))).isEqualTo(T);
    assertThat(matches(AcLiteral.EMPTY, typedef("primitive"))).isEqualTo(F);
    assertThat(matches(TimeLiteral.td(1, 0), typedef("simple"))).isEqualTo(T);
    assertThat(matches(TextLiteral.of("abc-1.2"), typedef("id-text"))).isEqualTo(T);
    assertThat(matches(TextLiteral.of("1abc"), typedef("id-text"))).isEqualTo(F);
    assertThat(matches(i(AriType.UINT, 5), typedef("counter32"))).isEqualTo(T);
    assertThat(matches(i(AriType.INT, 5), typedef("counter32"))).isEqualTo(F);
    ObjectRef integerByEnum =
        ObjectRef.builder().org(1).model(25).type(AriType.TYPEDEF).object(1).build();
    assertThat(matches(IntLiteral.of(5), integerByEnum)).isEqualTo(T);
    AcLiteral anExpr = AcLiteral.of(IntLiteral.of(1), edd("x"), oper("add"));
    assertThat(matches(anExpr, typedef("expr"))).isEqualTo(T);
    assertThat(
            matches(
                AcLiteral.of(ObjectRef.of("ietf", "dtnma-agent", AriType.CTRL, "inspect")),
                typedef("expr")))
        .isEqualTo(F);
    assertThat(matches(anExpr, typedef("eval-tgt"))).isEqualTo(T);
  }

  @Test
  void an_unknown_type_or_an_undefined_operand_gives_undefined() {
    Ari uuid = ObjectRef.of("ietf", "network-base", AriType.TYPEDEF, "uuid");
    assertThat(matches(IntLiteral.of(5), uuid)).isEqualTo(U);
    assertThat(convert(IntLiteral.of(5), uuid)).isEqualTo(U);
    assertThat(matches(IntLiteral.of(5), IntLiteral.of(99))).isEqualTo(U);
    assertThat(matches(IntLiteral.of(5), TextLiteral.of("widget"))).isEqualTo(U);
    assertThat(matches(IntLiteral.of(5), typedef("no-such-typedef"))).isEqualTo(U);
    assertThat(eval(edd("missing"), oper("match-type", aritype(AriType.INT)))).isEqualTo(U);
    assertThat(eval(edd("missing"), oper("convert-type", aritype(AriType.INT)))).isEqualTo(U);
  }

  @Test
  void the_desired_parameter_must_name_a_type() {
    for (Ari bad : new Ari[] {BoolLiteral.TRUE, edd("x"), AcLiteral.EMPTY}) {
      assertThatThrownBy(
              () -> ExprCompiler.compile(expr(IntLiteral.of(1), oper("match-type", bad))))
          .isInstanceOfSatisfying(
              ExprException.class, e -> assertThat(e.code()).isEqualTo(Code.INVALID_PARAMETERS));
    }
    assertThatThrownBy(() -> ExprCompiler.compile(expr(IntLiteral.of(1), "convert-type")))
        .isInstanceOfSatisfying(
            ExprException.class, e -> assertThat(e.code()).isEqualTo(Code.INVALID_PARAMETERS));
  }

  @Test
  void numbers_convert_to_integer_types_only_when_exact_and_in_range() {
    Ari intType = aritype(AriType.INT);
    assertThat(convert(IntLiteral.of(5), intType)).isEqualTo(i(AriType.INT, 5));
    assertThat(convert(i(AriType.BYTE, 5), intType)).isEqualTo(i(AriType.INT, 5));
    assertThat(convert(RealLiteral.of(3.0), intType)).isEqualTo(i(AriType.INT, 3));
    assertThat(convert(RealLiteral.of(-0.0), intType)).isEqualTo(i(AriType.INT, 0));
    assertThat(convert(RealLiteral.of(3.5), intType)).isEqualTo(U);
    assertThat(convert(RealLiteral.of(Double.NaN), intType)).isEqualTo(U);
    assertThat(convert(IntLiteral.of(1L << 40), intType)).isEqualTo(U);
    assertThat(convert(IntLiteral.of(-1), aritype(AriType.UVAST))).isEqualTo(U);
    assertThat(convert(TextLiteral.of("5"), intType)).isEqualTo(U);
    assertThat(convert(BoolLiteral.TRUE, intType)).isEqualTo(U);
  }

  @Test
  void numbers_convert_to_real_types_rounding_to_single_precision() {
    assertThat(convert(IntLiteral.of(5), aritype(AriType.REAL32)))
        .isEqualTo(new RealLiteral(AriType.REAL32, 5.0));
    assertThat(convert(RealLiteral.of(0.1), aritype(AriType.REAL32)))
        .isEqualTo(new RealLiteral(AriType.REAL32, (double) 0.1f));
    assertThat(convert(RealLiteral.of(1e300), aritype(AriType.REAL32))).isEqualTo(U);
    assertThat(convert(RealLiteral.of(Double.POSITIVE_INFINITY), aritype(AriType.REAL32)))
        .isEqualTo(new RealLiteral(AriType.REAL32, Double.POSITIVE_INFINITY));
    assertThat(convert(i(AriType.VAST, 7), aritype(AriType.REAL64)))
        .isEqualTo(new RealLiteral(AriType.REAL64, 7.0));
  }

  @Test
  void bool_conversion_takes_booleans_and_numbers_by_truthiness() {
    Ari bool = aritype(AriType.BOOL);
    assertThat(convert(IntLiteral.of(0), bool)).isEqualTo(BoolLiteral.typed(false));
    assertThat(convert(RealLiteral.of(2.5), bool)).isEqualTo(BoolLiteral.typed(true));
    assertThat(convert(BoolLiteral.TRUE, bool)).isEqualTo(BoolLiteral.typed(true));
    assertThat(convert(TextLiteral.of("x"), bool)).isEqualTo(U);
    assertThat(convert(NullLiteral.UNTYPED, bool)).isEqualTo(U);
  }

  @Test
  void other_values_convert_to_their_own_type_only() {
    assertThat(convert(TextLiteral.of("a"), aritype(AriType.TEXTSTR)))
        .isEqualTo(new TextLiteral(AriType.TEXTSTR, "a"));
    assertThat(convert(IntLiteral.of(5), aritype(AriType.TEXTSTR))).isEqualTo(U);
    assertThat(convert(BytesLiteral.of(new byte[] {1}), aritype(AriType.BYTESTR)))
        .isEqualTo(BytesLiteral.of(AriType.BYTESTR, new byte[] {1}));
    assertThat(convert(TimeLiteral.td(5, 0), aritype(AriType.TD))).isEqualTo(TimeLiteral.td(5, 0));
    assertThat(convert(IntLiteral.of(5), aritype(AriType.TD))).isEqualTo(U);
    assertThat(convert(NullLiteral.UNTYPED, aritype(AriType.NULL))).isEqualTo(NullLiteral.TYPED);
    assertThat(eval(ref(edd("x")), oper("convert-type", aritype(AriType.EDD)))).isEqualTo(edd("x"));
  }

  @Test
  void a_union_takes_the_first_member_the_value_matches_else_the_first_that_converts_it() {
    assertThat(convert(IntLiteral.of(5), typedef("integer"))).isEqualTo(i(AriType.BYTE, 5));
    assertThat(convert(IntLiteral.of(-5), typedef("integer"))).isEqualTo(i(AriType.INT, -5));
    assertThat(convert(i(AriType.UVAST, 5), typedef("integer"))).isEqualTo(i(AriType.UVAST, 5));
    assertThat(convert(RealLiteral.of(3.0), typedef("integer"))).isEqualTo(i(AriType.BYTE, 3));
    assertThat(convert(RealLiteral.of(3.0), typedef("numeric")))
        .isEqualTo(new RealLiteral(AriType.REAL32, 3.0));
    assertThat(convert(i(AriType.INT, 2), typedef("float")))
        .isEqualTo(new RealLiteral(AriType.REAL32, 2.0));
    assertThat(convert(NullLiteral.UNTYPED, typedef("primitive"))).isEqualTo(NullLiteral.TYPED);
    assertThat(convert(TextLiteral.of("x"), typedef("primitive")))
        .isEqualTo(new TextLiteral(AriType.TEXTSTR, "x"));
    assertThat(convert(new AmLiteral(Map.of()), typedef("primitive"))).isEqualTo(U);
    assertThat(convert(IntLiteral.of(5), typedef("nonce"))).isEqualTo(i(AriType.UVAST, 5));
    AcLiteral anExpr = AcLiteral.of(IntLiteral.of(1), IntLiteral.of(2), oper("add"));
    assertThat(convert(anExpr, typedef("expr"))).isEqualTo(anExpr);
  }
}
