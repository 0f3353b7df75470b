package dev.ama.cli.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ama.cli.node.NodeConfigException.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigLoaderTest {
  @TempDir Path dir;

  private NodeConfig load(String yaml) throws Exception {
    Path f = dir.resolve("node.yaml");
    Files.writeString(f, yaml);
    return NodeConfigLoader.load(f);
  }

  private List<Problem> problems(String yaml) throws IOException {
    Path f = dir.resolve("node.yaml");
    Files.writeString(f, yaml);
    try {
      NodeConfigLoader.load(f);
    } catch (NodeConfigException e) {
      return e.problems();
    }
    throw new AssertionError("expected the configuration to be refused");
  }

  @Test
  void reads_a_full_agent_and_manager_configuration() throws Exception {
    Files.writeString(dir.resolve("rules.ama"), "PROD(1s, num-msg-rx) TO \"ipn:1.1\"\n");
    Files.writeString(dir.resolve("plan.txt"), "contact to-mgr +0s +1h unlimited\n");
    NodeConfig c =
        load(
            """
            eid: ipn:2.1
            roles: [agent, manager]
            data: state
            http:
              address: 127.0.0.1:8102
            transport:
              listen: 127.0.0.1:4102
              durability: group-commit-no-sync
              quota-bytes: 64MiB
              links:
                - name: to-mgr
                  tcp: 127.0.0.1:4101
                  contact-plan: plan.txt
                - name: mule
                  directory: media/mule
                  up: false
              routes:
                - {to: "ipn:1.*", via: to-mgr}
            agent:
              hello-to: [ipn:1.1]
              consolidation-window: 250ms
              report-priority: expedited
              report-lifetime: 2h
              acl:
                default-access: [execute, produce]
                groups:
                  - {id: 1, name: A, members: ["ipn:1.*"]}
                access:
                  - {id: 1, groups: [1], objects: "ari:/AC/(true)", permissions: [produce]}
              startup: [rules.ama]
              models:
                - name: //example/site
                  edds:
                    - {name: EDD1, file: values/edd1}
            manager:
              namespace: //ama/!site-b
              fusion:
                - name: V0
                  inputs:
                    - {agent: "ipn:2.1", source: "ari://example/site/EDD/EDD1"}
                  function: sum
                  window: 1m
                  destinations: [ipn:1.1]
            """);
    assertThat(c.eid()).isEqualTo("ipn:2.1");
    assertThat(c.roles()).containsExactly("agent", "manager");
    assertThat(c.data()).isEqualTo(dir.resolve("state"));
    assertThat(c.http().address().getPort()).isEqualTo(8102);
    assertThat(c.transport().durability()).isEqualTo("GROUP_COMMIT_NO_SYNC");
    assertThat(c.transport().quotaBytes()).isEqualTo(64L << 20);
    assertThat(c.transport().links()).hasSize(2);
    assertThat(c.transport().links().get(0).contactPlan()).isEqualTo(dir.resolve("plan.txt"));
    assertThat(c.transport().links().get(1).directory()).isEqualTo(dir.resolve("media/mule"));
    assertThat(c.transport().links().get(1).up()).isFalse();
    assertThat(c.transport().routes()).containsExactly(new NodeConfig.Route("ipn:1.*", "to-mgr"));
    assertThat(c.agent().consolidationWindow()).isEqualTo(Duration.ofMillis(250));
    assertThat(c.agent().reportPriority()).isEqualTo("expedited");
    assertThat(c.agent().reportLifetime()).isEqualTo(Duration.ofHours(2));
    assertThat(c.agent().defaultAccess()).containsExactly("execute", "produce");
    assertThat(c.agent().groups())
        .containsExactly(new NodeConfig.Group(1, "A", List.of("ipn:1.*")));
    assertThat(c.agent().models().get(0).edds().get(0).file())
        .isEqualTo(dir.resolve("values/edd1"));
    assertThat(c.manager().fusions().get(0).window()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void defaults_a_minimal_agent_to_loopback_api_and_a_data_folder_beside_the_file()
      throws Exception {
    NodeConfig c = load("eid: ipn:3.1\nroles: [agent]\n");
    assertThat(c.http().address().getAddress().isLoopbackAddress()).isTrue();
    assertThat(c.http().token()).isNull();
    assertThat(c.data()).isEqualTo(dir.resolve("data"));
    assertThat(c.manager()).isNull();
    assertThat(c.agent().consolidationWindow()).isEqualTo(Duration.ofMillis(100));
    assertThat(c.agent().defaultAccess()).isNull();
  }

  @Test
  void reports_every_problem_with_line_field_and_what_to_do() throws Exception {
    List<Problem> p =
        problems(
            """
            eid: nonsense
            roles: [agent, spy]
            colour: blue
            transport:
              links:
                - name: a
                  tcp: 127.0.0.1:99999
              routes:
                - {to: "ipn:1.*", via: b}
            """);
    assertThat(p)
        .extracting(Problem::field)
        .contains("eid", "roles[1]", "colour", "transport.links[0].tcp");
    Problem colour = p.stream().filter(x -> x.field().equals("colour")).findFirst().orElseThrow();
    assertThat(colour.line()).isEqualTo(3);
    assertThat(colour.message()).contains("unknown field").contains("eid, roles");
    Problem eid = p.stream().filter(x -> x.field().equals("eid")).findFirst().orElseThrow();
    assertThat(eid.toString()).startsWith(dir.resolve("node.yaml") + ":1:").contains("ipn:1.1");
    Problem port =
        p.stream()
            .filter(x -> x.field().equals("transport.links[0].tcp"))
            .findFirst()
            .orElseThrow();
    assertThat(port.line()).isEqualTo(7);
    assertThat(port.message()).contains("0 to 65535");
  }

  @Test
  void names_a_route_through_an_unknown_link() throws Exception {
    List<Problem> p =
        problems(
            """
            eid: ipn:2.1
            roles: [agent]
            transport:
              links:
                - {name: up, tcp: "127.0.0.1:4101"}
              routes:
                - {to: "ipn:1.*", via: down}
            """);
    assertThat(p)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.field()).isEqualTo("transport.routes[0].via");
              assertThat(x.message()).contains("'down'").contains("up");
              assertThat(x.line()).isEqualTo(7);
            });
  }

  @Test
  void refuses_an_api_open_to_the_network_without_a_token() throws Exception {
    List<Problem> p = problems("eid: ipn:2.1\nroles: [manager]\nhttp:\n  address: 0.0.0.0:8100\n");
    assertThat(p)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.field()).isEqualTo("http.address");
              assertThat(x.message()).contains("token");
            });
    NodeConfig ok =
        load(
            "eid: ipn:2.1\nroles: [manager]\nhttp:\n  address: 0.0.0.0:8100\n"
                + "  token: 0123456789abcdef0123\n");
    assertThat(ok.http().token()).isEqualTo("0123456789abcdef0123");
  }

  @Test
  void requires_exactly_one_transport_per_link_and_unique_link_names() throws Exception {
    List<Problem> p =
        problems(
            """
            eid: ipn:2.1
            roles: [agent]
            transport:
              links:
                - {name: a}
                - {name: b, tcp: "127.0.0.1:1", directory: x}
                - {name: b, tcp: "127.0.0.1:2"}
            """);
    assertThat(p)
        .extracting(Problem::field)
        .containsExactly("transport.links[0]", "transport.links[1]", "transport.links[2].name");
  }

  @Test
  void refuses_a_section_for_a_role_the_node_does_not_have() throws Exception {
    List<Problem> p = problems("eid: ipn:2.1\nroles: [agent]\nmanager:\n  namespace: //ama/!x\n");
    assertThat(p).singleElement().satisfies(x -> assertThat(x.message()).contains("manager role"));
  }

  @Test
  void refuses_bad_durations_permissions_and_missing_startup_files() throws Exception {
    List<Problem> p =
        problems(
            """
            eid: ipn:2.1
            roles: [agent]
            agent:
              consolidation-window: soon
              startup: [missing.ama]
              acl:
                default-access: [execute, fly]
                groups:
                  - {id: 0, name: self, members: ["*"]}
            """);
    assertThat(p)
        .extracting(Problem::field)
        .containsExactlyInAnyOrder(
            "agent.consolidation-window",
            "agent.startup[0]",
            "agent.acl.default-access[1]",
            "agent.acl.groups[0].id");
  }

  @Test
  void reports_yaml_syntax_errors_with_their_line() throws Exception {
    Path f = dir.resolve("node.yaml");
    Files.writeString(f, "eid: ipn:2.1\nroles: [agent\n");
    assertThatThrownBy(() -> NodeConfigLoader.load(f))
        .isInstanceOfSatisfying(
            NodeConfigException.class,
            e -> {
              assertThat(e.code()).isEqualTo(NodeConfigException.Code.SYNTAX);
              assertThat(e.problems().get(0).line()).isGreaterThan(1);
            });
  }

  @Test
  void reports_a_missing_file_as_unreadable() {
    assertThatThrownBy(() -> NodeConfigLoader.load(dir.resolve("absent.yaml")))
        .isInstanceOfSatisfying(
            NodeConfigException.class,
            e -> assertThat(e.code()).isEqualTo(NodeConfigException.Code.UNREADABLE));
  }

  @Test
  void reads_durations_in_every_documented_form() {
    assertThat(NodeConfigLoader.parseDuration("100ms")).isEqualTo(Duration.ofMillis(100));
    assertThat(NodeConfigLoader.parseDuration("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(NodeConfigLoader.parseDuration("2d")).isEqualTo(Duration.ofDays(2));
    assertThat(NodeConfigLoader.parseDuration("PT1S")).isEqualTo(Duration.ofSeconds(1));
    assertThat(NodeConfigLoader.parseDuration("1h 30m")).isNull();
    assertThat(NodeConfigLoader.parseDuration("")).isNull();
  }
}
