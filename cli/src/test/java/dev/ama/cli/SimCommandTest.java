package dev.ama.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimCommandTest {
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
  void runs_the_three_centers_example_through_its_outage_and_writes_the_summary() throws Exception {
    Path json = dir.resolve("summary.json");

    int code =
        run(
            "sim",
            Path.of("..", "examples", "three-centers").toString(),
            "--json",
            json.toString());

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("Scenario three-centers (seed 42): 2:00:00 of virtual time")
        .contains("alpha--gamma")
        .contains("0:30:00-1:30:00")
        .contains("caught up after")
        .contains("registry delta")
        .contains("online estimate");
    // Not a terminal here: progress comes as a line per tenth of the run.
    assertThat(err.toString()).contains("/ 2:00:00] events").contains("down: alpha--gamma");
    JsonNode s = new ObjectMapper().readTree(Files.readString(json));
    assertThat(s.get("scenario").asText()).isEqualTo("three-centers");
    assertThat(s.get("links")).hasSize(6);
    assertThat(s.get("outages").get(0).get("caught_up_after_s").isNumber()).isTrue();
    assertThat(s.get("wire_bytes").asLong()).isPositive();
    long truth = s.get("online_truth").asLong();
    for (JsonNode m : s.get("managers")) {
      assertThat(Math.abs(m.get("online_estimate").asLong() - truth)).isLessThanOrEqualTo(5);
    }
  }

  @Test
  void a_wrong_scenario_exits_1_with_every_problem() throws Exception {
    Path d = dir.resolve("bad");
    Files.createDirectories(d);
    Files.writeString(d.resolve("scenario.yaml"), "name: x\nduration: 1h\ncenters: []\nfoo: 1\n");

    assertThat(run("sim", d.toString())).isEqualTo(1);
    assertThat(err.toString())
        .contains("scenario.yaml:4:")
        .contains("foo: unknown field")
        .contains("problem(s)");
  }

  @Test
  void a_bad_duration_override_is_a_usage_error() {
    assertThat(run("sim", Path.of("..", "examples", "three-centers").toString(), "--duration", "x"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--duration");
  }
}
