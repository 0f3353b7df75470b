package dev.ama.model.ari;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The value model's own rules: domains, normal forms and what it refuses. */
class ValuesTest {

  @Test
  void integers_cover_the_cbor_domain_and_refuse_beyond_it() {
    BigInteger two64 = BigInteger.ONE.shiftLeft(64);
    assertThat(IntLiteral.of(null, two64.subtract(BigInteger.ONE)).toDecimalString())
        .isEqualTo("18446744073709551615");
    assertThat(IntLiteral.of(null, two64.negate()).toDecimalString())
        .isEqualTo("-18446744073709551616");
    assertThatThrownBy(() -> IntLiteral.of(null, two64))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IntLiteral.of(null, two64.negate().subtract(BigInteger.ONE)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(IntLiteral.of(Long.MIN_VALUE).longValue()).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void an_integer_beyond_long_says_so_instead_of_wrapping() {
    IntLiteral big = IntLiteral.ofUnsigned(AriType.UVAST, -1L);
    assertThat(big.fitsLong()).isFalse();
    assertThatThrownBy(big::longValue).isInstanceOf(ArithmeticException.class);
    assertThat(big.bigValue()).isEqualTo(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
  }

  @Test
  void a_typed_literal_refuses_a_type_of_the_wrong_kind() {
    assertThatThrownBy(() -> IntLiteral.of(AriType.TEXTSTR, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TEXTSTR");
    assertThatThrownBy(() -> new BoolLiteral(AriType.INT, true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void times_count_from_the_dtn_epoch_with_nanosecond_precision() {
    TimeLiteral tp = TimeLiteral.tp(Instant.parse("2023-01-02T03:04:05.006007008Z"));
    assertThat(tp.seconds()).isEqualTo(725_943_845L);
    assertThat(tp.nanos()).isEqualTo(6_007_008);
    assertThat(tp.toInstant()).isEqualTo(Instant.parse("2023-01-02T03:04:05.006007008Z"));
    assertThat(TimeLiteral.td(Duration.ofMillis(-1500))).isEqualTo(TimeLiteral.td(-2, 500_000_000));
  }

  @Test
  void a_fractional_time_beyond_the_64_bit_nanosecond_range_is_refused() {
    assertThat(TimeLiteral.td(-9_223_372_037L, 145_224_192).totalNanos()).isEqualTo(Long.MIN_VALUE);
    assertThatThrownBy(() -> TimeLiteral.td(-9_223_372_037L, 145_224_191))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TimeLiteral.td(9_223_372_036L, 854_775_808))
        .isInstanceOf(IllegalArgumentException.class);
    // Whole seconds keep the full 64-bit range.
    assertThat(TimeLiteral.td(Long.MAX_VALUE, 0).seconds()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void decimal_fractions_floor_to_seconds_and_nanoseconds() {
    assertThat(TimeLiteral.ofDecimal(AriType.TD, -1, -15))
        .isEqualTo(TimeLiteral.td(-2, 500_000_000));
    assertThat(TimeLiteral.ofDecimal(AriType.TP, 3, 5)).isEqualTo(TimeLiteral.tp(5000, 0));
    assertThatThrownBy(() -> TimeLiteral.ofDecimal(AriType.TP, 9, Long.MAX_VALUE))
        .isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> TimeLiteral.ofDecimal(AriType.TP, -10, 1))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void map_entries_take_the_reference_key_order_whatever_order_they_come_in() {
    Map<Ari, Ari> in = new LinkedHashMap<>();
    in.put(TextLiteral.of("oh"), IntLiteral.of(4));
    in.put(TextLiteral.of("b"), IntLiteral.of(5));
    in.put(IntLiteral.of(10), TextLiteral.of("hi"));
    in.put(IntLiteral.ofUnsigned(null, -1L), BoolLiteral.FALSE);
    in.put(IntLiteral.of(-3), BoolLiteral.TRUE);
    assertThat(new AmLiteral(in).entries().keySet())
        .containsExactly(
            IntLiteral.ofUnsigned(null, -1L),
            IntLiteral.of(-3),
            IntLiteral.of(10),
            TextLiteral.of("b"),
            TextLiteral.of("oh"));
  }

  @Test
  void map_keys_of_other_kinds_are_refused() {
    assertThatThrownBy(() -> new AmLiteral(Map.of(BoolLiteral.TRUE, NullLiteral.UNTYPED)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("untyped integer or text");
    assertThatThrownBy(
            () -> new AmLiteral(Map.of(IntLiteral.of(AriType.INT, 1), NullLiteral.UNTYPED)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_table_must_hold_whole_rows() {
    assertThat(new TblLiteral(2, List.of(IntLiteral.of(1), IntLiteral.of(2))).rowCount())
        .isEqualTo(1);
    assertThatThrownBy(() -> new TblLiteral(2, List.of(IntLiteral.of(1))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TblLiteral(0, List.of(IntLiteral.of(1))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_nonce_is_null_an_unsigned_integer_or_bytes() {
    assertThatThrownBy(() -> new ExecSetLiteral(TextLiteral.of("x"), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ExecSetLiteral(IntLiteral.of(-1), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new ExecSetLiteral(BytesLiteral.of(new byte[] {1}), List.of()).nonce())
        .isEqualTo(BytesLiteral.of(new byte[] {1}));
  }

  @Test
  void object_pattern_intervals_are_sorted_and_merged() {
    ObjPatLiteral.Ranges r =
        new ObjPatLiteral.Ranges(
            List.of(
                new ObjPatLiteral.Range(10, 20),
                ObjPatLiteral.Range.of(21),
                new ObjPatLiteral.Range(Integer.MIN_VALUE, -1),
                ObjPatLiteral.Range.of(0)));
    assertThat(r.ranges())
        .containsExactly(
            new ObjPatLiteral.Range(Integer.MIN_VALUE, 0), new ObjPatLiteral.Range(10, 21));
    assertThat(r.matches(AriId.of(15))).isTrue();
    assertThat(r.matches(AriId.of(5))).isFalse();
    assertThat(r.matches(AriId.of("15"))).isFalse();
  }

  @Test
  void text_with_an_unpaired_surrogate_is_refused_because_it_has_no_utf8_form() {
    assertThatThrownBy(() -> TextLiteral.of("a\uD800b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unpaired surrogate");
    assertThat(TextLiteral.of("\uD834\uDD1E").value()).hasSize(2);
  }

  @Test
  void byte_strings_are_copied_in_and_out() {
    byte[] b = {1, 2, 3};
    BytesLiteral lit = BytesLiteral.of(b);
    b[0] = 9;
    assertThat(lit.byteAt(0)).isEqualTo((byte) 1);
    lit.bytes()[1] = 9;
    assertThat(lit.byteAt(1)).isEqualTo((byte) 2);
  }

  @Test
  void reals_compare_by_bits() {
    assertThat(RealLiteral.of(Double.NaN)).isEqualTo(RealLiteral.of(Double.NaN));
    assertThat(RealLiteral.of(0.0)).isNotEqualTo(RealLiteral.of(-0.0));
  }

  @Test
  void an_object_reference_needs_an_object_type() {
    assertThatThrownBy(
            () -> ObjectRef.builder().org("a").model("b").type(AriType.INT).object("x").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an object type");
    assertThatThrownBy(() -> ObjectRef.builder().org("a").model("b").object("x").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs an object type");
  }
}
