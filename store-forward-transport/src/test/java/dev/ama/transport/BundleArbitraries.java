package dev.ama.transport;

import java.time.Duration;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** jqwik generators for EIDs, bundle ids, bundles and byte edits, shared by the codec tests. */
final class BundleArbitraries {
  private BundleArbitraries() {}

  private static final HexFormat HEX = HexFormat.of();

  static byte[] hex(String s) {
    return HEX.parseHex(s.replace(" ", ""));
  }

  static String hex(byte[] b) {
    return HEX.formatHex(b);
  }

  /** Any 64-bit pattern, read as unsigned, with the CBOR head boundaries and 2^64−1 often. */
  static Arbitrary<Long> u64() {
    return Arbitraries.oneOf(
        Arbitraries.longs(),
        Arbitraries.longs().between(0, 300),
        Arbitraries.of(0L, 23L, 24L, 255L, 256L, 65535L, 65536L, 0xFFFF_FFFFL, 1L << 32)
            .map(Long::valueOf),
        Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, -1L).map(Long::valueOf));
  }

  /** Non-negative longs, edges included. */
  static Arbitrary<Long> nonNegative() {
    return u64().map(v -> v & Long.MAX_VALUE);
  }

  static Arbitrary<Eid> ipn() {
    return Arbitraries.oneOf(
        Combinators.combine(u64(), u64())
            .as(
                (n, s) ->
                    Eid.of("ipn:" + Long.toUnsignedString(n) + "." + Long.toUnsignedString(s))),
        Combinators.combine(u64(), u64(), u64())
            .as(
                (a, n, s) ->
                    Eid.of(
                        "ipn:"
                            + Long.toUnsignedString(a)
                            + "."
                            + Long.toUnsignedString(n)
                            + "."
                            + Long.toUnsignedString(s))));
  }

  static Arbitrary<Eid> dtn() {
    Arbitrary<String> node =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('0', '9')
            .withChars("-._~!$&'()*+,;=")
            .ofMinLength(1)
            .ofMaxLength(24);
    Arbitrary<String> demux = Arbitraries.strings().withCharRange('!', '~').ofMaxLength(40);
    return Combinators.combine(node, demux).as((n, d) -> Eid.of("dtn://" + n + "/" + d));
  }

  /** Any EID but {@code dtn:none}. */
  static Arbitrary<Eid> destinations() {
    return Arbitraries.oneOf(ipn(), dtn());
  }

  /** Any EID, {@code dtn:none} included. */
  static Arbitrary<Eid> eids() {
    return Arbitraries.frequencyOf(
        Tuple.of(5, ipn()), Tuple.of(5, dtn()), Tuple.of(1, Arbitraries.just(Eid.NONE)));
  }

  static Arbitrary<BundleId> bundleIds() {
    return Combinators.combine(eids(), nonNegative(), nonNegative()).as(BundleId::new);
  }

  static Arbitrary<Bundle> bundles() {
    Arbitrary<Duration> lifetime =
        u64().map(v -> Duration.ofMillis(Math.max(1, v & Long.MAX_VALUE)));
    Arbitrary<Integer> flags =
        Arbitraries.oneOf(
            Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(0, Integer.MAX_VALUE));
    Arbitrary<byte[]> payload =
        Arbitraries.oneOf(
            Arbitraries.bytes().array(byte[].class).ofMaxSize(64),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(4096));
    return Combinators.combine(
            bundleIds(), destinations(), lifetime, Arbitraries.of(Priority.class), flags, payload)
        .as(Bundle::new);
  }

  /** A byte array after one to four random edits: bit flips, replaced, inserted, cut bytes. */
  static Arbitrary<byte[]> mutated(Arbitrary<byte[]> seeds) {
    Arbitrary<Integer> pos = Arbitraries.integers().between(0, 1 << 16);
    Arbitrary<Integer> bite =
        Arbitraries.oneOf(
            Arbitraries.integers().between(0, 255),
            // Heads that stress a decoder: long and indefinite lengths, tags, simple, break.
            Arbitraries.of(0x18, 0x1B, 0x1F, 0x3B, 0x5B, 0x5F, 0x7B, 0x7F, 0x9B, 0x9F, 0xBF)
                .map(Integer::valueOf),
            Arbitraries.of(0xC0, 0xC2, 0xD9, 0xF4, 0xF7, 0xF9, 0xFB, 0xFF).map(Integer::valueOf));
    Arbitrary<Edit> edit =
        Arbitraries.oneOf(
            Combinators.combine(pos, Arbitraries.integers().between(0, 7))
                .as((p, bit) -> (Edit) in -> flip(in, p, bit)),
            Combinators.combine(pos, bite).as((p, v) -> (Edit) in -> replace(in, p, v)),
            Combinators.combine(pos, bite).as((p, v) -> (Edit) in -> insert(in, p, v)),
            pos.map(p -> (Edit) in -> delete(in, p)),
            pos.map(p -> (Edit) in -> java.util.Arrays.copyOf(in, p % (in.length + 1))));
    return Combinators.combine(seeds, edit.list().ofMinSize(1).ofMaxSize(4))
        .as(
            (seed, edits) -> {
              byte[] b = seed;
              for (Edit e : edits) {
                b = e.apply(b);
              }
              return b;
            });
  }

  private interface Edit {
    byte[] apply(byte[] in);
  }

  private static byte[] flip(byte[] in, int p, int bit) {
    if (in.length == 0) {
      return in;
    }
    byte[] out = in.clone();
    out[p % in.length] ^= (byte) (1 << bit);
    return out;
  }

  private static byte[] replace(byte[] in, int p, int v) {
    if (in.length == 0) {
      return in;
    }
    byte[] out = in.clone();
    out[p % in.length] = (byte) v;
    return out;
  }

  private static byte[] insert(byte[] in, int p, int v) {
    int at = p % (in.length + 1);
    byte[] out = new byte[in.length + 1];
    System.arraycopy(in, 0, out, 0, at);
    out[at] = (byte) v;
    System.arraycopy(in, at, out, at + 1, in.length - at);
    return out;
  }

  private static byte[] delete(byte[] in, int p) {
    if (in.length == 0) {
      return in;
    }
    int at = p % in.length;
    byte[] out = new byte[in.length - 1];
    System.arraycopy(in, 0, out, 0, at);
    System.arraycopy(in, at + 1, out, at, in.length - at - 1);
    return out;
  }
}
