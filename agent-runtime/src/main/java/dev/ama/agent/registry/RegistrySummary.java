package dev.ama.agent.registry;

import dev.ama.transport.Eid;
import java.util.List;
import java.util.Objects;

/**
 * The first level of an audit: per owner, one hash over all the owner's records a peer may see,
 * their number, and how far the sender's knowledge of that owner goes. The auditor asks for the
 * bucket digests ({@link RegistryDigests}) of an owner only when its own summary of that owner
 * differs and the difference is not explained by deltas in flight (docs/registry.md).
 *
 * @param from the center that computed it
 * @param owners one entry per owner
 */
public record RegistrySummary(Eid from, List<OwnerSummary> owners) {
  /** Checks and copies. */
  public RegistrySummary {
    Objects.requireNonNull(from, "from");
    owners = List.copyOf(owners);
  }

  /**
   * One owner's records as the sender holds them.
   *
   * @param owner whose records
   * @param records how many records (tombstones included)
   * @param knows the counter up to which the sender holds every version of the owner
   * @param top the sum (mod 2<sup>64</sup>) of the records' hashes: the sum of all bucket digests
   */
  public record OwnerSummary(Eid owner, long records, long knows, long top) {
    /** Checks the counts. */
    public OwnerSummary {
      Objects.requireNonNull(owner, "owner");
      if (records < 0 || knows < 0) {
        throw new IllegalArgumentException("counts are not negative");
      }
    }
  }
}
