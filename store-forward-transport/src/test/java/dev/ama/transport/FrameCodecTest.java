package dev.ama.transport;

import static dev.ama.transport.BundleArbitraries.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.ama.transport.BundleDecodeException.Code;
import dev.ama.transport.internal.FrameCodec;
import dev.ama.transport.internal.FrameCodec.AckFrame;
import dev.ama.transport.internal.FrameCodec.BundleFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Bundle and acknowledgement frames: their bytes, how acks are split, and decoding failures. */
class FrameCodecTest {
  private static final FrameCodec CODEC = new FrameCodec(BundleLimits.DEFAULT);

  private static final Bundle SMALL =
      new Bundle(
          new BundleId(Eid.of("ipn:1.2"), 1000, 7),
          Eid.of("dtn://n/x"),
          Duration.ofMinutes(1),
          Priority.EXPEDITED,
          Bundle.FLAG_CUSTODY_REQUESTED,
          new byte[] {1, 2, 3});

  // BundleCodecTest derives these bytes item by item.
  private static final String SMALL_HEX =
      "89010182028201021903e807" + "8201652f2f6e2f78" + "19ea600243010203";

  private static BundleDecodeException failure(FrameCodec codec, byte[] bytes) {
    try {
      FrameCodec.Frame f = codec.decode(bytes);
      return fail("decoded " + f + " from " + hex(bytes));
    } catch (BundleDecodeException e) {
      return e;
    }
  }

  private static List<BundleId> decodeAll(FrameCodec codec, List<byte[]> frames)
      throws BundleDecodeException {
    List<BundleId> ids = new ArrayList<>();
    for (byte[] f : frames) {
      ids.addAll(((AckFrame) codec.decode(f)).ids());
    }
    return ids;
  }

  @Test
  void a_bundle_frame_is_type_1_and_the_bundle_encoding() throws Exception {
    byte[] frame = CODEC.encodeBundle(SMALL);
    assertThat(hex(frame)).isEqualTo("8201" + SMALL_HEX);
    assertThat(CODEC.decode(frame)).isEqualTo(new BundleFrame(SMALL));
  }

  @Test
  void an_ack_frame_is_type_2_and_a_list_of_bundle_ids() throws Exception {
    BundleId id = new BundleId(Eid.of("ipn:1.2"), 5, 0);
    // [2, [[[2, [1, 2]], 5, 0]]]
    String expected = "8202" + "81" + "83" + "8202820102" + "05" + "00";
    List<byte[]> frames = CODEC.encodeAcks(List.of(id));
    assertThat(frames).hasSize(1);
    assertThat(hex(frames.get(0))).isEqualTo(expected);
    assertThat(CODEC.decode(hex(expected))).isEqualTo(new AckFrame(List.of(id)));
  }

  @Test
  void no_ids_make_no_frames_and_an_empty_list_still_decodes() throws Exception {
    assertThat(CODEC.encodeAcks(List.of())).isEmpty();
    assertThat(CODEC.decode(hex("820280"))).isEqualTo(new AckFrame(List.of()));
  }

  @Test
  void splits_acks_at_the_id_count_limit_and_keeps_their_order() throws Exception {
    List<BundleId> ids =
        IntStream.range(0, 10_000).mapToObj(i -> new BundleId(Eid.ipn(7, 1), 1000 + i, i)).toList();
    List<byte[]> frames = CODEC.encodeAcks(ids);
    assertThat(frames).hasSize(3);
    assertThat(frames).allSatisfy(f -> assertThat(f.length).isLessThanOrEqualTo(64 * 1024));
    assertThat(((AckFrame) CODEC.decode(frames.get(0))).ids()).hasSize(4096);
    assertThat(((AckFrame) CODEC.decode(frames.get(2))).ids()).hasSize(10_000 - 2 * 4096);
    assertThat(decodeAll(CODEC, frames)).containsExactlyElementsOf(ids);
  }

