package dev.ama.rules.schedule;

import java.time.Instant;

/** What a rule does when it fires: in an agent, run its controls or macro. */
@FunctionalInterface
public interface RuleAction {
  /**
   * Runs the action.
   *
   * @param firingTime the scheduler's time of this run
   * @param count the rule's count including this run (1 for the first run after enabling)
   */
  void run(Instant firingTime, long count);
}
