package dev.ama.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A {@code nats-server} with JetStream, run as a child process for the transport benchmark: one
 * node on a free loopback port, its file store in a fresh temporary directory, the configuration
 * file written here. {@link #close()} stops the server (SIGTERM, then SIGKILL after 10 s) and
 * deletes the directory; a JVM that exits without closing it kills the server.
 *
 * <p>The binary is the system property {@code ama.bench.natsServer} if set, else {@code
 * nats-server} on the {@code PATH}, else {@code /usr/sbin/nats-server} (Debian's package {@code
 * nats-server}).
 *
 * <p>Durability of what the server acknowledges, for nats-server 2.9.10 (Debian bookworm's), read
 * in its source ({@code server/filestore.go}, {@code server/stream.go}, {@code server/opts.go}) and
 * tried against the binary:
 *
 * <ul>
 *   <li>A file-store stream writes each message to its block file with {@code pwrite} before the
 *       publish is acknowledged ({@code AsyncFlush} is forced off in {@code stream.go}, so every
 *       record is flushed in place) but does not {@code fsync} it: an acknowledged message is in
 *       the kernel's page cache, safe from a crash of the server process, not from a crash of the
 *       operating system or a power cut.
 *   <li>The store is {@code fsync}ed by a timer every 2 minutes ({@code fsCfg.SyncInterval = 2 *
 *       time.Minute} in {@code stream.go}), and when a block or the stream is closed.
 *   <li>Consumer state (acknowledged and delivered sequences) is rewritten with {@code
 *       os.WriteFile}, at most every 100 ms and without {@code fsync}.
 *   <li>There is no setting for anything stronger: {@code sync_interval} (and its {@code always})
 *       came in 2.10.0; 2.9.10 rejects it as an unknown field and does not start.
 * </ul>
 */
public final class JetStreamPeer implements AutoCloseable {
  /** The system property naming the {@code nats-server} binary to run. */
  public static final String BINARY_PROPERTY = "ama.bench.natsServer";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final int START_ATTEMPTS = 3;

  private final Process process;
  private final Path dir;
  private final int port;
  private final Thread killOnExit;

  private JetStreamPeer(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
    this.killOnExit =
        new Thread(
            () -> {
              process.descendants().forEach(ProcessHandle::destroyForcibly);
              process.destroyForcibly();
            },
            "nats-server-kill");
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /**
   * The {@code nats-server} binary this machine would run, if any.
   *
   * @return its path, or {@code null} when there is none
   */
  public static Path binary() {
    String property = System.getProperty(BINARY_PROPERTY);
    if (property != null && !property.isBlank()) {
      Path p = Paths.get(property);
      return Files.isExecutable(p) ? p : null;
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String entry : path.split(java.io.File.pathSeparator)) {
        if (entry.isEmpty()) {
          continue;
        }
        Path p = Paths.get(entry, "nats-server");
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    Path debian = Paths.get("/usr/sbin/nats-server");
    return Files.isExecutable(debian) ? debian : null;
  }

  /**
   * Starts a JetStream server and returns once it accepts client connections with JetStream on.
   *
   * @return the running server; close it to stop it and delete its store
   * @throws IOException when there is no binary, or it does not come up
   */
  public static JetStreamPeer start() throws IOException {
    Path binary = binary();
    if (binary == null) {
      throw new IOException(
          "no nats-server binary: install it (apt-get install -y nats-server) or set -D"
              + BINARY_PROPERTY);
    }
    IOException last = null;
    // The free port is only free when we look; another process may take it before the server
    // binds it, so try again with a new one.
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      Path dir = Files.createTempDirectory("ama-bench-jetstream-");
      try {
        return startIn(binary, dir);
      } catch (IOException e) {
        deleteTree(dir);
        if (last != null) {
          e.addSuppressed(last);
        }
        last = e;
      }
    }
    throw last;
  }

  private static JetStreamPeer startIn(Path binary, Path dir) throws IOException {
    int port = freeLoopbackPort();
    Path store = dir.resolve("store");
    Path conf = dir.resolve("nats-server.conf");
    Path log = dir.resolve("nats-server.log");
    Files.writeString(conf, config(port, store), StandardCharsets.UTF_8);
    Process process =
        new ProcessBuilder(binary.toString(), "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            "nats-server exited with "
                + process.exitValue()
                + " before it was ready: "
                + tail(log));
      }
      if (acceptsJetStreamClients(port)) {
        return new JetStreamPeer(process, dir, port);
      }
      sleep(20);
    }
    process.destroyForcibly();
    throw new IOException(
        "nats-server did not accept connections in " + START_TIMEOUT + ": " + tail(log));
  }

  /** The configuration file's text: one node, loopback only, JetStream on with a file store. */
  static String config(int port, Path store) {
    return String.join(
        "\n",
        "# Written by dev.ama.bench.JetStreamPeer for one benchmark trial.",
        "listen: \"127.0.0.1:" + port + "\"",
        "server_name: ama_bench_peer",
        "jetstream {",
        "  store_dir: \"" + store.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"",
        "  max_memory_store: 64MB",
        "  max_file_store: 4GB",
        "}",
        "");
  }

  /** The client URL of this server, {@code nats://127.0.0.1:PORT}. */
  public String url() {
    return "nats://127.0.0.1:" + port;
  }

  /** The directory holding the configuration file, the log and the JetStream store. */
  public Path directory() {
    return dir;
  }

  /** Whether the server process is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Stops the server (SIGTERM, SIGKILL after 10 s) and deletes its directory. */
  @Override
  public void close() throws IOException {
    // Children first: when the binary is a wrapper (strace, a script), the server is one.
    List<ProcessHandle> tree = new ArrayList<>();
    process.descendants().forEach(tree::add);
    tree.add(process.toHandle());
    try {
      tree.forEach(ProcessHandle::destroy);
      long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
      for (ProcessHandle p : tree) {
        try {
          p.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
          p.destroyForcibly();
        }
      }
      process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      tree.forEach(ProcessHandle::destroyForcibly);
      Thread.currentThread().interrupt();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(killOnExit);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running or about to: nothing left to remove.
      }
      deleteTree(dir);
    }
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Connects, reads the server's INFO line and checks that it announces JetStream. */
  private static boolean acceptsJetStreamClients(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      s.setSoTimeout(1_000);
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      String info = in.readLine();
      return info != null
          && info.startsWith("INFO ")
          && info.replace(" ", "").contains("\"jetstream\":true");
    } catch (IOException notYet) {
      return false;
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void sleep(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for nats-server", e);
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
