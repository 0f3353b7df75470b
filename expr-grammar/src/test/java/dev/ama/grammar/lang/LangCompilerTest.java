package dev.ama.grammar.lang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ama.grammar.ari.AriTextDecoder;
import dev.ama.model.ari.ExecSetLiteral;
import dev.ama.model.ari.cbor.AriCborDecoder;
import dev.ama.model.ari.cbor.AriCborEncoder;
import dev.ama.model.ari.text.AriTextEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LangCompilerTest {
  private final LangCompiler compiler = LangCompiler.builder().build();
  private final AriTextEncoder text = new AriTextEncoder();

  private List<String> compile(String source) throws LangException {
    return compiler.compile(source, "t.ama").execSets().stream()
        .map(text::encode)
        .collect(Collectors.toList());
  }

  static Stream<Path> examples() throws Exception {
    Path dir = examplesDir();
    return Files.list(dir).filter(p -> p.toString().endsWith(".ama")).sorted();
  }

  private static Path examplesDir() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("examples/lang"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("examples/lang not found");
    }
    return p.resolve("examples/lang");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void every_shipped_example_compiles_and_its_output_survives_cbor_and_text(Path file)
      throws Exception {
    Compilation c = compiler.compile(Files.readString(file), file.getFileName().toString());
    assertThat(c.execSets()).isNotEmpty();
    for (ExecSetLiteral es : c.execSets()) {
      assertThat(new AriCborDecoder().decode(new AriCborEncoder().encode(es))).isEqualTo(es);
      assertThat(new AriTextDecoder().decode(text.encode(es))).isEqualTo(es);
    }
  }

  @Test
  void the_ama_notation_compiles_to_one_execset_per_statement() throws Exception {
    Compilation c =
        compiler.compile(
            Files.readString(examplesDir().resolve("ama-notation.ama")), "ama-notation.ama");
    assertThat(c.execSets()).hasSize(6);
  }

  @Test
  void def_becomes_an_expression_variable_and_an_access_entry_for_its_groups() throws Exception {
    List<String> out =
        compile("DECLARE //example/thermo { EDD EDD1 }\nGROUP A = 1\nDEF([A], V1, EDD1*2)");
    // The access entry id is derived from the VAR's reference (never 1, 2, … which two
    // managers would both use): any id, the same on every compilation.
    assertThat(out)
        .singleElement()
        .asString()
        .matches(
            java.util.regex.Pattern.quote(
                    "ari:/EXECSET/n=null;("
                        + "//ama/ama-agent/CTRL/ensure-expr-var(//ama/!ops/,V1,1,"
                        + "//ietf/amm-semtype/IDENT/type-use(/ARITYPE/LITERAL),"
                        + "/AC/(//example/thermo/EDD/EDD1,2,//ietf/dtnma-agent/OPER/multiply)),"
                        + "//ietf/dtnma-agent-acl/CTRL/ensure-access(/UINT/")
                + "[0-9]+"
                + java.util.regex.Pattern.quote(
                    ",/AC/(/UINT/1),"
                        + "/AC/(/LABEL/0,//ietf/dtnma-agent/OPER/is-same-object(//ama/!ops/VAR/V1)),"
                        + "/AC/(//ietf/dtnma-agent-acl/IDENT/produce)))"));
    assertThat(compile("DECLARE //example/thermo { EDD EDD1 }\nGROUP A = 1\nDEF([A], V1, EDD1*2)"))
        .isEqualTo(out);
  }

  @Test
  void def_in_two_namespaces_gives_two_access_entries_that_cannot_overwrite_each_other()
      throws Exception {
    String src = "DEF([*], V1, 1)";
    String a =
        LangCompiler.builder()
            .namespace(
                new dev.ama.model.ari.NamespaceRef(
                    dev.ama.model.ari.AriId.of("ama"), dev.ama.model.ari.AriId.of("!a"), null))
            .build()
            .compile(src, "a.ama")
            .definitions()
            .get(0)
            .toString();
    String b =
        LangCompiler.builder()
            .namespace(
                new dev.ama.model.ari.NamespaceRef(
                    dev.ama.model.ari.AriId.of("ama"), dev.ama.model.ari.AriId.of("!b"), null))
            .build()
            .compile(src, "b.ama")
            .definitions()
            .get(0)
            .toString();
    assertThat(accessId(a)).isNotEqualTo(accessId(b));
    assertThat(accessId(a)).isGreaterThanOrEqualTo(1L << 20);
  }

  private static long accessId(String definition) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("accessId=([0-9]+)").matcher(definition);
    assertThat(m.find()).as(definition).isTrue();
    return Long.parseLong(m.group(1));
  }

  @Test
  void prod_with_a_period_becomes_a_time_based_rule_reporting_to_the_destination()
      throws Exception {
    List<String> out = compile("DECLARE //x/m { VAR V1 }\nPROD(1s, V1) TO \"ipn:2.1\"");
    assertThat(out)
        .containsExactly(
            "ari:/EXECSET/n=null;(//ietf/dtnma-agent/CTRL/ensure-tbr(//ama/!ops/,prod-1,1,"
                + "/AC/(//ietf/dtnma-agent/CTRL/report-on(/AC/(//x/m/VAR/V1),/AC/(%22ipn%3A2.1%22))),"
                + "/TD/PT0S,/TD/PT1S,/UVAST/0,/BOOL/true))");
  }

  @Test
  void prod_with_a_predicate_becomes_a_state_based_rule() throws Exception {
    List<String> out = compile("REPORT_TO \"ipn:2.1\"\nPROD(num-msg-rx > 10, num-msg-rx)");
    assertThat(out.get(0))
        .startsWith("ari:/EXECSET/n=null;(//ietf/dtnma-agent/CTRL/ensure-sbr(//ama/!ops/,prod-1,1,")
        .contains("/AC/(//ietf/dtnma-agent/EDD/num-msg-rx,10,//ietf/dtnma-agent/OPER/compare-gt)")
        .endsWith(",/TD/PT1S,/UVAST/0,/BOOL/true))");
  }

  @Test
  void named_rules_carry_their_parameters() throws Exception {
    List<String> out =
        compile(
            "RULE push: EVERY 30s START 10s MAX 5 DO REPORT(num-msg-rx) TO \"ipn:2.1\"\n"
                + "RULE hot: IF num-msg-rx > 3 THEN REPORT(num-msg-rx) TO \"ipn:2.1\" MIN_INTERVAL 1m MAX 2");
    assertThat(out.get(0))
        .contains("ensure-tbr(//ama/!ops/,push,1,")
        .endsWith("/TD/PT10S,/TD/PT30S,/UVAST/5,/BOOL/true))");
    assertThat(out.get(1))
        .contains("ensure-sbr(//ama/!ops/,hot,1,")
        .endsWith("/TD/PT1M,/UVAST/2,/BOOL/true))");
  }

  @Test
  void templates_and_macros_become_constants_that_later_statements_name() throws Exception {
    List<String> out =
        compile(
            "TEMPLATE t = [num-msg-rx, num-msg-tx * 2]\n"
                + "MACRO m = [REPORT(t) TO \"ipn:2.1\"]\n"
                + "IF num-msg-rx > 0 THEN m");
    assertThat(out.get(0))
        .contains(
            "ensure-const(//ama/!ops/,t,1,//ietf/amm-semtype/IDENT/type-use(//ietf/amm-base/TYPEDEF/rptt),")
        .contains(
            "/AC/(//ietf/dtnma-agent/EDD/num-msg-rx,/AC/(//ietf/dtnma-agent/EDD/num-msg-tx,2,//ietf/dtnma-agent/OPER/multiply))");
    assertThat(out.get(1))
        .contains("ensure-const(//ama/!ops/,m,2,")
        .contains("report-on(//ama/!ops/CONST/t,");
    assertThat(out.get(2)).contains("/AC/(//ama/!ops/CONST/m)");
  }

  @Test
  void a_rule_report_without_a_destination_is_an_error_that_says_what_to_add() {
    assertThatThrownBy(() -> compile("PROD(1s, num-msg-rx)"))
        .isInstanceOf(LangException.class)
        .hasMessage(
            "t.ama:1:1: a rule's report needs a destination: add TO \"ipn:1.0\", or REPORT_TO \"ipn:1.0\" before it");
  }

  @Test
  void every_problem_of_a_file_is_reported_with_its_line() {
    assertThatThrownBy(
            () ->
                compile(
                    "DEF([B], V1, 1)\n"
                        + "DEF([*], V1, nosuch)\n"
                        + "IF true THEN nothing_here\n"
                        + "RULE r: EVERY true DO REPORT(1) TO \"x\""))
        .isInstanceOf(LangException.class)
        .satisfies(
            e -> {
              List<Diagnostic> d = ((LangException) e).diagnostics();
              assertThat(d).extracting(Diagnostic::line).containsExactly(1, 2, 2, 3, 4);
              assertThat(d.get(0).message()).startsWith("unknown group B");
              assertThat(d.get(1).message()).isEqualTo("V1 is already defined at line 1");
              assertThat(d.get(2).message()).startsWith("unknown name 'nosuch'");
              assertThat(d.get(3).message()).startsWith("unknown action 'nothing_here'");
              assertThat(d.get(4).message()).isEqualTo("EVERY takes a period such as 30s");
            });
  }

  @Test
  void a_syntax_error_names_what_was_expected() {
    assertThatThrownBy(() -> compile("DEF([*] V1, 1)"))
        .isInstanceOf(LangException.class)
        .hasMessageStartingWith("t.ama:1:9: ")
        .hasMessageContaining("','");
  }

  @Test
  void definitions_go_into_the_declared_namespace() throws Exception {
    List<String> out = compile("NAMESPACE //example/!reg\nTEMPLATE t = [num-msg-rx]");
    assertThat(out.get(0)).contains("ensure-const(//example/!reg/,t,1,");
    assertThatThrownBy(() -> compile("NAMESPACE //example/reg\nTEMPLATE t = [1]"))
        .hasMessageContaining("NAMESPACE names a run-time model (ODM)");
  }
}
