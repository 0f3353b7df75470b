package dev.ama.model.ari.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriDecodeException;
import dev.ama.model.ari.AriDecodeException.Code;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.TestData;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each {@link CborLimits} limit, and each kind of item ARI refuses, on inputs built to hit it: the
 * decoder must refuse them with the right code and a message naming the limit, fast (a 5 s guard
 * catches a hang; none of these takes more than milliseconds), and without recursing or allocating
 * in proportion to what the input declares.
 */
class CborLimitsTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(5);
  private static final HexFormat HEX = HexFormat.of();

  private static byte[] hex(String s) {
    return HEX.parseHex(s.replace(" ", ""));
  }

  private static byte[] repeat(String unit, int times) {
    return hex(unit.repeat(times));
  }

  /** Decodes all of {@code in} within the hang guard; returns the error, its contract checked. */
  private static AriDecodeException refused(AriCborDecoder decoder, byte[] in) {
    return refused(decoder, in, 0, in.length);
  }

  private static AriDecodeException refused(AriCborDecoder decoder, byte[] in, int off, int len) {
    CborContract.Outcome out =
        assertTimeoutPreemptively(
            HANG_GUARD, () -> CborContract.check(decoder, in, off, len), "decode time");
    assertThat(out.error()).as("error for %s", CborContract.describe(in, off, len)).isNotNull();
    return out.error();
  }

  private static AriDecodeException refused(byte[] in) {
    return refused(CborContract.DECODER, in);
  }

  private static void assertError(AriDecodeException e, Code code, long offset, String detail) {
    assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
    assertThat(e.offset()).as(e.getMessage()).isEqualTo(offset);
    assertThat(e.detail()).isEqualTo(detail);
  }

  // ---- total size ----

  @Test
  void input_over_max_bytes_is_refused_before_it_is_parsed() {
    AriCborDecoder decoder = new AriCborDecoder(CborLimits.builder().maxBytes(100).build());
    byte[] in = new byte[101];
    in[0] = (byte) 0x82; // the rest is never read
    assertError(
        refused(decoder, in),
        Code.LIMIT_EXCEEDED,
        0,
        "input of 101 bytes is over the limit of 100");
  }

  @Test
  void input_of_the_default_4_mib_and_one_byte_is_refused_before_it_is_parsed() {
    byte[] in = new byte[4 * 1024 * 1024 + 1];
    assertError(
        refused(in), Code.LIMIT_EXCEEDED, 0, "input of 4194305 bytes is over the limit of 4194304");
  }

  @Test
  void input_of_exactly_max_bytes_is_read() throws AriDecodeException {
    AriCborDecoder decoder = new AriCborDecoder(CborLimits.builder().maxBytes(3).build());
    assertThat(decoder.decode(hex("820429"))).isEqualTo(IntLiteral.of(AriType.INT, -10));
  }

  // ---- nesting depth ----

  @Test
  void a_hundred_thousand_nested_one_item_arrays_fail_at_the_first_without_recursing() {
    assertError(
        refused(repeat("81", 100_000)),
        Code.UNEXPECTED_ITEM,
        0,
        "an ARI array holds 2 items (a typed literal) or 4 to 6 (a reference), not 1");
  }

  @Test
  void a_hundred_thousand_nested_ac_literals_stop_at_the_depth_limit() {
    // 82 11 82 11 …: an AC whose value array holds the untyped integer 17 and the next AC. Every
    // 82 opens one level, so level 33 starts at byte 64.
    assertError(
        refused(repeat("8211", 100_000)), Code.LIMIT_EXCEEDED, 64, "nesting deeper than 32 levels");
  }

  @Test
  void the_highest_configurable_depth_limit_does_not_overflow_the_stack() {
    AriCborDecoder decoder = new AriCborDecoder(CborLimits.builder().maxDepth(1000).build());
    assertError(
        refused(decoder, repeat("8211", 100_000)),
        Code.LIMIT_EXCEEDED,
        2000,
        "nesting deeper than 1000 levels");
  }

  @Test
  void nested_maps_stop_at_the_depth_limit() {
    // 82 12 A1 01 …: an AM whose one entry maps 1 to the next AM; the map opens the second level.
    assertError(
        refused(repeat("8212A101", 10_000)),
        Code.LIMIT_EXCEEDED,
        64,
        "nesting deeper than 32 levels");
  }

  @Test
  void nesting_exactly_at_the_depth_limit_is_read_and_one_level_more_is_refused()
      throws AriDecodeException {
    // 82 11 81 …: an AC (one level) whose value array (a second level) holds the next AC.
    Ari expected = IntLiteral.of(1);
    for (int i = 0; i < 16; i++) {
      expected = AcLiteral.of(expected);
    }
    assertThat(CborContract.DECODER.decode(hex("821181".repeat(16) + "01"))).isEqualTo(expected);
    assertError(
        refused(hex("821181".repeat(17) + "01")),
        Code.LIMIT_EXCEEDED,
        48,
        "nesting deeper than 32 levels");
  }

  // ---- items per container ----

  @Test
  void an_array_of_one_item_over_the_container_limit_is_refused() {
    assertError(
        refused(hex("9A 00010001")),
        Code.LIMIT_EXCEEDED,
        0,
        "array of 65537 items is over the limit of 65536");
  }

  @Test
  void an_ac_over_a_configured_container_limit_is_refused() {
    AriCborDecoder decoder = new AriCborDecoder(CborLimits.builder().maxContainerItems(3).build());
    assertError(
        refused(decoder, hex("8211 84 01020304")),
        Code.LIMIT_EXCEEDED,
        2,
        "AC of 4 items is over the limit of 3");
  }

  @Test
  void a_map_over_the_container_limit_is_refused() {
    assertError(
        refused(hex("8212 BA 00010001")),
        Code.LIMIT_EXCEEDED,
        2,
        "map of 65537 items is over the limit of 65536");
  }

  @Test
  void a_4_byte_array_head_of_2_to_the_31_items_or_more_is_over_the_limit() {
    // From 2^31 on, Jackson reports the length as -1, as it does an indefinite length; the decoder
    // reads it from the head.
    assertError(
        refused(hex("9A 7FFFFFFF")),
        Code.LIMIT_EXCEEDED,
        0,
        "array of 2147483647 items is over the limit of 65536");
    assertError(
        refused(hex("9A 80000000")),
        Code.LIMIT_EXCEEDED,
        0,
        "array of 2147483648 items is over the limit of 65536");
    assertError(
        refused(hex("9A FFFFFFFF")),
        Code.LIMIT_EXCEEDED,
        0,
        "array of 4294967295 items is over the limit of 65536");
  }

  @Test
  void an_array_declaring_2_to_the_32_or_2_to_the_64_minus_1_items_fails_fast() {
    // Jackson refuses a length beyond 32 bits as it reads the head.
    AriDecodeException e = refused(hex("9B 0000000100000000"));
    assertThat(e.code()).isEqualTo(Code.MALFORMED_CBOR);
    assertThat(e.detail()).contains("Illegal length").contains("4294967296");
    e = refused(hex("9B FFFFFFFFFFFFFFFF"));
    assertThat(e.code()).isEqualTo(Code.MALFORMED_CBOR);
    assertThat(e.detail()).contains("Illegal length");
  }

  @Test
  void an_array_declaring_more_items_than_the_input_has_bytes_fails_fast() {
    assertError(
        refused(hex("8211 99 FFFF 01")),
        Code.MALFORMED_CBOR,
        2,
        "AC declares 65535 items but the input ends first");
  }

  // ---- total items ----

  @Test
  void more_items_than_the_total_limit_are_refused_at_the_first_one_over() {
    AriCborDecoder decoder = new AriCborDecoder(CborLimits.builder().maxTotalItems(10).build());
    // 82 11 94 followed by 20 integers: items 1 to 3 are the heads, the 11th is the 8th integer.
    byte[] in = hex("8211 94" + "01".repeat(20));
    assertError(refused(decoder, in), Code.LIMIT_EXCEEDED, 10, "more than 10 data items");
  }

  @Test
  void a_sequence_counts_its_items_together() {
    AriCborDecoder decoder = new AriCborDecoder(CborLimits.builder().maxTotalItems(10).build());
    byte[] in = hex("01".repeat(11));
    AriDecodeException e =
        assertTimeoutPreemptively(
            HANG_GUARD,
            () -> {
              try {
                decoder.decodeSequence(in, 0, in.length);
                return null;
              } catch (AriDecodeException x) {
                return x;
              }
            });
    assertThat(e).isNotNull();
    assertError(e, Code.LIMIT_EXCEEDED, 10, "more than 10 data items");
  }

  // ---- string length ----

  @Test
  void a_text_head_declaring_2_to_the_32_or_2_to_the_64_minus_1_bytes_is_refused_from_its_head() {
    assertError(
        refused(hex("7B 0000000100000000 616263")),
        Code.LIMIT_EXCEEDED,
        0,
        "text string of 4294967296 bytes is over the limit of 1048576");
    assertError(
        refused(hex("7B FFFFFFFFFFFFFFFF 616263")),
        Code.LIMIT_EXCEEDED,
        0,
        "text string of 18446744073709551615 bytes is over the limit of 1048576");
  }

  @Test
  void a_text_head_declaring_more_than_the_limit_is_refused_before_its_content_is_read() {
    assertError(
        refused(hex("7A FFFFFFFF 616263")),
        Code.LIMIT_EXCEEDED,
        0,
        "text string of 4294967295 bytes is over the limit of 1048576");
    assertError(
        refused(hex("5A 7FFFFFFF 010203")),
        Code.LIMIT_EXCEEDED,
        0,
        "byte string of 2147483647 bytes is over the limit of 1048576");
  }

  @Test
  void a_real_string_over_a_configured_limit_is_refused() {
    AriCborDecoder decoder = new AriCborDecoder(CborLimits.builder().maxStringBytes(16).build());
    assertError(
        refused(decoder, hex("71" + "61".repeat(17))),
        Code.LIMIT_EXCEEDED,
        0,
        "text string of 17 bytes is over the limit of 16");
    assertError(
        refused(decoder, hex("820B 51" + "00".repeat(17))),
        Code.LIMIT_EXCEEDED,
        2,
        "byte string of 17 bytes is over the limit of 16");
  }

  @Test
  void the_string_limit_counts_utf8_bytes_not_characters() {
    // Six characters of three bytes each: 18 bytes.
    AriCborDecoder decoder = new AriCborDecoder(CborLimits.builder().maxStringBytes(16).build());
    assertError(
        refused(decoder, hex("72" + "E188B4".repeat(6))),
        Code.LIMIT_EXCEEDED,
        0,
        "text string of 18 bytes is over the limit of 16");
  }

  @Test
  void a_text_string_over_the_default_limit_is_refused() {
    byte[] in = new byte[5 + (1 << 20) + 1];
    in[0] = 0x7A;
    in[2] = 0x10;
    in[4] = 0x01; // 7A 00100001: 1 MiB + 1 bytes of NUL characters
    assertError(
        refused(in),
        Code.LIMIT_EXCEEDED,
        0,
        "text string of 1048577 bytes is over the limit of 1048576");
  }

  // ---- indefinite lengths ----

  @Test
  void indefinite_length_items_are_refused() {
    assertError(
        refused(hex("9F 01 FF")),
        Code.UNEXPECTED_ITEM,
        0,
        "indefinite-length array (ARI uses definite lengths)");
    assertError(
        refused(hex("8212 BF FF")),
        Code.UNEXPECTED_ITEM,
        2,
        "indefinite-length map (ARI uses definite lengths)");
    assertError(
        refused(hex("7F 6161 FF")),
        Code.UNEXPECTED_ITEM,
        0,
        "indefinite-length text string (ARI uses definite lengths)");
    assertError(
        refused(hex("5F 4161 FF")),
        Code.UNEXPECTED_ITEM,
        0,
        "indefinite-length byte string (ARI uses definite lengths)");
  }

  // ---- a sub-range of a larger array ----

  @Test
  void a_sub_range_decodes_like_a_copy_and_reports_offsets_from_its_start() throws Exception {
    byte[] junk = hex("FF FF 9F 7B");
    for (TestData.Vector v : TestData.vectors()) {
      byte[] bytes = v.bytes();
      byte[] buffer = ByteMutations.concat(junk, bytes, junk);
      assertThat(CborContract.DECODER.decode(buffer, junk.length, bytes.length))
          .as(v.toString())
          .isEqualTo(CborContract.DECODER.decode(bytes));
    }
    // 82 04 F5, an INT holding true: refused at its byte 2, wherever it sits.
    byte[] buffer = hex("00 00 00 00 00 00 00 8204F5 00");
    assertError(
        refused(CborContract.DECODER, buffer, 7, 3),
        Code.UNEXPECTED_ITEM,
        2,
        "INT value must be an integer");
    // Two ARIs where one is asked for: the second is trailing data at its byte 1.
    assertError(
        refused(CborContract.DECODER, buffer, 6, 4),
        Code.TRAILING_DATA,
        1,
        "3 bytes after the end of the ARI");
    // The size limit applies to the range, not to the whole array.
    AriCborDecoder small = new AriCborDecoder(CborLimits.builder().maxBytes(3).build());
    assertThat(small.decode(hex("00 00 00 820429 00 00"), 3, 3))
        .isEqualTo(IntLiteral.of(AriType.INT, -10));
  }

  // ---- tags and simple values ----

  @Test
  void a_reference_refuses_every_tag_but_1004_on_its_revision() {
    // 85 01 02 <revision> 22 01: //1/2@rev/CTRL/1
    assertError(
        refused(hex("85 01 02 C1 6A 323032342D30312D3031 22 01")),
        Code.UNEXPECTED_ITEM,
        3,
        "a revision is a text date with tag 1004, not tag 1");
    assertError(
        refused(hex("85 01 02 D903ED 6A 323032342D30312D3031 22 01")),
        Code.UNEXPECTED_ITEM,
        3,
        "a revision is a text date with tag 1004, not tag 1005");
    assertError(
        refused(hex("84 C1 01 02 22 01")),
        Code.UNEXPECTED_ITEM,
        1,
        "unexpected CBOR tag 1 in organisation");
    assertError(
        refused(hex("84 01 02 22 C1 01")),
        Code.UNEXPECTED_ITEM,
        4,
        "unexpected CBOR tag 1 in object");
    assertError(
        refused(hex("C1 84 01 02 22 01")),
        Code.UNEXPECTED_ITEM,
        0,
        "unexpected CBOR tag 1 on array");
    assertError(
        refused(hex("85 01 02 22 01 C1 80")),
        Code.UNEXPECTED_ITEM,
        5,
        "unexpected CBOR tag 1 on parameter list");
    assertError(
        refused(hex("84 01 02 F6 C1 F6")),
        Code.UNEXPECTED_ITEM,
        4,
        "a namespace reference has a null type and a null object");
  }

  @Test
  void bignum_tags_are_refused_as_unexpected_tags() {
    assertError(refused(hex("C2 4101")), Code.UNEXPECTED_ITEM, 0, "unexpected CBOR tag 2");
    assertError(refused(hex("C3 4101")), Code.UNEXPECTED_ITEM, 0, "unexpected CBOR tag 3");
    assertError(refused(hex("8204 C2 4101")), Code.UNEXPECTED_ITEM, 2, "unexpected CBOR tag 2");
    assertError(
        refused(hex("84 01 02 22 C3 4101")),
        Code.UNEXPECTED_ITEM,
        4,
        "unexpected CBOR tag 3 in object");
  }

  @Test
  void a_decimal_fraction_tag_on_a_time_is_refused() {
    assertError(refused(hex("820C C4 82 2001")), Code.UNEXPECTED_ITEM, 2, "unexpected CBOR tag 4");
  }

  @Test
  void simple_values_other_than_false_true_null_and_undefined_are_refused() {
    assertError(refused(hex("F0")), Code.UNEXPECTED_ITEM, 0, "unsupported CBOR simple value 16");
    assertError(refused(hex("F8 20")), Code.UNEXPECTED_ITEM, 0, "unsupported CBOR simple value 32");
    // RFC 8949 §3.3: a two-byte simple value below 32 is not well-formed.
    AriDecodeException e = refused(hex("F8 18"));
    assertThat(e.code()).isEqualTo(Code.MALFORMED_CBOR);
    assertThat(e.detail()).contains("simple value");
  }

  @Test
  void a_tag_with_no_item_is_malformed() {
    assertError(
        refused(hex("C1")), Code.MALFORMED_CBOR, 0, "input ends after a CBOR tag, before its item");
    assertError(
        refused(hex("01 D9 03EC")),
        Code.MALFORMED_CBOR,
        1,
        "input ends after a CBOR tag, before its item");
  }

  @Test
  void text_that_jackson_decodes_to_a_lone_surrogate_is_refused() {
    for (String in : List.of("63 EDA080", "64 F4908080", "8211 81 63 EDB080")) {
      AriDecodeException e = refused(hex(in));
      assertThat(e.code()).as(in).isEqualTo(Code.INVALID_VALUE);
      assertThat(e.detail()).as(in).startsWith("text string is not valid UTF-8");
    }
  }
}
