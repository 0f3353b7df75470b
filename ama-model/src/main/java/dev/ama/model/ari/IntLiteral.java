package dev.ama.model.ari;

import java.math.BigInteger;
import java.util.EnumSet;
import java.util.Set;

/**
 * An integer over the whole CBOR integer domain, −2<sup>64</sup> to 2<sup>64</sup>−1: untyped, or
 * typed BYTE, INT, UINT, VAST, UVAST or LABEL.
 *
 * <p>Held as CBOR holds it: a sign and a 64-bit unsigned argument {@code n}; the value is {@code n}
 * when non-negative and {@code −1 − n} when negative. This keeps values beyond {@code long} (such
 * as a UVAST above 2<sup>63</sup>−1) exact without a {@link BigInteger} on the hot path.
 */
public record IntLiteral(AriType type, boolean negative, long argument) implements Literal {
  private static final Set<AriType> TYPES =
      EnumSet.of(
          AriType.BYTE, AriType.INT, AriType.UINT, AriType.VAST, AriType.UVAST, AriType.LABEL);

  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  public IntLiteral {
    Checks.typeIn(type, TYPES);
  }

  /** An untyped integer. */
  public static IntLiteral of(long value) {
    return of(null, value);
  }

  /** An integer with the given type ({@code null} for untyped). */
  public static IntLiteral of(AriType type, long value) {
    return value < 0 ? new IntLiteral(type, true, -1 - value) : new IntLiteral(type, false, value);
  }

  /** An integer from 0 to 2<sup>64</sup>−1, the bits of {@code value} read as unsigned. */
  public static IntLiteral ofUnsigned(AriType type, long value) {
    return new IntLiteral(type, false, value);
  }

  /**
   * An integer from a {@link BigInteger}.
   *
   * @throws IllegalArgumentException outside −2<sup>64</sup> to 2<sup>64</sup>−1
   */
  public static IntLiteral of(AriType type, BigInteger value) {
    if (value.signum() >= 0) {
      if (value.bitLength() > 64) {
        throw new IllegalArgumentException("integer above 2^64-1: " + value);
      }
      return new IntLiteral(type, false, value.longValue());
    }
    BigInteger n = value.negate().subtract(BigInteger.ONE);
    if (n.bitLength() > 64) {
      throw new IllegalArgumentException("integer below -2^64: " + value);
    }
    return new IntLiteral(type, true, n.longValue());
  }

  /** True when the value is within the range of a Java {@code long}. */
  public boolean fitsLong() {
    return argument >= 0;
  }

  /**
   * The value as a {@code long}.
   *
   * @throws ArithmeticException when it does not fit ({@link #fitsLong()} is false)
   */
  public long longValue() {
    if (argument < 0) {
      throw new ArithmeticException("integer out of the range of long: " + bigValue());
    }
    return negative ? -1 - argument : argument;
  }

  /** The exact value. */
  public BigInteger bigValue() {
    BigInteger n = BigInteger.valueOf(argument);
    if (argument < 0) {
      n = n.add(TWO_64);
    }
    return negative ? n.negate().subtract(BigInteger.ONE) : n;
  }

  /** The value in decimal. */
  public String toDecimalString() {
    if (argument >= 0) {
      return Long.toString(negative ? -1 - argument : argument);
    }
    return bigValue().toString();
  }

  @Override
  public String toString() {
    return (type == null ? "" : "/" + type + "/") + toDecimalString();
  }
}
