package dev.ama.rules.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class QuartzRuleSchedulerTest {

  @Test
  void rules_run_in_real_time_on_quartz_and_close_leaves_no_quartz_thread() throws Exception {
    QuartzRuleScheduler quartz = new QuartzRuleScheduler("rules-test");
    String prefix = quartz.name();
    try {
      // The first job Quartz ever runs in a JVM loads its job path (classes, JIT): warm it up
      // so that the grid measurement below measures scheduling, not class loading.
      CountDownLatch warm = new CountDownLatch(1);
      quartz.schedule(quartz.now(), warm::countDown);
      assertThat(warm.await(5, TimeUnit.SECONDS)).isTrue();

      RuleEngine engine = new RuleEngine(quartz);
      Instant start = quartz.now().plusMillis(100);
      List<Instant> tbrRuns = new CopyOnWriteArrayList<>();
      engine.add(
          Tbr.builder("tick")
              .start(start)
              .period(Duration.ofMillis(100))
              .action((at, n) -> tbrRuns.add(at))
              .build());

      AtomicBoolean cond = new AtomicBoolean();
      AtomicLong firedAt = new AtomicLong();
      CountDownLatch fired = new CountDownLatch(1);
      engine.add(
          Sbr.builder("react")
              .condition(cond::get)
              .inputs("x")
              .minInterval(Duration.ofSeconds(10))
              .action(
                  (at, n) -> {
                    firedAt.set(System.nanoTime());
                    fired.countDown();
                  })
              .build());

      Thread.sleep(300);
      cond.set(true);
      long changedAt = System.nanoTime();
      engine.inputChanged("x");
      assertThat(fired.await(1, TimeUnit.SECONDS)).isTrue();
      // Promptly, not at the next 10 s check; generous enough for a loaded CI machine.
      assertThat(Duration.ofNanos(firedAt.get() - changedAt)).isLessThan(Duration.ofMillis(500));

      Thread.sleep(start.plusMillis(700).toEpochMilli() - System.currentTimeMillis());
      assertThat(tbrRuns).hasSizeGreaterThanOrEqualTo(5);
      for (int i = 0; i < tbrRuns.size(); i++) {
        Instant grid = start.plusMillis(100L * i);
        assertThat(Duration.between(grid, tbrRuns.get(i)).abs())
            .as("run %d at %s, grid %s", i, tbrRuns.get(i), grid)
            .isLessThanOrEqualTo(Duration.ofMillis(90));
      }
    } finally {
      quartz.close();
    }
    assertThat(threadsNamed(prefix)).isEmpty();
  }

  private static List<String> threadsNamed(String prefix) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    List<String> names;
    do {
      names =
          Thread.getAllStackTraces().keySet().stream()
              .filter(Thread::isAlive)
              .map(Thread::getName)
              .filter(n -> n.startsWith(prefix))
              .toList();
      if (names.isEmpty()) {
        break;
      }
      Thread.sleep(20);
    } while (System.nanoTime() < deadline);
    return names;
  }
}
