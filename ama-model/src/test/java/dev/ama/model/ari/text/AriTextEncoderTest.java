package dev.ama.model.ari.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ama.model.ari.AriId;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.BoolLiteral;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.RealLiteral;
import dev.ama.model.ari.TextLiteral;
import dev.ama.model.ari.TimeLiteral;
import org.junit.jupiter.api.Test;

/** The printing choices docs/ari.md records where the vectors say nothing. */
class AriTextEncoderTest {
  private final AriTextEncoder enc = new AriTextEncoder();

  @Test
  void floats_print_shortest_digits_with_a_point_and_exponents_only_at_the_extremes() {
    assertThat(AriTextEncoder.formatReal(10.0)).isEqualTo("10.");
    assertThat(AriTextEncoder.formatReal(0.1)).isEqualTo("0.1");
    assertThat(AriTextEncoder.formatReal(-0.0)).isEqualTo("-0.");
    assertThat(AriTextEncoder.formatReal(123456789.125)).isEqualTo("123456789.125");
    assertThat(AriTextEncoder.formatReal(1e21)).isEqualTo("1e+21");
    assertThat(AriTextEncoder.formatReal(1.5e-7)).isEqualTo("1.5e-07");
    assertThat(AriTextEncoder.formatReal(-2.5e300)).isEqualTo("-2.5e+300");
    assertThat(AriTextEncoder.formatReal(Double.NaN)).isEqualTo("NaN");
    assertThat(AriTextEncoder.formatReal(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
  }

  @Test
  void untyped_text_that_spells_a_keyword_is_quoted_so_it_reads_back_as_text() {
    assertThat(enc.encode(TextLiteral.of("true"))).isEqualTo("ari:%22true%22");
    assertThat(enc.encode(TextLiteral.of("NaN"))).isEqualTo("ari:%22NaN%22");
    assertThat(enc.encode(new TextLiteral(AriType.TEXTSTR, "true"))).isEqualTo("ari:/TEXTSTR/true");
    assertThat(enc.encode(BoolLiteral.TRUE)).isEqualTo("ari:true");
  }

  @Test
  void backslashes_and_controls_are_escaped_inside_quotes() {
    assertThat(enc.encode(TextLiteral.of("a\\b"))).isEqualTo("ari:%22a%5C%5Cb%22");
    assertThat(enc.encode(TextLiteral.of("x\ny"))).isEqualTo("ari:%22x%5Cny%22");
    assertThat(enc.encode(TextLiteral.of("\uD834\uDD1E"))).isEqualTo("ari:%22%5CuD834%5CuDD1E%22");
  }

  @Test
  void time_points_outside_four_digit_years_print_as_decimal_seconds() {
    assertThat(enc.encode(TimeLiteral.tp(Long.MAX_VALUE, 0)))
        .isEqualTo("ari:/TP/9223372036854775807");
    assertThat(enc.encode(TimeLiteral.tp(-1, 500_000_000))).isEqualTo("ari:/TP/19991231T235959.5Z");
  }

  @Test
  void durations_use_days_as_the_largest_unit() {
    assertThat(enc.encode(TimeLiteral.td(Long.MIN_VALUE, 0)))
        .isEqualTo("ari:/TD/-P106751991167300DT15H30M8S");
    assertThat(enc.encode(TimeLiteral.td(-1, 999_999_999))).isEqualTo("ari:/TD/-PT0.000000001S");
  }

  @Test
  void relative_references_print_without_the_ari_prefix() {
    ObjectRef rel = new ObjectRef(null, null, null, AriType.CTRL, AriId.of("hi"), null);
    assertThat(enc.encode(rel)).isEqualTo("./CTRL/hi");
    ObjectRef up = new ObjectRef(null, AriId.of("model"), null, AriType.EDD, AriId.of(3), null);
    assertThat(enc.encode(up)).isEqualTo("../model/EDD/3");
  }

  @Test
  void typed_reals_print_with_their_type() {
    assertThat(enc.encode(new RealLiteral(AriType.REAL32, 0.5))).isEqualTo("ari:/REAL32/0.5");
  }
}
