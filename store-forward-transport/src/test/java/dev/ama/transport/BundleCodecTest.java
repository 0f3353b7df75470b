package dev.ama.transport;

import static dev.ama.transport.BundleArbitraries.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.ama.transport.BundleDecodeException.Code;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The bundle encoding byte for byte, and one test input for every way decoding can fail. */
class BundleCodecTest {
  private static final BundleDecoder DECODER = new BundleDecoder(BundleLimits.DEFAULT);

  /**
   * The hand-derived encoding of {@link #SMALL}, item by item (offset in brackets): array of 9 [0],
   * version 1 [1], flags 1 [2], ipn:1.2 as [2, [1, 2]] [3], 1000 as a 2-byte uint [8], sequence 7
   * [11], dtn://n/x as [1, "//n/x"] [12], 60000 as a 2-byte uint [20], expedited [23], h'010203'
   * [24]; 28 bytes.
   */
  private static final String[] PARTS = {
    "89", "01", "01", "8202820102", "1903e8", "07", "8201652f2f6e2f78", "19ea60", "02", "43010203"
  };

  private static final int FLAGS = 2;
  private static final int SOURCE = 3;
  private static final int CREATED = 4;
  private static final int DESTINATION = 6;
  private static final int LIFETIME = 7;
  private static final int PRIORITY = 8;
  private static final int PAYLOAD = 9;

  private static final Bundle SMALL =
      new Bundle(
          new BundleId(Eid.of("ipn:1.2"), 1000, 7),
          Eid.of("dtn://n/x"),
          Duration.ofMinutes(1),
          Priority.EXPEDITED,
          Bundle.FLAG_CUSTODY_REQUESTED,
          new byte[] {1, 2, 3});

  /** The hand-derived vector with part {@code index} replaced by {@code replacement}. */
  private static String with(int index, String replacement) {
    String[] parts = PARTS.clone();
    parts[index] = replacement;
    return String.join("", parts);
  }

  private static String vector() {
    return String.join("", PARTS);
  }

  static BundleDecodeException failure(BundleDecoder decoder, byte[] bytes) {
    try {
      Bundle b = decoder.decode(bytes);
      return fail("decoded " + b + " from " + hex(bytes));
    } catch (BundleDecodeException e) {
      return e;
    }
  }

  @Test
  void encodes_a_small_bundle_to_the_hand_derived_bytes() {
    assertThat(hex(BundleEncoder.encode(SMALL))).isEqualTo(vector());
  }

  @Test
  void decodes_the_hand_derived_bytes_to_the_bundle() throws Exception {
    assertThat(DECODER.decode(hex(vector()))).isEqualTo(SMALL);
  }

  @Test
  void encodes_dtn_none_and_a_three_part_ipn_with_u64_max_numbers_as_bpv7_does() throws Exception {
    Bundle b =
        new Bundle(
            new BundleId(Eid.NONE, 0, 0),
            Eid.of("ipn:18446744073709551615.0.1"),
            Duration.ofMillis(1),
            Priority.BULK,
            0,
            new byte[0]);
    // [1, 0, [1, 0], 0, 0, [2, [2^64-1, 0, 1]], 1, 0, h'']
    String expected = "89 01 00 820100 00 00 8202831bffffffffffffffff0001 01 00 40";
    assertThat(hex(BundleEncoder.encode(b))).isEqualTo(expected.replace(" ", ""));
    assertThat(DECODER.decode(hex(expected))).isEqualTo(b);
  }

  @Test
  void a_200_byte_payload_between_ipn_1_1_and_ipn_2_1_takes_231_bytes() {
    Bundle b =
        new Bundle(
            new BundleId(Eid.ipn(1, 1), 1_700_000_000_000L, 0),
            Eid.ipn(2, 1),
            Duration.ofHours(1),
            Priority.NORMAL,
            Bundle.FLAG_CUSTODY_REQUESTED,
            new byte[200]);
    // 1 array head + 1 version + 1 flags + 5 source + 9 creation (over 2^32 ms) + 1 sequence
    // + 5 destination + 5 lifetime (3,600,000) + 1 priority + 2 payload head + 200 payload.
    assertThat(BundleEncoder.encode(b)).hasSize(231);
  }

  @Test
  void equal_bundles_encode_to_equal_bytes() {
    Bundle copy =
        new Bundle(
            SMALL.id(),
            SMALL.destination(),
            SMALL.lifetime(),
            SMALL.priority(),
            SMALL.flags(),
            SMALL.payload());
    assertThat(BundleEncoder.encode(copy)).isEqualTo(BundleEncoder.encode(SMALL));
  }

