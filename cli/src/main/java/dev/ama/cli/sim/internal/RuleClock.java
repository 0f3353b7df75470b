package dev.ama.cli.sim.internal;

import dev.ama.rules.schedule.RuleScheduler;
import dev.ama.transport.time.VirtualTimeScheduler;
import java.time.Duration;
import java.time.Instant;

/**
 * The rule engines' scheduler in a simulation: every agent's rules run on the one virtual clock
 * that also drives the transports and links, so a whole deployment advances in one time order.
 */
public final class RuleClock implements RuleScheduler {
  private final VirtualTimeScheduler time;
  private boolean closed;

  /** Rules on {@code time}. */
  public RuleClock(VirtualTimeScheduler time) {
    this.time = time;
  }

  @Override
  public Instant now() {
    return time.now();
  }

  @Override
  public Cancellable schedule(Instant at, Runnable task) {
    if (closed) {
      return () -> {};
    }
    Duration in = Duration.between(time.now(), at);
    var handle =
        time.schedule(
            () -> {
              if (!closed) {
                task.run();
              }
            },
            in.isNegative() ? Duration.ZERO : in);
    return handle::cancel;
  }

  @Override
  public void close() {
    closed = true;
  }
}
