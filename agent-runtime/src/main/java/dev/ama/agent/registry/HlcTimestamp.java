package dev.ama.agent.registry;

import dev.ama.transport.Eid;
import java.util.Comparator;
import java.util.Objects;

/**
 * A hybrid logical clock stamp: physical milliseconds, a logical counter that orders stamps within
 * one millisecond, and the node (center) that made it, which breaks the last ties.
 *
 * @param physicalMillis milliseconds since the Unix epoch, as the making node's clock saw them (at
 *     least)
 * @param logical the counter within that millisecond, from 0
 * @param node the center that made the stamp
 */
public record HlcTimestamp(long physicalMillis, long logical, Eid node)
    implements Comparable<HlcTimestamp> {
  private static final Comparator<HlcTimestamp> ORDER =
      Comparator.comparingLong(HlcTimestamp::physicalMillis)
          .thenComparingLong(HlcTimestamp::logical)
          .thenComparing(HlcTimestamp::node);

  /** Checks the parts. */
  public HlcTimestamp {
    if (physicalMillis < 0) {
      throw new IllegalArgumentException("physical time is negative: " + physicalMillis);
    }
    if (logical < 0) {
      throw new IllegalArgumentException("logical counter is negative: " + logical);
    }
    Objects.requireNonNull(node, "node");
  }

  @Override
  public int compareTo(HlcTimestamp o) {
    return ORDER.compare(this, o);
  }
}
