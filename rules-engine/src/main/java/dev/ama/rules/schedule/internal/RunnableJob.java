package dev.ama.rules.schedule.internal;

import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Quartz job class of {@link dev.ama.rules.schedule.QuartzRuleScheduler}: runs the {@link
 * Runnable} held in its job data under {@link #TASK}. Quartz instantiates it by reflection, hence
 * public with a no-argument constructor. A task that throws is logged and does not disturb Quartz.
 */
public final class RunnableJob implements Job {
  /** The job-data key of the task to run. */
  public static final String TASK = "ama.task";

  private static final Logger LOG = LoggerFactory.getLogger(RunnableJob.class);

  /** Called by Quartz. */
  public RunnableJob() {}

  @Override
  public void execute(JobExecutionContext context) {
    Object task = context.getMergedJobDataMap().get(TASK);
    if (task instanceof Runnable r) {
      try {
        r.run();
      } catch (RuntimeException | Error e) {
        LOG.error("rule task failed; the scheduler goes on", e);
      }
    }
  }
}
