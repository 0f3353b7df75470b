package dev.ama.agent;

import java.time.Instant;

/** What a control knows about the execution it is part of. */
public interface ExecutionContext {
  /** The manager who asked, or the agent's own endpoint ID for rules and startup files. */
  String manager();

  /** The agent's time of this execution. */
  Instant now();

  /** True when a rule's action runs this execution (there is no manager to answer). */
  boolean inRule();
}
