package dev.ama.agent.registry;

import dev.ama.transport.Eid;
import java.util.List;
import java.util.Objects;

/**
 * A center's per-owner bucket digests of the records a peer may see, for an audit.
 *
 * @param from the center that computed them
 * @param owners one entry per owner
 */
public record RegistryDigests(Eid from, List<OwnerDigests> owners) {
  /** Checks and copies. */
  public RegistryDigests {
    Objects.requireNonNull(from, "from");
    owners = List.copyOf(owners);
  }

  /**
   * The digests of one owner's records: bucket {@code i} holds the sum (mod 2<sup>64</sup>) of the
   * hashes of the records whose agent id falls in it; 0 for an empty bucket.
   *
   * @param owner whose records
   * @param buckets the digests; their number is a power of two
   */
  public record OwnerDigests(Eid owner, List<Long> buckets) {
    /** Checks that the bucket count is a power of two and copies. */
    public OwnerDigests {
      Objects.requireNonNull(owner, "owner");
      buckets = List.copyOf(buckets);
      int n = buckets.size();
      if (n == 0 || (n & (n - 1)) != 0) {
        throw new IllegalArgumentException("the bucket count must be a power of two, not " + n);
      }
    }
  }
}
