package dev.ama.cli.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ama.agent.registry.RegistryRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole deployments in virtual time: real agents, managers and transports on simulated links. */
class SimulationTest {
  /** Three centers in a triangle; alpha--gamma is down from 10 to 25 minutes. */
  static final String SMALL =
      "name: small\n"
          + "seed: 3\n"
          + "duration: 40m\n"
          + "report-every: 1m\n"
          + "centers:\n"
          + "  - {name: alpha, eid: 'ipn:1.1', agents: 60,"
          + " peers: [{center: beta, groups: [alliance]}, gamma]}\n"
          + "  - {name: beta, eid: 'ipn:2.1', agents: 40,"
          + " peers: [{center: alpha, groups: [alliance]}, gamma]}\n"
          + "  - {name: gamma, eid: 'ipn:3.1', agents: 30, peers: [alpha, beta]}\n"
          + "managers:\n"
          + "  - {name: ma, eid: 'ipn:11.1', collect: [alpha], share-with: [mb]}\n"
          + "  - {name: mb, eid: 'ipn:12.1', collect: [beta, gamma], share-with: [ma]}\n"
          + "links:\n"
          + "  - {between: [alpha, beta], delay: 50ms, rate: 100KB}\n"
          + "  - {between: [beta, gamma], delay: 200ms, rate: 20KB}\n"
          + "  - {between: [alpha, gamma], delay: 500ms, rate: 20KB,"
          + " down: [{from: 10m, for: 15m}]}\n"
          + "  - {between: [ma, alpha], delay: 5ms}\n"
          + "  - {between: [mb, beta], delay: 5ms}\n"
          + "workload:\n"
          + "  skills: [relay, storage, imaging, timing]\n"
          + "  restricted: {alliance: [imaging]}\n"
          + "  join: 20%/h\n"
          + "  leave: 10%/h\n"
          + "  vanish: 10%/h\n"
          + "  flap: 20%/h\n"
          + "  skill-change: 20%/h\n"
          + "  duplicates: 2\n"
          + "registry: {heartbeat-timeout: 90s, retention: 20m, takeover-time: 2h}\n";

  @TempDir static Path work;

  /** One run of {@link #SMALL} shared by the tests that only read its outcome. */
  private static SimSummary small;

  private static Simulation smallSim;

  @BeforeAll
  static void runSmall() throws Exception {
    smallSim =
        Simulation.create(
            ScenarioLoader.parse(SMALL, Path.of("scenario.yaml")), work.resolve("small"));
    small = smallSim.run(p -> {});
  }

  @AfterAll
  static void close() {
    smallSim.close();
  }

  private static SimSummary run(String yaml, Path dir) throws Exception {
    Scenario s = ScenarioLoader.parse(yaml, Path.of("scenario.yaml"));
    try (Simulation sim = Simulation.create(s, dir)) {
      return sim.run(p -> {});
    }
  }

  @Test
  void centers_catch_up_after_an_outage_and_agree_once_the_workload_stops() throws Exception {
    SimSummary s = small;

    assertThat(s.steadyFrom()).isNotNull();
    assertThat(s.outages()).hasSize(1);
    SimSummary.OutageRecovery o = s.outages().get(0);
    assertThat(o.link()).isEqualTo("alpha--gamma");
    assertThat(o.caughtUpAfter()).isNotNull().isLessThan(Duration.ofMinutes(5));
    assertThat(s.convergedAfterDrain()).isNotNull();
    assertThat(s.centers()).allSatisfy(c -> assertThat(c.versionsBehind()).isZero());
    SimSummary.LinkTraffic cut = s.links().get(2);
    assertThat(cut.down()).isEqualTo(Duration.ofMinutes(15));
    assertThat(s.workload().joins() + s.workload().leaves() + s.workload().flaps()).isPositive();
    // Heartbeats stay at home: the traffic between centers is deltas, acks and audits only.
    assertThat(s.workload().heartbeats()).isGreaterThan(10_000);
    assertThat(s.payloadBytes().keySet())
        .allMatch(k -> k.startsWith("registry") || k.startsWith("audit") || k.contains("report"));
  }

  @Test
  void managers_fuse_online_agents_across_domains_to_the_true_total() throws Exception {
    SimSummary s = small;

    assertThat(s.onlineTruth()).isPositive();
    // Reports come every minute: an agent may come back or fall silent after the last one.
    assertThat(s.managers())
        .allSatisfy(
            m -> {
              assertThat(m.reports()).isPositive();
              assertThat(m.fusedReports()).isPositive();
              assertThat(m.onlineEstimate()).isCloseTo(s.onlineTruth(), within(3L));
            });
  }

  @Test
  void duplicate_registrations_are_found_by_every_center() throws Exception {
    SimSummary s = small;

    assertThat(s.centers()).allSatisfy(c -> assertThat(c.conflicts()).isEqualTo(2));
  }

  @Test
  void a_center_outside_the_group_never_holds_a_restricted_skill_of_another_home()
      throws Exception {
    {
      List<RegistryRecord> gammaSees = smallSim.center("gamma").records(0, 10_000);
      List<RegistryRecord> betaSees = smallSim.center("beta").records(0, 10_000);

      assertThat(gammaSees)
          .filteredOn(r -> !r.home().toString().equals("ipn:3.1"))
          .isNotEmpty()
          .allSatisfy(r -> assertThat(r.skills()).noneMatch(k -> k.name().equals("imaging")));
      // beta is in the group: it sees alpha's imaging agents.
      assertThat(betaSees)
          .filteredOn(r -> r.home().toString().equals("ipn:1.1"))
          .anySatisfy(r -> assertThat(r.skills()).anyMatch(k -> k.name().equals("imaging")));
    }
  }

  @Test
  void the_same_seed_gives_the_same_run_and_another_seed_another() throws Exception {
    String shorter = SMALL.replace("duration: 40m", "duration: 15m");
    SimSummary a = run(shorter, work.resolve("e"));
    SimSummary b = run(shorter, work.resolve("f"));
    SimSummary c = run(shorter.replace("seed: 3", "seed: 4"), work.resolve("g"));

    assertThat(withoutWall(b)).isEqualTo(withoutWall(a));
    assertThat(withoutWall(c)).isNotEqualTo(withoutWall(a));
  }

  private static String withoutWall(SimSummary s) {
    return SimSummaryJson.toJson(s).without("wall_time_s").toString();
  }
}
