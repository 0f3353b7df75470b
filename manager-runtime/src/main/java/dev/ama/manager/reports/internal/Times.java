package dev.ama.manager.reports.internal;

import dev.ama.model.ari.TimeLiteral;
import java.math.BigInteger;
import java.time.Instant;

/**
 * The store's time columns: nanoseconds since the Unix epoch in a {@code BIGINT}, which orders and
 * indexes as one number. That spans 1677-09-21 to 2262-04-11; times outside are saturated to the
 * nearest end (the exact TP and TD of each report are kept in their own columns).
 */
public final class Times {
  private Times() {}

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final long UNIX_SECONDS_AT_DTN_EPOCH = TimeLiteral.DTN_EPOCH.getEpochSecond();
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  /** An instant as Unix nanoseconds, saturated. */
  public static long unixNanos(Instant t) {
    return unixNanos(t.getEpochSecond(), t.getNano());
  }

  /** Unix nanoseconds as an instant. */
  public static Instant instant(long unixNanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(unixNanos, NANOS_PER_SECOND), Math.floorMod(unixNanos, NANOS_PER_SECOND));
  }

  /**
   * The absolute time of a report, as Unix nanoseconds, saturated: the RPTSET's reference time
   * (seconds since the DTN epoch) plus the report's relative time.
   */
  public static long absolute(TimeLiteral referenceTime, TimeLiteral relativeTime) {
    long nanos = (long) referenceTime.nanos() + relativeTime.nanos();
    try {
      long seconds =
          Math.addExact(
              Math.addExact(referenceTime.seconds(), relativeTime.seconds()),
              UNIX_SECONDS_AT_DTN_EPOCH);
      return Math.addExact(Math.multiplyExact(seconds, NANOS_PER_SECOND), nanos);
    } catch (ArithmeticException e) {
      BigInteger total =
          BigInteger.valueOf(referenceTime.seconds())
              .add(BigInteger.valueOf(relativeTime.seconds()))
              .add(BigInteger.valueOf(UNIX_SECONDS_AT_DTN_EPOCH))
              .multiply(BigInteger.valueOf(NANOS_PER_SECOND))
              .add(BigInteger.valueOf(nanos));
      return saturate(total);
    }
  }

  private static long unixNanos(long seconds, long nanos) {
    try {
      return Math.addExact(Math.multiplyExact(seconds, NANOS_PER_SECOND), nanos);
    } catch (ArithmeticException e) {
      return saturate(
          BigInteger.valueOf(seconds)
              .multiply(BigInteger.valueOf(NANOS_PER_SECOND))
              .add(BigInteger.valueOf(nanos)));
    }
  }

  private static long saturate(BigInteger v) {
    if (v.compareTo(LONG_MIN) < 0) {
      return Long.MIN_VALUE;
    }
    if (v.compareTo(LONG_MAX) > 0) {
      return Long.MAX_VALUE;
    }
    return v.longValue();
  }
}
