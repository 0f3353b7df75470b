package dev.ama.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing dtn: and ipn: EIDs (RFC 9171 §4.2.5.1, RFC 9758), and what each refusal says. */
class EidTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "dtn:none",
        "dtn://node/",
        "dtn://node/demux",
        "dtn://ground-station.example/ama/manager?x=1#y",
        "dtn://a%2Fb/x",
        "dtn://N~o_d.e!$&'()*+,;=/~",
        "ipn:0.0",
        "ipn:1.2",
        "ipn:977000.100.1",
        "ipn:18446744073709551615.18446744073709551615",
        "ipn:18446744073709551615.18446744073709551615.18446744073709551615"
      })
  void accepts_a_valid_eid_and_keeps_its_text(String text) {
    assertThat(Eid.of(text).toString()).isEqualTo(text);
    assertThat(Eid.of(text)).isEqualTo(Eid.of(text)).hasSameHashCodeAs(Eid.of(text));
  }

  @Test
  void keeps_the_scheme_in_lower_case_and_the_rest_as_written() {
    assertThat(Eid.of("DTN://Node/Demux").toString()).isEqualTo("dtn://Node/Demux");
    assertThat(Eid.of("IPN:1.2")).isEqualTo(Eid.of("ipn:1.2"));
    assertThat(Eid.of("Dtn:none")).isSameAs(Eid.NONE);
  }

  @Test
  void knows_the_null_endpoint_and_the_scheme() {
    assertThat(Eid.NONE.isNone()).isTrue();
    assertThat(Eid.of("dtn:none").isNone()).isTrue();
    assertThat(Eid.of("dtn://none/").isNone()).isFalse();
    assertThat(Eid.of("dtn://n/x").scheme()).isEqualTo("dtn");
    assertThat(Eid.of("ipn:1.2").scheme()).isEqualTo("ipn");
  }

  @Test
  void builds_an_ipn_eid_from_unsigned_numbers() {
    assertThat(Eid.ipn(1, 2)).isEqualTo(Eid.of("ipn:1.2"));
    assertThat(Eid.ipn(-1, 0).toString()).isEqualTo("ipn:18446744073709551615.0");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "\"\"                            | has no scheme",
        "none                          | has no scheme",
        "http://x/                     | only dtn: and ipn: are known",
        ":x                            | has scheme ''",
        "dtn:                          | must be dtn:none or dtn://node-name/demux",
        "dtn:NONE                      | must be dtn:none or dtn://node-name/demux",
        "dtn:/node/x                   | must be dtn:none or dtn://node-name/demux",
        "dtn://node                    | has no '/' after the node name",
        "dtn:///x                      | has an empty node name",
        "dtn://a b/x                   | has ' ' in its node name",
        "dtn://nö/x                    | has 'ö' in its node name",
        "dtn://a:1/x                   | has ':' in its node name",
        "dtn://a%2/x                   | '%' not followed by two hex digits",
        "dtn://a%zz/x                  | '%' not followed by two hex digits",
        "dtn://n/with space            | a space or non-ASCII character in its demux",
        "dtn://n/é                     | a space or non-ASCII character in its demux",
        "ipn:                          | must be ipn:node.service or ipn:allocator.node.service",
        "ipn:1                         | must be ipn:node.service or ipn:allocator.node.service",
        "ipn:1.2.3.4                   | must be ipn:node.service or ipn:allocator.node.service",
        "ipn:1..2                      | has '' where a decimal number belongs",
        "ipn:1.2.                      | has '' where a decimal number belongs",
        "ipn:+1.2                      | has '+1' where a decimal number belongs",
        "ipn:1.-2                      | has '-2' where a decimal number belongs",
        "ipn:1.2a                      | has '2a' where a decimal number belongs",
        "ipn:١.2                       | has '١' where a decimal number belongs",
        "ipn:01.2                      | has a leading zero in '01'",
        "ipn:18446744073709551616.1    | larger than 2^64-1",
        "ipn:1.000000000000000000001   | has a leading zero",
        "ipn:1.100000000000000000000   | larger than 2^64-1",
      })
  void refuses_an_invalid_eid_and_says_why(String text, String reason) {
    assertThatThrownBy(() -> Eid.of(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason)
        .hasMessageContaining("'" + text + "'");
  }

  @Test
  void refuses_an_eid_longer_than_the_maximum() {
    String text = "dtn://n/" + "x".repeat(Eid.MAX_LENGTH - 7);
    assertThat(text).hasSize(Eid.MAX_LENGTH + 1);
    assertThatThrownBy(() -> Eid.of(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("EID longer than 1024 characters");
    String longest = text.substring(0, Eid.MAX_LENGTH);
    assertThat(Eid.of(longest).toString()).isEqualTo(longest);
  }

  @Test
  void orders_by_text() {
    assertThat(Eid.of("dtn://a/").compareTo(Eid.of("dtn://b/"))).isNegative();
    assertThat(Eid.of("ipn:1.2").compareTo(Eid.of("ipn:1.2"))).isZero();
  }
}
