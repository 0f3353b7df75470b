package dev.ama.grammar.lang;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Mutations of valid source text, for the fuzz properties of the language compilers. */
final class TextMutations {
  private TextMutations() {}

  /**
   * Texts made from {@code bases} by one mutation at a random position: inserting a piece, deleting
   * as many characters, cutting the rest off, repeating the head, or overlapping the text with its
   * own second half.
   */
  static Arbitrary<String> of(Arbitrary<String> bases, List<String> pieces, int maxPosition) {
    return Combinators.combine(
            bases,
            Arbitraries.of(pieces),
            Arbitraries.integers().between(0, maxPosition),
            Arbitraries.integers().between(0, 4))
        .as(
            (s, piece, pos, how) -> {
              int at = pos % (s.length() + 1);
              return switch (how) {
                case 0 -> s.substring(0, at) + piece + s.substring(at);
                case 1 ->
                    s.substring(0, at) + s.substring(Math.min(s.length(), at + piece.length()));
                case 2 -> s.substring(0, at);
                case 3 -> s.substring(0, at) + s.substring(0, at);
                default -> s.substring(0, at) + s.substring(at / 2);
              };
            });
  }
}
