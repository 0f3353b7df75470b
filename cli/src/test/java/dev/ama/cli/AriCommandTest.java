package dev.ama.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code ama ari encode|decode} through picocli, as a user runs them. */
class AriCommandTest {

  /** Output and exit code of one run. */
  record Run(int exitCode, String out, String err) {
    String[] lines() {
      return out.isEmpty() ? new String[0] : out.split("\n");
    }
  }

  static Run run(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cl =
        AmaCommand.newCommandLine(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString().replace("\r\n", "\n"), err.toString());
  }

  @Test
  void encode_prints_upper_case_hex_for_each_argument() {
    Run r = run("", "ari", "encode", "ari:/INT/-10", "ari:true");
    assertThat(r.exitCode()).isZero();
    assertThat(r.lines()).containsExactly("820429", "F5");
  }

  @Test
  void decode_prints_canonical_text_for_each_argument() {
    Run r = run("", "ari", "decode", "820429", "8212A303F50A626869626F6804");
    assertThat(r.exitCode()).isZero();
    assertThat(r.lines()).containsExactly("ari:/INT/-10", "ari:/AM/(3=true,10=hi,oh=4)");
  }

  @Test
  void encode_reads_standard_input_one_item_per_line_when_given_no_arguments() {
    Run r = run("ari:/TD/PT1M40S\nari:/TEXTSTR/hi\n", "ari", "encode");
    assertThat(r.exitCode()).isZero();
    assertThat(r.lines()).containsExactly("820D1864", "820A626869");
  }

  @Test
  void a_failing_line_gives_an_error_line_in_its_place_and_the_rest_goes_on() {
    Run r = run("ari:/INT/1\nari:/BOOL/3\nari:null\n", "ari", "encode");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.lines()).hasSize(3);
    assertThat(r.lines()[0]).isEqualTo("820401");
    assertThat(r.lines()[1]).startsWith("error: ").contains("BOOL accepts only true or false");
    assertThat(r.lines()[2]).isEqualTo("F6");
  }

  @Test
  void decode_reports_trailing_bytes_with_their_offset() {
    Run r = run("", "ari", "decode", "0001");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.lines()).containsExactly("error: at byte 1: 1 bytes after the end of the ARI");
  }

  @Test
  void decode_rejects_text_that_is_not_hex_without_a_stack_trace() {
    Run r = run("", "ari", "decode", "82zz");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.lines()).hasSize(1);
    assertThat(r.lines()[0]).startsWith("error: not an even number of hex digits");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void an_empty_input_line_is_an_error_line_not_a_skipped_one() {
    Run r = run("ari:1\n\nari:2\n", "ari", "encode");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.lines()).containsExactly("01", "error: empty input", "02");
  }

  @Test
  void nickname_encodes_standard_model_names_as_enums_and_decodes_them_back() {
    Run enc = run("", "ari", "encode", "--nickname", "ari://ietf/dtnma-agent/EDD/sw-vendor");
    assertThat(enc.exitCode()).isZero();
    assertThat(enc.lines()).containsExactly("8401012300");
    Run plain = run("", "ari", "decode", "8401012300");
    assertThat(plain.lines()).containsExactly("ari://1/1/EDD/0");
    Run named = run("", "ari", "decode", "--nickname", "8401012300");
    assertThat(named.lines()).containsExactly("ari://ietf/dtnma-agent/EDD/sw-vendor");
  }

  @Test
  void an_unknown_option_is_a_usage_error_with_exit_code_2() {
    Run r = run("", "ari", "encode", "--bogus");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("Unknown option: '--bogus'").contains("Usage:");
  }

  @Test
  void ari_without_a_subcommand_is_a_usage_error() {
    Run r = run("", "ari");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("ama ari encode");
  }

  @Test
  void help_shows_examples() {
    Run r = run("", "ari", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Examples:").contains("ama ari encode 'ari:/INT/-10'");
  }

  @Test
  void version_names_ama() {
    Run r = run("", "--version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("ama ");
  }

  @Test
  void every_help_page_renders_without_picocli_warnings() {
    java.io.PrintStream original = System.err;
    java.io.ByteArrayOutputStream tracer = new java.io.ByteArrayOutputStream();
    // picocli's own warnings (e.g. an unescaped % in a description) go to System.err.
    System.setErr(new java.io.PrintStream(tracer, true, StandardCharsets.UTF_8));
    try {
      for (String cmd :
          new String[] {
            "", "ari", "ari encode", "ari decode", "lang", "lang compile", "lang check", "lang eval"
          }) {
        String[] args = (cmd + " --help").trim().split(" ");
        Run r = run("", args);
        assertThat(r.exitCode()).as(cmd).isZero();
        assertThat(r.out()).as(cmd).startsWith("Usage: ama");
      }
    } finally {
      System.setErr(original);
    }
    assertThat(tracer.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
