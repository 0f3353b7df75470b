package dev.ama.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ama.bench.AgentLoad.SchedulerKind;
import dev.ama.bench.AgentLoad.Shape;
import dev.ama.bench.AgentLoad.StoreKind;
import dev.ama.rules.schedule.RuleState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The agent load benchmark's setup at a small scale (10 EDDs, 100 SBRs, 10 TBRs), on both stores:
 * the rules install, run, report, and a probe reacts to its EDD.
 */
class AgentLoadBenchmarkTest {
  private static final Shape SMALL = new Shape(10, 100, 10);

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void installs_the_rules_and_the_probe_sbr_reacts_to_its_edd(StoreKind kind) throws Exception {
    try (AgentLoad load = AgentLoad.start(SMALL, kind)) {
      assertThat(load.install()).isEqualTo(110);
      List<RuleState> rules = load.agent().status().rules();
      assertThat(rules).allMatch(RuleState::enabled);
      assertThat(rules)
          .extracting(RuleState::name)
          .contains("//bench/!load/SBR/p3", "//bench/!load/SBR/s1", "//bench/!load/TBR/t9");

      long nanos = load.react(3, Duration.ofSeconds(5));

      assertThat(nanos).isPositive().isLessThan(Duration.ofSeconds(5).toNanos());
      assertThat(load.app().hits(3)).isEqualTo(1);
      for (int k = 0; k < SMALL.edds(); k++) {
        assertThat(load.app().hits(k)).as("hits of probe %d", k).isEqualTo(k == 3 ? 1 : 0);
      }
      assertThat(load.app().value(3)).isZero();
    }
  }

  @Test
  void the_same_rules_run_and_react_on_the_comparison_scheduler() throws Exception {
    try (AgentLoad load = AgentLoad.start(SMALL, StoreKind.MEMORY, SchedulerKind.EXECUTOR)) {
      assertThat(load.install()).isEqualTo(110);
      assertThat(load.schedulerName()).startsWith("bench-rules-");

      assertThat(load.react(7, Duration.ofSeconds(5))).isPositive();
      assertThat(load.app().hits(7)).isEqualTo(1);
    }
  }

  @Test
  void each_edd_is_read_by_its_share_of_sbrs_one_probe_and_one_always_true_among_them() {
    Shape full = new Shape(100, 10_000, 1_000);
    List<String> lines = AgentLoad.source(full).lines().toList();

    assertThat(lines.stream().filter(l -> l.startsWith("RULE p"))).hasSize(100);
    assertThat(lines.stream().filter(l -> l.contains("> -1000 THEN"))).hasSize(full.alwaysTrue());
    assertThat(lines.stream().filter(l -> l.startsWith("RULE s"))).hasSize(9_900);
    assertThat(lines.stream().filter(l -> l.startsWith("RULE t"))).hasSize(1_000);
    assertThat(lines.stream().filter(l -> l.matches("RULE [sp]\\d+: IF e17 .*"))).hasSize(100);
    assertThat(lines.contains("RULE p17: IF e17 < 0 THEN hit(17) MIN_INTERVAL 1s")).isTrue();
    assertThat(lines.contains("RULE s1817: IF e17 > 2817 THEN REPORT(e17) MIN_INTERVAL 1s"))
        .isTrue();
    assertThat(lines.contains("RULE s6717: IF e17 > -1000 THEN REPORT(e17) MIN_INTERVAL 1s"))
        .isTrue();
    // The probes sit at every position of their EDD's list: p17 is the 17th reader of e17.
    assertThat(AgentLoad.probePosition(full, 17)).isEqualTo(17);
    assertThat(AgentLoad.probePosition(Shape.probesOnly(100), 17)).isZero();
  }

  @Test
  void measures_cpu_share_reaction_times_and_reports_of_a_running_agent() throws Exception {
    AgentLoadBenchmark.Settings s =
        AgentLoadBenchmark.Settings.parse(
            new String[] {
              "--warmup", "0", "--seconds", "1", "--samples", "10", "--spacing-ms", "1"
            });
    try (AgentLoad load = AgentLoad.start(SMALL, StoreKind.MEMORY)) {
      load.install();
      AgentLoadBenchmark.Cost cost = AgentLoadBenchmark.cost("small", load, s);
      AgentLoadBenchmark.Reaction r = AgentLoadBenchmark.reaction("small", load, s);

      assertThat(cost.rules()).isEqualTo(110);
      assertThat(cost.cpu().wallNanos()).isGreaterThanOrEqualTo(1_000_000_000L);
      assertThat(cost.cpu().ofOneCore())
          .isPositive()
          .isLessThan(Runtime.getRuntime().availableProcessors());
      assertThat(cost.cpu().byGroup()).containsKey(CpuMeter.JVM);
      assertThat(cost.reads()).isPositive();
      // Every TBR run writes its state: 10 TBRs at 1 s give about 10 commits in the second.
      assertThat(cost.commits()).isPositive();
      assertThat(r.missed()).isZero();
      assertThat(r.nanos()).hasSize(10).isSorted();
      assertThat(r.percentileMs(0.5)).isPositive().isLessThanOrEqualTo(r.percentileMs(0.99));
      // No sample waited for a probe's min-interval (1 s): each probe rested long enough.
      assertThat(r.percentileMs(1.0)).isLessThan(900);
      // The TBRs and the always-true SBRs report every second (two rounds by now, or soon).
      long perRound = SMALL.tbrs() + SMALL.alwaysTrue();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (load.agent().status().counters().reportsSent() < 2 * perRound
          && System.nanoTime() < deadline) {
        LockSupport.parkNanos(20_000_000);
      }
      assertThat(load.agent().status().counters().reportsSent())
          .isGreaterThanOrEqualTo(2 * perRound);
      assertThat(load.messages()).isPositive();
      assertThat(load.bytes()).isGreaterThan(load.messages());
      assertThat(load.agent().status().counters().execFailed()).isZero();
    }
  }

  @Test
  void refuses_an_unknown_option_and_a_shape_whose_sbrs_do_not_divide_among_the_edds() {
    assertThatThrownBy(() -> AgentLoadBenchmark.Settings.parse(new String[] {"--sbr", "5"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--sbr");
    assertThatThrownBy(() -> new Shape(100, 150, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiple");
  }
}
