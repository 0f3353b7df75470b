package dev.ama.rules.schedule;

/**
 * Told of every change of a rule's persistent state: added, restored, enabled or disabled, run
 * (count, last and next run). Not told of an SBR evaluation that did not run the action. Called on
 * the thread that made the change, with the engine's lock held: it should be quick (a write to a
 * local database is fine) and must not block on another thread that uses the engine.
 */
@FunctionalInterface
public interface RuleStateListener {
  /** The rule's new state. */
  void onRuleStateChanged(RuleState state);
}
