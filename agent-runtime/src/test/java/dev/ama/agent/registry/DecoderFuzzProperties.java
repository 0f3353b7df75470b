package dev.ama.agent.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Whatever a peer sends, the decoder answers with a value or a {@link RegistryDecodeException},
 * never another exception. Replay a failure with the seed jqwik prints.
 */
class DecoderFuzzProperties {
  private final RegistryEncoder encoder = new RegistryEncoder();
  private final RegistryDecoder decoder = new RegistryDecoder();

  @Property(tries = 150, seed = "8080")
  void random_bytes_give_a_typed_error_or_a_value(@ForAll @Size(max = 300) byte[] bytes) {
    assertOnlyTypedErrors(bytes);
  }

  @Property(tries = 150, seed = "9090")
  void mutated_encodings_give_a_typed_error_or_a_value(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int flips) {
    Random rnd = new Random(seed);
    RegistryRecord r =
        Fixtures.record("agent-" + rnd.nextInt(100), Fixtures.A, 1 + rnd.nextInt(50));
    byte[][] valid = {
      encoder.toBytes(r),
      encoder.toBytes(
          new RegistryDelta(
              Fixtures.A,
              List.of(new RegistryDelta.Segment(Fixtures.A, 0, r.version().counter(), List.of(r))),
              List.of(Fixtures.B))),
      encoder.toBytes(
          new RegistryDigests(
              Fixtures.A,
              List.of(new RegistryDigests.OwnerDigests(Fixtures.B, List.of(1L, 2L, 3L, 4L))))),
      encoder.toBytes(
          new BucketRequest(
              Fixtures.A, List.of(new BucketRequest.OwnerBuckets(Fixtures.B, 4, List.of(0, 3))))),
      encoder.toBytes(
          new RegistrySummary(
              Fixtures.A,
              List.of(new RegistrySummary.OwnerSummary(Fixtures.B, 40, 52, rnd.nextLong())))),
      encoder.toBytes(
          new DigestRequest(Fixtures.A, List.of(new DigestRequest.OwnerAsk(Fixtures.B, 64))))
    };
    for (byte[] v : valid) {
      byte[] m = v.clone();
      for (int i = 0; i < flips; i++) {
        m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
      }
      assertOnlyTypedErrors(m);
    }
  }

  private void assertOnlyTypedErrors(byte[] bytes) {
    for (int kind = 0; kind < 7; kind++) {
      try {
        switch (kind) {
          case 0 -> decoder.record(bytes);
          case 1 -> decoder.delta(bytes);
          case 2 -> decoder.ack(bytes);
          case 3 -> decoder.digests(bytes);
          case 4 -> decoder.summary(bytes);
          case 5 -> decoder.digestRequest(bytes);
          default -> decoder.bucketRequest(bytes);
        }
      } catch (RegistryDecodeException e) {
        assertThat(e.code()).isNotNull();
      }
    }
  }
}
