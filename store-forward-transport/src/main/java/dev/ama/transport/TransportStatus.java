package dev.ama.transport;

import java.time.Duration;
import java.util.List;

/**
 * A snapshot of a node's queues, links and store.
 *
 * @param queues one row per destination and class that has ever had traffic since start
 * @param links one row per link
 * @param storedBundles bundles held (outbox and inbox), against {@code quotaBundles}
 * @param storedBytes bytes held, against {@code quotaBytes}
 * @param delivered bundles handed to the application since start
 * @param received bundles received from links since start (duplicates included)
 */
public record TransportStatus(
    List<QueueStatus> queues,
    List<LinkStatus> links,
    long storedBundles,
    long storedBytes,
    long quotaBundles,
    long quotaBytes,
    long delivered,
    long received) {

  /**
   * One destination and class. Counters count since the node started.
   *
   * @param queued bundles waiting to be sent
   * @param queuedBytes their encoded size
   * @param oldestAge how long the oldest of them has waited (zero if none)
   * @param inCustody bundles sent and kept until the next hop acknowledges them
   */
  public record QueueStatus(
      Eid destination,
      Priority priority,
      long queued,
      long queuedBytes,
      Duration oldestAge,
      long inCustody,
      long sent,
      long acknowledged,
      long expired,
      long evicted,
      long retransmitted,
      long duplicatesDropped) {}

  /**
   * One link.
   *
   * @param up the operator's state (set up or down by configuration or the API)
   * @param inContact whether the contact plan has a window open now (true without a plan)
   * @param ready whether the convergence layer can carry frames now
   */
  public record LinkStatus(
      String name,
      String layer,
      boolean up,
      boolean inContact,
      boolean ready,
      long framesSent,
      long bytesSent,
      long framesReceived) {}

  /** The row for one destination and class, if it exists. */
  public QueueStatus queue(Eid destination, Priority priority) {
    for (QueueStatus q : queues) {
      if (q.destination().equals(destination) && q.priority() == priority) {
        return q;
      }
    }
    return null;
  }
}
