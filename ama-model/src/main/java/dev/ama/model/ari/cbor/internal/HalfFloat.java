package dev.ama.model.ari.cbor.internal;

/** IEEE 754 binary16 conversions, which Java 17 lacks. */
public final class HalfFloat {
  private HalfFloat() {}

  /**
   * The binary16 bits of a float that binary16 represents exactly, or -1 when it does not. NaN maps
   * to the canonical quiet NaN {@code 0x7E00}.
   */
  public static int exactBits(float f) {
    int bits = Float.floatToRawIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    int exp = (bits >>> 23) & 0xFF;
    int mant = bits & 0x7FFFFF;
    if (exp == 0xFF) {
      return mant == 0 ? sign | 0x7C00 : 0x7E00;
    }
    if (exp == 0) {
      // Zero stays zero; float subnormals are far below the smallest half subnormal.
      return mant == 0 ? sign : -1;
    }
    int e = exp - 127;
    if (e >= -14 && e <= 15) {
      return (mant & 0x1FFF) == 0 ? sign | ((e + 15) << 10) | (mant >>> 13) : -1;
    }
    if (e >= -24 && e < -14) {
      int full = 0x800000 | mant;
      int shift = -e - 1;
      return (full & ((1 << shift) - 1)) == 0 ? sign | (full >>> shift) : -1;
    }
    return -1;
  }

  /** The float value of binary16 bits. */
  public static float toFloat(int half) {
    int sign = (half & 0x8000) << 16;
    int exp = (half >>> 10) & 0x1F;
    int mant = half & 0x3FF;
    if (exp == 0x1F) {
      return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
    }
    if (exp == 0) {
      float v = mant * 0x1p-24f;
      return sign == 0 ? v : -v;
    }
    return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
  }
}
