package dev.ama.transport.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The payload of a bundle that packs several items (flag {@link #FLAG_PACKED}): each item as a
 * 4-byte big-endian length followed by its bytes.
 */
public final class Packing {
  /** The bundle's payload is a sequence of packed items. */
  public static final int FLAG_PACKED = 2;

  private Packing() {}

  /** The overhead one item adds to a packed payload. */
  public static final int ITEM_OVERHEAD = 4;

  /** Packs the items into one payload. */
  public static byte[] pack(List<byte[]> items) {
    int n = 0;
    for (byte[] item : items) {
      n += ITEM_OVERHEAD + item.length;
    }
    ByteBuffer b = ByteBuffer.allocate(n);
    for (byte[] item : items) {
      b.putInt(item.length).put(item);
    }
    return b.array();
  }

  /**
   * The items of a packed payload.
   *
   * @throws IllegalArgumentException if a length runs past the end of the payload
   */
  public static List<byte[]> unpack(byte[] payload) {
    List<byte[]> items = new ArrayList<>();
    ByteBuffer b = ByteBuffer.wrap(payload);
    while (b.hasRemaining()) {
      if (b.remaining() < ITEM_OVERHEAD) {
        throw new IllegalArgumentException("packed payload ends inside an item length");
      }
      int len = b.getInt();
      if (len < 0 || len > b.remaining()) {
        throw new IllegalArgumentException(
            "packed item of " + len + " bytes runs past the payload's end");
      }
      byte[] item = new byte[len];
      b.get(item);
      items.add(item);
    }
    return items;
  }
}
