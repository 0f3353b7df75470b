package dev.ama.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ama.cli.AriCommandTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ama lang compile|check} through picocli, as a user runs them. */
class LangCommandTest {

  @Test
  void compile_prints_one_execset_per_statement(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("r.ama");
    Files.writeString(
        f, "REPORT_TO \"ipn:2.1\"\nPROD(1s, num-msg-rx)\nPROD(num-msg-rx > 5, num-msg-rx)\n");
    Run r = AriCommandTest.run("", "lang", "compile", f.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.lines()).hasSize(2);
    assertThat(r.lines()[0]).startsWith("ari:/EXECSET/n=null;(//ietf/dtnma-agent/CTRL/ensure-tbr(");
    assertThat(r.lines()[1]).startsWith("ari:/EXECSET/n=null;(//ietf/dtnma-agent/CTRL/ensure-sbr(");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void compile_with_cbor_prints_hex_that_decodes_to_the_same_execsets(@TempDir Path dir)
      throws Exception {
    Path f = dir.resolve("r.ama");
    Files.writeString(f, "RULE p: EVERY 30s DO REPORT(num-msg-rx) TO \"ipn:2.1\"");
    Run text = AriCommandTest.run("", "lang", "compile", f.toString());
    Run hex = AriCommandTest.run("", "lang", "compile", "--cbor", f.toString());
    assertThat(hex.exitCode()).isZero();
    assertThat(hex.lines()[0]).matches("[0-9A-F]+");
    Run back = AriCommandTest.run("", "ari", "decode", hex.lines()[0]);
    assertThat(back.lines()).containsExactly(text.lines()[0]);
  }

  @Test
  void errors_go_to_standard_error_with_file_line_and_column_and_exit_1() {
    Run r = AriCommandTest.run("DEF([B], V1, 1)\nPROD(1s, nosuch)\n", "lang", "check", "-");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains("<stdin>:1:6: unknown group B")
        .contains("<stdin>:2:10: unknown name 'nosuch'")
        .contains("3 errors");
  }

  @Test
  void check_prints_nothing_for_a_good_file() {
    Run r = AriCommandTest.run("TEMPLATE t = [num-msg-rx]\n", "lang", "check", "-");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEmpty();
  }

  @Test
  void a_missing_file_is_a_failure_that_names_it() {
    Run r = AriCommandTest.run("", "lang", "compile", "/nonexistent/x.ama");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("/nonexistent/x.ama: no such file");
  }

  @Test
  void a_namespace_that_is_not_an_odm_is_a_usage_error() {
    Run r =
        AriCommandTest.run(
            "TEMPLATE t = [1]", "lang", "compile", "--namespace", "//example/ops", "-");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("run-time model (ODM)");
  }

  @Test
  void the_options_set_namespace_and_destination() {
    Run r =
        AriCommandTest.run(
            "PROD(1s, num-msg-rx)",
            "lang",
            "compile",
            "--namespace",
            "//example/!reg",
            "--report-to",
            "ipn:9.1",
            "-");
    assertThat(r.exitCode()).isZero();
    assertThat(r.lines()[0])
        .contains("ensure-tbr(//example/!reg/,prod-1,1,")
        .contains("%22ipn%3A9.1%22");
  }

  @Test
  void eval_evaluates_an_expression_with_the_values_set() {
    Run r =
        AriCommandTest.run(
            "",
            "lang",
            "eval",
            "a > b && c + d * 2 < 100",
            "--set",
            "a=5",
            "--set",
            "b=3",
            "--set",
            "c=1",
            "--set",
            "d=2");
    assertThat(r.exitCode()).isZero();
    assertThat(r.lines()).containsExactly("ari:true");
  }

  @Test
  void eval_does_time_arithmetic_and_gives_undefined_for_division_by_zero() {
    assertThat(AriCommandTest.run("", "lang", "eval", "2026-01-01T00:00:00Z + 30s * 2").lines())
        .containsExactly("ari:/TP/20260101T000100Z");
    assertThat(AriCommandTest.run("", "lang", "eval", "1 / 0").lines())
        .containsExactly("ari:undefined");
    assertThat(AriCommandTest.run("", "lang", "eval", "t * 2", "--set", "t=/TD/PT30S").lines())
        .containsExactly("ari:/TD/PT1M");
  }

  @Test
  void eval_reports_an_unknown_name_and_a_bad_value() {
    Run r = AriCommandTest.run("", "lang", "eval", "x + 1");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("<expression>:1:1: unknown name 'x'");
    Run bad = AriCommandTest.run("", "lang", "eval", "a", "--set", "a=/BOOL/3");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--set a:").contains("BOOL accepts only true or false");
  }
}
