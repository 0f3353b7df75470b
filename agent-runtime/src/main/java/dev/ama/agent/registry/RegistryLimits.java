package dev.ama.agent.registry;

/**
 * Limits a {@link RegistryDecoder} enforces on what peers send, beyond the CBOR limits.
 *
 * @param maxBytes the largest encoded value
 * @param maxRecords the most records in one delta or bucket answer
 * @param maxEndpoints the most endpoints of one record
 * @param maxSkills the most skills of one record
 * @param maxMetadata the most metadata pairs of one record
 * @param maxTextLength the longest text (id, name, endpoint, skill, metadata key or value), in
 *     characters
 * @param maxEntries the most entries of a knowledge vector or digest list
 */
public record RegistryLimits(
    int maxBytes,
    int maxRecords,
    int maxEndpoints,
    int maxSkills,
    int maxMetadata,
    int maxTextLength,
    int maxEntries) {
  /** Defaults for deltas of a few thousand records. */
  public static final RegistryLimits DEFAULTS =
      new RegistryLimits(16 * 1024 * 1024, 20_000, 32, 256, 64, 1024, 1_000_000);

  /** Checks that every limit is positive. */
  public RegistryLimits {
    int[] all = {
      maxBytes, maxRecords, maxEndpoints, maxSkills, maxMetadata, maxTextLength, maxEntries
    };
    for (int v : all) {
      if (v <= 0) {
        throw new IllegalArgumentException("registry limits must be positive: " + v);
      }
    }
  }
}
