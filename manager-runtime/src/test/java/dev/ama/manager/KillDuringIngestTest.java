package dev.ama.manager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ama.manager.reports.ReportQuery;
import dev.ama.model.ari.IntLiteral;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Manager in another JVM stores deliveries, says which it applied, and is killed with SIGKILL:
 * everything it said it applied is in the files, and a redelivery stores nothing twice.
 */
class KillDuringIngestTest {
  private static final int DELIVERIES = 25;

  @TempDir Path dir;

  /** The child: applies deliveries 1..n, printing each sequence once onMessage returned. */
  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    Manager m = Manager.builder().eid("ipn:1.1").dataDirectory(data).sender((d, b) -> {}).build();
    m.start();
    for (int seq = 1; seq <= n; seq++) {
      m.onMessage(
          "ipn:2.1",
          TestSupport.report(
              Instant.parse("2026-11-21T10:00:00Z").plusSeconds(seq),
              TestSupport.edd("cpu"),
              IntLiteral.of(seq)),
          seq);
      System.out.println("applied " + seq);
      System.out.flush();
    }
    // Wait to be killed: nothing is closed, nothing flushed on the way out.
    Thread.sleep(TimeUnit.MINUTES.toMillis(5));
  }

  @Test
  void a_kill_9_after_on_message_returned_loses_nothing_and_stores_nothing_twice()
      throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                KillDuringIngestTest.class.getName(),
                dir.toString(),
                Integer.toString(DELIVERIES))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    int applied = 0;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (applied < DELIVERIES && (line = out.readLine()) != null) {
        if (line.startsWith("applied ")) {
          applied = Integer.parseInt(line.substring(8));
        }
      }
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(applied).isEqualTo(DELIVERIES);

    Manager m = Manager.builder().eid("ipn:1.1").dataDirectory(dir).sender((d, b) -> {}).build();
    try {
      m.start();
      assertThat(m.appliedUpTo()).isEqualTo(DELIVERIES);
      assertThat(m.reports(ReportQuery.all())).hasSize(DELIVERIES);
      // The transport offers the last delivery again: nothing more is stored.
      m.onMessage(
          "ipn:2.1",
          TestSupport.report(Instant.now(), TestSupport.edd("cpu"), IntLiteral.of(0)),
          DELIVERIES);
      assertThat(m.reports(ReportQuery.all())).hasSize(DELIVERIES);
    } finally {
      m.close();
    }
  }
}