  @Test
  void splits_acks_at_64_kib_and_fills_each_frame() throws Exception {
    // EIDs of 1024 characters: about 60 ids fill a frame, well below the count limit.
    String demux = "d".repeat(Eid.MAX_LENGTH - "dtn://n/".length());
    List<BundleId> ids =
        IntStream.range(0, 300)
            .mapToObj(i -> new BundleId(Eid.of("dtn://n/" + demux), i * 1_000_000_000L, i))
            .toList();
    List<byte[]> frames = CODEC.encodeAcks(ids);
    assertThat(frames).hasSizeGreaterThan(1);
    int next = 0;
    for (byte[] f : frames) {
      assertThat(f.length).isLessThanOrEqualTo(BundleLimits.ACK_FRAME_BYTES);
      next += ((AckFrame) CODEC.decode(f)).ids().size();
      if (next < ids.size()) {
        // The next id would not have fitted (its encoding is at least 1030 bytes).
        assertThat(f.length + 1030).isGreaterThan(BundleLimits.ACK_FRAME_BYTES);
      }
    }
    assertThat(decodeAll(CODEC, frames)).containsExactlyElementsOf(ids);
  }

  @Test
  void rejects_an_ack_with_more_ids_than_the_limit_before_reading_them() {
    FrameCodec two = new FrameCodec(new BundleLimits(1024, 64, 2));
    // [2, [id, id, id]]; the ids themselves are cut off, so only the count can be at fault.
    BundleDecodeException e = failure(two, hex("8202 83 83"));
    assertThat(e.code()).isEqualTo(Code.LIMIT_EXCEEDED);
    assertThat(e.offset()).isEqualTo(2);
    assertThat(e.getMessage()).contains("3 items, over the limit of 2");
    // A count no input could hold.
    e = failure(CODEC, hex("8202 9bffffffffffffffff"));
    assertThat(e.code()).as(e.getMessage()).isEqualTo(Code.LIMIT_EXCEEDED);
  }

  @Test
  void rejects_frames_that_are_not_frames() {
    assertThat(failure(CODEC, hex("8203" + SMALL_HEX)).code()).isEqualTo(Code.INVALID_VALUE);
    assertThat(failure(CODEC, hex("8203" + SMALL_HEX)).offset()).isEqualTo(1);
    assertThat(failure(CODEC, hex("8301" + SMALL_HEX + "00")).code())
        .isEqualTo(Code.UNEXPECTED_ITEM);
    assertThat(failure(CODEC, hex(SMALL_HEX)).code()).isEqualTo(Code.UNEXPECTED_ITEM);
    assertThat(failure(CODEC, hex("8202 81 01")).code()).isEqualTo(Code.UNEXPECTED_ITEM);
    assertThat(failure(CODEC, hex("8201" + SMALL_HEX + "00")).code()).isEqualTo(Code.TRAILING_DATA);
    assertThat(failure(CODEC, hex("8202 85 00")).code()).isEqualTo(Code.MALFORMED);
  }

  @Test
  void checks_the_embedded_bundle_with_offsets_from_the_frame_start() {
    // Priority 3 in the bundle at offset 23, so at 25 in its frame.
    String bad = SMALL_HEX.substring(0, 46) + "03" + SMALL_HEX.substring(48);
    BundleDecodeException e = failure(CODEC, hex("8201" + bad));
    assertThat(e.code()).isEqualTo(Code.INVALID_VALUE);
    assertThat(e.offset()).isEqualTo(25);
    e = failure(new FrameCodec(new BundleLimits(2, 64, 8)), CODEC.encodeBundle(SMALL));
    assertThat(e.code()).isEqualTo(Code.LIMIT_EXCEEDED);
    assertThat(e.offset()).isEqualTo(26);
  }

  @Test
  void rejects_a_frame_longer_than_the_limit() {
    BundleLimits limits = new BundleLimits(16, 8, 1);
    BundleDecodeException e = failure(new FrameCodec(limits), new byte[limits.maxFrameBytes() + 1]);
    assertThat(e.code()).isEqualTo(Code.LIMIT_EXCEEDED);
  }

  @Test
  void truncation_of_a_frame_at_every_offset_is_malformed() {
    List<byte[]> frames = new ArrayList<>(CODEC.encodeAcks(List.of(SMALL.id(), SMALL.id())));
    frames.add(CODEC.encodeBundle(SMALL));
    for (byte[] valid : frames) {
      for (int n = 0; n < valid.length; n++) {
        BundleDecodeException e = failure(CODEC, Arrays.copyOf(valid, n));
        assertThat(e.code()).as("cut at %d: %s", n, e.getMessage()).isEqualTo(Code.MALFORMED);
      }
    }
  }
}
