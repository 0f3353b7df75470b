package dev.ama.rules.schedule;

import java.time.Instant;

/**
 * The clock and the timer of a {@link RuleEngine}: every time decision of the engine reads {@link
 * #now()}, and every future run is a one-shot task at an instant. {@link QuartzRuleScheduler} runs
 * tasks in real time; {@link VirtualRuleScheduler} runs them in virtual time, deterministically,
 * for tests and simulations. The engine works the same on either.
 */
public interface RuleScheduler extends AutoCloseable {

  /** The current time of this scheduler's clock. */
  Instant now();

  /**
   * Runs {@code task} once at {@code at} (as soon as possible if {@code at} is not after {@link
   * #now()}). A task that is late, because the process was suspended or busy, still runs once, as
   * soon as it can. After {@link #close()} nothing runs and the handle does nothing.
   *
   * @return a handle that cancels the task if it has not started yet
   */
  Cancellable schedule(Instant at, Runnable task);

  /** Stops the scheduler: pending tasks never run, and any thread it owns ends. */
  @Override
  void close();

  /** A scheduled task that may be cancelled. */
  @FunctionalInterface
  interface Cancellable {
    /** Cancels the task if it has not started yet; does nothing otherwise. */
    void cancel();
  }
}
