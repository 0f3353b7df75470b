package dev.ama.rules.schedule;

import dev.ama.rules.schedule.internal.RunnableJob;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Properties;
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
 * <p>Every task is a one-shot trigger; the {@link RuleEngine} computes each next time itself (the
 * TBR grid, the SBR interval), so Quartz never repeats anything. A trigger that is late (the
 * process was suspended, or the workers busy) fires once, as soon as it can ({@code
 * MISFIRE_INSTRUCTION_FIRE_NOW}); the engine then goes back to its grid. Quartz 2.5 has no update
 * check to turn off (it was removed in 2.3). {@link #close()} stops and joins every thread.
 */
public final class QuartzRuleScheduler implements RuleScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(QuartzRuleScheduler.class);
  private static final AtomicLong INSTANCES = new AtomicLong();
  private static final String GROUP = "ama-rules";

  private final String name;
  private final Clock clock;
  private final Scheduler scheduler;
  private final AtomicLong nextId = new AtomicLong();
  private volatile boolean closed;

  /** A scheduler on the system UTC clock with one worker thread. */
  public QuartzRuleScheduler(String name) {
    this(name, 1);
  }

  /**
   * A scheduler on the system UTC clock.
   *
   * @param name the prefix of its thread names (made unique per instance)
   * @param threads worker threads, 1 or 2
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
    try {
      this.scheduler = new StdSchedulerFactory(p).getScheduler();
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

  @Override
  public Cancellable schedule(Instant at, Runnable task) {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(task, "task");
    if (closed) {
      return () -> {};
    }
    JobKey key = JobKey.jobKey(Long.toString(nextId.incrementAndGet()), GROUP);
    JobDataMap data = new JobDataMap();
    data.put(RunnableJob.TASK, task);
    JobDetail job = JobBuilder.newJob(RunnableJob.class).withIdentity(key).setJobData(data).build();
    Trigger trigger =
        TriggerBuilder.newTrigger()
            .withIdentity(key.getName(), GROUP)
            .startAt(Date.from(at))
            .withSchedule(
                SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
            .build();
    try {
      scheduler.scheduleJob(job, trigger);
    } catch (SchedulerException e) {
      if (closed) {
        return () -> {};
      }
      throw new IllegalStateException("Quartz refused a rule task", e);
    }
    return () -> {
      if (!closed) {
        try {
          scheduler.deleteJob(key);
        } catch (SchedulerException e) {
          LOG.warn("could not cancel rule task {}", key, e);
        }
      }
    };
  }

  /**
   * Stops Quartz, waits for a running task to finish and joins its threads. Must not be called from
   * a task of this scheduler.
   */
  @Override
  public void close() {
    closed = true;
    try {
      scheduler.shutdown(true);
    } catch (SchedulerException e) {
      LOG.warn("Quartz did not shut down cleanly", e);
    }
  }
}
