package dev.ama.agent.registry;

import dev.ama.transport.Eid;
import java.time.Instant;
import java.util.Objects;

/**
 * A duplicate registration: one agent id registered at two homes. The earlier registration (by HLC
 * stamp, ties by the registering center's EID) keeps the record everywhere.
 *
 * @param agentId the agent
 * @param winner the home that keeps it
 * @param loser the home that lost it (its agent is told on its next heartbeat there)
 * @param detected when this center met both versions
 */
public record Conflict(String agentId, Eid winner, Eid loser, Instant detected) {
  /** Checks the parts. */
  public Conflict {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(winner, "winner");
    Objects.requireNonNull(loser, "loser");
    Objects.requireNonNull(detected, "detected");
  }
}
