package dev.ama.agent;

import dev.ama.rules.schedule.RuleState;
import java.util.List;

/**
 * A snapshot of the agent for a status page: plain values only.
 *
 * @param eid the agent's endpoint ID
 * @param counters its counters
 * @param rules the state of every rule, by the rule's reference text
 * @param odms the number of ODMs (obsolete ones included)
 * @param objects the number of objects that are not obsolete, ADM objects included
 */
public record AgentStatus(
    String eid, AgentCounters counters, List<RuleState> rules, int odms, int objects) {
  /** Copies the list. */
  public AgentStatus {
    rules = List.copyOf(rules);
  }
}
