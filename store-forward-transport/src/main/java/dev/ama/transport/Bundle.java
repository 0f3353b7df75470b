package dev.ama.transport;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A bundle: a payload with its identity, destination, lifetime, priority class and flags.
 * Immutable; the payload is copied in and out.
 *
 * @param flags bit set of {@link #FLAG_CUSTODY_REQUESTED} and other flags; unknown bits are kept
 */
public record Bundle(
    BundleId id, Eid destination, Duration lifetime, Priority priority, int flags, byte[] payload) {

  /** The sender asks every hop to keep the bundle until the next hop has stored it. */
  public static final int FLAG_CUSTODY_REQUESTED = 1;

  public Bundle {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(lifetime, "lifetime");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(payload, "payload");
    if (lifetime.toMillis() < 1) {
      throw new IllegalArgumentException("lifetime must be at least 1 ms: " + lifetime);
    }
    // The wire carries whole milliseconds; keep the value what a decoder will see.
    lifetime = Duration.ofMillis(lifetime.toMillis());
    if (destination.isNone()) {
      throw new IllegalArgumentException("destination is dtn:none");
    }
    if (flags < 0) {
      throw new IllegalArgumentException("flags are negative: " + flags);
    }
    payload = payload.clone();
  }

  /** A copy of the payload. */
  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /** The payload's length in bytes, without copying it. */
  public int payloadLength() {
    return payload.length;
  }

  /** Creation time plus lifetime, in milliseconds since the epoch (saturating). */
  public long expiryMillis() {
    long life = lifetime.toMillis();
    long t = id.creationMillis() + life;
    return t < 0 ? Long.MAX_VALUE : t;
  }

  /** Whether the bundle's lifetime has run out at {@code now}. */
  public boolean isExpired(Instant now) {
    return now.toEpochMilli() >= expiryMillis();
  }

  /** Whether custody transfer was requested. */
  public boolean custodyRequested() {
    return (flags & FLAG_CUSTODY_REQUESTED) != 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bundle b
        && id.equals(b.id)
        && destination.equals(b.destination)
        && lifetime.equals(b.lifetime)
        && priority == b.priority
        && flags == b.flags
        && Arrays.equals(payload, b.payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, destination, lifetime, priority, flags) * 31 + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "Bundle["
        + id
        + " -> "
        + destination
        + ", "
        + priority
        + ", lifetime "
        + lifetime
        + ", "
        + payload.length
        + " B]";
  }
}
