package dev.ama.agent.registry;

import dev.ama.transport.Eid;
import java.util.Objects;

/**
 * What a center answers to a heartbeat.
 *
 * @param outcome accepted, moved to another home, or unknown here
 * @param home the agent's home as this center knows it ({@code null} when unknown)
 */
public record HeartbeatResult(Outcome outcome, Eid home) {
  /** The kinds of answer. */
  public enum Outcome {
    /** This center is the home; last seen moved on. */
    OK,
    /** Another center is the home now (takeover, or a duplicate that lost): heartbeat there. */
    MOVED,
    /** No live record of this agent here: register. */
    UNKNOWN
  }

  /** Checks that a home is given unless the agent is unknown. */
  public HeartbeatResult {
    Objects.requireNonNull(outcome, "outcome");
    if (outcome != Outcome.UNKNOWN) {
      Objects.requireNonNull(home, "home");
    }
  }
}
