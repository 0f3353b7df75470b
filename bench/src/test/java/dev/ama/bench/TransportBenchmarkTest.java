package dev.ama.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Runs each side of the transport benchmark once for real: ama's always, JetStream's where
 * nats-server is installed (.ci/run installs it).
 */
class TransportBenchmarkTest {
  @Test
  void every_bundle_sent_through_ama_reaches_the_receivers_application() throws Exception {
    TransportBenchmark bench = new TransportBenchmark();
    bench.setUp("amaGroupCommit");
    try {
      bench.amaGroupCommit();
      bench.amaGroupCommit();
      assertThat(bench.amaDelivered()).isEqualTo(2L * TransportBenchmark.MESSAGES_PER_INVOCATION);
    } finally {
      bench.tearDown();
    }
  }

  @Test
  void the_jetstream_peer_starts_on_loopback_and_leaves_nothing_behind() throws Exception {
    assumeTrue(JetStreamPeer.binary() != null, "nats-server is not installed");
    Path dir;
    try (JetStreamPeer peer = JetStreamPeer.start()) {
      dir = peer.directory();
      assertThat(peer.url()).startsWith("nats://127.0.0.1:");
      assertThat(peer.isAlive()).isTrue();
      assertThat(dir.resolve("nats-server.conf")).exists();
    }
    assertThat(Files.exists(dir)).isFalse();
  }

  @Test
  void every_message_sent_through_jetstream_is_received_and_acked() throws Exception {
    assumeTrue(JetStreamPeer.binary() != null, "nats-server is not installed");
    TransportBenchmark bench = new TransportBenchmark();
    bench.setUp("jetstream");
    try {
      assertThat(bench.jetstream()).isEqualTo(TransportBenchmark.MESSAGES_PER_INVOCATION);
      assertThat(bench.jetstream()).isEqualTo(2L * TransportBenchmark.MESSAGES_PER_INVOCATION);
      // Work-queue retention: a message leaves the stream when the receiver's ack reaches it.
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (bench.jetStreamStoredMessages() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(bench.jetStreamStoredMessages()).isZero();
    } finally {
      bench.tearDown();
    }
  }
}
