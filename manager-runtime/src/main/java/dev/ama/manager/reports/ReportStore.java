package dev.ama.manager.reports;

import dev.ama.model.ari.Ari;
import dev.ama.model.ari.RptSetLiteral;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The Manager's store of received reports. Each {@link dev.ama.model.ari.Report} of an RPTSET
 * becomes one stored report, with the agent that sent it, its absolute reference time and the
 * RPTSET's arrival time.
 *
 * <p>Implementations are thread-safe. Every method throws {@link ReportStoreException}: {@link
 * ReportStoreException.Code#CLOSED} after {@link #close()}, {@link
 * ReportStoreException.Code#STORE_FAILURE} when the database fails (a write that fails changes
 * nothing).
 */
public interface ReportStore extends AutoCloseable {

  /**
   * Stores every report of one RPTSET, in one transaction.
   *
   * @return the number of reports stored
   */
  default int ingest(String agent, RptSetLiteral rptSet, Instant arrival) {
    return ingestAll(List.of(new ReceivedRptSet(agent, rptSet, arrival)));
  }

  /**
   * Stores every report of many RPTSETs, all in one transaction: the fast way in.
   *
   * @return the number of reports stored
   */
  int ingestAll(List<ReceivedRptSet> received);

  /**
   * Stores every report of these RPTSETs and records {@code deliverySequence} as applied, both in
   * one transaction (exactly-once delivery with a transport's application cursor). A sequence at or
   * below {@link #appliedUpTo()} was applied before: nothing is stored and 0 is returned. An empty
   * list only records the sequence (a message that carried no report, or was refused).
   *
   * @return the number of reports stored
   * @throws ReportStoreException {@link ReportStoreException.Code#INVALID_ARGUMENT} when the
   *     sequence is negative or a report is too large to store (then nothing is recorded)
   */
  int ingestAll(List<ReceivedRptSet> received, long deliverySequence);

  /**
   * The highest delivery sequence recorded by {@link #ingestAll(List, long)}, -1 when none (a
   * transport numbers deliveries from 0): what a transport in application-cursor mode resumes
   * after.
   */
  long appliedUpTo();

  /**
   * The reports of RPTSETs that carried this nonce (the answers to one EXECSET), in the order of
   * {@link #query}, at most {@code limit}.
   */
  List<StoredReport> byNonce(Ari nonce, int limit);

  /** The matching reports in order of reference time, then arrival, at most the query's limit. */
  List<StoredReport> query(ReportQuery query);

  /** How many reports match, whatever the query's limit. */
  long count(ReportQuery query);

  /**
   * Deletes every matching report, whatever the query's limit. When each agent was last heard is
   * kept, so clearing old reports does not make an agent stale.
   *
   * @return the number of reports deleted
   */
  long clear(ReportQuery query);

  /** Every agent heard from, by agent text. */
  List<AgentSummary> agents();

  /**
   * Registers an expectation, persistently; one with the same agent and source is replaced.
   *
   * @see #stale(Instant, Duration)
   */
  void expect(Expectation expectation);

  /**
   * Removes the expectation with this agent and source (either may be {@value Expectation#ANY}).
   *
   * @return whether there was one
   */
  boolean unexpect(String agent, String source);

  /** Every registered expectation, by agent then source. */
  List<Expectation> expectations();

  /**
   * The agents and sources overdue at {@code now}: for each expectation (a wildcard agent expanded
   * to every agent heard from), those whose last arrival, or the registration when later or when
   * nothing has arrived, lies more than the period plus {@code margin} before {@code now}. Ordered
   * by agent, then source.
   */
  List<Staleness> stale(Instant now, Duration margin);

  /** Closes the database; later calls fail with {@link ReportStoreException.Code#CLOSED}. */
  @Override
  void close();
}
