package dev.ama.model.ari.cbor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriDecodeException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * The decoder's contract on any input: a value that survives re-encoding, or an {@link
 * AriDecodeException} with a code, a one-line message and an offset within the input (or -1).
 * Anything else thrown by the decoder propagates and fails the calling test.
 */
final class CborContract {
  private CborContract() {}

  static final AriCborDecoder DECODER = new AriCborDecoder();
  static final AriCborEncoder ENCODER = new AriCborEncoder();

  /** Longest a single small input may take: a hang guard, far above the microseconds it needs. */
  static final Duration SMALL_INPUT_TIME = Duration.ofSeconds(2);

  /** What decoding gave: exactly one of the two is non-null. */
  record Outcome(Ari value, AriDecodeException error) {}

  /** Bytes that print as hex, so that a failing sample can be saved as a regression file. */
  record Input(byte[] bytes) {
    @Override
    public String toString() {
      return HexFormat.of().withUpperCase().formatHex(bytes);
    }
  }

  /** Decodes all of {@code in} with the default limits and checks the contract. */
  static Outcome check(byte[] in) {
    return check(DECODER, in, 0, in.length);
  }

  /** Decodes {@code len} bytes at {@code off} and checks the contract. */
  static Outcome check(AriCborDecoder decoder, byte[] in, int off, int len) {
    String hex = describe(in, off, len);
    Outcome out;
    try {
      out = new Outcome(decoder.decode(in, off, len), null);
    } catch (AriDecodeException e) {
      checkError(e, len, hex);
      return new Outcome(null, e);
    }
    Ari value = out.value();
    byte[] again = ENCODER.encode(value);
    try {
      assertThat(DECODER.decode(again)).as("decode(encode(decode(%s)))", hex).isEqualTo(value);
    } catch (AriDecodeException e) {
      throw new AssertionError(
          hex + " decodes to " + value + ", whose encoding does not decode: " + e.getMessage(), e);
    }
    return out;
  }

  /** Decodes {@code in} as a CBOR sequence and checks the contract on it. */
  static List<Ari> checkSequence(byte[] in) {
    String hex = describe(in, 0, in.length);
    List<Ari> items;
    try {
      items = DECODER.decodeSequence(in, 0, in.length);
    } catch (AriDecodeException e) {
      checkError(e, in.length, hex);
      return null;
    }
    for (Ari item : items) {
      try {
        assertThat(DECODER.decode(ENCODER.encode(item)))
            .as("an item of the sequence %s", hex)
            .isEqualTo(item);
      } catch (AriDecodeException e) {
        throw new AssertionError(hex + ": item " + item + " does not survive re-encoding", e);
      }
    }
    return items;
  }

  /** The input as hex, shortened when long. */
  static String describe(byte[] in, int off, int len) {
    HexFormat hex = HexFormat.of().withUpperCase();
    if (len <= 256) {
      return hex.formatHex(in, off, off + len);
    }
    return hex.formatHex(in, off, off + 64) + "…(" + len + " bytes)";
  }

  static void checkError(AriDecodeException e, int length, String input) {
    assertThat(e.code()).as("code of the error for %s", input).isNotNull();
    assertThat(e.unit())
        .as("unit of the error for %s", input)
        .isEqualTo(AriDecodeException.Unit.BYTE);
    assertThat(e.offset())
        .as("offset of '%s' for %s", e.getMessage(), input)
        .isBetween(-1L, (long) length);
    assertThat(e.detail()).as("detail for %s", input).isNotBlank();
    assertThat(e.getMessage())
        .as("message for %s", input)
        .doesNotContainPattern("[\\r\\n\\u0085\\u2028\\u2029]");
  }
}
