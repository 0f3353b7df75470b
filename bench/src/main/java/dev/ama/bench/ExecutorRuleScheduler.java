package dev.ama.bench;

import dev.ama.rules.schedule.RuleScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A comparison point for {@link AgentLoadBenchmark}, not a part of ama: a real-time {@link
 * RuleScheduler} on one thread of the JDK's {@link ScheduledThreadPoolExecutor} (a binary heap of
 * tasks; a cancelled task leaves the heap at once), on the system UTC clock. It keeps the contract
 * the rule engine relies on (each task runs once, at its time or as soon as it can when late; a
 * cancelled task does not run; nothing runs after {@link #close()}) with a fraction of a Quartz
 * job's bookkeeping per task, so that the benchmark can show how much of the agent's cost under
 * rule load is the scheduler's.
 */
public final class ExecutorRuleScheduler implements RuleScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorRuleScheduler.class);
  private static final AtomicLong INSTANCES = new AtomicLong();

  private final String name;
  private final Clock clock = Clock.systemUTC();
  private final ScheduledThreadPoolExecutor executor;

  /** A scheduler whose one daemon thread is named after {@code name}. */
  public ExecutorRuleScheduler(String name) {
    this.name = Objects.requireNonNull(name, "name") + "-" + INSTANCES.incrementAndGet();
    this.executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, this.name + "_Worker-1");
              t.setDaemon(true);
              return t;
            });
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** The prefix of its thread's name. */
  public String name() {
    return name;
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  @Override
  public Cancellable schedule(Instant at, Runnable task) {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(task, "task");
    long delay = Math.max(0, Duration.between(now(), at).toNanos());
    Future<?> f;
    try {
      f =
          executor.schedule(
              () -> {
                try {
                  task.run();
                } catch (RuntimeException e) {
                  LOG.error("a rule task failed", e);
                }
              },
              delay,
              TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // Closed: nothing runs any more.
      return () -> {};
    }
    return () -> f.cancel(false);
  }

  /**
   * Drops the pending tasks and waits for a running one to finish (not interrupted: an H2 store
   * closes its file when a write is interrupted).
   */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("the rule task thread of {} did not stop within 10 s", name);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
