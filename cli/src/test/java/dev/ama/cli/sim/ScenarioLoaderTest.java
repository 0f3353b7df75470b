package dev.ama.cli.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScenarioLoaderTest {
  private static final Path EXAMPLE = Path.of("..", "examples", "three-centers");

  private static Scenario parse(String yaml) throws ScenarioException {
    return ScenarioLoader.parse(yaml, Path.of("scenario.yaml"));
  }

  @Test
  void reads_the_shipped_three_centers_example() throws Exception {
    Scenario s = ScenarioLoader.load(EXAMPLE);

    assertThat(s.name()).isEqualTo("three-centers");
    assertThat(s.centers())
        .extracting(Scenario.Center::name)
        .containsExactly("alpha", "beta", "gamma");
    assertThat(s.centers().get(0).peers().get(0).groups()).containsExactly("alliance");
    assertThat(s.links()).hasSize(6);
    Scenario.Link cut = s.links().get(2);
    assertThat(cut.name()).isEqualTo("alpha--gamma");
    assertThat(cut.rate()).isEqualTo(32_000);
    assertThat(cut.outages())
        .containsExactly(new Scenario.Outage(Duration.ofMinutes(30), Duration.ofHours(1)));
    assertThat(s.workload().restricted()).containsEntry("imaging", "alliance");
    assertThat(s.workload().join()).isEqualTo(new Scenario.Rate(0.02, true));
    assertThat(s.registry().takeoverTime()).isEqualTo(Duration.ofHours(3));
  }

  @Test
  void rejects_a_peer_without_a_link_and_names_the_line() {
    String yaml =
        "name: t\n"
            + "duration: 1h\n"
            + "centers:\n"
            + "  - {name: a, eid: 'ipn:1.1', agents: 5, peers: [b]}\n"
            + "  - {name: b, eid: 'ipn:2.1', agents: 5, peers: [a]}\n";

    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("scenario.yaml:4:")
        .hasMessageContaining("no link between a and its peer b");
  }

  @Test
  void rejects_unknown_names_fields_and_bad_values_all_at_once() {
    String yaml =
        "name: t\n"
            + "duration: soon\n"
            + "centers:\n"
            + "  - {name: a, eid: 'ipn:1.1', peers: [zeta], colour: red}\n"
            + "links:\n"
            + "  - {between: [a, nowhere], rate: fast}\n"
            + "workload:\n"
            + "  join: lots\n";

    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOfSatisfying(
            ScenarioException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ScenarioException.Code.INVALID);
              assertThat(e.getMessage())
                  .contains("scenario.yaml:2:11: duration: expected a duration")
                  .contains("centers[0].colour: unknown field")
                  .contains("links[0].rate: expected a size")
                  .contains("workload.join: expected events per hour");
            });
  }

  @Test
  void rejects_references_to_undeclared_nodes() {
    String yaml =
        "name: t\n"
            + "duration: 1h\n"
            + "centers:\n"
            + "  - {name: a, eid: 'ipn:1.1', peers: [zeta]}\n"
            + "managers:\n"
            + "  - {name: m, eid: 'ipn:9.1', collect: [b], share-with: [m]}\n"
            + "links:\n"
            + "  - {between: [a, nowhere]}\n";

    assertThatThrownBy(() -> parse(yaml))
        .hasMessageContaining("'zeta' is not a center")
        .hasMessageContaining("'b' is not a center")
        .hasMessageContaining("'m' is not another manager")
        .hasMessageContaining("'nowhere' is not a center or manager");
  }

  @Test
  void rejects_text_that_is_not_yaml_with_its_position() {
    assertThatThrownBy(() -> parse("name: [unclosed\n"))
        .isInstanceOfSatisfying(
            ScenarioException.class,
            e -> assertThat(e.code()).isEqualTo(ScenarioException.Code.SYNTAX));
  }

  @Test
  void reports_a_missing_scenario_folder_as_unreadable() {
    assertThatThrownBy(() -> ScenarioLoader.load(Path.of("no-such-folder")))
        .isInstanceOfSatisfying(
            ScenarioException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ScenarioException.Code.UNREADABLE);
              assertThat(e.getMessage()).contains("scenario.yaml");
            });
  }
}
