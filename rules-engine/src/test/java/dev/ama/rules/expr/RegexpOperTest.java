package dev.ama.rules.expr;

import static dev.ama.rules.expr.Exprs.eval;
import static dev.ama.rules.expr.Exprs.expr;
import static dev.ama.rules.expr.Exprs.oper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.BoolLiteral;
import dev.ama.model.ari.BytesLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.TextLiteral;
import dev.ama.rules.expr.ExprException.Code;
import org.junit.jupiter.api.Test;

class RegexpOperTest {
  static final Ari U = Ari.UNDEFINED;
  static final Ari T = BoolLiteral.TRUE;
  static final Ari F = BoolLiteral.FALSE;

  static Ari match(String pattern, String text) {
    return eval(TextLiteral.of(text), oper("match-regexp", TextLiteral.of(pattern)));
  }

  static void invalid(String pattern) {
    assertThatThrownBy(
            () ->
                ExprCompiler.compile(
                    expr(TextLiteral.of("x"), oper("match-regexp", TextLiteral.of(pattern)))))
        .as(pattern)
        .isInstanceOfSatisfying(
            ExprException.class, e -> assertThat(e.code()).isEqualTo(Code.INVALID_PARAMETERS));
  }

  @Test
  void the_pattern_must_match_the_whole_text() {
    assertThat(match("ab+c", "abbbc")).isEqualTo(T);
    assertThat(match("ab+c", "xabbbcx")).isEqualTo(F);
    assertThat(match("b", "abc")).isEqualTo(F);
    assertThat(match("", "")).isEqualTo(T);
    assertThat(match("a|bc", "bc")).isEqualTo(T);
    assertThat(match("(ab){2,3}", "ababab")).isEqualTo(T);
    assertThat(match("(ab){2,3}", "ab")).isEqualTo(F);
    assertThat(match("a{2,}", "aaaaa")).isEqualTo(T);
    assertThat(match("[a-c]+[^0-9]", "cabz")).isEqualTo(T);
    assertThat(match("[a-c]+[^0-9]", "cab7")).isEqualTo(F);
  }

  @Test
  void characters_that_java_treats_specially_are_ordinary_in_i_regexp() {
    assertThat(match("^a$", "^a$")).isEqualTo(T);
    assertThat(match("^a$", "a")).isEqualTo(F);
    assertThat(match("[&&a]+", "a&&a")).isEqualTo(T);
    assertThat(match("a#b c", "a#b c")).isEqualTo(T);
    assertThat(match("\\.\\*\\\\", ".*\\")).isEqualTo(T);
    assertThat(match("[-a]+", "-a-")).isEqualTo(T);
    assertThat(match("[a-]+", "-a-")).isEqualTo(T);
  }

  @Test
  void dot_matches_any_character_but_newline_and_carriage_return() {
    assertThat(match("a.c", "a\u2028c")).isEqualTo(T);
    assertThat(match("a.c", "a\u0085c")).isEqualTo(T);
    assertThat(match("a.c", "a\nc")).isEqualTo(F);
    assertThat(match("a.c", "a\rc")).isEqualTo(F);
    assertThat(match("a\\nc", "a\nc")).isEqualTo(T);
    assertThat(match("..", "\uD83D\uDE00x")).isEqualTo(T);
  }

  @Test
  void unicode_categories_are_supported() {
    assertThat(match("\\p{Lu}\\p{Ll}+", "Été")).isEqualTo(T);
    assertThat(match("\\p{N}+", "12\u0663")).isEqualTo(T);
    assertThat(match("\\P{L}+", "12 !")).isEqualTo(T);
    assertThat(match("[\\p{L}\\p{Nd}_]+", "a_1")).isEqualTo(T);
  }

  @Test
  void java_extras_and_malformed_patterns_are_refused_when_compiling() {
    for (String p :
        new String[] {
          "a*?",
          "a++",
          "(?:a)",
          "(?=a)",
          "\\d",
          "\\w",
          "\\1",
          "a{2,1}",
          "a{1001}",
          "[]",
          "[a",
          "(a",
          "a)",
          "*a",
          "\\p{Foo}",
          "[a-\\p{L}]",
          "[z-a]",
          "a]",
          "[a-b-c]",
          "\\"
        }) {
      invalid(p);
    }
    invalid("a".repeat(1025));
    assertThatThrownBy(
            () ->
                ExprCompiler.compile(
                    expr(TextLiteral.of("x"), oper("match-regexp", IntLiteral.of(1)))))
        .isInstanceOfSatisfying(
            ExprException.class, e -> assertThat(e.code()).isEqualTo(Code.INVALID_PARAMETERS));
  }

  @Test
  void catastrophic_backtracking_stops_at_the_step_budget_as_undefined() {
    long start = System.nanoTime();
    // Without the budget each takes minutes on JDK 17 (exponential backtracking).
    assertThat(match("((a+)+)+b", "a".repeat(30))).isEqualTo(U);
    assertThat(match("(.*){1,1000}[bc]", "a".repeat(30))).isEqualTo(U);
    assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    assertThat(match("(a+)+b", "a".repeat(40) + "b")).isEqualTo(T);
  }

  @Test
  void text_beyond_the_length_limit_is_undefined() {
    assertThat(match("a*", "a".repeat(4096))).isEqualTo(T);
    assertThat(match("a*", "a".repeat(4097))).isEqualTo(U);
    assertThat(match("(a|b)*", "ab".repeat(2048))).isIn(T, U);
  }

  @Test
  void an_operand_that_is_not_text_is_undefined() {
    assertThat(eval(IntLiteral.of(5), oper("match-regexp", TextLiteral.of("5")))).isEqualTo(U);
    assertThat(eval(BytesLiteral.of(new byte[] {'a'}), oper("match-regexp", TextLiteral.of("a"))))
        .isEqualTo(U);
    assertThat(
            eval(new TextLiteral(AriType.TEXTSTR, "a"), oper("match-regexp", TextLiteral.of("a"))))
        .isEqualTo(T);
  }
}
