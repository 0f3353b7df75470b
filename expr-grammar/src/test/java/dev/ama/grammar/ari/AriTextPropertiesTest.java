package dev.ama.grammar.ari;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriArbitraries;
import dev.ama.model.ari.AriDecodeException;
import dev.ama.model.ari.text.AriTextEncoder;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random ARI values survive the text form unchanged. A failure prints its seed; replay it with
 * {@code @Property(seed = "…")}.
 */
class AriTextPropertiesTest {
  private final AriTextEncoder encoder = new AriTextEncoder();
  private final AriTextDecoder decoder = new AriTextDecoder();

  @Provide
  Arbitrary<Ari> aris() {
    return AriArbitraries.aris(3, true);
  }

  @Property(tries = 3000)
  void any_ari_prints_and_reads_back_to_an_equal_value(@ForAll("aris") Ari ari)
      throws AriDecodeException {
    String text = encoder.encode(ari);
    assertThat(decoder.decode(text)).as(text).isEqualTo(ari);
  }

  @Property(tries = 1000)
  void canonical_text_is_a_fixed_point(@ForAll("aris") Ari ari) throws AriDecodeException {
    String text = encoder.encode(ari);
    assertThat(encoder.encode(decoder.decode(text))).isEqualTo(text);
  }
}
