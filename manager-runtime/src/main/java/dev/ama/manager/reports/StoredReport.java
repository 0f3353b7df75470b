package dev.ama.manager.reports;

import dev.ama.model.ari.Ari;
import dev.ama.model.ari.Report;
import dev.ama.model.ari.TimeLiteral;
import java.time.Instant;
import java.util.List;

/**
 * One report as stored: a row of the {@code report} table.
 *
 * @param id the row's identity, increasing in ingest order
 * @param agent the agent that sent it
 * @param nonce the RPTSET's nonce (the untyped null literal when it had none)
 * @param source the report's source
 * @param referenceTime the report's absolute time: the RPTSET's reference time plus the report's
 *     relative time, at nanosecond precision, saturated to the years 1677 to 2262
 * @param arrival when the RPTSET arrived at the Manager (same precision and range)
 * @param items the report's items
 * @param setReferenceTime the RPTSET's reference time exactly as sent
 * @param relativeTime the report's relative time exactly as sent
 */
public record StoredReport(
    long id,
    String agent,
    Ari nonce,
    Ari source,
    Instant referenceTime,
    Instant arrival,
    List<Ari> items,
    TimeLiteral setReferenceTime,
    TimeLiteral relativeTime) {
  public StoredReport {
    items = List.copyOf(items);
  }

  /** The report as it was in its RPTSET. */
  public Report report() {
    return new Report(relativeTime, source, items);
  }
}
