package dev.ama.rules.schedule;

/** A rule a {@link RuleEngine} schedules: a {@link Tbr} or an {@link Sbr}. */
public sealed interface Rule permits Tbr, Sbr {
  /** The rule's name, unique within an engine. */
  String name();

  /** What the rule does when it fires. */
  RuleAction action();

  /** Runs after which the rule disables itself; 0 for unlimited. */
  long maxCount();

  /** Whether the rule is enabled when it is added. */
  boolean initEnabled();
}
