package dev.ama.cli.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ama.cli.AmaCommand;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Starts real nodes for the integration tests: in this JVM, or as child JVMs to kill -9. */
final class NodeHarness {
  private NodeHarness() {}

  /** A TCP port free right now on loopback. */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  /** Writes {@code yaml} as {@code dir/name.yaml} and loads it. */
  static NodeConfig config(Path dir, String name, String yaml) throws Exception {
    Files.createDirectories(dir);
    Path f = dir.resolve(name + ".yaml");
    Files.writeString(f, yaml);
    return NodeConfigLoader.load(f);
  }

  /** Starts a node in this JVM. */
  static Node start(Path dir, String name, String yaml) throws Exception {
    return Node.start(config(dir, name, yaml));
  }

  /** Waits until {@code condition} holds, failing with {@code what} after {@code timeout}. */
  static void await(Duration timeout, String what, BooleanSupplier condition)
      throws InterruptedException {
    await(timeout, what, condition, () -> "");
  }

  /** As {@link #await(Duration, String, BooleanSupplier)}, with the state to show on failure. */
  static void await(
      Duration timeout, String what, BooleanSupplier condition, Supplier<String> state)
      throws InterruptedException {
    Instant end = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(end)) {
        throw new AssertionError(
            "timed out after " + timeout + " waiting for: " + what + "\n" + state.get());
      }
      Thread.sleep(50);
    }
  }

  /** {@code ama node --config file} in a child JVM, restartable after kill -9. */
  static final class Child {
    final Path config;
    final Path logs;
    Process process;
    int starts;

    Child(Path config) {
      this.config = config;
      this.logs = config.getParent();
    }

    Child start() throws IOException {
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-Xmx256m");
      cmd.add("-XX:TieredStopAtLevel=1");
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add(AmaCommand.class.getName());
      cmd.add("node");
      cmd.add("--config");
      cmd.add(config.toString());
      File out = log(starts++).toFile();
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out);
      pb.environment().put("AMA_TEST_LOG", "INFO");
      process = pb.start();
      return this;
    }

    Path log(int start) {
      return logs.resolve(config.getFileName() + "." + start + ".log");
    }

    /** Waits for the "running" line of the current start. */
    void awaitRunning(Duration timeout) throws Exception {
      Path log = log(starts - 1);
      await(
          timeout,
          "node " + config + " running (see " + log + ")",
          () -> {
            try {
              if (!process.isAlive()) {
                throw new AssertionError("node " + config + " exited: " + Files.readString(log));
              }
              return Files.exists(log) && Files.readString(log).contains(") running; API ");
            } catch (IOException e) {
              return false;
            }
          });
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

    /** SIGTERM and wait for a clean exit. */
    int terminate() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("node " + config + " did not stop within 30 s of SIGTERM");
      }
      return process.exitValue();
    }
  }
}
