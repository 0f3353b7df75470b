package dev.ama.manager.reports;

import dev.ama.model.ari.RptSetLiteral;
import java.time.Instant;

/**
 * An RPTSET as the Manager received it: from which agent (its endpoint ID text, e.g. {@code
 * ipn:2.1}) and when.
 */
public record ReceivedRptSet(String agent, RptSetLiteral rptSet, Instant arrival) {
  /**
   * @throws ReportStoreException {@link ReportStoreException.Code#INVALID_ARGUMENT} when the agent
   *     is blank or a value is missing
   */
  public ReceivedRptSet {
    if (agent == null || agent.isBlank()) {
      throw new ReportStoreException(
          ReportStoreException.Code.INVALID_ARGUMENT, "the agent is missing or blank");
    }
    if (rptSet == null || arrival == null) {
      throw new ReportStoreException(
          ReportStoreException.Code.INVALID_ARGUMENT,
          "an RPTSET from " + agent + " has no " + (rptSet == null ? "RPTSET" : "arrival time"));
    }
  }
}
