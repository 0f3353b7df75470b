package dev.ama.rules.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.BoolLiteral;
import dev.ama.model.ari.ObjectRef;
import dev.ama.rules.expr.ExprCompiler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RuleEngineTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  private final VirtualRuleScheduler clock = new VirtualRuleScheduler(T0);
  private final List<String> log = new ArrayList<>();
  private final RuleEngine engine = new RuleEngine(clock);

  /** An action that logs "name@seconds-since-T0#count". */
  private RuleAction logs(String name) {
    return (at, count) ->
        log.add(name + "@" + Duration.between(T0, at).toMillis() / 1000.0 + "#" + count);
  }

  private static Instant at(double seconds) {
    return T0.plusMillis((long) (seconds * 1000));
  }

  private static Duration s(long seconds) {
    return Duration.ofSeconds(seconds);
  }

  @Test
  void a_tbr_runs_on_its_grid_and_stops_at_max_count() {
    engine.add(Tbr.builder("t").start(at(5)).period(s(10)).maxCount(3).action(logs("t")).build());

    clock.advanceTo(at(60));

    assertThat(log).containsExactly("t@5.0#1", "t@15.0#2", "t@25.0#3");
    assertThat(engine.state("t")).isEqualTo(new RuleState("t", false, 3, at(25), null));
    assertThat(clock.nextTaskTime()).isNull();
  }

  @Test
  void a_tbr_with_a_relative_start_counts_from_its_creation() {
    clock.advanceTo(at(7));
    engine.add(Tbr.builder("t").startAfter(s(3)).period(s(5)).action(logs("t")).build());

    clock.advanceTo(at(21));

    assertThat(log).containsExactly("t@10.0#1", "t@15.0#2", "t@20.0#3");
    assertThat(engine.state("t").nextRun()).isEqualTo(at(25));
  }

  @Test
  void a_tbr_added_after_its_absolute_start_joins_its_grid() {
    clock.advanceTo(at(12));
    engine.add(Tbr.builder("t").start(T0).period(s(5)).action(logs("t")).build());

    clock.advanceTo(at(21));

    assertThat(log).containsExactly("t@15.0#1", "t@20.0#2");
  }

  @Test
  void disabling_stops_a_tbr_and_enabling_resets_its_count_on_the_same_grid() {
    engine.add(Tbr.builder("t").start(T0).period(s(10)).action(logs("t")).build());
    clock.advanceTo(at(25));
    engine.setEnabled("t", false);
    clock.advanceTo(at(47));
    assertThat(engine.state("t")).isEqualTo(new RuleState("t", false, 3, at(20), null));

    engine.setEnabled("t", true);
    assertThat(engine.state("t").count()).isZero();
    clock.advanceTo(at(60));

    assertThat(log).containsExactly("t@0.0#1", "t@10.0#2", "t@20.0#3", "t@50.0#1", "t@60.0#2");
  }

  @Test
  void a_tbr_that_reached_max_count_runs_again_when_enabled() {
    engine.add(Tbr.builder("t").start(T0).period(s(10)).maxCount(1).action(logs("t")).build());
    clock.advanceTo(at(30));
    engine.setEnabled("t", true);
    clock.advanceTo(at(60));

    assertThat(log).containsExactly("t@0.0#1", "t@30.0#1");
  }

  @Test
  void a_removed_rule_never_runs_again() {
    engine.add(Tbr.builder("t").start(T0).period(s(10)).action(logs("t")).build());
    engine.add(
        Sbr.builder("s")
            .condition(() -> true)
            .minInterval(s(10))
            .inputs("x")
            .action(logs("s"))
            .build());
    clock.advanceTo(at(5));

    assertThat(engine.remove("t")).isTrue();
    assertThat(engine.remove("s")).isTrue();
    assertThat(engine.remove("t")).isFalse();
    engine.inputChanged("x");
    clock.advanceTo(at(100));

    assertThat(log).containsExactly("t@0.0#1", "s@0.0#1");
    assertThat(engine.names()).isEmpty();
    assertThatThrownBy(() -> engine.state("t"))
        .isInstanceOf(java.util.NoSuchElementException.class);
  }

  @Test
  void a_restored_tbr_makes_one_catch_up_run_after_downtime_then_keeps_its_original_grid() {
    AtomicReference<RuleState> persisted = new AtomicReference<>();
    RuleEngine before = new RuleEngine(clock, persisted::set);
    before.add(Tbr.builder("t").period(s(10)).action(logs("t")).build());
    clock.advanceTo(at(25));
    assertThat(persisted.get()).isEqualTo(new RuleState("t", true, 3, at(20), at(30)));
    clock.close();

    // Down from 25 s to 125 s: ten grid points (30 … 120) missed.
    VirtualRuleScheduler later = new VirtualRuleScheduler(at(125));
    RuleEngine after = new RuleEngine(later);
    after.add(Tbr.builder("t").period(s(10)).action(logs("t")).build());
    after.restore("t", persisted.get());
    later.advanceTo(at(160));

    assertThat(log)
        .containsExactly(
            "t@0.0#1",
            "t@10.0#2",
            "t@20.0#3",
            "t@125.0#4",
            "t@130.0#5",
            "t@140.0#6",
            "t@150.0#7",
            "t@160.0#8");
  }

  @Test
  void a_restored_tbr_whose_next_run_is_ahead_waits_for_it() {
    engine.add(Tbr.builder("t").period(s(10)).action(logs("t")).build());
    engine.restore("t", new RuleState("t", true, 2, T0.minusSeconds(5), at(3)));
    clock.advanceTo(at(14));

    assertThat(log).containsExactly("t@3.0#3", "t@13.0#4");
  }

  @Test
  void a_restored_rule_past_its_max_count_stays_disabled() {
    engine.add(Tbr.builder("t").period(s(10)).maxCount(2).action(logs("t")).build());
    engine.restore("t", new RuleState("t", true, 2, T0, at(10)));
    clock.advanceTo(at(60));

    assertThat(log).isEmpty(); // restored before its run at 0 s: the persisted count wins
    assertThat(engine.state("t").enabled()).isFalse();
  }

  @Test
  void an_sbr_is_evaluated_every_min_interval_and_runs_when_true() {
    AtomicBoolean cond = new AtomicBoolean();
    AtomicInteger evaluations = new AtomicInteger();
    engine.add(
        Sbr.builder("s")
            .condition(
                () -> {
                  evaluations.incrementAndGet();
                  return cond.get();
                })
            .minInterval(s(10))
            .action(logs("s"))
            .build());

    clock.advanceTo(at(35));
    assertThat(evaluations).hasValue(4); // 0, 10, 20, 30
    assertThat(log).isEmpty();

    cond.set(true); // no input change announced: the next periodic evaluation sees it
    clock.advanceTo(at(55));
    assertThat(log).containsExactly("s@40.0#1", "s@50.0#2");
  }

  @Test
  void an_sbr_runs_at_most_once_per_min_interval_however_often_its_inputs_change() {
    engine.add(
        Sbr.builder("s")
            .condition(() -> true)
            .inputs("x")
            .minInterval(s(10))
            .action(logs("s"))
            .build());
    for (int i = 0; i < 100; i++) {
      clock.advanceTo(at(i * 0.19));
      engine.inputChanged("x");
    }

    clock.advanceTo(at(19.5));
    assertThat(log).containsExactly("s@0.0#1", "s@10.0#2");
  }

  @Test
  void an_input_change_makes_a_true_condition_fire_at_once_or_at_the_end_of_the_interval() {
    AtomicBoolean cond = new AtomicBoolean();
    engine.add(
        Sbr.builder("s")
            .condition(cond::get)
            .inputs("x", "y")
            .minInterval(s(10))
            .action(logs("s"))
            .build());

    clock.advanceTo(at(3));
    cond.set(true);
    engine.inputChanged("x");
    assertThat(log).containsExactly("s@3.0#1"); // at the change, before any time passes

    cond.set(false);
    clock.advanceTo(at(20));
    clock.advanceTo(at(21));
    cond.set(true);
    engine.inputChanged("y");
    assertThat(log).containsExactly("s@3.0#1", "s@21.0#2");

    clock.advanceTo(at(25));
    engine.inputChanged("x"); // less than min-interval after the last run: deferred to 31
    clock.advanceTo(at(30.9));
    assertThat(log).hasSize(2);
    clock.advanceTo(at(31));
    assertThat(log).containsExactly("s@3.0#1", "s@21.0#2", "s@31.0#3");

    engine.inputChanged("unread"); // nobody reads it
    assertThat(log).hasSize(3);
  }

  @Test
  void an_sbr_reaching_max_count_is_disabled_and_enabling_resets_its_count() {
    List<RuleState> states = new ArrayList<>();
    RuleEngine e = new RuleEngine(clock, states::add);
    e.add(
        Sbr.builder("s")
            .condition(() -> true)
            .minInterval(s(5))
            .maxCount(2)
            .action(logs("s"))
            .build());

    clock.advanceTo(at(30));
    assertThat(log).containsExactly("s@0.0#1", "s@5.0#2");
    assertThat(e.state("s")).isEqualTo(new RuleState("s", false, 2, at(5), null));

    e.setEnabled("s", true);
    clock.advanceTo(at(60));
    assertThat(log).containsExactly("s@0.0#1", "s@5.0#2", "s@30.0#1", "s@35.0#2");
    assertThat(states).extracting(RuleState::count).containsExactly(0L, 1L, 2L, 0L, 1L, 2L);
  }

  @Test
  void a_disabled_sbr_is_not_evaluated() {
    AtomicInteger evaluations = new AtomicInteger();
    engine.add(
        Sbr.builder("s")
            .condition(() -> evaluations.incrementAndGet() < 0)
            .inputs("x")
            .minInterval(s(1))
            .initEnabled(false)
            .action(logs("s"))
            .build());
    engine.inputChanged("x");
    clock.advanceTo(at(10));

    assertThat(evaluations).hasValue(0);
    assertThat(engine.state("s")).isEqualTo(new RuleState("s", false, 0, null, null));
  }

  @Test
  void an_sbr_condition_can_be_a_compiled_expr() throws Exception {
    ObjectRef flag = ObjectRef.of("example", "adm", AriType.EDD, "flag");
    AtomicReference<Ari> value = new AtomicReference<>(BoolLiteral.FALSE);
    RuleCondition cond =
        RuleCondition.of(ExprCompiler.compile(AcLiteral.of(flag)), ref -> value.get());
    engine.add(
        Sbr.builder("s")
            .condition(cond)
            .inputs("flag")
            .minInterval(s(60))
            .action(logs("s"))
            .build());

    clock.advanceTo(at(1));
    value.set(BoolLiteral.TRUE);
    engine.inputChanged("flag");

    assertThat(log).containsExactly("s@1.0#1");
  }

  @Test
  void a_failing_action_or_condition_does_not_stop_the_engine() {
    engine.add(
        Tbr.builder("bad")
            .period(s(10))
            .action(
                (t, n) -> {
                  throw new IllegalStateException("boom");
                })
            .build());
    engine.add(
        Sbr.builder("worse")
            .condition(
                () -> {
                  throw new IllegalStateException("boom");
                })
            .minInterval(s(10))
            .action(logs("worse"))
            .build());
    engine.add(Tbr.builder("good").period(s(10)).action(logs("good")).build());

    clock.advanceTo(at(20));

    assertThat(log).containsExactly("good@0.0#1", "good@10.0#2", "good@20.0#3");
    assertThat(engine.state("bad").count()).isEqualTo(3);
  }

  @Test
  void the_same_calls_give_the_same_run_log() {
    assertThat(scenario()).isEqualTo(scenario()).hasSizeGreaterThan(20);
  }

  private static List<String> scenario() {
    VirtualRuleScheduler sched = new VirtualRuleScheduler(T0);
    List<String> out = new ArrayList<>();
    RuleEngine e = new RuleEngine(sched);
    AtomicInteger level = new AtomicInteger();
    for (int i = 0; i < 5; i++) {
      String name = "t" + i;
      e.add(
          Tbr.builder(name)
              .period(Duration.ofMillis(700 + 300L * i))
              .action((at, n) -> out.add(name + at + n))
              .build());
      int threshold = i;
      String sname = "s" + i;
      e.add(
          Sbr.builder(sname)
              .condition(() -> level.get() % 5 >= threshold)
              .inputs("level")
              .minInterval(Duration.ofMillis(900 + 100L * i))
              .action((at, n) -> out.add(sname + at + n))
              .build());
    }
    for (int step = 0; step < 40; step++) {
      sched.runFor(Duration.ofMillis(250));
      level.incrementAndGet();
      e.inputChanged("level");
      if (step == 17) {
        e.setEnabled("t2", false);
      }
      if (step == 29) {
        e.setEnabled("t2", true);
      }
    }
    return out;
  }

  @Test
  void builders_refuse_invalid_definitions() {
    RuleAction a = (t, n) -> {};
    assertThatThrownBy(() -> Tbr.builder("t").period(Duration.ZERO).action(a).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Tbr.builder("t").action(a).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Tbr.builder("t").period(s(1)).maxCount(-1).action(a).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Tbr.builder(" ").period(s(1)).action(a).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Tbr.builder("t").period(s(1)).build())
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(
            () -> Sbr.builder("s").condition(() -> true).minInterval(s(-1)).action(a).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Sbr.builder("s").minInterval(s(1)).action(a).build())
        .isInstanceOf(NullPointerException.class);
    engine.add(Tbr.builder("t").period(s(1)).action(a).build());
    assertThatThrownBy(() -> engine.add(Tbr.builder("t").period(s(1)).action(a).build()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> engine.restore("t", new RuleState("u", true, 0, null, null)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ten_thousand_sbrs_and_a_thousand_tbrs_run_a_virtual_minute_in_seconds() {
    long[] runs = new long[1];
    RuleAction count = (t, n) -> runs[0]++;
    for (int i = 0; i < 10_000; i++) {
      boolean even = i % 2 == 0;
      engine.add(
          Sbr.builder("s" + i)
              .condition(() -> even)
              .inputs("in" + (i % 100))
              .minInterval(s(1))
              .action(count)
              .build());
    }
    for (int i = 0; i < 1_000; i++) {
      engine.add(
          Tbr.builder("t" + i).startAfter(Duration.ofMillis(i)).period(s(1)).action(count).build());
    }
    long startNanos = System.nanoTime();
    for (int sec = 0; sec < 60; sec++) {
      clock.runFor(s(1));
      engine.inputChanged("in" + sec);
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - startNanos);

    // 5,000 true SBRs and 1,000 TBRs, each about once a second for 60 s (both ends counted).
    assertThat(runs[0]).isBetween(60L * 6_000, 61L * 6_000 + 6_000);
    assertThat(wall).isLessThan(Duration.ofSeconds(10));
  }
}
