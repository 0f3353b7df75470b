package dev.ama.transport.internal;

import dev.ama.transport.Bundle;
import dev.ama.transport.BundleDecodeException;
import dev.ama.transport.BundleDecodeException.Code;
import dev.ama.transport.BundleId;
import dev.ama.transport.BundleLimits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The frames nodes exchange over a convergence layer, each one CBOR array:
 *
 * <ul>
 *   <li>{@code [1, bundle]}: a bundle, its encoding ({@link dev.ama.transport.BundleEncoder})
 *       embedded as the second item;
 *   <li>{@code [2, [[source EID, creation ms, sequence], ...]]}: a custody acknowledgement, "I have
 *       stored these bundles", listing their ids.
 * </ul>
 *
 * <p>{@link #encodeAcks} splits a long list of ids so that no frame is longer than {@link
 * BundleLimits#ACK_FRAME_BYTES} or holds more than {@link BundleLimits#maxAckIds()} ids. {@link
 * #decode} enforces the limits and error rules of {@link dev.ama.transport.BundleDecoder}, plus: a
 * frame no longer than {@link BundleLimits#maxFrameBytes()}, at most {@code maxAckIds} ids (checked
 * from the declared count, before any is read), an unknown frame type is {@code INVALID_VALUE}.
 * Thread-safe.
 */
public final class FrameCodec {
  /** The frame type of a bundle frame. */
  public static final int TYPE_BUNDLE = 1;

  /** The frame type of an acknowledgement frame. */
  public static final int TYPE_ACK = 2;

  // An ack frame's bytes besides its ids: frame head, type, and the id list's head (at most 5).
  private static final int ACK_OVERHEAD = 1 + 1 + 5;

  /** A frame: a bundle or an acknowledgement. */
  public sealed interface Frame permits BundleFrame, AckFrame {}

  /** A frame that carries one bundle. */
  public record BundleFrame(Bundle bundle) implements Frame {
    public BundleFrame {
      Objects.requireNonNull(bundle, "bundle");
    }
  }

  /** A custody acknowledgement: the sender has stored the bundles with these ids. */
  public record AckFrame(List<BundleId> ids) implements Frame {
    public AckFrame {
      ids = List.copyOf(ids);
    }
  }

  private final BundleLimits limits;

  /** A codec that splits and checks frames by {@code limits}. */
  public FrameCodec(BundleLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** The limits this codec enforces. */
  public BundleLimits limits() {
    return limits;
  }

  /** The frame that carries {@code bundle}. */
  public byte[] encodeBundle(Bundle bundle) {
    Objects.requireNonNull(bundle, "bundle");
    return BundleCbor.encode(
        g -> {
          g.writeStartArray(null, 2);
          g.writeNumber(TYPE_BUNDLE);
          BundleCbor.writeBundle(g, bundle);
          g.writeEndArray();
        });
  }

  /**
   * The acknowledgement frames that carry {@code ids}, in order: as few as the limits allow, none
   * for an empty list.
   */
  public List<byte[]> encodeAcks(List<BundleId> ids) {
    BundleId[] all = ids.toArray(new BundleId[0]);
    int max = limits.maxAckIds();
    List<byte[]> frames = new ArrayList<>(1 + all.length / max);
    int from = 0;
    while (from < all.length) {
      // Sizes are computed, not measured: an id is at most ~1 KiB (EIDs are short), so one fits.
      int bytes = ACK_OVERHEAD;
      int to = from;
      while (to < all.length && to - from < max) {
        int size = BundleCbor.bundleIdSize(Objects.requireNonNull(all[to], "id"));
        if (bytes + size > BundleLimits.ACK_FRAME_BYTES && to > from) {
          break;
        }
        bytes += size;
        to++;
      }
      int start = from;
      int end = to;
      frames.add(
          BundleCbor.encode(
              g -> {
                g.writeStartArray(null, 2);
                g.writeNumber(TYPE_ACK);
                g.writeStartArray(null, end - start);
                for (int i = start; i < end; i++) {
                  BundleCbor.writeBundleId(g, all[i]);
                }
                g.writeEndArray();
                g.writeEndArray();
              }));
      from = to;
    }
    return frames;
  }

  /** Decodes exactly one frame from all of {@code bytes}. */
  public Frame decode(byte[] bytes) throws BundleDecodeException {
    return decode(bytes, 0, bytes.length);
  }

  /**
   * Decodes exactly one frame from {@code len} bytes at {@code off}; error offsets count from
   * {@code off}.
   *
   * @throws IndexOutOfBoundsException if the range is not inside {@code bytes}
   */
  public Frame decode(byte[] bytes, int off, int len) throws BundleDecodeException {
    return BundleCbor.decode(limits, bytes, off, len, this::frame);
  }

  private Frame frame(BundleCbor.Reader r) throws IOException, BundleDecodeException {
    r.array("a frame", 2);
    long type = r.u64("the frame type");
    Frame frame;
    if (type == TYPE_BUNDLE) {
      frame = new BundleFrame(r.bundle());
    } else if (type == TYPE_ACK) {
      int n = r.arrayUpTo("the acknowledged ids", limits.maxAckIds());
      BundleId[] ids = new BundleId[n];
      for (int i = 0; i < n; i++) {
        ids[i] = r.bundleId();
      }
      r.endArray("the acknowledged ids");
      frame = new AckFrame(List.of(ids));
    } else {
      throw r.error(
          Code.INVALID_VALUE,
          "frame type "
              + Long.toUnsignedString(type)
              + " is not 1 (bundle) or 2 (acknowledgement)");
    }
    r.endArray("a frame");
    return frame;
  }
}
