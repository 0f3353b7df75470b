package dev.ama.manager.reports;

import java.time.Instant;

/**
 * An agent the store has heard from.
 *
 * @param agent the agent's endpoint ID text
 * @param lastHeard the latest arrival of an RPTSET from it (kept when its reports are cleared)
 * @param reports how many of its reports the store holds now
 */
public record AgentSummary(String agent, Instant lastHeard, long reports) {}
