package dev.ama.transport;

import dev.ama.transport.internal.BundleCbor;
import java.util.Objects;

/**
 * Decodes the CBOR form of a bundle that {@link BundleEncoder} describes, from bytes a peer sent,
 * within {@link BundleLimits}.
 *
 * <p>Every failure is a {@link BundleDecodeException} with a {@link BundleDecodeException.Code
 * code} and the byte offset (from the start of the decoded range) of the item at fault; nothing
 * else escapes, whatever the input:
 *
 * <ul>
 *   <li>{@code MALFORMED}: not well-formed CBOR, empty, or truncated;
 *   <li>{@code UNEXPECTED_ITEM}: well-formed CBOR of the wrong shape: a wrong item type or array
 *       size, a CBOR tag, or an indefinite-length array or string (only definite lengths are
 *       accepted);
 *   <li>{@code INVALID_VALUE}: an unknown version or EID scheme code, an EID that {@link Eid#of}
 *       refuses, a dtn SSP that is neither text nor 0 (and {@code "none"} as text), a destination
 *       of {@code dtn:none}, a negative integer, a lifetime of 0, a priority of 3 or more, flags
 *       above 2^31−1, a creation time or sequence number above 2^63−1;
 *   <li>{@code LIMIT_EXCEEDED}: input longer than {@link BundleLimits#maxFrameBytes()}, a payload
 *       longer than {@link BundleLimits#maxPayloadBytes()} or an EID longer than {@link
 *       BundleLimits#maxEidLength()} — both found from the declared length, before the bytes are
 *       read (EIDs are ASCII, so their bytes are their characters);
 *   <li>{@code TRAILING_DATA}: bytes after the bundle's array.
 * </ul>
 *
 * <p>Nesting is bounded by the fixed shape (at most three levels in a bundle). Thread-safe.
 */
public final class BundleDecoder {
  private final BundleLimits limits;

  /** A decoder that enforces {@code limits}. */
  public BundleDecoder(BundleLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** The limits this decoder enforces. */
  public BundleLimits limits() {
    return limits;
  }

  /** Decodes exactly one bundle from all of {@code bytes}. */
  public Bundle decode(byte[] bytes) throws BundleDecodeException {
    return decode(bytes, 0, bytes.length);
  }

  /**
   * Decodes exactly one bundle from {@code len} bytes at {@code off}; error offsets count from
   * {@code off}.
   *
   * @throws IndexOutOfBoundsException if the range is not inside {@code bytes}
   */
  public Bundle decode(byte[] bytes, int off, int len) throws BundleDecodeException {
    return BundleCbor.decode(limits, bytes, off, len, BundleCbor.Reader::bundle);
  }
}
