package dev.ama.transport.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;

/**
 * Runs tasks in virtual time: nothing happens until {@link #advanceTo} or {@link #runFor} is
 * called, and then every task due runs in time order (ties in the order they were scheduled) on the
 * calling thread, with the clock set to the task's time. Deterministic: the same calls give the
 * same order. Not thread-safe; one simulation thread drives it.
 */
public final class VirtualTimeScheduler implements TransportScheduler {
  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private final VirtualClock clock;
  private long nextSeq;
  private long executed;

  /** A scheduler whose virtual clock starts at {@code start}. */
  public VirtualTimeScheduler(Instant start) {
    this.clock = new VirtualClock(start);
  }

  @Override
  public Clock clock() {
    return clock;
  }

  /** The current virtual time. */
  public Instant now() {
    return clock.instant();
  }

  @Override
  public void execute(Runnable task) {
    schedule(task, Duration.ZERO);
  }

  @Override
  public Cancellable schedule(Runnable task, Duration delay) {
    Instant at = delay.isNegative() ? clock.now : clock.now.plus(delay);
    Task t = new Task(at, nextSeq++, task);
    queue.add(t);
    return () -> t.cancelled = true;
  }

  /** Runs every task due up to {@code end} and leaves the clock at {@code end}. */
  public void advanceTo(Instant end) {
    while (true) {
      Task t = queue.peek();
      if (t == null || t.at.isAfter(end)) {
        break;
      }
      queue.poll();
      if (t.cancelled) {
        continue;
      }
      if (t.at.isAfter(clock.now)) {
        clock.now = t.at;
      }
      executed++;
      t.task.run();
    }
    if (end.isAfter(clock.now)) {
      clock.now = end;
    }
  }

  /** Runs every task due in the next {@code d} of virtual time. */
  public void runFor(Duration d) {
    advanceTo(clock.now.plus(d));
  }

  /** The time of the next pending task, or {@code null} if none is pending. */
  public Instant nextTaskTime() {
    while (!queue.isEmpty() && queue.peek().cancelled) {
      queue.poll();
    }
    Task t = queue.peek();
    return t == null ? null : t.at;
  }

  /** How many tasks have run so far. */
  public long executedTasks() {
    return executed;
  }

  private static final class Task implements Comparable<Task> {
    final Instant at;
    final long seq;
    final Runnable task;
    boolean cancelled;

    Task(Instant at, long seq, Runnable task) {
      this.at = at;
      this.seq = seq;
      this.task = task;
    }

    @Override
    public int compareTo(Task o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private static final class VirtualClock extends Clock {
    Instant now;

    VirtualClock(Instant start) {
      this.now = start;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the virtual clock is UTC only");
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
