package dev.ama.rules.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Runs rule tasks in virtual time: nothing happens until {@link #advanceTo} or {@link #runFor} is
 * called, and then every task due runs in time order (ties in the order they were scheduled) on the
 * calling thread, with {@link #now()} set to the task's time. Deterministic: the same calls give
 * the same order. Not thread-safe: one simulation thread drives it.
 */
public final class VirtualRuleScheduler implements RuleScheduler {
  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private Instant now;
  private long nextSeq;
  private long executed;
  private boolean closed;

  /** A scheduler whose virtual clock starts at {@code start}. */
  public VirtualRuleScheduler(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
  }

  @Override
  public Instant now() {
    return now;
  }

  @Override
  public Cancellable schedule(Instant at, Runnable task) {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(task, "task");
    if (closed) {
      return () -> {};
    }
    Task t = new Task(at.isBefore(now) ? now : at, nextSeq++, task);
    queue.add(t);
    return () -> t.cancelled = true;
  }

  /**
   * Runs every task due up to and including {@code end}, tasks scheduled meanwhile included, and
   * leaves the clock at {@code end} (or where it was, if that is later).
   */
  public void advanceTo(Instant end) {
    while (!closed) {
      Task t = queue.peek();
      if (t == null || t.at.isAfter(end)) {
        break;
      }
      queue.poll();
      if (t.cancelled) {
        continue;
      }
      if (t.at.isAfter(now)) {
        now = t.at;
      }
      executed++;
      t.task.run();
    }
    if (end.isAfter(now)) {
      now = end;
    }
  }

  /** Runs every task due in the next {@code d} of virtual time. */
  public void runFor(Duration d) {
    advanceTo(now.plus(d));
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

  @Override
  public void close() {
    closed = true;
    queue.clear();
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
}
