package dev.ama.manager.reports;

import dev.ama.model.ari.Ari;
import dev.ama.model.ari.text.AriTextEncoder;
import java.time.Duration;
import java.time.Instant;

/**
 * That an agent is expected to be heard from at least once per period: any RPTSET at all, or a
 * report from one source (a periodic report).
 *
 * <p>Either key may be the wildcard {@value #ANY}. An agent {@value #ANY} stands for every agent
 * the store has heard from; a source {@value #ANY} is satisfied by any report. When a wildcard and
 * a specific expectation cover the same agent and source, the specific one applies.
 *
 * @param agent the agent's endpoint ID text, or {@value #ANY}
 * @param source the source's canonical ARI text, or {@value #ANY}
 * @param period the longest expected gap between two arrivals (positive)
 * @param registered when the expectation was registered: an agent never heard from since is late
 *     once a period (plus the margin) has passed from then
 */
public record Expectation(String agent, String source, Duration period, Instant registered) {
  /** The wildcard agent or source. */
  public static final String ANY = "*";

  private static final AriTextEncoder TEXT = new AriTextEncoder();

  /**
   * @throws ReportStoreException {@link ReportStoreException.Code#INVALID_ARGUMENT} when a key is
   *     blank, the period is not positive or a value is missing
   */
  public Expectation {
    if (agent == null || agent.isBlank() || source == null || source.isBlank()) {
      throw new ReportStoreException(
          ReportStoreException.Code.INVALID_ARGUMENT,
          "an expectation needs an agent and a source (or '" + ANY + "')");
    }
    if (period == null || period.isNegative() || period.isZero()) {
      throw new ReportStoreException(
          ReportStoreException.Code.INVALID_ARGUMENT,
          "the expected period must be positive, not " + period);
    }
    if (registered == null) {
      throw new ReportStoreException(
          ReportStoreException.Code.INVALID_ARGUMENT, "the registration time is missing");
    }
  }

  /** Expects a report from {@code source} by {@code agent} (or {@value #ANY}) every period. */
  public static Expectation of(String agent, Ari source, Duration period, Instant registered) {
    return new Expectation(agent, TEXT.encode(source), period, registered);
  }

  /** Expects any RPTSET from {@code agent} (or {@value #ANY}) every period. */
  public static Expectation anySource(String agent, Duration period, Instant registered) {
    return new Expectation(agent, ANY, period, registered);
  }
}
