/**
 * The Manager's report store: every report of every RPTSET an agent sends, kept in an H2 file with
 * the agent, source, reference time and arrival time; queries by agent, source and time range; and
 * staleness, the agents and periodic reports not heard from within their expected period.
 *
 * <p>Open one with {@link dev.ama.manager.reports.H2ReportStore#open(java.nio.file.Path)}; the
 * schema is described in {@code docs/manager.md}, section "Report store".
 */
package dev.ama.manager.reports;
