package dev.ama.cli.node;

import static dev.ama.cli.node.NodeHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ama.manager.reports.ReportQuery;
import dev.ama.manager.reports.StoredReport;
import dev.ama.model.ari.text.AriTextEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manager is out of contact for a while (a gap in the agent's contact plan): the agent's
 * periodic reports queue in its outbox and arrive when the contact resumes, none lost and none
 * stored twice.
 */
class DisconnectionTest {
  private static final AriTextEncoder TEXT = new AriTextEncoder();

  @TempDir Path dir;

  @Test
  void reports_queue_during_a_contact_gap_and_all_arrive_once() throws Exception {
    Topology t = new Topology(dir);
    t.value(2, "temperature", "21");
    Files.createDirectories(t.dir(2));
    Files.writeString(
        t.dir(2).resolve("plan.txt"),
        "contact to-1 +0s +4s unlimited\ncontact to-1 +12s +1h unlimited\n");
    Files.writeString(
        t.dir(2).resolve("rules.ama"),
        "DECLARE //example/site { EDD temperature }\n"
            + "RULE tick: EVERY 1s DO REPORT(temperature) TO \"ipn:1.1\"\n");
    String agentYaml =
        t.yaml(
                2,
                "agent",
                List.of(1),
                t.agentSection(2, List.of("temperature"), "  startup: [rules.ama]\n"))
            .replace("{name: to-1, ", "{name: to-1, contact-plan: plan.txt, ");
    try (Node manager =
            t.start(1, t.yaml(1, "manager", List.of(2), Topology.managerSection("//ama/!m", "")));
        Node agent = t.start(2, agentYaml)) {
      Instant started = Instant.now();
      await(Duration.ofSeconds(10), "first ticks", () -> ticks(manager).size() >= 2);
      // In the gap: the reports wait in the agent's outbox.
      await(
          Duration.ofSeconds(15),
          "reports queued on the agent during the gap",
          () ->
              Duration.between(started, Instant.now()).toMillis() > 6_000
                  && agent.transport().status().queues().stream().anyMatch(q -> q.queued() >= 2));
      int duringGap = ticks(manager).size();
      await(
          Duration.ofSeconds(30),
          "the contact resumes and the queued reports arrive",
          () -> ticks(manager).size() >= duringGap + 10);
      List<StoredReport> all = ticks(manager);
      List<Long> seconds =
          all.stream().map(r -> r.referenceTime().toEpochMilli()).sorted().toList();
      // None stored twice.
      assertThat(seconds).doesNotHaveDuplicates();
      // None lost: one report per second of the grid, from the first to the last.
      long first = seconds.get(0);
      long last = seconds.get(seconds.size() - 1);
      assertThat(seconds).hasSize((int) Math.round((last - first) / 1000.0) + 1);
    }
  }

  private static List<StoredReport> ticks(Node manager) {
    return manager
        .manager()
        .reports(ReportQuery.all().withAgent("ipn:2.1").withLimit(10_000))
        .stream()
        .filter(r -> TEXT.encode(r.source()).contains("temperature"))
        .toList();
  }
}