  @Test
  void decodes_a_sub_range_with_offsets_counted_from_its_start() throws Exception {
    byte[] valid = hex(vector());
    byte[] padded = new byte[valid.length + 10];
    System.arraycopy(valid, 0, padded, 5, valid.length);
    assertThat(DECODER.decode(padded, 5, valid.length)).isEqualTo(SMALL);

    byte[] bad = hex(with(PRIORITY, "03"));
    System.arraycopy(bad, 0, padded, 5, bad.length);
    try {
      DECODER.decode(padded, 5, bad.length);
      fail("decoded priority 3");
    } catch (BundleDecodeException e) {
      assertThat(e.code()).isEqualTo(Code.INVALID_VALUE);
      assertThat(e.offset()).isEqualTo(23);
    }
  }

  static Stream<Arguments> invalid_inputs() {
    return Stream.of(
        // MALFORMED: not CBOR, or cut short.
        Arguments.of("empty input", "", Code.MALFORMED, 0),
        Arguments.of("a reserved head", "1c", Code.MALFORMED, -1),
        Arguments.of("a lone break", "ff", Code.MALFORMED, -1),
        Arguments.of(
            "payload longer than the input", with(PAYLOAD, "44010203"), Code.MALFORMED, 24),
        Arguments.of("array cut short", "8901", Code.MALFORMED, -1),
        Arguments.of(
            "text that is not UTF-8", with(DESTINATION, "8201652f2f6ec32f"), Code.MALFORMED, -1),
        // UNEXPECTED_ITEM: CBOR of the wrong shape.
        Arguments.of("not an array", "01", Code.UNEXPECTED_ITEM, 0),
        Arguments.of("8 items", "88" + vector().substring(2), Code.UNEXPECTED_ITEM, 0),
        Arguments.of("10 items", "8a" + vector().substring(2), Code.UNEXPECTED_ITEM, 0),
        Arguments.of(
            "indefinite-length array",
            "9f" + vector().substring(2) + "ff",
            Code.UNEXPECTED_ITEM,
            0),
        Arguments.of("a tag on the flags", with(FLAGS, "c001"), Code.UNEXPECTED_ITEM, 2),
        Arguments.of("text flags", with(FLAGS, "6131"), Code.UNEXPECTED_ITEM, 2),
        Arguments.of("a float lifetime", with(LIFETIME, "f93c00"), Code.UNEXPECTED_ITEM, 20),
        Arguments.of("a text payload", with(PAYLOAD, "63010203"), Code.UNEXPECTED_ITEM, 24),
        Arguments.of(
            "an indefinite-length payload",
            with(PAYLOAD, "5f43010203ff"),
            Code.UNEXPECTED_ITEM,
            24),
        Arguments.of("an EID that is a number", with(SOURCE, "01"), Code.UNEXPECTED_ITEM, 3),
        Arguments.of("an EID of 3 items", with(SOURCE, "8302820102"), Code.UNEXPECTED_ITEM, 3),
        Arguments.of("a dtn SSP that is an array", with(SOURCE, "820180"), Code.UNEXPECTED_ITEM, 5),
        Arguments.of(
            "an ipn SSP of 4 numbers", with(SOURCE, "82028401020304"), Code.UNEXPECTED_ITEM, 5),
        Arguments.of(
            "an ipn SSP that is a number", with(SOURCE, "820201"), Code.UNEXPECTED_ITEM, 5),
        // INVALID_VALUE: the right shape, a value out of range.
        Arguments.of("version 2", with(1, "02"), Code.INVALID_VALUE, 1),
        Arguments.of("priority 3", with(PRIORITY, "03"), Code.INVALID_VALUE, 23),
        Arguments.of("lifetime 0", with(LIFETIME, "00"), Code.INVALID_VALUE, 20),
        Arguments.of("a negative lifetime", with(LIFETIME, "20"), Code.INVALID_VALUE, 20),
        Arguments.of("a negative creation time", with(CREATED, "20"), Code.INVALID_VALUE, 8),
        Arguments.of(
            "a creation time of 2^63", with(CREATED, "1b8000000000000000"), Code.INVALID_VALUE, 8),
        Arguments.of("flags of 2^31", with(FLAGS, "1a80000000"), Code.INVALID_VALUE, 2),
        Arguments.of("destination dtn:none", with(DESTINATION, "820100"), Code.INVALID_VALUE, 12),
        Arguments.of(
            "dtn:none as text", with(DESTINATION, "8201646e6f6e65"), Code.INVALID_VALUE, 14),
        Arguments.of("a dtn SSP of 5", with(DESTINATION, "820105"), Code.INVALID_VALUE, 14),
        Arguments.of(
            "a dtn SSP without //", with(DESTINATION, "820161" + "7a"), Code.INVALID_VALUE, 14),
        Arguments.of("EID scheme 3", with(DESTINATION, "82030102"), Code.INVALID_VALUE, 13),
        // TRAILING_DATA: a whole bundle and more.
        Arguments.of("a byte after the bundle", vector() + "00", Code.TRAILING_DATA, 28),
        Arguments.of("a break after the bundle", vector() + "ff", Code.TRAILING_DATA, 28));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void invalid_inputs(String what, String hex, Code code, long offset) {
    BundleDecodeException e = failure(DECODER, hex(hex));
    assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
    if (offset >= 0) {
      assertThat(e.offset()).as(e.getMessage()).isEqualTo(offset);
    }
    assertThat(e.getMessage()).doesNotContain("\n").startsWith("at byte " + e.offset() + ": ");
  }

  @Test
  void rejects_payload_longer_than_the_limit_before_reading_it() {
    // Declares 2^64-1 bytes and carries none: the limit, not the missing bytes, is reported.
    BundleDecodeException e = failure(DECODER, hex(with(PAYLOAD, "5bffffffffffffffff")));
    assertThat(e.code()).isEqualTo(Code.LIMIT_EXCEEDED);
    assertThat(e.offset()).isEqualTo(24);
    assertThat(e.getMessage()).contains("18446744073709551615 bytes", "limit of 1048576");

    BundleDecoder small = new BundleDecoder(new BundleLimits(2, 64, 8));
    e = failure(small, hex(vector()));
    assertThat(e.code()).isEqualTo(Code.LIMIT_EXCEEDED);
    assertThat(e.offset()).isEqualTo(24);
  }

  @Test
  void accepts_a_payload_of_exactly_the_limit() throws Exception {
    assertThat(new BundleDecoder(new BundleLimits(3, 64, 8)).decode(hex(vector())))
        .isEqualTo(SMALL);
  }

  @Test
  void rejects_an_eid_longer_than_the_limit_before_reading_it() {
    BundleDecoder eight = new BundleDecoder(new BundleLimits(100, 8, 8));
    // dtn://n/x is 9 characters: its text "//n/x" declares 5 bytes, one over 8 - "dtn:".
    BundleDecodeException e = failure(eight, hex(vector()));
    assertThat(e.code()).isEqualTo(Code.LIMIT_EXCEEDED);
    assertThat(e.offset()).isEqualTo(14);
    // A text of 2^32-1 bytes, none present.
    e = failure(DECODER, hex(with(DESTINATION, "82017affffffff")));
    assertThat(e.code()).isEqualTo(Code.LIMIT_EXCEEDED);
    // ipn:100.2 is 9 characters too; it has no text, and is refused as a whole.
    e = failure(eight, hex(with(SOURCE, "820282186402")));
    assertThat(e.code()).isEqualTo(Code.LIMIT_EXCEEDED);
    assertThat(e.offset()).isEqualTo(3);
  }

  @Test
  void rejects_input_longer_than_the_largest_frame_before_parsing_it() {
    BundleLimits limits = new BundleLimits(16, 8, 1);
    byte[] big = new byte[limits.maxFrameBytes() + 1];
    BundleDecodeException e = failure(new BundleDecoder(limits), big);
    assertThat(e.code()).isEqualTo(Code.LIMIT_EXCEEDED);
    assertThat(e.offset()).isZero();
  }

  @Test
  void truncation_at_every_offset_is_malformed() {
    for (Bundle b : List.of(SMALL, sample())) {
      byte[] valid = BundleEncoder.encode(b);
      for (int n = 0; n < valid.length; n++) {
        BundleDecodeException e = failure(DECODER, Arrays.copyOf(valid, n));
        assertThat(e.code()).as("cut at %d: %s", n, e.getMessage()).isEqualTo(Code.MALFORMED);
        assertThat(e.offset()).isBetween(0L, (long) n);
      }
    }
  }

  @Test
  void accepts_non_minimal_heads_which_are_still_cbor() throws Exception {
    // The sequence 7 as a one-byte argument: well-formed, not the shortest; same bundle.
    assertThat(DECODER.decode(hex(with(5, "1807")))).isEqualTo(SMALL);
  }

  private static Bundle sample() {
    return new Bundle(
        new BundleId(Eid.of("ipn:977000.100.18446744073709551615"), 1_700_000_000_123L, 300),
        Eid.of("dtn://ground-station.example/ama/manager"),
        Duration.ofDays(3),
        Priority.NORMAL,
        5,
        new byte[300]);
  }
}
