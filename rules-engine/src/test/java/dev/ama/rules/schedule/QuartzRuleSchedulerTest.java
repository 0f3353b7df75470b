package dev.ama.rules.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QuartzRuleSchedulerTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final QuartzRuleScheduler quartz = new QuartzRuleScheduler("quartz-test");

  @AfterEach
  void close() {
    quartz.close();
  }

  /** A task that logs its name and the time it started, and counts down {@code done}. */
  private Runnable logs(
      String name, List<String> log, Map<String, Instant> started, CountDownLatch done) {
    return () -> {
      started.put(name, quartz.now());
      log.add(name);
      done.countDown();
    };
  }

  private static boolean await(CountDownLatch latch) throws InterruptedException {
    return latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Waits until a task scheduled at {@code at} has run: tasks run in time order, one at a time, so
   * everything due before it has run (or will never run) by then.
   */
  private void awaitPast(Instant at) throws InterruptedException {
    CountDownLatch sentinel = new CountDownLatch(1);
    quartz.schedule(at, sentinel::countDown);
    assertThat(await(sentinel)).isTrue();
  }

  @Test
  void tasks_run_in_time_order_then_in_scheduling_order_and_late_ones_first() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    Map<String, Instant> started = new ConcurrentHashMap<>();
    Map<String, Instant> due = new ConcurrentHashMap<>();
    CountDownLatch done = new CountDownLatch(5);
    Instant base = quartz.now().plusMillis(300);
    due.put("d", base.plusMillis(60));
    due.put("a", base);
    due.put("c", base.plusMillis(30));
    due.put("b", base);
    for (String n : List.of("d", "a", "c", "b")) {
      quartz.schedule(due.get(n), logs(n, log, started, done));
    }
    // Its time has passed: it counts as scheduled now, before the others.
    quartz.schedule(quartz.now().minusSeconds(3600), logs("late", log, started, done));

    assertThat(await(done)).isTrue();
    assertThat(log).containsExactly("late", "a", "b", "c", "d");
    for (String n : List.of("a", "b", "c", "d")) {
      assertThat(started.get(n))
          .as(n)
          .isAfterOrEqualTo(due.get(n).minus(QuartzRuleScheduler.EARLY));
    }
    assertThat(quartz.pending()).isZero();
  }

  @Test
  void many_tasks_at_one_instant_run_in_one_firing_in_scheduling_order() throws Exception {
    int n = 10_000;
    List<Integer> ran = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    Instant at = quartz.now().plusMillis(500);
    long firings = quartz.firings();
    for (int i = 0; i < n; i++) {
      int k = i;
      quartz.schedule(
          at,
          () -> {
            // One worker runs them one at a time: no lock needed for the list.
            ran.add(k);
            if (k == n - 1) {
              done.countDown();
            }
          });
    }
    assertThat(await(done)).isTrue();
    assertThat(quartz.firings() - firings).isEqualTo(1);
    assertThat(ran).hasSize(n);
    for (int i = 0; i < n; i++) {
      assertThat(ran.get(i)).isEqualTo(i);
    }
  }

  @Test
  void a_task_earlier_than_the_armed_trigger_moves_it_earlier() throws Exception {
    AtomicBoolean laterRan = new AtomicBoolean();
    quartz.schedule(quartz.now().plusSeconds(30), () -> laterRan.set(true));
    long firings = quartz.firings();
    Instant at = quartz.now().plusMillis(100);
    AtomicReference<Instant> started = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    quartz.schedule(
        at,
        () -> {
          started.set(quartz.now());
          done.countDown();
        });

    assertThat(await(done)).isTrue();
    assertThat(started.get()).isAfterOrEqualTo(at.minus(QuartzRuleScheduler.EARLY));
    assertThat(quartz.firings() - firings).isEqualTo(1);
    assertThat(laterRan).isFalse();
    assertThat(quartz.pending()).isEqualTo(1);
  }

  @Test
  void cancelling_the_earliest_task_moves_the_trigger_to_the_next() throws Exception {
    long firings = quartz.firings();
    AtomicBoolean cancelledRan = new AtomicBoolean();
    RuleScheduler.Cancellable first =
        quartz.schedule(quartz.now().plusMillis(100), () -> cancelledRan.set(true));
    Instant at = quartz.now().plusMillis(300);
    AtomicReference<Instant> started = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    quartz.schedule(
        at,
        () -> {
          started.set(quartz.now());
          done.countDown();
        });
    first.cancel();

    assertThat(await(done)).isTrue();
    assertThat(cancelledRan).isFalse();
    assertThat(started.get()).isAfterOrEqualTo(at.minus(QuartzRuleScheduler.EARLY));
    // No firing for the cancelled task: the trigger was moved, not left to fire for nothing.
    assertThat(quartz.firings() - firings).isEqualTo(1);
  }

  @Test
  void cancelling_a_later_task_keeps_the_earliest_armed_and_the_later_never_runs()
      throws Exception {
    long firings = quartz.firings();
    CountDownLatch done = new CountDownLatch(1);
    quartz.schedule(quartz.now().plusMillis(100), done::countDown);
    AtomicBoolean cancelledRan = new AtomicBoolean();
    Instant laterAt = quartz.now().plusMillis(200);
    quartz.schedule(laterAt, () -> cancelledRan.set(true)).cancel();

    assertThat(await(done)).isTrue();
    long before = quartz.firings();
    awaitPast(laterAt.plusMillis(50));
    assertThat(cancelledRan).isFalse();
    assertThat(quartz.pending()).isZero();
    // One firing for the earliest task, one for the sentinel: none for the cancelled one.
    assertThat(before - firings).isEqualTo(1);
    assertThat(quartz.firings() - before).isEqualTo(1);
  }

  @Test
  void a_running_task_schedules_tasks_and_those_due_run_in_the_same_firing() throws Exception {
    long firings = quartz.firings();
    List<String> log = new CopyOnWriteArrayList<>();
    AtomicLong firingsAtB = new AtomicLong(-1);
    CountDownLatch done = new CountDownLatch(1);
    quartz.schedule(
        quartz.now().plusMillis(50),
        () -> {
          log.add("a");
          quartz.schedule(
              quartz.now().plusMillis(150),
              () -> {
                log.add("c");
                done.countDown();
              });
          quartz.schedule(
              quartz.now(),
              () -> {
                log.add("b");
                firingsAtB.set(quartz.firings() - firings);
              });
        });

    assertThat(await(done)).isTrue();
    assertThat(log).containsExactly("a", "b", "c");
    assertThat(firingsAtB.get()).isEqualTo(1);
    assertThat(quartz.firings() - firings).isEqualTo(2);
  }

  @Test
  void a_task_that_throws_does_not_stop_the_tasks_after_it() throws Exception {
    Instant at = quartz.now().plusMillis(50);
    CountDownLatch done = new CountDownLatch(1);
    quartz.schedule(
        at,
        () -> {
          throw new IllegalStateException("a failing rule task (expected in this test)");
        });
    quartz.schedule(at, done::countDown);
    assertThat(await(done)).isTrue();
  }

  @Test
  void a_late_task_runs_once_as_soon_as_possible() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(1);
    long t0 = System.nanoTime();
    quartz.schedule(
        quartz.now().minusSeconds(60),
        () -> {
          runs.incrementAndGet();
          done.countDown();
        });
    assertThat(await(done)).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    awaitPast(quartz.now().plusMillis(50));
    assertThat(runs).hasValue(1);
  }

  @Test
  void tasks_scheduled_from_many_threads_each_run_once_and_not_before_their_time()
      throws Exception {
    int threads = 4;
    int each = 500;
    Map<Integer, Instant> due = new ConcurrentHashMap<>();
    Map<Integer, Instant> started = new ConcurrentHashMap<>();
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(threads * each);
    Instant base = quartz.now().plusMillis(100);
    List<Thread> schedulers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int first = t * each;
      schedulers.add(
          new Thread(
              () -> {
                for (int i = first; i < first + each; i++) {
                  int k = i;
                  Instant at = base.plusMillis(k % 200);
                  due.put(k, at);
                  quartz.schedule(
                      at,
                      () -> {
                        started.put(k, quartz.now());
                        runs.incrementAndGet();
                        done.countDown();
                      });
                }
              }));
    }
    schedulers.forEach(Thread::start);
    for (Thread t : schedulers) {
      t.join();
    }

    assertThat(await(done)).isTrue();
    awaitPast(quartz.now().plusMillis(50));
    assertThat(runs).hasValue(threads * each);
    assertThat(started).hasSize(threads * each);
    for (Map.Entry<Integer, Instant> e : started.entrySet()) {
      assertThat(e.getValue())
          .as("task %d", e.getKey())
          .isAfterOrEqualTo(due.get(e.getKey()).minus(QuartzRuleScheduler.EARLY));
    }
  }

  @Test
  void close_lets_the_running_task_finish_and_nothing_runs_after_it() throws Exception {
    QuartzRuleScheduler q = new QuartzRuleScheduler("close-test");
    String prefix = q.name();
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean finished = new AtomicBoolean();
    AtomicBoolean sameInstantRan = new AtomicBoolean();
    AtomicBoolean laterRan = new AtomicBoolean();
    AtomicBoolean afterCloseRan = new AtomicBoolean();
    Instant at = q.now().plusMillis(50);
    q.schedule(
        at,
        () -> {
          started.countDown();
          try {
            Thread.sleep(200);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          finished.set(true);
        });
    // Due in the same firing, after the task that is running when close() is called.
    q.schedule(at, () -> sameInstantRan.set(true));
    q.schedule(at.plusMillis(100), () -> laterRan.set(true));
    assertThat(await(started)).isTrue();

    q.close();
    assertThat(finished).isTrue();
    RuleScheduler.Cancellable afterClose = q.schedule(q.now(), () -> afterCloseRan.set(true));
    afterClose.cancel();
    Thread.sleep(200);
    assertThat(sameInstantRan).isFalse();
    assertThat(laterRan).isFalse();
    assertThat(afterCloseRan).isFalse();
    assertThat(q.pending()).isZero();
    assertThat(threadsNamed(prefix)).isEmpty();
  }

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
