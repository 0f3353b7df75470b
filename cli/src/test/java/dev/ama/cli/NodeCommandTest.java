package dev.ama.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class NodeCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = AmaCommand.newCommandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void check_accepts_the_shipped_example_configurations() {
    Path examples = Path.of("..", "examples", "nodes");
    for (String name : new String[] {"manager.yaml", "agent-2.yaml", "agent-3.yaml"}) {
      assertThat(run("node", "--config", examples.resolve(name).toString(), "--check"))
          .as("%s: %s", name, err)
          .isZero();
    }
    assertThat(out.toString()).contains("ok (ipn:1.1, manager)").contains("ok (ipn:2.1, agent)");
  }

  @Test
  void check_lists_every_problem_with_its_place_and_exits_1() throws Exception {
    Path f = dir.resolve("node.yaml");
    Files.writeString(
        f, "eid: ipn:2.1\nroles: [agent]\nhttp:\n  address: 127.0.0.1:99999\nfoo: 1\n");
    assertThat(run("node", "--config", f.toString(), "--check")).isEqualTo(1);
    assertThat(err.toString())
        .contains(f + ":4:12: http.address: the port must be 0 to 65535")
        .contains(f + ":5:6: foo: unknown field")
        .contains("2 problem(s)");
  }

  @Test
  void check_compiles_the_startup_files_and_reports_their_errors() throws Exception {
    Files.writeString(dir.resolve("rules.ama"), "PROD(1s, no_such_thing) TO \"ipn:1.1\"\n");
    Path f = dir.resolve("node.yaml");
    Files.writeString(f, "eid: ipn:2.1\nroles: [agent]\nagent:\n  startup: [rules.ama]\n");
    assertThat(run("node", "--config", f.toString(), "--check")).isEqualTo(1);
    assertThat(err.toString()).contains("rules.ama:1:").contains("no_such_thing");
  }

  @Test
  void a_missing_config_option_is_a_usage_error() {
    assertThat(run("node")).isEqualTo(2);
  }
}
