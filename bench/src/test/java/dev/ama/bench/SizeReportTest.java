package dev.ama.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ama.model.ari.cbor.AriCborDecoder;
import dev.ama.model.ari.cbor.AriCborEncoder;
import org.junit.jupiter.api.Test;

class SizeReportTest {
  @Test
  void the_rptset_in_cbor_is_at_most_30_percent_of_the_same_content_in_json() throws Exception {
    assertThat(SizeReport.rptSetCborBytes() * 100)
        .isLessThanOrEqualTo(SizeReport.rptSetJsonBytes() * 30);
  }

  @Test
  void the_benchmark_messages_round_trip() throws Exception {
    AriCborEncoder enc = new AriCborEncoder();
    AriCborDecoder dec = new AriCborDecoder();
    assertThat(dec.decode(enc.encode(Samples.rptSet()))).isEqualTo(Samples.rptSet());
    assertThat(dec.decode(enc.encode(Samples.execSet()))).isEqualTo(Samples.execSet());
  }
}
