package dev.ama.grammar.ari;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriDecodeException;
import dev.ama.model.ari.TestData;
import dev.ama.model.ari.cbor.AriCborDecoder;
import dev.ama.model.ari.cbor.AriCborEncoder;
import dev.ama.model.ari.text.AriTextEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every row of ../shared/ari-vectors.tsv and ari-invalid.txt, byte for byte. */
class AriVectorsTest {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();
  private final AriTextDecoder textDecoder = new AriTextDecoder();
  private final AriTextEncoder textEncoder = new AriTextEncoder();
  private final AriCborEncoder cborEncoder = new AriCborEncoder();
  private final AriCborDecoder cborDecoder = new AriCborDecoder();

  static List<TestData.Vector> valid() {
    return TestData.vectors();
  }

  static List<TestData.Invalid> invalid() {
    return TestData.invalid();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void text_encodes_to_the_vector_bytes(TestData.Vector v) throws AriDecodeException {
    Ari ari = textDecoder.decode(v.text());
    assertThat(HEX.formatHex(cborEncoder.encode(ari))).isEqualTo(v.hex());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void vector_bytes_decode_and_encode_back_to_the_same_bytes(TestData.Vector v)
      throws AriDecodeException {
    Ari ari = cborDecoder.decode(HEX.parseHex(v.hex()));
    assertThat(HEX.formatHex(cborEncoder.encode(ari))).isEqualTo(v.hex());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void vector_bytes_print_as_the_canonical_text(TestData.Vector v) throws AriDecodeException {
    Ari ari = cborDecoder.decode(HEX.parseHex(v.hex()));
    assertThat(textEncoder.encode(ari)).isEqualTo(v.canonical());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void canonical_text_reads_back_to_the_same_value(TestData.Vector v) throws AriDecodeException {
    Ari fromBytes = cborDecoder.decode(HEX.parseHex(v.hex()));
    assertThat(textDecoder.decode(v.canonical())).isEqualTo(fromBytes);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void invalid_input_is_rejected_with_a_typed_error(TestData.Invalid v) {
    if (v.form().equals("text")) {
      assertThatThrownBy(() -> textDecoder.decode(v.input()))
          .isInstanceOf(AriDecodeException.class)
          .hasMessageNotContaining("\n");
    } else {
      byte[] bytes = HEX.parseHex(v.input());
      assertThatThrownBy(() -> cborDecoder.decode(bytes))
          .isInstanceOf(AriDecodeException.class)
          .hasMessageContaining("at byte")
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void testdata_copy_matches_the_shared_vectors_when_present() throws Exception {
    String shared = System.getProperty("ama.shared.dir");
    assumeThat(shared != null && Files.isDirectory(Path.of(shared)))
        .as("../shared present")
        .isTrue();
    for (String name : List.of("ari-vectors.tsv", "ari-invalid.txt")) {
      assertThat(Files.readString(TestData.dir().resolve(name)))
          .as(name + " in testdata/ must equal ../shared/" + name)
          .isEqualTo(Files.readString(Path.of(shared, name)));
    }
  }
}
