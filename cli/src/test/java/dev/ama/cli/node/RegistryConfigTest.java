package dev.ama.cli.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ama.cli.node.NodeConfigException.Problem;
import dev.ama.cli.node.internal.RegistryRules;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.ExecSetLiteral;
import dev.ama.model.ari.ObjectRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry section of node.yaml and the sync rules it brings. */
class RegistryConfigTest {
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

  private static final String CENTER =
      """
      eid: ipn:1.0
      roles: [agent]
      registry:
        peers:
          - {eid: "ipn:2.0", groups: [ops]}
          - {eid: "ipn:3.0"}
        heartbeat-timeout: 45s
        retention: 2d
        takeover-time: 6h
        guard: {share: 0.25, window: 2m, minimum: 4}
        delta-max-records: 500
        push-threshold: 20
      """;

  @Test
  void reads_a_registry_center_with_its_peers_and_settings() throws Exception {
    NodeConfig c = load(CENTER);
    NodeConfig.Registry r = c.registry();
    assertThat(r.peers())
        .containsExactly(
            new NodeConfig.Peer("ipn:2.0", List.of("ops")),
            new NodeConfig.Peer("ipn:3.0", List.of()));
    assertThat(r.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(45));
    assertThat(r.retention()).isEqualTo(Duration.ofDays(2));
    assertThat(r.takeoverTime()).isEqualTo(Duration.ofHours(6));
    assertThat(r.guardShare()).isEqualTo(0.25);
    assertThat(r.guardWindow()).isEqualTo(Duration.ofMinutes(2));
    assertThat(r.guardMinimum()).isEqualTo(4);
    assertThat(r.deltaMaxRecords()).isEqualTo(500);
    assertThat(r.pushThreshold()).isEqualTo(20);
    assertThat(r.rules()).isNull();
  }

  @Test
  void defaults_and_center_off() throws Exception {
    NodeConfig c = load("eid: ipn:1.0\nroles: [agent]\nregistry: {peers: []}\n");
    assertThat(c.registry().heartbeatTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(c.registry().retention()).isEqualTo(Duration.ofDays(7));
    assertThat(c.registry().takeoverTime()).isNull();
    assertThat(c.registry().pushThreshold()).isEqualTo(100);
    assertThat(load("eid: ipn:1.0\nroles: [agent]\nregistry: {center: false}\n").registry())
        .isNull();
    assertThat(load("eid: ipn:1.0\nroles: [agent]\n").registry()).isNull();
  }

  @Test
  void refuses_bad_registry_settings_with_file_line_and_column() throws Exception {
    List<Problem> p =
        problems(
            """
            eid: ipn:1.0
            roles: [manager]
            registry:
              peers:
                - {eid: "nonsense"}
                - {eid: "ipn:1.0"}
              guard: {share: 3}
              heartbeat-timeout: soon
              colour: red
              rules: missing.ama
            """);
    assertThat(p)
        .extracting(Problem::field)
        .contains(
            "registry",
            "registry.peers[0].eid",
            "registry.peers[1]",
            "registry.guard.share",
            "registry.heartbeat-timeout",
            "registry.colour",
            "registry.rules");
    Problem self =
        p.stream().filter(x -> x.field().equals("registry.peers[1]")).findFirst().orElseThrow();
    assertThat(self.line()).isEqualTo(6);
    assertThat(self.column()).isPositive();
    assertThat(self.message()).contains("not its own peer");
    Problem role = p.stream().filter(x -> x.field().equals("registry")).findFirst().orElseThrow();
    assertThat(role.message()).contains("agent");
    assertThat(role.toString()).startsWith(dir.resolve("node.yaml") + ":4:");
  }

  @Test
  void the_shipped_rules_are_the_example_file_and_compile_for_every_peer() throws Exception {
    Path example = Path.of("..", "examples", "registry", "sync-rules.ama");
    assertThat(RegistryRules.shipped())
        .isEqualTo(Files.readString(example, StandardCharsets.UTF_8));
    NodeConfig c = load(CENTER);

    List<ExecSetLiteral> sets = Node.compileRegistryRules(c);

    String all = sets.toString();
    // a TBR push, an SBR push and a TBR audit per peer, and one maintenance rule
    assertThat(count(sets, "ensure-tbr")).isEqualTo(5);
    assertThat(count(sets, "ensure-sbr")).isEqualTo(2);
    assertThat(all).contains("registry-push-1", "registry-burst-2", "registry-audit-2");
    assertThat(all).contains("ipn:2.0", "ipn:3.0");
  }

  @Test
  void operators_replace_the_rules_and_their_errors_name_the_file() throws Exception {
    Files.writeString(
        dir.resolve("mine.ama"),
        "RULE fast-${n}: EVERY 1s DO //ama/ama-registry/CTRL/sync-push(\"${peer}\")\n");
    NodeConfig c = load(CENTER + "  rules: mine.ama\n");
    List<ExecSetLiteral> sets = Node.compileRegistryRules(c);
    assertThat(count(sets, "ensure-tbr")).isEqualTo(2);
    assertThat(sets.toString()).contains("fast-1", "fast-2").doesNotContain("registry-audit");

    Files.writeString(dir.resolve("mine.ama"), "RULE broken: EVERY DO nothing-at-all\n");
    assertThatThrownBy(() -> Node.compileRegistryRules(c))
        .isInstanceOf(NodeStartException.class)
        .hasMessageContaining("mine.ama:1:");
  }

  private static long count(List<ExecSetLiteral> sets, String ctrl) {
    long n = 0;
    for (ExecSetLiteral s : sets) {
      for (Ari t : s.targets()) {
        if (t instanceof ObjectRef r && ctrl.equals(r.object().text())) {
          n++;
        }
      }
    }
    return n;
  }
}
