package dev.ama.model.amp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ama.model.ari.AriDecodeException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class AmpMessagePropertiesTest {
  private final AmpMessageDecoder decoder = new AmpMessageDecoder();
  private final AmpMessageEncoder encoder = new AmpMessageEncoder();

  @Property(tries = 2000, seed = "20261121")
  void any_bytes_give_a_message_that_encodes_back_or_a_typed_error(
      @ForAll @Size(max = 64) byte[] body) {
    byte[] bytes = new byte[body.length + 1];
    bytes[0] = 1;
    System.arraycopy(body, 0, bytes, 1, body.length);
    try {
      AmpMessage m = decoder.decode(bytes);
      assertThat(decoder.decode(encoder.encode(m))).isEqualTo(m);
    } catch (AriDecodeException e) {
      assertThat(e.getMessage()).doesNotContain("\n");
    }
  }
}
