package dev.ama.model.ari.cbor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriArbitraries;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Fuzzes {@link AriCborDecoder} with random bytes, mutated wire vectors and mutated encodings of
 * random values, and checks its contract on each input (see {@link CborContract}): a value that
 * decodes again from its own encoding, or an {@code AriDecodeException} with a code, a one-line
 * message and an offset inside the input; nothing else, and quickly.
 *
 * <p>Every property has a fixed seed, so a run is repeatable and CI never flakes. To explore new
 * input, delete {@code seed = "…"} from a property (or change it) and run {@code mvn -pl ama-model
 * test -Dtest=AriCborDecoderFuzzTest}: jqwik then draws a fresh seed each run and prints it with
 * any failure. Raise {@code tries} for a longer search. Save each input that breaks the contract
 * (jqwik prints it as hex) as {@code testdata/regressions/cbor/NAME.hex}; {@link
 * CborRegressionsTest} then runs it on every build.
 */
class AriCborDecoderFuzzTest {

  @Provide
  Arbitrary<CborContract.Input> randomBytes() {
    return ByteMutations.randomInputs(64);
  }

  @Provide
  Arbitrary<CborContract.Input> mutatedVectors() {
    return ByteMutations.mutated(Arbitraries.of(ByteMutations.vectorBytes()));
  }

  @Provide
  Arbitrary<CborContract.Input> mutatedEncodings() {
    return ByteMutations.mutated(AriArbitraries.aris(3, false).map(CborContract.ENCODER::encode));
  }

  @Property(tries = 4000, seed = "20240611")
  void random_bytes_decode_to_a_value_or_a_decode_exception(
      @ForAll("randomBytes") CborContract.Input in) {
    checkOne(in.bytes());
  }

  @Property(tries = 4000, seed = "7071")
  void mutated_vectors_decode_to_a_value_or_a_decode_exception(
      @ForAll("mutatedVectors") CborContract.Input in) {
    checkOne(in.bytes());
  }

  @Property(tries = 3000, seed = "1004")
  void mutated_encodings_of_random_values_decode_to_a_value_or_a_decode_exception(
      @ForAll("mutatedEncodings") CborContract.Input in) {
    checkOne(in.bytes());
  }

  @Property(tries = 2000, seed = "8742")
  void a_sequence_decodes_like_its_items_and_never_breaks_the_contract(
      @ForAll("mutatedVectors") CborContract.Input a,
      @ForAll("mutatedVectors") CborContract.Input b) {
    byte[] seq = ByteMutations.concat(a.bytes(), b.bytes());
    List<Ari> items = CborContract.checkSequence(seq);
    CborContract.Outcome first = CborContract.check(a.bytes());
    CborContract.Outcome second = CborContract.check(b.bytes());
    if (first.value() != null && second.value() != null) {
      assertThat(items).containsExactly(first.value(), second.value());
    }
  }

  @Property(tries = 2000, seed = "31")
  void a_sub_range_decodes_like_a_copy_of_it_with_the_same_offsets(
      @ForAll("mutatedVectors") CborContract.Input in,
      @ForAll @Size(max = 9) byte[] before,
      @ForAll @Size(max = 9) byte[] after) {
    byte[] bytes = in.bytes();
    byte[] buffer = ByteMutations.concat(before, bytes, after);
    CborContract.Outcome whole = CborContract.check(bytes);
    CborContract.Outcome part =
        CborContract.check(CborContract.DECODER, buffer, before.length, bytes.length);
    if (whole.value() != null) {
      assertThat(part.value()).isEqualTo(whole.value());
    } else {
      assertThat(part.error()).isNotNull();
      assertThat(part.error().code()).isEqualTo(whole.error().code());
      assertThat(part.error().offset()).isEqualTo(whole.error().offset());
      assertThat(part.error().detail()).isEqualTo(whole.error().detail());
    }
  }

  /** The contract on one input, for decode and for decodeSequence, within the time guard. */
  private static void checkOne(byte[] in) {
    long start = System.nanoTime();
    CborContract.Outcome one = CborContract.check(in);
    List<Ari> seq = CborContract.checkSequence(in);
    if (one.value() != null) {
      assertThat(seq).containsExactly(one.value());
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("time to decode %s", new CborContract.Input(in))
        .isLessThan(CborContract.SMALL_INPUT_TIME);
  }
}
