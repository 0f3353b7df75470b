package dev.ama.cli.node;

import static dev.ama.cli.node.NodeHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ama.manager.SendResult;
import dev.ama.manager.reports.ReportQuery;
import dev.ama.manager.reports.StoredReport;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.text.AriTextEncoder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent in its own JVM, killed with kill -9 in the middle of a run and started again on its
 * data: what managers told it (ODM, VARs, ACL, rules) is back, its TBR continues on its grid, and
 * every control it had accepted was executed and answered.
 */
class AgentRestartTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final AriTextEncoder TEXT = new AriTextEncoder();

  @TempDir Path dir;

  private static List<StoredReport> ticks(Node manager) {
    List<StoredReport> out = new ArrayList<>();
    for (StoredReport r :
        manager.manager().reports(ReportQuery.all().withAgent("ipn:2.1").withLimit(10_000))) {
      if (r.nonce() == null || r.nonce() instanceof dev.ama.model.ari.NullLiteral) {
        if (TEXT.encode(r.source()).contains("VAR/V1")) {
          out.add(r);
        }
      }
    }
    return out;
  }

  @Test
  void killed_agent_comes_back_with_its_definitions_and_continues_its_rules_on_the_grid()
      throws Exception {
    Topology t = new Topology(dir);
    t.value(2, "temperature", "21");
    String acl = "  acl:\n    groups:\n      - {id: 1, name: A, members: [\"ipn:1.1\"]}\n";
    Path agentConfig =
        t.write(2, t.yaml(2, "agent", List.of(1), t.agentSection(2, List.of("temperature"), acl)));
    NodeHarness.Child agent = new NodeHarness.Child(agentConfig).start();
    try (Node manager =
        t.start(1, t.yaml(1, "manager", List.of(2), Topology.managerSection("//ama/!m1", "")))) {
      agent.awaitRunning(WAIT);
      SendResult sent =
          manager
              .manager()
              .send(
                  "ipn:2.1",
                  "GROUP A = 1\nDEF([A], V1, temperature * 2)\n"
                      + "RULE tick: EVERY 1s DO REPORT(V1) TO \"ipn:1.1\"\n");
      await(WAIT, "3 ticks before the kill", () -> ticks(manager).size() >= 3);
      List<StoredReport> before = ticks(manager);
      long phase = before.get(0).referenceTime().toEpochMilli() % 1000;

      agent.kill9();
      Instant killed = Instant.now();
      Thread.sleep(2500);
      agent.start();
      agent.awaitRunning(WAIT);
      await(
          WAIT,
          "4 ticks after the restart",
          () ->
              ticks(manager).stream().filter(r -> r.referenceTime().isAfter(killed)).count() >= 4);

      // Every control the agent accepted was executed and answered (one report per control).
      for (String nonce : sent.nonces()) {
        assertThat(
                manager.manager().reports(ReportQuery.all().withAgent("ipn:2.1")).stream()
                    .filter(r -> r.nonce() != null && TEXT.encode(r.nonce()).endsWith(nonce))
                    .toList())
            .as("execution reports for nonce %s", nonce)
            .isNotEmpty()
            .allSatisfy(r -> assertThat(r.items()).doesNotContain(Ari.UNDEFINED));
      }
      List<StoredReport> after =
          ticks(manager).stream().filter(r -> r.referenceTime().isAfter(killed)).toList();
      // V1 (ODM, expression VAR) and its ACL entry for group A are back: A still gets 42.
      assertThat(after)
          .allSatisfy(r -> assertThat(((IntLiteral) r.items().get(0)).longValue()).isEqualTo(42));
      // The rule is back on its grid: at most one catch-up run off the grid, the rest on it.
      long offGrid =
          after.stream()
              .filter(
                  r -> {
                    long d = Math.abs(r.referenceTime().toEpochMilli() % 1000 - phase);
                    return Math.min(d, 1000 - d) > 150;
                  })
              .count();
      assertThat(offGrid).isLessThanOrEqualTo(1);
      // No tick was reported twice.
      assertThat(ticks(manager).stream().map(StoredReport::referenceTime).distinct().count())
          .isEqualTo(ticks(manager).size());

      // SIGTERM stops it cleanly: the JVM's usual 143 (128 + SIGTERM) after the node closed.
      assertThat(agent.terminate()).isIn(0, 143);
      assertThat(java.nio.file.Files.readString(agent.log(agent.starts - 1)))
          .contains("node ipn:2.1 stopped");
    } finally {
      agent.kill9();
    }
  }
}
