package dev.ama.agent;

import dev.ama.transport.Priority;
import java.time.Duration;
import java.util.Objects;

/**
 * How the reports of one rule or template travel: the transport priority class and the lifetime
 * after which an undelivered report is dropped.
 *
 * @param priority the priority class
 * @param lifetime positive
 */
public record ReportOptions(Priority priority, Duration lifetime) {
  /** The defaults: normal priority, one hour. */
  public static final ReportOptions DEFAULTS =
      new ReportOptions(Priority.NORMAL, Duration.ofHours(1));

  /** Checks both values. */
  public ReportOptions {
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(lifetime, "lifetime");
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("a report lifetime is positive, not " + lifetime);
    }
  }
}
