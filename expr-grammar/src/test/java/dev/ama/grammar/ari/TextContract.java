package dev.ama.grammar.ari;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriDecodeException;
import dev.ama.model.ari.cbor.AriCborDecoder;
import dev.ama.model.ari.cbor.AriCborEncoder;
import dev.ama.model.ari.text.AriTextEncoder;
import java.time.Duration;

/**
 * The text decoder's contract on any input: a value that reads back from its own text and CBOR
 * forms, or an {@link AriDecodeException} with a code, a one-line message and a character offset
 * within the input (or -1). Anything else thrown by the decoder propagates and fails the test.
 */
final class TextContract {
  private TextContract() {}

  static final AriTextDecoder DECODER = new AriTextDecoder();
  private static final AriTextEncoder TEXT_ENCODER = new AriTextEncoder();
  private static final AriCborEncoder CBOR_ENCODER = new AriCborEncoder();
  private static final AriCborDecoder CBOR_DECODER = new AriCborDecoder();

  /** Longest a single short input may take: a hang guard, far above the time it needs. */
  static final Duration SMALL_INPUT_TIME = Duration.ofSeconds(2);

  /** Text that prints escaped and shortened, so that a failing sample is easy to save. */
  record Input(String text) {
    @Override
    public String toString() {
      return describe(text);
    }
  }

  /** Decodes {@code text} and checks the contract; returns the error, or null for a value. */
  static AriDecodeException check(String text) {
    Ari value;
    try {
      value = DECODER.decode(text);
    } catch (AriDecodeException e) {
      checkError(e, text);
      return e;
    }
    String printed = TEXT_ENCODER.encode(value);
    try {
      assertThat(DECODER.decode(printed))
          .as("%s decodes to %s, printed %s", describe(text), value, printed)
          .isEqualTo(value);
      assertThat(CBOR_DECODER.decode(CBOR_ENCODER.encode(value)))
          .as("%s decodes to %s, which must survive CBOR", describe(text), value)
          .isEqualTo(value);
    } catch (AriDecodeException e) {
      throw new AssertionError(
          describe(text) + " decodes to " + value + ", which does not read back: " + e.getMessage(),
          e);
    }
    return null;
  }

  static void checkError(AriDecodeException e, String text) {
    String input = describe(text);
    assertThat(e.code()).as("code of the error for %s", input).isNotNull();
    assertThat(e.unit())
        .as("unit of the error for %s", input)
        .isEqualTo(AriDecodeException.Unit.CHARACTER);
    assertThat(e.offset())
        .as("offset of '%s' for %s", e.getMessage(), input)
        .isBetween(-1L, (long) text.length());
    assertThat(e.detail()).as("detail for %s", input).isNotBlank();
    assertThat(e.getMessage())
        .as("message for %s", input)
        .doesNotContainPattern("[\\r\\n\\u0085\\u2028\\u2029]");
  }

  /** The text as a Java string literal, shortened when long. */
  static String describe(String text) {
    String s = text.length() <= 300 ? text : text.substring(0, 100);
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c > 0x7E) {
            sb.append(String.format("\\u%04X", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
    return text.length() <= 300 ? sb.toString() : sb + "…(" + text.length() + " characters)";
  }
}
