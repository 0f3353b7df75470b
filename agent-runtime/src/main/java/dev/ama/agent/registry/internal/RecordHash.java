package dev.ama.agent.registry.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Hashes for anti-entropy: stable across JVMs and versions (no {@code Object.hashCode}). */
public final class RecordHash {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private RecordHash() {}

  /** The bucket of an agent id among {@code buckets} (a power of two). */
  public static int bucket(String agentId, int buckets) {
    long h = FNV_OFFSET;
    for (byte b : agentId.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= FNV_PRIME;
    }
    // A final mix so that the low bits depend on every byte.
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return (int) (h & (buckets - 1));
  }

  /** The first 8 bytes of the SHA-256 of {@code bytes}, as a long. */
  public static long of(byte[] bytes) {
    byte[] d = sha256().digest(bytes);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (d[i] & 0xff);
    }
    return v;
  }

  /** The number of buckets for an owner with {@code records} records: a power of two ≥ it. */
  public static int bucketCount(long records) {
    int n = 1;
    while (n < records && n < (1 << 20)) {
      n <<= 1;
    }
    return n;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
