package dev.ama.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * How one bundle travels.
 *
 * @param priority its class; expedited goes first, bulk last and is evicted first
 * @param lifetime how long after creation it is still worth delivering; after that it is deleted
 *     wherever it waits and never sent
 * @param custody whether each hop keeps it until the next hop has stored it (the default); without
 *     custody a hop forgets it once written to the link
 */
public record SendOptions(Priority priority, Duration lifetime, boolean custody) {
  /** Normal class, one hour, custody on. */
  public static final SendOptions DEFAULT =
      new SendOptions(Priority.NORMAL, Duration.ofHours(1), true);

  public SendOptions {
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(lifetime, "lifetime");
    if (lifetime.toMillis() < 1) {
      throw new IllegalArgumentException("lifetime must be at least 1 ms: " + lifetime);
    }
  }

  /** These options with another class. */
  public SendOptions withPriority(Priority p) {
    return new SendOptions(p, lifetime, custody);
  }

  /** These options with another lifetime. */
  public SendOptions withLifetime(Duration d) {
    return new SendOptions(priority, d, custody);
  }
}
