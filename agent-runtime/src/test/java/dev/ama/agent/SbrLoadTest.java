package dev.ama.agent;

import static dev.ama.agent.AgentFixture.MGR;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cost of many SBRs: 10,000 SBRs evaluated every second must cost at most 10% of a core, so a
 * virtual minute of them (600,000 evaluations) must take less than 6 s of wall time.
 */
class SbrLoadTest {
  private static final String DA = "//ietf/dtnma-agent/";

  @Test
  void ten_thousand_sbrs_at_one_second_cost_less_than_a_tenth_of_a_core() {
    Thermo thermo = new Thermo();
    InMemoryAgentStore store = new InMemoryAgentStore();
    try (AgentFixture f =
        new AgentFixture(
            new dev.ama.rules.schedule.VirtualRuleScheduler(AgentFixture.T0),
            store,
            b -> b.adm(thermo.adm()))) {
      for (int batch = 0; batch < 10; batch++) {
        List<String> targets = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
          int n = batch * 1000 + i;
          targets.add(
              DA
                  + "CTRL/ensure-sbr(//ama/!load/, \"s"
                  + n
                  + "\", "
                  + n
                  + ", //example/thermo/CTRL/turn_heater_off, /AC/(//example/thermo/EDD/current_temp, "
                  + "//example/thermo/VAR/maximum_temp, "
                  + DA
                  + "OPER/compare-gt), /TD/PT1S, /UVAST/0, true)");
        }
        f.runQuiet(MGR, targets.toArray(String[]::new));
      }
      assertThat(f.agent.status().rules()).hasSize(10_000);
      long commits = store.commits();
      f.scheduler.runFor(Duration.ofSeconds(5)); // warm-up
      long start = System.nanoTime();
      f.scheduler.runFor(Duration.ofSeconds(60));
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertThat(ms).as("wall time of one virtual minute, ms").isLessThan(6_000);
      assertThat(store.commits()).isEqualTo(commits);
      assertThat(thermo.heaterOff).isEmpty();
      org.slf4j.LoggerFactory.getLogger(SbrLoadTest.class)
          .info("10,000 SBRs for a virtual minute: {} ms", ms);
    }
  }
}
