package dev.ama.grammar.ari;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.AmLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriArbitraries;
import dev.ama.model.ari.AriDecodeException;
import dev.ama.model.ari.AriDecodeException.Code;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.TestData;
import dev.ama.model.ari.text.AriTextEncoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes {@link AriTextDecoder} with random strings over the characters of ARI syntax, mutated
 * vector texts and mutated printouts of random values, and checks its contract on each input (see
 * {@link TextContract}): a value that reads back from its own text and CBOR, or an {@code
 * AriDecodeException} with a code, a one-line message and an offset inside the input; nothing else,
 * and quickly. The plain tests feed the nesting and size that the limits are for.
 *
 * <p>Every property has a fixed seed, so a run is repeatable and CI never flakes. To explore new
 * input, delete {@code seed = "…"} from a property (or change it) and run {@code mvn -pl
 * expr-grammar test -Dtest=AriTextDecoderFuzzTest}: jqwik then draws a fresh seed each run and
 * prints it with any failure. Raise {@code tries} for a longer search. Save each input that breaks
 * the contract as {@code testdata/regressions/text/NAME.txt}; {@link TextRegressionsTest} then runs
 * it on every build.
 */
class AriTextDecoderFuzzTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(5);

  /**
   * The 1 MiB input takes about a second alone but several on a loaded 2-core machine; the guard is
   * there to catch a hang or a quadratic blow-up (minutes), not to time the decoder (the benchmarks
   * do that).
   */
  private static final Duration BIG_INPUT_GUARD = Duration.ofSeconds(30);

  /** Pieces of ARI syntax, and the characters around them (white space added below). */
  private static final String SYNTAX =
      "/ / ( ( ) ) , , ; ; = = . . % ' \" ari: h' b64' - + * @ ! \\ 0 1 2 7 9 a f x z A F Z T P S e"
          + " n c r t s // .. 0x 0b %22 %27 %5C %0A %28 %E1%88%B4 %ED%A0%80 %F4%90%80%80 uD800"
          + " null true undefined NaN Infinity AC AM TBL EXECSET RPTSET OBJPAT TP TD INT UVAST"
          + " REAL32 TEXTSTR BYTESTR LABEL CBOR ARITYPE CTRL EDD ietf dtnma-agent @2024-01-01"
          + " 20230102T030405Z PT1.5S 1e300 18446744073709551616";

  private static final List<String> TOKENS =
      Stream.concat(Arrays.stream(SYNTAX.split(" ")), Stream.of(" ", " ", "\t", "\n")).toList();

  private static Arbitrary<String> tokens() {
    return Arbitraries.oneOf(Arbitraries.of(TOKENS), Arbitraries.strings().all().ofLength(1));
  }

  /** One edit of a text; positions are taken modulo the current length. */
  sealed interface Edit {
    String apply(String s);
  }

  record Insert(int pos, String token) implements Edit {
    @Override
    public String apply(String s) {
      int p = pos % (s.length() + 1);
      return s.substring(0, p) + token + s.substring(p);
    }
  }

  record Delete(int pos, int len) implements Edit {
    @Override
    public String apply(String s) {
      if (s.isEmpty()) {
        return s;
      }
      int p = pos % s.length();
      return s.substring(0, p) + s.substring(Math.min(s.length(), p + len));
    }
  }

  record Replace(int pos, String token) implements Edit {
    @Override
    public String apply(String s) {
      if (s.isEmpty()) {
        return token;
      }
      int p = pos % s.length();
      return s.substring(0, p) + token + s.substring(p + 1);
    }
  }

  record DuplicateSlice(int from, int len, int to) implements Edit {
    @Override
    public String apply(String s) {
      if (s.isEmpty()) {
        return s;
      }
      int f = from % s.length();
      String slice = s.substring(f, Math.min(s.length(), f + len));
      int p = to % (s.length() + 1);
      return s.substring(0, p) + slice + s.substring(p);
    }
  }

  private static Arbitrary<Edit> edits() {
    Arbitrary<Integer> pos = Arbitraries.integers().between(0, 4096);
    return Arbitraries.oneOf(
        Combinators.combine(pos, tokens()).as(Insert::new),
        Combinators.combine(pos, Arbitraries.integers().between(1, 12)).as(Delete::new),
        Combinators.combine(pos, tokens()).as(Replace::new),
        Combinators.combine(pos, Arbitraries.integers().between(1, 40), pos)
            .as(DuplicateSlice::new));
  }

  private static Arbitrary<TextContract.Input> mutated(Arbitrary<String> seeds) {
    return Combinators.combine(seeds, edits().list().ofMinSize(1).ofMaxSize(4))
        .as(
            (seed, edits) -> {
              String s = seed;
              for (Edit e : edits) {
                s = e.apply(s);
              }
              return new TextContract.Input(s);
            });
  }

  @Provide
  Arbitrary<TextContract.Input> randomTexts() {
    return tokens().list().ofMaxSize(40).map(l -> new TextContract.Input(String.join("", l)));
  }

  @Provide
  Arbitrary<TextContract.Input> mutatedVectors() {
    List<String> seeds = new ArrayList<>();
    for (TestData.Vector v : TestData.vectors()) {
      seeds.add(v.text());
      seeds.add(v.canonical());
    }
    return mutated(Arbitraries.of(seeds));
  }

  @Provide
  Arbitrary<TextContract.Input> mutatedPrintouts() {
    AriTextEncoder encoder = new AriTextEncoder();
    return mutated(AriArbitraries.aris(3, true).map(encoder::encode));
  }

  @Property(tries = 4000, seed = "4242")
  void random_syntax_decodes_to_a_value_or_a_decode_exception(
      @ForAll("randomTexts") TextContract.Input in) {
    checkOne(in.text());
  }

  @Property(tries = 4000, seed = "1138")
  void mutated_vector_texts_decode_to_a_value_or_a_decode_exception(
      @ForAll("mutatedVectors") TextContract.Input in) {
    checkOne(in.text());
  }

  @Property(tries = 2500, seed = "20000101")
  void mutated_printouts_of_random_values_decode_to_a_value_or_a_decode_exception(
      @ForAll("mutatedPrintouts") TextContract.Input in) {
    checkOne(in.text());
  }

  private static void checkOne(String text) {
    long start = System.nanoTime();
    TextContract.check(text);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("time to decode %s", TextContract.describe(text))
        .isLessThan(TextContract.SMALL_INPUT_TIME);
  }

  /** Decodes within the hang guard and returns the required error, its contract checked. */
  private static AriDecodeException refused(String text, Code code) {
    AriDecodeException e =
        assertTimeoutPreemptively(HANG_GUARD, () -> TextContract.check(text), "decode time");
    assertThat(e).as("error for %s", TextContract.describe(text)).isNotNull();
    assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
    return e;
  }

  @Test
  void a_hundred_thousand_nested_acs_are_refused_at_the_33rd_level() {
    AriDecodeException e = refused("ari:/AC/(".repeat(100_000), Code.LIMIT_EXCEEDED);
    assertThat(e.offset()).isEqualTo(9 * 32 + 8);
    assertThat(e.detail()).isEqualTo("parentheses nested deeper than 32 levels");
  }

  @Test
  void an_execset_chain_50000_deep_is_refused_before_parsing() {
    String chain = "/EXECSET/n=".repeat(50_000) + "null" + ";()".repeat(50_000);
    AriDecodeException e = refused(chain, Code.LIMIT_EXCEEDED);
    assertThat(e.offset()).as("the 65th '='").isEqualTo(11 * 64 + 10);
    assertThat(e.detail())
        .isEqualTo("nesting deeper than 32 levels (65 levels of '(' and '=' open)");
  }

  @Test
  void an_execset_chain_50000_deep_inside_an_ac_is_refused_before_parsing() {
    String chain = "/EXECSET/n=".repeat(50_000) + "null" + ";()".repeat(50_000);
    AriDecodeException e = refused("ari:/AC/(" + chain + ")", Code.LIMIT_EXCEEDED);
    assertThat(e.offset()).as("the 64th '=' after one parenthesis").isEqualTo(9 + 11 * 63 + 10);
    assertThat(e.detail()).startsWith("nesting deeper than 32 levels");
  }

  @Test
  void text_of_one_mebibyte_and_one_character_is_refused_by_its_length() {
    AriDecodeException e = refused("1".repeat((1 << 20) + 1), Code.LIMIT_EXCEEDED);
    assertThat(e.offset()).isZero();
    assertThat(e.detail()).isEqualTo("text of 1048577 characters is over the limit of 1048576");
  }

  @Test
  void text_of_one_mebibyte_is_read_in_bounded_time() {
    String text = "/AC/(" + "h'00',".repeat(((1 << 20) - 10) / 6) + "1)";
    assertThat(text.length()).isLessThanOrEqualTo(1 << 20);
    Ari ari = assertTimeoutPreemptively(BIG_INPUT_GUARD, () -> TextContract.DECODER.decode(text));
    assertThat(ari).isInstanceOf(AcLiteral.class);
  }

  /** {@code /AM/(1=/AM/(1=…))}: each level opens a parenthesis and an '=', the most per level. */
  private static Ari nestedMaps(int levels) {
    Ari ari = IntLiteral.of(7);
    for (int i = 0; i < levels; i++) {
      ari = new AmLiteral(Map.of(IntLiteral.of(1), ari));
    }
    return ari;
  }

  @Test
  void nesting_up_to_the_depth_limit_is_read_and_one_level_more_is_refused() throws Exception {
    AriTextEncoder encoder = new AriTextEncoder();
    Ari deepest = nestedMaps(31);
    assertThat(TextContract.DECODER.decode(encoder.encode(deepest))).isEqualTo(deepest);

    String tooDeep = encoder.encode(nestedMaps(32));
    assertThatThrownBy(() -> TextContract.DECODER.decode(tooDeep))
        .isInstanceOfSatisfying(
            AriDecodeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(Code.LIMIT_EXCEEDED);
              assertThat(e.detail()).isEqualTo("nesting deeper than 32 levels");
            });
  }

  @Test
  void a_character_the_lexer_refuses_after_a_line_break_is_reported_at_its_offset() {
    // ANTLR gives the lexer's column within the line; the offset counts from the start of the text.
    AriDecodeException e = refused("ari:/AC/(1,\n  2,\n  #)", Code.SYNTAX);
    assertThat(e.offset()).isEqualTo(19);
    assertThat(e.detail()).isEqualTo("token recognition error at: '#'");
  }

  @Test
  void the_prefix_is_ari_in_ascii_letters_only() throws Exception {
    AriTextDecoder decoder = new AriTextDecoder();
    assertThat(decoder.decode("ARI:10")).isEqualTo(decoder.decode("ari:10"));
    assertThatThrownBy(() -> decoder.decode("ar\u0130:10"))
        .isInstanceOf(dev.ama.model.ari.AriDecodeException.class);
  }

  @Test
  void a_unicode_escape_takes_exactly_four_hex_digits() {
    assertThatThrownBy(() -> new AriTextDecoder().decode("ari:%22%5Cu+041%22"))
        .isInstanceOf(dev.ama.model.ari.AriDecodeException.class)
        .hasMessageContaining("four hex digits");
  }

  @Test
  void an_error_quotes_at_most_a_short_piece_of_a_huge_segment() {
    String huge = "ari:/BOOL/" + "x".repeat(100_000);
    assertThatThrownBy(() -> new AriTextDecoder().decode(huge))
        .isInstanceOf(dev.ama.model.ari.AriDecodeException.class)
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200).contains("100000 chars"));
  }
}
