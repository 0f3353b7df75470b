package dev.ama.model.amp;

import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriDecodeException;
import dev.ama.model.ari.cbor.AriCborDecoder;
import dev.ama.model.ari.cbor.CborLimits;
import java.util.List;

/**
 * Reads AMP messages from bytes a peer sent, within {@link CborLimits}. Every failure is an {@link
 * AriDecodeException} with a code and a byte offset in the message. Thread-safe.
 */
public final class AmpMessageDecoder {
  private final AriCborDecoder cbor;

  /** A decoder with the limits that suit AMP messages. */
  public AmpMessageDecoder() {
    this(CborLimits.DEFAULTS);
  }

  public AmpMessageDecoder(CborLimits limits) {
    this.cbor = new AriCborDecoder(limits);
  }

  /** Decodes one whole message. */
  public AmpMessage decode(byte[] bytes) throws AriDecodeException {
    if (bytes.length == 0) {
      throw new AriDecodeException(
          AriDecodeException.Code.MALFORMED_CBOR,
          AriDecodeException.Unit.BYTE,
          0,
          "empty AMP message: no version byte");
    }
    if (bytes[0] != AmpMessage.VERSION) {
      throw new AriDecodeException(
          AriDecodeException.Code.INVALID_VALUE,
          AriDecodeException.Unit.BYTE,
          0,
          "AMP version " + (bytes[0] & 0xff) + " is not supported; only version 1 is");
    }
    List<Ari> items;
    try {
      items = cbor.decodeSequence(bytes, 1, bytes.length - 1);
    } catch (AriDecodeException e) {
      // Offsets count from the start of the message, version byte included.
      throw new AriDecodeException(
          e.code(), AriDecodeException.Unit.BYTE, e.offset() < 0 ? -1 : e.offset() + 1, e.detail());
    }
    for (int i = 0; i < items.size(); i++) {
      String problem = AmpMessage.problem(items.get(i), i);
      if (problem != null) {
        throw new AriDecodeException(
            AriDecodeException.Code.UNEXPECTED_ITEM, AriDecodeException.Unit.BYTE, -1, problem);
      }
    }
    return new AmpMessage(items);
  }
}
