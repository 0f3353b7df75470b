package dev.ama.model.ari;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;

/**
 * A time point (TP, counted from the DTN epoch 2000-01-01T00:00:00Z) or a time difference (TD),
 * with nanosecond precision.
 *
 * <p>Held as whole seconds (any {@code long}) and a nanosecond part in [0, 10<sup>9</sup>), like
 * {@link Instant}. The CBOR form is an integer number of seconds when the nanosecond part is zero,
 * otherwise a decimal fraction {@code [exponent, mantissa]} whose mantissa is a 64-bit integer; so
 * a value with a fractional part must lie within ±9,223,372,036.854775807 s (about ±292 years), and
 * the constructor refuses one outside that range.
 */
public record TimeLiteral(AriType type, long seconds, int nanos) implements Literal {
  /** The DTN epoch, 2000-01-01T00:00:00Z, as a Java instant. */
  public static final Instant DTN_EPOCH = Instant.parse("2000-01-01T00:00:00Z");

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  public TimeLiteral {
    if (type != AriType.TP && type != AriType.TD) {
      throw new IllegalArgumentException("type must be TP or TD, not " + type);
    }
    if (nanos < 0 || nanos >= NANOS_PER_SECOND) {
      throw new IllegalArgumentException("nanos out of [0, 1e9): " + nanos);
    }
    if (nanos != 0 && !fitsNanos(seconds, nanos)) {
      throw new IllegalArgumentException(
          "a fractional time must lie within ±9223372036.854775807 s, not "
              + seconds
              + " s + "
              + nanos
              + " ns");
    }
  }

  /** True when {@code seconds × 10^9 + nanos} fits a {@code long}. */
  private static boolean fitsNanos(long seconds, int nanos) {
    try {
      nanosOf(seconds, nanos);
      return true;
    } catch (ArithmeticException e) {
      return false;
    }
  }

  private static long nanosOf(long seconds, int nanos) {
    // For negative seconds, borrow one second first so that the product cannot overflow when the
    // sum fits.
    return seconds < 0
        ? Math.addExact(Math.multiplyExact(seconds + 1, NANOS_PER_SECOND), nanos - NANOS_PER_SECOND)
        : Math.addExact(Math.multiplyExact(seconds, NANOS_PER_SECOND), nanos);
  }

  /** A time point this many seconds and nanoseconds after the DTN epoch. */
  public static TimeLiteral tp(long seconds, int nanos) {
    return new TimeLiteral(AriType.TP, seconds, nanos);
  }

  /** A time difference of this many seconds plus nanoseconds (nanos in [0, 1e9)). */
  public static TimeLiteral td(long seconds, int nanos) {
    return new TimeLiteral(AriType.TD, seconds, nanos);
  }

  /** The time point of a Java instant. */
  public static TimeLiteral tp(Instant instant) {
    Duration d = Duration.between(DTN_EPOCH, instant);
    return tp(d.getSeconds(), d.getNano());
  }

  /** The time difference of a Java duration. */
  public static TimeLiteral td(Duration duration) {
    return td(duration.getSeconds(), duration.getNano());
  }

  /**
   * The value of a decimal fraction {@code mantissa × 10^exponent} seconds, exponent in [-9, 9].
   *
   * @throws ArithmeticException when the value does not fit (more than a {@code long} of seconds,
   *     or a fractional value beyond the 64-bit nanosecond range)
   */
  public static TimeLiteral ofDecimal(AriType type, int exponent, long mantissa) {
    if (exponent < -9 || exponent > 9) {
      throw new ArithmeticException("decimal fraction exponent out of [-9, 9]: " + exponent);
    }
    if (exponent >= 0) {
      long seconds = Math.multiplyExact(mantissa, pow10(exponent));
      return new TimeLiteral(type, seconds, 0);
    }
    long scale = pow10(-exponent);
    long seconds = Math.floorDiv(mantissa, scale);
    long frac = Math.floorMod(mantissa, scale);
    return new TimeLiteral(type, seconds, (int) (frac * pow10(9 + exponent)));
  }

  /**
   * The value of an exact decimal number of seconds.
   *
   * @throws ArithmeticException when it has more than nine fractional digits or does not fit
   */
  public static TimeLiteral ofDecimal(AriType type, BigDecimal secondsValue) {
    BigDecimal scaled = secondsValue.movePointRight(9);
    BigInteger total;
    try {
      total = scaled.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw new ArithmeticException(
          "more than nanosecond precision: " + secondsValue.toPlainString());
    }
    BigInteger[] qr = total.divideAndRemainder(BigInteger.valueOf(NANOS_PER_SECOND));
    BigInteger secs = qr[0];
    BigInteger rem = qr[1];
    if (rem.signum() < 0) {
      secs = secs.subtract(BigInteger.ONE);
      rem = rem.add(BigInteger.valueOf(NANOS_PER_SECOND));
    }
    if (secs.compareTo(LONG_MIN) < 0 || secs.compareTo(LONG_MAX) > 0) {
      throw new ArithmeticException("seconds out of range: " + secondsValue.toPlainString());
    }
    return new TimeLiteral(type, secs.longValue(), rem.intValue());
  }

  /**
   * The value as {@code seconds × 10^9 + nanos}.
   *
   * @throws ArithmeticException when it does not fit a {@code long} (possible only for whole
   *     seconds)
   */
  public long totalNanos() {
    return nanosOf(seconds, nanos);
  }

  /** The exact value in seconds. */
  public BigDecimal toBigDecimal() {
    return BigDecimal.valueOf(seconds).add(BigDecimal.valueOf(nanos, 9));
  }

  /** A TD as a Java duration. */
  public Duration toDuration() {
    return Duration.ofSeconds(seconds, nanos);
  }

  /**
   * A TP as a Java instant.
   *
   * @throws java.time.DateTimeException beyond the range of {@link Instant}
   */
  public Instant toInstant() {
    return DTN_EPOCH.plusSeconds(seconds).plusNanos(nanos);
  }

  static long pow10(int n) {
    long p = 1;
    for (int i = 0; i < n; i++) {
      p *= 10;
    }
    return p;
  }
}
