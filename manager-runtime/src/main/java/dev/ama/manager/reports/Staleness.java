package dev.ama.manager.reports;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * An agent, or one of its periodic reports, not heard from in time.
 *
 * @param agent the agent
 * @param source the source's canonical ARI text, or {@value Expectation#ANY} when any RPTSET from
 *     the agent was expected
 * @param lastHeard the latest arrival that counts, empty when there has been none
 * @param expectedPeriod the period of the expectation that applies
 * @param overdueSince when the expected period plus the margin ran out: from the later of the last
 *     arrival and the expectation's registration
 */
public record Staleness(
    String agent,
    String source,
    Optional<Instant> lastHeard,
    Duration expectedPeriod,
    Instant overdueSince) {}
