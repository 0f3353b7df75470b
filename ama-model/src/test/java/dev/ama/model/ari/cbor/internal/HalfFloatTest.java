package dev.ama.model.ari.cbor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HalfFloatTest {
  @Test
  void every_half_precision_value_converts_to_float_and_back_to_the_same_bits() {
    for (int bits = 0; bits < 0x10000; bits++) {
      float f = HalfFloat.toFloat(bits);
      boolean nan = (bits & 0x7C00) == 0x7C00 && (bits & 0x3FF) != 0;
      if (nan) {
        assertThat(f).isNaN();
        assertThat(HalfFloat.exactBits(f)).isEqualTo(0x7E00);
      } else {
        assertThat(HalfFloat.exactBits(f)).as("half bits %04X", bits).isEqualTo(bits);
      }
    }
  }

  @Test
  void floats_that_half_precision_cannot_hold_exactly_are_refused() {
    assertThat(HalfFloat.exactBits(0.1f)).isEqualTo(-1);
    assertThat(HalfFloat.exactBits(65520f)).isEqualTo(-1); // just above the largest half
    assertThat(HalfFloat.exactBits(1.0f + 0x1p-11f)).isEqualTo(-1); // one bit too many
    assertThat(HalfFloat.exactBits(0x1p-25f)).isEqualTo(-1); // below the smallest subnormal
    assertThat(HalfFloat.exactBits(Float.MIN_VALUE)).isEqualTo(-1);
  }

  @Test
  void the_edges_of_the_half_range_are_exact() {
    assertThat(HalfFloat.exactBits(65504f)).isEqualTo(0x7BFF);
    assertThat(HalfFloat.exactBits(0x1p-24f)).isEqualTo(0x0001);
    assertThat(HalfFloat.exactBits(-0.0f)).isEqualTo(0x8000);
    assertThat(HalfFloat.exactBits(Float.NEGATIVE_INFINITY)).isEqualTo(0xFC00);
  }
}
