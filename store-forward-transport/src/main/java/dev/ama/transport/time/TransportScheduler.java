package dev.ama.transport.time;

import java.time.Clock;
import java.time.Duration;

/**
 * Where a transport node runs its timers: retransmission, expiry, contact changes, rate limits.
 * {@link RealTimeScheduler} uses a thread and the system clock; {@link VirtualTimeScheduler} runs
 * tasks in virtual time for tests and simulations, deterministically.
 */
public interface TransportScheduler {
  /** The clock every time decision of the node reads. */
  Clock clock();

  /** Runs {@code task} soon, on the scheduler's thread. */
  void execute(Runnable task);

  /** Runs {@code task} once after {@code delay}; the handle cancels it. */
  Cancellable schedule(Runnable task, Duration delay);

  /** A scheduled task that may be cancelled. */
  @FunctionalInterface
  interface Cancellable {
    /** Cancels the task if it has not run yet. */
    void cancel();
  }
}
