package dev.ama.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two node processes, a sender and a receiver over loopback TCP, killed with {@code kill -9} at
 * random moments at least 20 times and started again on their files; in the end the receiver's
 * application has every bundle the sender's transport accepted, each exactly once.
 */
class TransportCrashTest {
  private static final int TOTAL = 10_000;
  private static final int MIN_KILLS = 20;

  @Test
  void receiver_gets_every_accepted_bundle_exactly_once_across_kill_9_of_both_nodes(
      @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
    Path sdir = Files.createDirectories(dir.resolve("sender"));
    Path rdir = Files.createDirectories(dir.resolve("receiver"));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Random random = new Random(Long.getLong("ama.crash.seed", System.nanoTime()));
    Child receiver = new Child(rdir, "receiver", rdir.toString(), String.valueOf(port));
    Child sender =
        new Child(sdir, "sender", sdir.toString(), String.valueOf(port), String.valueOf(TOTAL));
    receiver.start();
    sender.start();
    int kills = 0;
    int senderKills = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    try {
      while (kills < MIN_KILLS || !Files.exists(sdir.resolve("sender.done"))) {
        assertThat(System.nanoTime())
            .as("the sender finishes in time (see " + dir + ")")
            .isLessThan(deadline);
        Thread.sleep(300 + random.nextInt(900));
        boolean senderDone = Files.exists(sdir.resolve("sender.done"));
        int which = random.nextInt(3);
        // Mostly kill a node that has started (so that both make progress on a slow machine),
        // sometimes one that is still opening its store: that is where crashes hurt most.
        boolean evenIfStarting = random.nextInt(4) == 0;
        if ((which == 0 || which == 2) && !senderDone && sender.killable(evenIfStarting)) {
          sender.kill9();
          senderKills++;
          kills++;
        }
        if ((which == 1 || which == 2 || senderDone) && receiver.killable(evenIfStarting)) {
          receiver.kill9();
          kills++;
        }
        Thread.sleep(random.nextInt(300));
        sender.ensureRunning();
        receiver.ensureRunning();
      }
      Map<String, Integer> sent = readSent(sdir.resolve("sent.log"));
      assertThat(sent).hasSizeGreaterThanOrEqualTo(TOTAL);
      List<String[]> received = List.of();
      while (System.nanoTime() < deadline) {
        received = readReceived(rdir.resolve("received.log"));
        Set<String> ids = new HashSet<>();
        received.forEach(r -> ids.add(r[1]));
        if (ids.containsAll(sent.keySet())) {
          break;
        }
        Thread.sleep(500);
      }
      // Let retransmissions still on their way arrive, to catch any second delivery.
      Thread.sleep(3000);
      received = readReceived(rdir.resolve("received.log"));

      Map<String, Integer> times = new HashMap<>();
      Set<Integer> indexes = new HashSet<>();
      for (String[] r : received) {
        times.merge(r[1], 1, Integer::sum);
        indexes.add(Integer.parseInt(r[2]));
      }
      List<String> twice = new ArrayList<>();
      times.forEach(
          (id, n) -> {
            if (n > 1) {
              twice.add(id + " x" + n);
            }
          });
      // The folder (kept when the test fails) holds both logs and every process's output.
      String where = " (see " + dir + ")";
      assertThat(twice).as("bundles delivered more than once" + where).isEmpty();
      assertThat(times.keySet())
          .as("every accepted bundle arrived" + where)
          .containsAll(sent.keySet());
      // A sender killed between acceptance and its log write sends that batch again as new
      // bundles: the only bundles the log does not name, at most one batch per sender kill.
      Set<String> unlogged = new HashSet<>(times.keySet());
      unlogged.removeAll(sent.keySet());
      assertThat(unlogged.size()).isLessThanOrEqualTo(senderKills * CrashNodeMain.BATCH);
      assertThat(indexes).as("every payload index arrived").hasSize(TOTAL);
      assertThat(kills).isGreaterThanOrEqualTo(MIN_KILLS);
    } finally {
      sender.kill9();
      receiver.kill9();
    }
  }

  private static Map<String, Integer> readSent(Path log) throws IOException {
    Map<String, Integer> sent = new HashMap<>();
    for (String line : CrashNodeMain.completeLines(log)) {
      String[] f = line.split(" ");
      sent.put(f[1], Integer.parseInt(f[0]));
    }
    return sent;
  }

  private static List<String[]> readReceived(Path log) throws IOException {
    if (!Files.exists(log)) {
      return List.of();
    }
    List<String[]> rows = new ArrayList<>();
    String text = Files.readString(log);
    int end = text.lastIndexOf('\n');
    if (end < 0) {
      return rows;
    }
    for (String line : text.substring(0, end).split("\n")) {
      String[] f = line.split(" ");
      if (f.length == 3) {
        rows.add(f);
      }
    }
    return rows;
  }

  /** A node process, started again on the same directory after each kill. */
  private static final class Child {
    final Path dir;
    final String[] args;
    Process process;
    int starts;

    Child(Path dir, String... args) {
      this.dir = dir;
      this.args = args;
    }

    void start() throws IOException {
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-Xmx256m");
      cmd.add("-XX:TieredStopAtLevel=1");
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add(CrashNodeMain.class.getName());
      cmd.addAll(List.of(args));
      File out = dir.resolve("process-" + starts++ + ".log").toFile();
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out);
      // The children log what they loaded at each start: evidence if the test fails.
      pb.environment().put("AMA_TEST_LOG", "INFO");
      process = pb.start();
    }

    /** Whether this node may be killed now: it has loaded its store, or the caller insists. */
    boolean killable(boolean evenIfStarting) throws IOException {
      if (evenIfStarting) {
        return true;
      }
      Path log = dir.resolve("process-" + (starts - 1) + ".log");
      return Files.exists(log) && Files.readString(log).contains("loaded:");
    }

    void ensureRunning() throws IOException {
      if (process == null || !process.isAlive()) {
        start();
      }
    }

    void kill9() throws IOException, InterruptedException {
      if (process != null && process.isAlive()) {
        Process kill =
            new ProcessBuilder("kill", "-9", Long.toString(process.pid())).inheritIO().start();
        kill.waitFor(10, TimeUnit.SECONDS);
        process.waitFor(10, TimeUnit.SECONDS);
      }
      assertThat(process.isAlive()).isFalse();
    }
  }
}
