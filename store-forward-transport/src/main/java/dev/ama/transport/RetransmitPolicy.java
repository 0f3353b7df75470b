package dev.ama.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * When a bundle in custody is sent again if the next hop has not acknowledged it: after {@code
 * initial}, then twice as long each time up to {@code max}, each wait spread by plus or minus
 * {@code jitter} (a fraction) so that many bundles do not come back at once. The wait is never
 * shorter than twice the link's one-way light time plus {@code initial}.
 */
public record RetransmitPolicy(Duration initial, Duration max, double jitter) {
  /** 5 s, doubling up to 10 min, ±20%. */
  public static final RetransmitPolicy DEFAULT =
      new RetransmitPolicy(Duration.ofSeconds(5), Duration.ofMinutes(10), 0.2);

  public RetransmitPolicy {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    if (initial.toMillis() < 1 || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "need 1 ms <= initial <= max, got " + initial + " and " + max);
    }
    if (!(jitter >= 0 && jitter < 1)) {
      throw new IllegalArgumentException("jitter must be in [0, 1): " + jitter);
    }
  }

  /** The wait before attempt {@code attempt} (0 for the first retransmission), without jitter. */
  public Duration backoff(int attempt) {
    long ms = initial.toMillis();
    for (int i = 0; i < attempt && ms < max.toMillis(); i++) {
      ms *= 2;
    }
    return Duration.ofMillis(Math.min(ms, max.toMillis()));
  }
}
