package dev.ama.transport.time;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs tasks on one daemon thread in real time. Close it to stop the thread. */
public final class RealTimeScheduler implements TransportScheduler, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RealTimeScheduler.class);

  private final Clock clock;
  private final ScheduledThreadPoolExecutor executor;

  /** A scheduler on the system UTC clock whose thread is named {@code name}. */
  public RealTimeScheduler(String name) {
    this(Clock.systemUTC(), name);
  }

  public RealTimeScheduler(Clock clock, String name) {
    this.clock = clock;
    this.executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
    executor.setRemoveOnCancelPolicy(true);
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public void execute(Runnable task) {
    if (!executor.isShutdown()) {
      executor.execute(guarded(task));
    }
  }

  @Override
  public Cancellable schedule(Runnable task, Duration delay) {
    if (executor.isShutdown()) {
      return () -> {};
    }
    ScheduledFuture<?> f =
        executor.schedule(guarded(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    return () -> f.cancel(false);
  }

  /** A task that throws must not kill the thread that runs every other timer. */
  private static Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        LOG.error("transport task failed; the node goes on", e);
      }
    };
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
