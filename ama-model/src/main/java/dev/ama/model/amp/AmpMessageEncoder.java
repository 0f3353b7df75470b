package dev.ama.model.amp;

import dev.ama.model.ari.Ari;
import dev.ama.model.ari.cbor.AriCborEncoder;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Writes AMP messages. Thread-safe. */
public final class AmpMessageEncoder {
  private final AriCborEncoder cbor = new AriCborEncoder();

  /** The message's bytes: {@code 0x01}, then each item's CBOR. */
  public byte[] encode(AmpMessage message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(AmpMessage.VERSION);
    for (Ari item : message.items()) {
      cbor.encode(item, out);
    }
    return out.toByteArray();
  }

  /**
   * Packs the items, in order, into as few messages as possible of at most {@code maxBytes} each
   * (consolidation: many reports for one destination travel in one message). An item that alone is
   * larger than the limit travels alone in a message of its own.
   *
   * @throws IllegalArgumentException if {@code maxBytes} cannot hold even the version byte, or an
   *     item is not an EXECSET or RPTSET
   */
  public List<byte[]> encodePacked(List<? extends Ari> items, int maxBytes) {
    if (maxBytes < 2) {
      throw new IllegalArgumentException("maxBytes must be at least 2: " + maxBytes);
    }
    List<byte[]> messages = new ArrayList<>();
    ByteArrayOutputStream current = null;
    for (int i = 0; i < items.size(); i++) {
      Ari item = items.get(i);
      String problem = AmpMessage.problem(item, i);
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
      byte[] bytes = cbor.encode(item);
      if (current != null && current.size() + bytes.length > maxBytes) {
        messages.add(current.toByteArray());
        current = null;
      }
      if (current == null) {
        current = new ByteArrayOutputStream();
        current.write(AmpMessage.VERSION);
      }
      current.writeBytes(bytes);
    }
    if (current != null) {
      messages.add(current.toByteArray());
    }
    return messages;
  }
}
