package dev.ama.rules.schedule.internal;

import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Quartz job of a {@link dev.ama.rules.schedule.QuartzRuleScheduler}: hands each firing of
 * its trigger to the {@link FiringListener} held in the job data under {@link #LISTENER}, which
 * runs every rule task due. Quartz instantiates it by reflection, hence public with a no-argument
 * constructor. Whatever the listener throws is logged and does not disturb Quartz. Not API.
 */
public final class FiringJob implements Job {
  /** The job-data key of the listener. */
  public static final String LISTENER = "ama.firing";

  private static final Logger LOG = LoggerFactory.getLogger(FiringJob.class);

  /** Called by Quartz. */
  public FiringJob() {}

  @Override
  public void execute(JobExecutionContext context) {
    Object listener = context.getMergedJobDataMap().get(LISTENER);
    if (listener instanceof FiringListener l) {
      try {
        l.onFiring(context.getTrigger().getKey().getName());
      } catch (RuntimeException | Error e) {
        LOG.error("a rule scheduler firing failed; the scheduler goes on", e);
      }
    }
  }
}
