package dev.ama.transport;

import static dev.ama.transport.BundleArbitraries.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.ama.transport.internal.FrameCodec;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Round trips of random bundles, EIDs and ack lists, and the decoders' contract on mutated and
 * random bytes: a value, or a {@link BundleDecodeException} with an offset inside the input and a
 * one-line message; never another exception. Seeds are fixed so that a run is repeatable; remove
 * one to explore.
 */
class BundleCodecPropertiesTest {
  private static final BundleDecoder DECODER = new BundleDecoder(BundleLimits.DEFAULT);
  private static final FrameCodec FRAMES = new FrameCodec(BundleLimits.DEFAULT);

  @Provide
  Arbitrary<Bundle> bundles() {
    return BundleArbitraries.bundles();
  }

  @Provide
  Arbitrary<List<BundleId>> ackLists() {
    return BundleArbitraries.bundleIds().list().ofMaxSize(300);
  }

  @Provide
  Arbitrary<byte[]> mutatedBundles() {
    return BundleArbitraries.mutated(BundleArbitraries.bundles().map(BundleEncoder::encode));
  }

  @Provide
  Arbitrary<byte[]> mutatedFrames() {
    return BundleArbitraries.mutated(
        Arbitraries.oneOf(
            BundleArbitraries.bundles().map(FRAMES::encodeBundle),
            BundleArbitraries.bundleIds()
                .list()
                .ofMinSize(1)
                .ofMaxSize(8)
                .map(ids -> FRAMES.encodeAcks(ids).get(0))));
  }

  @Provide
  Arbitrary<byte[]> randomBytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
  }

  @Property(tries = 1000, seed = "9171")
  void a_bundle_decodes_to_itself(@ForAll("bundles") Bundle b) throws Exception {
    byte[] bytes = BundleEncoder.encode(b);
    assertThat(DECODER.decode(bytes)).isEqualTo(b);
    assertThat(FRAMES.decode(FRAMES.encodeBundle(b))).isEqualTo(new FrameCodec.BundleFrame(b));
  }

  @Property(tries = 1000, seed = "9758")
  void an_eid_survives_the_encoding_as_source_and_destination(@ForAll("bundles") Bundle b)
      throws Exception {
    Eid e = b.destination();
    Bundle swapped =
        new Bundle(
            new BundleId(e, b.id().creationMillis(), b.id().sequence()),
            e,
            b.lifetime(),
            b.priority(),
            b.flags(),
            new byte[0]);
    Bundle back = DECODER.decode(BundleEncoder.encode(swapped));
    assertThat(back.id().source()).isEqualTo(e);
    assertThat(back.destination()).isEqualTo(e);
  }

  @Property(tries = 300, seed = "64")
  void an_ack_list_decodes_to_its_ids_in_order(@ForAll("ackLists") List<BundleId> ids)
      throws Exception {
    List<byte[]> frames = FRAMES.encodeAcks(ids);
    List<BundleId> back =
        frames.stream()
            .map(
                f -> {
                  try {
                    return ((FrameCodec.AckFrame) FRAMES.decode(f)).ids();
                  } catch (BundleDecodeException e) {
                    return fail(e.getMessage(), e);
                  }
                })
            .flatMap(List::stream)
            .toList();
    assertThat(back).containsExactlyElementsOf(ids);
  }

  @Property(tries = 200, seed = "4096")
  void ack_frames_respect_both_limits_and_keep_every_id_in_order(
      @ForAll("ackLists") List<BundleId> ids, @ForAll @IntRange(min = 1, max = 40) int maxIds)
      throws Exception {
    FrameCodec codec = new FrameCodec(new BundleLimits(1024, Eid.MAX_LENGTH, maxIds));
    List<byte[]> frames = codec.encodeAcks(ids);
    // These ids are short, so the count decides the split: as few frames as it allows.
    assertThat(frames).hasSize((ids.size() + maxIds - 1) / maxIds);
    List<BundleId> back = new ArrayList<>();
    for (byte[] f : frames) {
      assertThat(f.length).isLessThanOrEqualTo(BundleLimits.ACK_FRAME_BYTES);
      List<BundleId> got = ((FrameCodec.AckFrame) codec.decode(f)).ids();
      assertThat(got).hasSizeBetween(1, maxIds);
      back.addAll(got);
    }
    assertThat(back).containsExactlyElementsOf(ids);
  }

  @Property(tries = 4000, seed = "20240611")
  void a_mutated_bundle_decodes_to_a_bundle_or_a_decode_exception(
      @ForAll("mutatedBundles") byte[] in) {
    checkContract(in, () -> DECODER.decode(in));
  }

  @Property(tries = 3000, seed = "8949")
  void a_mutated_frame_decodes_to_a_frame_or_a_decode_exception(
      @ForAll("mutatedFrames") byte[] in) {
    checkContract(in, () -> FRAMES.decode(in));
  }

  @Property(tries = 2000, seed = "7")
  void random_bytes_decode_to_a_value_or_a_decode_exception(@ForAll("randomBytes") byte[] in) {
    checkContract(in, () -> DECODER.decode(in));
    checkContract(in, () -> FRAMES.decode(in));
  }

  private interface Decode {
    Object run() throws BundleDecodeException;
  }

  /** The decoders' contract for one input. */
  private static void checkContract(byte[] in, Decode decode) {
    Object value;
    try {
      value = decode.run();
    } catch (BundleDecodeException e) {
      assertThat(e.offset()).as(hex(in)).isBetween(0L, (long) in.length);
      assertThat(e.getMessage())
          .as(hex(in))
          .doesNotContain("\n")
          // The decoder's safety net for exceptions it did not foresee: a bug if it shows.
          .doesNotContain("decoder failure");
      return;
    } catch (RuntimeException e) {
      throw new AssertionError("input " + hex(in) + " threw " + e, e);
    }
    // Whatever decodes also decodes again, identically, from its own encoding.
    try {
      if (value instanceof Bundle b) {
        assertThat(DECODER.decode(BundleEncoder.encode(b))).isEqualTo(b);
      } else if (value instanceof FrameCodec.BundleFrame f) {
        assertThat(FRAMES.decode(FRAMES.encodeBundle(f.bundle()))).isEqualTo(f);
      } else if (value instanceof FrameCodec.AckFrame a && !a.ids().isEmpty()) {
        assertThat(FRAMES.decode(FRAMES.encodeAcks(a.ids()).get(0))).isEqualTo(a);
      }
    } catch (BundleDecodeException e) {
      throw new AssertionError("re-encoding of " + hex(in) + " does not decode: " + e, e);
    }
  }
}
