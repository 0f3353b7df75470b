package dev.ama.grammar.lang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ama.grammar.ari.AriTextDecoder;
import dev.ama.model.adm.ModelIds;
import dev.ama.model.adm.StandardModels;
import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.cbor.AriCborDecoder;
import dev.ama.model.ari.cbor.AriCborEncoder;
import dev.ama.model.ari.text.AriTextEncoder;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExprCompilerTest {
  /** A model of the names the AMA architecture's examples use, plus a clash with another model. */
  private static final ModelIds THERMO =
      ModelIds.builder("example", 65535, "!thermo", -1)
          .revision(LocalDate.of(2026, 11, 21))
          .object(AriType.EDD, "EDD1", 1)
          .object(AriType.EDD, "EDD3", 3)
          .object(AriType.EDD, "current_temp", 4)
          .object(AriType.EDD, "current_time", 5)
          .object(AriType.VAR, "maximum_temp", 1)
          .object(AriType.VAR, "base_time", 2)
          .object(AriType.VAR, "a", 3)
          .object(AriType.VAR, "b", 4)
          .object(AriType.VAR, "c", 5)
          .object(AriType.VAR, "d", 6)
          .object(AriType.VAR, "level", 7)
          .build();

  private static final ModelIds OTHER =
      ModelIds.builder("example", 65535, "!other", -2)
          .revision(LocalDate.of(2026, 11, 21))
          .object(AriType.VAR, "level", 1)
          .build();

  private final ExprCompiler compiler = new ExprCompiler(ObjectNames.of(models()));
  private final AriTextEncoder text = new AriTextEncoder();

  private static List<ModelIds> models() {
    List<ModelIds> all = new ArrayList<>(StandardModels.ALL);
    all.add(THERMO);
    all.add(OTHER);
    return all;
  }

  private String compile(String source) throws LangException {
    return text.encode(compiler.compile(source, "test.ama"));
  }

  private static String op(String name) {
    return "//ietf/dtnma-agent/OPER/" + name;
  }

  private static String v(String name) {
    return "//example/!thermo/VAR/" + name;
  }

  @Test
  void the_benchmark_predicate_compiles_to_postfix_with_the_usual_precedence() throws Exception {
    assertThat(compile("a > b && c + d * 2 < 100"))
        .isEqualTo(
            "ari:/AC/("
                + String.join(
                    ",",
                    v("a"),
                    v("b"),
                    op("compare-gt"),
                    v("c"),
                    v("d"),
                    "2",
                    op("multiply"),
                    op("add"),
                    "100",
                    op("compare-lt"),
                    op("bool-and"))
                + ")");
  }

  @Test
  void parentheses_and_left_associativity_order_the_operations() throws Exception {
    assertThat(compile("10 - 2 - 3"))
        .isEqualTo("ari:/AC/(10,2," + op("sub") + ",3," + op("sub") + ")");
    assertThat(compile("10 - (2 - 3)"))
        .isEqualTo("ari:/AC/(10,2,3," + op("sub") + "," + op("sub") + ")");
    assertThat(compile("-a * 2"))
        .isEqualTo("ari:/AC/(" + v("a") + "," + op("negate") + ",2," + op("multiply") + ")");
    assertThat(compile("!(a || b) AND c"))
        .isEqualTo(
            "ari:/AC/("
                + v("a")
                + ","
                + v("b")
                + ","
                + op("bool-or")
                + ","
                + op("bool-not")
                + ","
                + v("c")
                + ","
                + op("bool-and")
                + ")");
  }

  @Test
  void the_ama_notation_expressions_compile() throws Exception {
    assertThat(compile("EDD1*2"))
        .isEqualTo("ari:/AC/(//example/!thermo/EDD/EDD1,2," + op("multiply") + ")");
    assertThat(compile("EDD1 > 10"))
        .isEqualTo("ari:/AC/(//example/!thermo/EDD/EDD1,10," + op("compare-gt") + ")");
    assertThat(compile("current_temp > maximum_temp"))
        .isEqualTo(
            "ari:/AC/(//example/!thermo/EDD/current_temp,"
                + v("maximum_temp")
                + ","
                + op("compare-gt")
                + ")");
    assertThat(compile("(((current_time - base_time) % 24_hours) == 0)"))
        .isEqualTo(
            "ari:/AC/(//example/!thermo/EDD/current_time,"
                + v("base_time")
                + ","
                + op("sub")
                + ",/TD/P1DT,"
                + op("remainder")
                + ",0,"
                + op("compare-eq")
                + ")");
  }

  @Test
  void durations_time_points_text_and_booleans_are_literals() throws Exception {
    assertThat(compile("1s + 250ms + 1.5h + PT1M + 2_days"))
        .startsWith(
            "ari:/AC/(/TD/PT1S,/TD/PT0.25S,"
                + op("add")
                + ",/TD/PT1H30M,"
                + op("add")
                + ",/TD/PT1M,");
    assertThat(compile("2026-01-02T03:04:05Z")).isEqualTo("ari:/AC/(/TP/20260102T030405Z)");
    assertThat(compile("\"hi there\" == \"x\""))
        .isEqualTo("ari:/AC/(%22hi%20there%22,x," + op("compare-eq") + ")");
    assertThat(compile("true XOR FALSE")).isEqualTo("ari:/AC/(true,false," + op("bool-xor") + ")");
    assertThat(compile("0xFF & 0b1010 | 1_000"))
        .isEqualTo("ari:/AC/(255,10," + op("bit-and") + ",1000," + op("bit-or") + ")");
  }

  @Test
  void full_references_and_ari_literals_stand_where_a_short_name_may() throws Exception {
    assertThat(compile("//ietf/dtnma-agent/EDD/num-msg-rx > <ari:/UVAST/10>"))
        .isEqualTo(
            "ari:/AC/(//ietf/dtnma-agent/EDD/num-msg-rx,/UVAST/10," + op("compare-gt") + ")");
  }

  @Test
  void standard_model_names_resolve_without_qualification() throws Exception {
    assertThat(compile("num-msg-rx - num-msg-rx-failed"))
        .isEqualTo(
            "ari:/AC/(//ietf/dtnma-agent/EDD/num-msg-rx,//ietf/dtnma-agent/EDD/num-msg-rx-failed,"
                + op("sub")
                + ")");
  }

  @Test
  void an_unknown_name_is_an_error_with_line_and_column() {
    assertThatThrownBy(() -> compiler.compile("a +\n  nosuch", "rules.ama"))
        .isInstanceOf(LangException.class)
        .hasMessage(
            "rules.ama:2:3: unknown name 'nosuch': no EDD, VAR or CONST of a known model has it");
  }

  @Test
  void an_ambiguous_name_is_an_error_naming_the_candidates() {
    assertThatThrownBy(() -> compile("level > 3"))
        .isInstanceOf(LangException.class)
        .hasMessageContaining("test.ama:1:1: 'level' is ambiguous; write one of: ")
        .hasMessageContaining("//example/!thermo/VAR/level")
        .hasMessageContaining("//example/!other/VAR/level");
  }

  @Test
  void every_problem_is_reported_in_one_run() {
    assertThatThrownBy(() -> compile("x1 + x2 * true"))
        .isInstanceOf(LangException.class)
        .satisfies(
            e -> {
              List<Diagnostic> d = ((LangException) e).diagnostics();
              assertThat(d).extracting(Diagnostic::column).containsExactly(1, 6, 6);
              assertThat(d.get(2).message()).contains("needs numbers or times, not BOOL");
            });
  }

  @Test
  void operands_of_known_kinds_are_type_checked() {
    assertThatThrownBy(() -> compile("true + 1"))
        .isInstanceOf(LangException.class)
        .hasMessageContaining("'+' does not apply to BOOL and INT");
    assertThatThrownBy(() -> compile("2026-01-01T00:00:00Z > 3"))
        .hasMessageContaining("cannot compare TP with INT by order");
    assertThatThrownBy(() -> compile("1.5 & 2")).hasMessageContaining("bitwise & needs integers");
    assertThatThrownBy(() -> compile("\"a\" * 2"))
        .hasMessageContaining("does not apply to TEXT and INT");
  }

  @Test
  void time_arithmetic_follows_the_amm() throws Exception {
    assertThat(compile("2026-01-01T00:00:00Z + 1h > 2026-01-01T00:30:00Z"))
        .contains(op("compare-gt"));
    assertThat(compile("30s * 2 < 2m")).contains(op("compare-lt"));
    assertThatThrownBy(() -> compile("2026-01-01T00:00:00Z + 2026-01-01T00:00:00Z"))
        .hasMessageContaining("does not apply to TP and TP");
    // The standard's remainder takes numbers only; it compiles above because the names' kinds
    // are not known, and is refused where they are.
    assertThatThrownBy(() -> compile("(2026-01-02T00:00:00Z - 2026-01-01T00:00:00Z) % 24_hours"))
        .hasMessageContaining("'%' does not apply to TD and TD");
  }

  @Test
  void a_syntax_error_says_where_and_what_was_expected() {
    assertThatThrownBy(() -> compile("a + * b"))
        .isInstanceOf(LangException.class)
        .satisfies(e -> assertThat(((LangException) e).code()).isEqualTo(LangException.Code.SYNTAX))
        .hasMessageStartingWith("test.ama:1:5: ");
  }

  @Test
  void comments_are_ignored() throws Exception {
    assertThat(compile("a # the first\n + /* the second */ b"))
        .isEqualTo("ari:/AC/(" + v("a") + "," + v("b") + "," + op("add") + ")");
  }

  @Test
  void compiled_expressions_survive_cbor_and_text() throws Exception {
    AcLiteral expr = compiler.compile("a > b && c + d * 2 < 100 || EDD1 % 3 == 1", "t");
    Ari back = new AriCborDecoder().decode(new AriCborEncoder().encode(expr));
    assertThat(back).isEqualTo(expr);
    assertThat(new AriTextDecoder().decode(text.encode(expr))).isEqualTo(expr);
  }
}
