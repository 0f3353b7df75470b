package dev.ama.transport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits in real time for a condition, for tests of nodes on real threads. */
final class Await {
  private static final Duration LIMIT = Duration.ofSeconds(30);

  private Await() {}

  /** Returns once {@code condition} holds; fails the test after 30 s. */
  static void until(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + LIMIT.toSeconds() + " s");
      }
      Thread.sleep(10);
    }
  }
}
