package dev.ama.agent.registry;

import dev.ama.transport.Eid;
import java.util.List;
import java.util.Objects;

/**
 * The buckets whose digests differed in an audit: the auditing center asks the audited one for
 * their records.
 *
 * @param from the center that asks
 * @param owners the differing buckets, per owner
 */
public record BucketRequest(Eid from, List<OwnerBuckets> owners) {
  /** Checks and copies. */
  public BucketRequest {
    Objects.requireNonNull(from, "from");
    owners = List.copyOf(owners);
  }

  /** True when every digest agreed. */
  public boolean isEmpty() {
    return owners.isEmpty();
  }

  /** The number of buckets asked for. */
  public int bucketCount() {
    int n = 0;
    for (OwnerBuckets o : owners) {
      n += o.indexes().size();
    }
    return n;
  }

  /**
   * Differing buckets of one owner.
   *
   * @param owner whose records
   * @param bucketCount how many buckets the digests had (a power of two)
   * @param indexes the differing buckets, each in {@code [0, bucketCount)}
   */
  public record OwnerBuckets(Eid owner, int bucketCount, List<Integer> indexes) {
    /** Checks and copies. */
    public OwnerBuckets {
      Objects.requireNonNull(owner, "owner");
      if (bucketCount < 1 || (bucketCount & (bucketCount - 1)) != 0) {
        throw new IllegalArgumentException("the bucket count must be a power of two");
      }
      indexes = List.copyOf(indexes);
      for (int i : indexes) {
        if (i < 0 || i >= bucketCount) {
          throw new IllegalArgumentException("bucket " + i + " outside [0, " + bucketCount + ")");
        }
      }
    }
  }
}
