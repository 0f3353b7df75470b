package dev.ama.manager.reports;

import dev.ama.model.ari.Ari;
import dev.ama.model.ari.text.AriTextEncoder;
import java.time.Instant;

/**
 * Which reports to find, count or clear. A {@code null} field matches everything; the filters that
 * are set must all match. Results are ordered by reference time, then arrival, then ingest order.
 *
 * <p>Build from {@link #all()} with the {@code with…} methods, e.g. {@code
 * ReportQuery.all().withAgent("ipn:2.1").withTimeRange(from, to)}.
 *
 * @param agent the agent's endpoint ID text, exactly as ingested
 * @param source the source's canonical ARI text (as {@link AriTextEncoder} prints it); {@link
 *     #withSource(Ari)} prints it for you
 * @param from the first reference time included
 * @param to the first reference time excluded
 * @param arrivedSince the first arrival time included
 * @param limit how many reports {@link ReportStore#query} returns at most, 1 to {@value
 *     #MAX_LIMIT}; {@link ReportStore#count} and {@link ReportStore#clear} ignore it
 */
public record ReportQuery(
    String agent, String source, Instant from, Instant to, Instant arrivedSince, int limit) {
  /** The limit of {@link #all()}. */
  public static final int DEFAULT_LIMIT = 1000;

  /** The largest limit a query may have. */
  public static final int MAX_LIMIT = 100_000;

  private static final AriTextEncoder TEXT = new AriTextEncoder();

  /**
   * @throws ReportStoreException {@link ReportStoreException.Code#INVALID_QUERY} when {@code to} is
   *     not after {@code from}, or the limit is out of range
   */
  public ReportQuery {
    if (from != null && to != null && !to.isAfter(from)) {
      throw new ReportStoreException(
          ReportStoreException.Code.INVALID_QUERY,
          "the time range [" + from + ", " + to + ") is empty: 'to' must be after 'from'");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ReportStoreException(
          ReportStoreException.Code.INVALID_QUERY,
          "the limit must be from 1 to " + MAX_LIMIT + ", not " + limit);
    }
  }

  /** Every report, at most {@value #DEFAULT_LIMIT} of them. */
  public static ReportQuery all() {
    return new ReportQuery(null, null, null, null, null, DEFAULT_LIMIT);
  }

  /** The same query for one agent only. */
  public ReportQuery withAgent(String newAgent) {
    return new ReportQuery(newAgent, source, from, to, arrivedSince, limit);
  }

  /** The same query for one source only, given as canonical ARI text. */
  public ReportQuery withSource(String sourceText) {
    return new ReportQuery(agent, sourceText, from, to, arrivedSince, limit);
  }

  /** The same query for one source only. */
  public ReportQuery withSource(Ari sourceAri) {
    return withSource(TEXT.encode(sourceAri));
  }

  /** The same query for reference times in [{@code newFrom}, {@code newTo}); either may be null. */
  public ReportQuery withTimeRange(Instant newFrom, Instant newTo) {
    return new ReportQuery(agent, source, newFrom, newTo, arrivedSince, limit);
  }

  /** The same query for reports that arrived at or after {@code since}. */
  public ReportQuery withArrivedSince(Instant since) {
    return new ReportQuery(agent, source, from, to, since, limit);
  }

  /** The same query returning at most {@code newLimit} reports. */
  public ReportQuery withLimit(int newLimit) {
    return new ReportQuery(agent, source, from, to, arrivedSince, newLimit);
  }
}
