package dev.ama.transport;

import java.util.Objects;

/**
 * The identity of a bundle: its source, its creation time (milliseconds since the Unix epoch) and a
 * sequence number that tells apart bundles the source created in the same millisecond. Duplicates
 * are recognised by this identity at every node.
 */
public record BundleId(Eid source, long creationMillis, long sequence)
    implements Comparable<BundleId> {
  public BundleId {
    Objects.requireNonNull(source, "source");
    if (creationMillis < 0) {
      throw new IllegalArgumentException("creation time is negative: " + creationMillis);
    }
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence number is negative: " + sequence);
    }
  }

  @Override
  public int compareTo(BundleId o) {
    int c = source.compareTo(o.source);
    if (c != 0) {
      return c;
    }
    c = Long.compare(creationMillis, o.creationMillis);
    return c != 0 ? c : Long.compare(sequence, o.sequence);
  }

  /** {@code source/creationMillis/sequence}, as logs and status show it. */
  @Override
  public String toString() {
    return source + "/" + creationMillis + "/" + sequence;
  }
}
