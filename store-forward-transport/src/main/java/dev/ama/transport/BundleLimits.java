package dev.ama.transport;

/**
 * Limits a decoder enforces on bytes it did not produce, so that a peer cannot make a node allocate
 * without bound.
 *
 * @param maxPayloadBytes the largest payload accepted, and the largest a sender may submit
 * @param maxEidLength the longest EID, in characters
 * @param maxAckIds the most bundle ids one custody acknowledgement may carry
 */
public record BundleLimits(int maxPayloadBytes, int maxEidLength, int maxAckIds) {
  /** 1 MiB payloads, EIDs of up to {@link Eid#MAX_LENGTH}, 4096 ids per acknowledgement. */
  public static final BundleLimits DEFAULT = new BundleLimits(1 << 20, Eid.MAX_LENGTH, 4096);

  public BundleLimits {
    if (maxPayloadBytes < 0 || maxEidLength < 8 || maxAckIds < 1) {
      throw new IllegalArgumentException(
          "limits must be positive: payload "
              + maxPayloadBytes
              + ", EID "
              + maxEidLength
              + ", ack ids "
              + maxAckIds);
    }
  }

  /** Frames that carry acknowledgements are kept within this many bytes by their encoder. */
  public static final int ACK_FRAME_BYTES = 64 * 1024;

  /**
   * The largest encoded frame these limits allow: a bundle with the largest payload and two EIDs of
   * the longest length plus room for the fixed fields, and never less than {@link
   * #ACK_FRAME_BYTES}.
   */
  public int maxFrameBytes() {
    long n = (long) maxPayloadBytes + 2L * maxEidLength * 4 + 128;
    return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(n, ACK_FRAME_BYTES));
  }
}
