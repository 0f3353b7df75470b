package dev.ama.rules.schedule;

import java.time.Instant;
import java.util.Objects;

/**
 * The state of a rule that survives a restart: what an agent persists on {@link
 * RuleStateListener#onRuleStateChanged} and gives back to {@link RuleEngine#restore}.
 *
 * @param name the rule's name
 * @param enabled whether the rule runs
 * @param count runs since the rule was last enabled
 * @param lastRun the time of the last run, or {@code null} if none since it was defined
 * @param nextRun the next scheduled time (a TBR's next grid time, an SBR's next evaluation), or
 *     {@code null} when disabled
 */
public record RuleState(
    String name, boolean enabled, long count, Instant lastRun, Instant nextRun) {
  /** Checks the name and count. */
  public RuleState {
    Objects.requireNonNull(name, "name");
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, not " + count);
    }
  }
}
