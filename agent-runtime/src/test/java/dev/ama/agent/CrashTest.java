package dev.ama.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ama.model.ari.AriType;
import dev.ama.model.ari.IntLiteral;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} after {@code onMessage} returned loses nothing: a child JVM stores numbers and
 * prints each once it is committed; after the kill, the file holds at least the last printed one,
 * with its delivery cursor.
 */
class CrashTest {
  @TempDir Path dir;

  @Test
  void state_committed_before_on_message_returns_survives_kill_9() throws Exception {
    Path base = dir.resolve("agent");
    long acknowledged = 0;
    for (int round = 0; round < 2; round++) {
      Process p =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  "-DAMA_TEST_LOG=ERROR",
                  CrashChild.class.getName(),
                  base.toString())
              .redirectError(new File(dir.toFile(), "child-" + round + ".err"))
              .start();
      long target = acknowledged + 30 + round * 17;
      try (BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          acknowledged = Long.parseLong(line.trim());
          if (acknowledged >= target) {
            break;
          }
        }
      } finally {
        p.destroyForcibly();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(acknowledged)
          .as("the child ran (see child-%d.err)", round)
          .isGreaterThanOrEqualTo(target);
      try (H2AgentStore store = H2AgentStore.open(base)) {
        assertThat(store.appliedUpTo()).isGreaterThanOrEqualTo(acknowledged);
        assertThat(store.load().vars().get("//ama/!crash/VAR/n"))
            .isInstanceOfSatisfying(
                IntLiteral.class,
                v -> assertThat(v.longValue()).isGreaterThanOrEqualTo(store.appliedUpTo()));
        acknowledged = store.appliedUpTo();
      }
    }
    assertThat(IntLiteral.of(AriType.UVAST, acknowledged).longValue()).isGreaterThan(60);
  }
}
