package dev.ama.agent.registry;

import dev.ama.transport.Eid;
import java.util.List;
import java.util.Objects;

/**
 * The second level of an audit: the owners whose summaries differed, and for each the number of
 * buckets the auditor wants their digests in.
 *
 * @param from the center that asks
 * @param owners what it asks for
 */
public record DigestRequest(Eid from, List<OwnerAsk> owners) {
  /** Checks and copies. */
  public DigestRequest {
    Objects.requireNonNull(from, "from");
    owners = List.copyOf(owners);
  }

  /** True when no owner differed (or none is worth asking for yet). */
  public boolean isEmpty() {
    return owners.isEmpty();
  }

  /**
   * One owner's bucket digests, asked for.
   *
   * @param owner whose records
   * @param bucketCount how many buckets (a power of two, at most 2<sup>20</sup>)
   */
  public record OwnerAsk(Eid owner, int bucketCount) {
    /** Checks the bucket count. */
    public OwnerAsk {
      Objects.requireNonNull(owner, "owner");
      if (bucketCount < 1 || bucketCount > (1 << 20) || (bucketCount & (bucketCount - 1)) != 0) {
        throw new IllegalArgumentException(
            "the bucket count must be a power of two in [1, 2^20], not " + bucketCount);
      }
    }
  }
}
