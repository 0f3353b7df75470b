package dev.ama.grammar.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Mutated example files compile or fail with diagnostics, never anything else. The seed is fixed;
 * delete {@code seed} to explore, and jqwik prints any failing seed.
 */
class LangCompilerFuzzTest {
  private final LangCompiler compiler = LangCompiler.builder().reportTo("ipn:2.1").build();

  private static List<String> examples() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("examples/lang"))) {
      p = p.getParent();
    }
    List<String> out = new ArrayList<>();
    try (var files = Files.list(p.resolve("examples/lang"))) {
      for (Path f : files.filter(x -> x.toString().endsWith(".ama")).sorted().toList()) {
        out.add(Files.readString(f));
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out;
  }

  @Provide
  Arbitrary<String> mutated() {
    List<String> pieces =
        List.of(
            "(",
            ")",
            "[",
            "]",
            "{",
            "}",
            ",",
            ";",
            ":",
            "=",
            "\"",
            "DEF",
            "IF",
            "THEN",
            "RULE",
            "EVERY",
            "MAX",
            "1s",
            "-1",
            "*",
            "//",
            "#",
            "\n",
            "<ari:",
            ">",
            "0x",
            "GROUP A = 1",
            "NAMESPACE //a/b");
    return TextMutations.of(Arbitraries.of(examples()), pieces, 5000);
  }

  @Property(tries = 2000, seed = "20261121")
  void a_mutated_file_compiles_or_gives_diagnostics(@ForAll("mutated") String source) {
    try {
      assertThat(compiler.compile(source, "m.ama").execSets()).isNotNull();
    } catch (LangException e) {
      assertThat(e.diagnostics()).isNotEmpty().allSatisfy(d -> assertThat(d.line()).isPositive());
    }
  }
}
