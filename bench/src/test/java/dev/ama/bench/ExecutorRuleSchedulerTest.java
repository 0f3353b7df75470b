package dev.ama.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ama.rules.schedule.RuleScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ExecutorRuleSchedulerTest {
  @Test
  void runs_a_task_once_at_its_time_and_never_a_cancelled_one() throws Exception {
    try (ExecutorRuleScheduler s = new ExecutorRuleScheduler("test")) {
      AtomicInteger cancelledRuns = new AtomicInteger();
      AtomicReference<Instant> ranAt = new AtomicReference<>();
      CountDownLatch done = new CountDownLatch(1);
      Instant at = s.now().plusMillis(50);
      RuleScheduler.Cancellable c =
          s.schedule(s.now().plusMillis(20), cancelledRuns::incrementAndGet);
      s.schedule(
          at,
          () -> {
            ranAt.set(s.now());
            done.countDown();
          });
      c.cancel();

      assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(ranAt.get()).isAfterOrEqualTo(at.minusMillis(1));
      Thread.sleep(50);
      assertThat(cancelledRuns).hasValue(0);
    }
  }

  @Test
  void runs_a_task_in_the_past_at_once_and_keeps_going_after_a_task_throws() throws Exception {
    try (ExecutorRuleScheduler s = new ExecutorRuleScheduler("test")) {
      CountDownLatch done = new CountDownLatch(1);
      s.schedule(
          s.now().minusSeconds(10),
          () -> {
            throw new IllegalStateException("a failing rule task (expected in this test)");
          });
      s.schedule(s.now().minusSeconds(5), done::countDown);

      assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void runs_nothing_after_close() throws Exception {
    ExecutorRuleScheduler s = new ExecutorRuleScheduler("test");
    AtomicInteger runs = new AtomicInteger();
    s.schedule(s.now().plusMillis(30), runs::incrementAndGet);
    s.close();

    RuleScheduler.Cancellable late = s.schedule(s.now(), runs::incrementAndGet);
    late.cancel();
    Thread.sleep(Duration.ofMillis(80).toMillis());
    assertThat(runs).hasValue(0);
  }
}
