package dev.ama.agent.registry;

import dev.ama.transport.Eid;
import java.util.List;
import java.util.Objects;

/**
 * What one center sends a peer: for each owner, a segment of record versions. A segment claims a
 * counter range {@code (after, upTo]} of its owner: the sender holds every version of that owner up
 * to {@code upTo} and sends every record whose counter lies in the range (as the peer may see it).
 * A segment with {@code after == upTo} claims nothing (an audit repair).
 *
 * @param from the sending center
 * @param segments one per owner, at most
 * @param peers the sender's peers, so that receivers can choose who takes over its records if it
 *     falls silent
 */
public record RegistryDelta(Eid from, List<Segment> segments, List<Eid> peers) {
  /** Checks and copies. */
  public RegistryDelta {
    Objects.requireNonNull(from, "from");
    segments = List.copyOf(segments);
    peers = List.copyOf(peers);
  }

  /** A delta that names no peers. */
  public RegistryDelta(Eid from, List<Segment> segments) {
    this(from, segments, List.of());
  }

  /** True when there are no records and no ranges (the delta may still serve as a keepalive). */
  public boolean isEmpty() {
    return segments.isEmpty();
  }

  /** The number of records in all segments. */
  public int recordCount() {
    int n = 0;
    for (Segment s : segments) {
      n += s.records().size();
    }
    return n;
  }

  /**
   * The versions of one owner.
   *
   * @param owner whose records
   * @param after the counter the peer was known to hold up to
   * @param upTo the counter the sender holds up to; the records lie in {@code (after, upTo]}
   * @param records the records, by counter
   */
  public record Segment(Eid owner, long after, long upTo, List<RegistryRecord> records) {
    /** Checks the range and copies the records. */
    public Segment {
      Objects.requireNonNull(owner, "owner");
      if (after < 0 || upTo < after) {
        throw new IllegalArgumentException(
            "a segment's range needs 0 <= after <= upTo, not (" + after + ", " + upTo + "]");
      }
      records = List.copyOf(records);
    }
  }
}
