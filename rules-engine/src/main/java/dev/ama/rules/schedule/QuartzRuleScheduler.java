package dev.ama.rules.schedule;

import dev.ama.rules.schedule.internal.FiringJob;
import dev.ama.rules.schedule.internal.FiringListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.simpl.RAMJobStore;
import org.quartz.simpl.SimpleThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs rule tasks in real time on a Quartz scheduler of its own: an in-memory job store ({@code
 * RAMJobStore}, configured here, no {@code quartz.properties} read), one or two worker threads and
 * the Quartz scheduling thread, all daemon threads whose names start with {@link #name()}.
 *
 * <p>Quartz is the timer, not the task queue: the pending tasks wait in a queue of this scheduler,
 * ordered by time and, at one time, by the order they were scheduled, and Quartz holds at most one
 * one-shot trigger, for the earliest of them. When it fires, a worker runs every task due, in that
 * order (tasks scheduled meanwhile included, when due), then arms the trigger for the next earliest
 * task. So thousands of rule runs a second cost Quartz a few trigger stores and firings, not one
 * each. A task scheduled earlier than the armed trigger, or the cancellation of the earliest task,
 * moves the trigger. The {@link RuleEngine} computes each next time itself (the TBR grid, the SBR
 * interval), so nothing repeats in Quartz.
 *
 * <p>Tasks run one at a time on a Quartz worker, never two at once. A task whose time has passed
 * when it is scheduled counts as scheduled for now. A task may start up to {@link #EARLY} before
 * its time, so that tasks a few instants apart run in one firing; Quartz fires that early itself. A
 * trigger that is late (the process was suspended, or the worker busy) fires once, as soon as it
 * can ({@code MISFIRE_INSTRUCTION_FIRE_NOW}), and every task due then runs once. A task that throws
 * is logged and the others run. Thread-safe. Quartz 2.5 has no update check to turn off (it was
 * removed in 2.3). {@link #close()} stops and joins every thread.
 */
public final class QuartzRuleScheduler implements RuleScheduler {
  /**
   * How long before its time a task may run, with a firing for an earlier task: Quartz itself fires
   * a trigger up to 2 ms before its time (and at millisecond precision).
   */
  public static final Duration EARLY = Duration.ofMillis(2);

  private static final Logger LOG = LoggerFactory.getLogger(QuartzRuleScheduler.class);
  private static final AtomicLong INSTANCES = new AtomicLong();
  private static final String GROUP = "ama-rules";

  private final String name;
  private final Clock clock;
  private final Scheduler scheduler;
  private final JobKey job = JobKey.jobKey("due-tasks", GROUP);

  /** Guards every field below. Never held while a task runs (tasks take the engine's lock). */
  private final Object lock = new Object();

  private final TreeSet<Task> queue = new TreeSet<>();
  private long nextSeq;

  /** The name of the armed trigger, or null when none is armed (or it has fired). */
  private String armedTrigger;

  /** The time of the earliest task when the trigger was armed: what the trigger fires for. */
  private Instant armedFor;

  private long armings;

  /** Whether a worker is running the tasks due; only one does at a time, to keep their order. */
  private boolean draining;

  private long firings;
  private boolean closed;

  /** A scheduler on the system UTC clock with one worker thread. */
  public QuartzRuleScheduler(String name) {
    this(name, 1);
  }

  /**
   * A scheduler on the system UTC clock.
   *
   * @param name the prefix of its thread names (made unique per instance)
   * @param threads Quartz worker threads, 1 or 2; tasks run one at a time either way, so one is
   *     enough
   * @throws IllegalStateException when Quartz cannot start
   */
  public QuartzRuleScheduler(String name, int threads) {
    if (threads < 1 || threads > 2) {
      throw new IllegalArgumentException("threads must be 1 or 2, not " + threads);
    }
    this.name = Objects.requireNonNull(name, "name") + "-" + INSTANCES.incrementAndGet();
    this.clock = Clock.systemUTC();
    Properties p = new Properties();
    // Quartz keeps schedulers in a JVM-wide repository by instance name: it must be unique.
    p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, this.name);
    p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, "NON_CLUSTERED");
    p.setProperty(StdSchedulerFactory.PROP_SCHED_MAKE_SCHEDULER_THREAD_DAEMON, "true");
    p.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, RAMJobStore.class.getName());
    p.setProperty(StdSchedulerFactory.PROP_THREAD_POOL_CLASS, SimpleThreadPool.class.getName());
    p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
    p.setProperty("org.quartz.threadPool.threadNamePrefix", this.name + "_Worker");
    p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    JobDataMap data = new JobDataMap();
    data.put(FiringJob.LISTENER, (FiringListener) this::fired);
    JobDetail detail =
        JobBuilder.newJob(FiringJob.class)
            .withIdentity(job)
            .setJobData(data)
            .storeDurably()
            .build();
    try {
      this.scheduler = new StdSchedulerFactory(p).getScheduler();
      // Stored once; each arming adds one trigger for it, which Quartz drops after it fired.
      scheduler.addJob(detail, false);
      scheduler.start();
    } catch (SchedulerException e) {
      throw new IllegalStateException("Quartz did not start", e);
    }
  }

  /** The prefix of every thread this scheduler owns. */
  public String name() {
    return name;
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException when Quartz refuses the trigger for it (it then never runs)
   */
  @Override
  public Cancellable schedule(Instant at, Runnable task) {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(task, "task");
    synchronized (lock) {
      if (closed) {
        return () -> {};
      }
      Instant now = now();
      Task t = new Task(at.isBefore(now) ? now : at, nextSeq++, task);
      queue.add(t);
      // A worker that is running the due tasks picks this one up, or arms for it when it is done.
      if (!draining && queue.first() == t) {
        try {
          arm();
        } catch (IllegalStateException e) {
          queue.remove(t);
          throw e;
        }
      }
      return () -> cancel(t);
    }
  }

  private void cancel(Task t) {
    synchronized (lock) {
      if (queue.isEmpty()) {
        return;
      }
      boolean head = queue.first() == t;
      if (queue.remove(t) && head && !draining) {
        try {
          arm();
        } catch (IllegalStateException e) {
          // The old trigger stays: it fires early, finds nothing due and arms again.
          LOG.warn("could not move the trigger of {} after a cancellation", name, e);
        }
      }
    }
  }

  /** Called by Quartz when a trigger fires: runs the tasks due, one at a time, in order. */
  private void fired(String trigger) {
    Instant floor = null;
    synchronized (lock) {
      firings++;
      if (closed) {
        return;
      }
      if (trigger.equals(armedTrigger)) {
        floor = armedFor;
        armedTrigger = null;
        armedFor = null;
      }
      // Another firing is running the due tasks: it runs these too and arms when it is done.
      if (draining) {
        return;
      }
      draining = true;
    }
    try {
      while (true) {
        Task t;
        synchronized (lock) {
          if (closed) {
            draining = false;
            return;
          }
          // Due: up to now and a little beyond, and at least what this trigger fired for, since
          // Quartz may fire a trigger before its time.
          Instant horizon = now().plus(EARLY);
          if (floor != null && floor.isAfter(horizon)) {
            horizon = floor;
          }
          t = queue.isEmpty() ? null : queue.first();
          if (t == null || t.at.isAfter(horizon)) {
            draining = false;
            armAfterFiring();
            return;
          }
          queue.pollFirst();
        }
        run(t);
      }
    } finally {
      synchronized (lock) {
        // Only when something escaped the loop above: the next firing must still come.
        if (draining) {
          draining = false;
          armAfterFiring();
        }
      }
    }
  }

  private void run(Task t) {
    try {
      t.task.run();
    } catch (RuntimeException | Error e) {
      LOG.error("rule task failed; the scheduler goes on", e);
    }
  }

  private void armAfterFiring() {
    try {
      arm();
    } catch (IllegalStateException e) {
      LOG.error("{} could not arm Quartz: its pending rule tasks wait", name, e);
    }
  }

  /**
   * Makes the armed trigger fire for the earliest pending task, or removes it when none is pending.
   * Called with the lock held, when no worker is running tasks. A trigger already armed for the
   * same millisecond (Quartz's precision) stays.
   *
   * @throws IllegalStateException when Quartz refuses, unless this scheduler is closed
   */
  private void arm() {
    if (closed) {
      return;
    }
    Task head = queue.isEmpty() ? null : queue.first();
    try {
      if (head == null) {
        if (armedTrigger != null) {
          scheduler.unscheduleJob(TriggerKey.triggerKey(armedTrigger, GROUP));
          armedTrigger = null;
          armedFor = null;
        }
        return;
      }
      long fireAt = ceilMillis(head.at);
      if (armedTrigger != null && ceilMillis(armedFor) == fireAt) {
        armedFor = head.at;
        return;
      }
      String key = "next-" + ++armings;
      Trigger trigger =
          TriggerBuilder.newTrigger()
              .withIdentity(key, GROUP)
              .forJob(job)
              .startAt(new Date(fireAt))
              .withSchedule(
                  SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
              .build();
      // rescheduleJob stores nothing when the old trigger is gone (it fired meanwhile).
      if (armedTrigger == null
          || scheduler.rescheduleJob(TriggerKey.triggerKey(armedTrigger, GROUP), trigger) == null) {
        scheduler.scheduleJob(trigger);
      }
      armedTrigger = key;
      armedFor = head.at;
    } catch (SchedulerException e) {
      if (!closed) {
        throw new IllegalStateException("Quartz refused the trigger of " + name, e);
      }
    }
  }

  /**
   * The millisecond of Quartz's trigger for {@code t}: rounded up, so that a trigger Quartz fires
   * up to 2 ms early runs its task no more than {@link #EARLY} early.
   */
  private static long ceilMillis(Instant t) {
    long ms = t.toEpochMilli();
    return t.getNano() % 1_000_000 == 0 ? ms : ms + 1;
  }

  /** How many times Quartz has fired a trigger of this scheduler (for tests). */
  long firings() {
    synchronized (lock) {
      return firings;
    }
  }

  /** How many tasks are pending (for tests). */
  int pending() {
    synchronized (lock) {
      return queue.size();
    }
  }

  /**
   * Drops the pending tasks, stops Quartz, waits for a running task to finish (no task starts after
   * this is called) and joins its threads. Must not be called from a task of this scheduler.
   */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      queue.clear();
      armedTrigger = null;
      armedFor = null;
    }
    try {
      scheduler.shutdown(true);
    } catch (SchedulerException e) {
      LOG.warn("Quartz did not shut down cleanly", e);
    }
  }

  /** A pending task; ordered by time, then by the order of scheduling. */
  private static final class Task implements Comparable<Task> {
    final Instant at;
    final long seq;
    final Runnable task;

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
