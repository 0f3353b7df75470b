package dev.ama.transport.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One window in which a link may carry bundles.
 *
 * @param start when the window opens (inclusive)
 * @param end when it closes (exclusive)
 * @param rateBytesPerSecond the most bytes per second the link may carry in this window; 0 means no
 *     limit
 * @param oneWayLightTime the signal's travel time in one direction; the node waits at least twice
 *     this long for a custody acknowledgement
 */
public record Contact(
    Instant start, Instant end, long rateBytesPerSecond, Duration oneWayLightTime) {
  public Contact {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(oneWayLightTime, "oneWayLightTime");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException(
          "contact ends (" + end + ") before it starts (" + start + ")");
    }
    if (rateBytesPerSecond < 0) {
      throw new IllegalArgumentException("rate is negative: " + rateBytesPerSecond);
    }
    if (oneWayLightTime.isNegative()) {
      throw new IllegalArgumentException("one-way light time is negative: " + oneWayLightTime);
    }
  }

  /** Whether {@code t} falls inside this window. */
  public boolean contains(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }
}
