package dev.ama.bench;

import dev.ama.transport.BundleId;
import dev.ama.transport.Eid;
import dev.ama.transport.Priority;
import dev.ama.transport.SendOptions;
import dev.ama.transport.TransportException;
import dev.ama.transport.TransportNode;
import dev.ama.transport.cl.TcpConvergenceLayer;
import dev.ama.transport.cl.TcpOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Two ama transport nodes in this process, a sender and a receiver with H2 files in a fresh
 * temporary folder, joined by the TCP convergence layer over loopback. Custody is on: the sender
 * keeps each bundle until the receiver has stored it and acknowledged.
 */
final class TransportPair implements AutoCloseable {
  static final Eid SENDER = Eid.of("ipn:1.1");
  static final Eid RECEIVER = Eid.of("ipn:2.1");
  static final SendOptions OPTIONS = new SendOptions(Priority.NORMAL, Duration.ofHours(1), true);

  private final Path dir;
  private final TransportNode receiver;
  private final TransportNode sender;
  private final AtomicLong delivered = new AtomicLong();
  private final Semaphore window;

  TransportPair(TransportNode.Durability durability, int window) throws TransportException {
    try {
      this.dir = Files.createTempDirectory("ama-bench-transport");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.window = new Semaphore(window);
    TcpConvergenceLayer server =
        TcpConvergenceLayer.listen(new InetSocketAddress("127.0.0.1", 0), TcpOptions.DEFAULT);
    this.receiver =
        TransportNode.builder(RECEIVER)
            .store(dir.resolve("receiver.db"))
            .durability(durability)
            .inbound(server)
            .delivery(d -> delivered.incrementAndGet())
            .build();
    this.sender =
        TransportNode.builder(SENDER)
            .store(dir.resolve("sender.db"))
            .durability(durability)
            .link("out", TcpConvergenceLayer.connect(server.localAddress(), TcpOptions.DEFAULT))
            .route("*", "out")
            .build();
  }

  /**
   * Sends {@code n} bundles of {@code payload}, at most {@code window} of them not yet on the
   * sender's disk at a time, and returns once the receiver's application has all of them.
   */
  void transfer(int n, byte[] payload) throws InterruptedException {
    long target = delivered.get() + n;
    for (int i = 0; i < n; i++) {
      window.acquire();
      CompletableFuture<BundleId> f = sender.sendAsync(RECEIVER, payload, OPTIONS);
      f.whenComplete((id, err) -> window.release());
    }
    while (delivered.get() < target) {
      Thread.onSpinWait();
      Thread.sleep(0, 100_000);
    }
  }

  /** Bundles the receiver's application has had. */
  long delivered() {
    return delivered.get();
  }

  @Override
  public void close() throws IOException {
    sender.close();
    receiver.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
