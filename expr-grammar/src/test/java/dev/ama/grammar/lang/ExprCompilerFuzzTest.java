package dev.ama.grammar.lang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ama.model.adm.StandardModels;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Mutated valid expressions compile or fail with a {@link LangException}, never anything else. The
 * seed is fixed; delete {@code seed} from a property to explore, and jqwik prints any failing seed.
 */
class ExprCompilerFuzzTest {
  private static final List<String> VALID =
      List.of(
          "num-msg-rx > 10 && num-msg-tx - num-msg-tx-failed < 100",
          "(((2026-01-02T00:00:00Z - 2026-01-01T00:00:00Z) / 2) == 12_hours)",
          "((num-msg-rx - num-msg-tx) % 24) == 0",
          "-(3 * 2) + 0x10 | 0b11 ^ ~4 + 7 % 3",
          "\"a\\\"b\" === <ari:/TEXTSTR/ab> OR NOT true",
          "//ietf/dtnma-agent/EDD/num-msg-rx >= PT1M / 2 # comment\n");

  private final ExprCompiler compiler = new ExprCompiler(ObjectNames.of(StandardModels.ALL));

  @Provide
  Arbitrary<String> mutated() {
    Arbitrary<String> base = Arbitraries.of(VALID);
    List<String> pieces =
        List.of(
            "(", ")", "<", ">", "ari:", "\"", "/*", "//", "-", "_", "0x", "e", ".", " ", "\n", "&&",
            "%", "P", "T", "Z", "@");
    return TextMutations.of(base, pieces, 1000);
  }

  @Property(tries = 3000, seed = "20261121")
  void a_mutated_expression_compiles_or_gives_diagnostics(@ForAll("mutated") String source) {
    try {
      assertThat(compiler.compile(source, "m.ama").items()).isNotEmpty();
    } catch (LangException e) {
      assertThat(e.diagnostics()).isNotEmpty();
      assertThat(e.diagnostics()).allSatisfy(d -> assertThat(d.line()).isPositive());
    }
  }

  @Property(tries = 200, seed = "20261121")
  void the_valid_expressions_compile(@ForAll("valid") String source) throws LangException {
    assertThat(compiler.compile(source, "v.ama").items()).isNotEmpty();
  }

  @Provide
  Arbitrary<String> valid() {
    return Arbitraries.of(VALID);
  }
}
