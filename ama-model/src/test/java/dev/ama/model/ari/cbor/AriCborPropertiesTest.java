package dev.ama.model.ari.cbor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriArbitraries;
import dev.ama.model.ari.AriDecodeException;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random ARI values survive CBOR unchanged. A failure prints its seed; replay it with
 * {@code @Property(seed = "…")}.
 */
class AriCborPropertiesTest {
  private final AriCborEncoder encoder = new AriCborEncoder();
  private final AriCborDecoder decoder = new AriCborDecoder();

  @Provide
  Arbitrary<Ari> aris() {
    return AriArbitraries.aris(3, false);
  }

  @Property(tries = 3000)
  void any_ari_encodes_and_decodes_to_an_equal_value(@ForAll("aris") Ari ari)
      throws AriDecodeException {
    byte[] bytes = encoder.encode(ari);
    assertThat(decoder.decode(bytes)).isEqualTo(ari);
  }

  @Property(tries = 1000)
  void encoding_is_deterministic_and_a_decoded_value_encodes_to_the_same_bytes(
      @ForAll("aris") Ari ari) throws AriDecodeException {
    byte[] bytes = encoder.encode(ari);
    assertThat(encoder.encode(decoder.decode(bytes))).isEqualTo(bytes);
  }

  @Property(tries = 300)
  void a_sequence_of_aris_decodes_item_by_item(@ForAll("aris") Ari a, @ForAll("aris") Ari b)
      throws AriDecodeException {
    byte[] seq = encoder.encodeSequence(java.util.List.of(a, b));
    assertThat(decoder.decodeSequence(seq, 0, seq.length)).containsExactly(a, b);
  }
}
