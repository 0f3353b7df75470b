package dev.ama.manager;

import java.time.Instant;
import java.util.List;

/**
 * One agent of the Manager's directory.
 *
 * @param eid the agent's endpoint ID
 * @param lastHeard when an RPTSET from it last arrived; null when it was only sent to
 * @param reports how many of its reports the store holds
 * @param models the models its latest hello report listed, {@code //org/model@revision}
 * @param stale whether an expectation on it (or one of its periodic reports) is overdue
 */
public record AgentInfo(
    String eid, Instant lastHeard, long reports, List<String> models, boolean stale) {
  public AgentInfo {
    models = List.copyOf(models);
  }
}
