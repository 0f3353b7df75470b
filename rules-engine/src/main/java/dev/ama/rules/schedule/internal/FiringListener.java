package dev.ama.rules.schedule.internal;

/**
 * What {@link FiringJob} calls when a trigger of {@link dev.ama.rules.schedule.QuartzRuleScheduler}
 * fires. Not API.
 */
@FunctionalInterface
public interface FiringListener {
  /**
   * A trigger fired; called on a Quartz worker thread.
   *
   * @param trigger the name of the trigger that fired
   */
  void onFiring(String trigger);
}
