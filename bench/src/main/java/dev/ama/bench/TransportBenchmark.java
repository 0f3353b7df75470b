package dev.ama.bench;

import dev.ama.transport.TransportNode.Durability;
import io.nats.client.Connection;
import io.nats.client.ConsumeOptions;
import io.nats.client.ConsumerContext;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.PublishAck;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Durable bundles per second end to end between two nodes over loopback: 200-byte payloads,
 * acknowledged by the store that holds them and then by the receiver that takes them over
 * (custody). One operation is one payload received by the consumer; an invocation sends {@value
 * #MESSAGES_PER_INVOCATION} and ends when the last of them has been received.
 *
 * <p>{@link #jetstream()} is the peer users would otherwise pick, NATS JetStream: a {@code
 * nats-server} child process ({@link JetStreamPeer}, started and stopped per trial) holding one
 * file-storage stream with work-queue retention (a message is removed once its consumer acks it, as
 * a bundle is released once custody is taken). One connection publishes asynchronously with publish
 * acks, at most {@value #PUBLISH_ACK_WINDOW} unacknowledged at a time; a second connection takes
 * the messages from a durable pull consumer (the client pulls batches of {@value #PULL_BATCH}) and
 * acks each one explicitly. What a JetStream publish ack promises is in {@link JetStreamPeer}:
 * written to the page cache, not {@code fsync}ed (nats-server 2.9.10 has no setting for a
 * per-message sync).
 *
 * <p>ama's store-and-forward transport is measured beside it with the same payload, message count
 * and window ({@link TransportPair}: two nodes with H2 files over the TCP convergence layer,
 * custody on, each bundle on the sender's disk before it goes and on the receiver's disk before it
 * is acknowledged): {@link #amaGroupCommit()} (many bundles share one commit and one fsync, the
 * default), {@link #amaGroupCommitNoSync()} (shared commits written to the page cache without
 * fsync, the durability JetStream 2.9 gives) and {@link #amaCommitPerBundle()} (one commit and
 * fsync per write, the naive baseline).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar TransportBenchmark -f 1 -wi 2 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
@Threads(1)
public class TransportBenchmark {
  /** Payload bytes per message (bundle). */
  public static final int PAYLOAD_BYTES = 200;

  /** Messages sent, and received, per benchmark invocation. */
  public static final int MESSAGES_PER_INVOCATION = 20_000;

  /** Publishes whose store ack has not come back yet, at most. */
  public static final int PUBLISH_ACK_WINDOW = 2_000;

  /** Messages a pull asks the server for at once. */
  public static final int PULL_BATCH = 500;

  /** How long one invocation may take before it is taken as lost messages. */
  private static final Duration INVOCATION_TIMEOUT = Duration.ofSeconds(60);

  static final String JS_STREAM = "BUNDLES";
  static final String JS_SUBJECT = "bundles.node-b";
  static final String JS_CONSUMER = "custody";

  /** The same payload for every message and every side: 200 random bytes, fixed seed. */
  private final byte[] payload = payload();

  private TransportPair ama;

  // JetStream: the server, the sending node's connection, the receiving node's connection.
  private JetStreamPeer jsServer;
  private Connection jsSenderConnection;
  private Connection jsReceiverConnection;
  private JetStream jsSender;
  private MessageConsumer jsReceiver;
  private final AtomicLong jsReceived = new AtomicLong();
  private final AtomicReference<Throwable> jsReceiverFailure = new AtomicReference<>();
  private volatile Thread jsWaiter;
  private volatile long jsTarget = Long.MAX_VALUE;

  private static byte[] payload() {
    byte[] b = new byte[PAYLOAD_BYTES];
    new Random(20_000L).nextBytes(b);
    return b;
  }

  /**
   * Starts what the benchmark about to run needs, once per trial.
   *
   * @param params JMH's description of the benchmark about to run
   */
  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) throws Exception {
    String benchmark = params.getBenchmark();
    setUp(benchmark.substring(benchmark.lastIndexOf('.') + 1));
  }

  /**
   * Starts what the named benchmark method needs.
   *
   * @param method the benchmark method's name, such as {@code "jetstream"}
   */
  void setUp(String method) throws Exception {
    switch (method) {
      case "jetstream" -> jetStreamUp();
      case "amaGroupCommit" -> ama = new TransportPair(Durability.GROUP_COMMIT, PUBLISH_ACK_WINDOW);
      case "amaGroupCommitNoSync" ->
          ama = new TransportPair(Durability.GROUP_COMMIT_NO_SYNC, PUBLISH_ACK_WINDOW);
      case "amaCommitPerBundle" ->
          ama = new TransportPair(Durability.COMMIT_PER_BUNDLE, PUBLISH_ACK_WINDOW);
      default -> throw new IllegalArgumentException("no set-up for " + method);
    }
  }

  /** Stops whatever {@link #setUp} started. */
  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    jetStreamDown();
    if (ama != null) {
      ama.close();
      ama = null;
    }
  }

  /** Bundles ama's receiving node has handed to its application since the trial started. */
  long amaDelivered() {
    return ama.delivered();
  }

  /** ama, many bundles per commit and fsync (the default durability). */
  @Benchmark
  @OperationsPerInvocation(MESSAGES_PER_INVOCATION)
  public void amaGroupCommit() throws Exception {
    ama.transfer(MESSAGES_PER_INVOCATION, payload);
  }

  /** ama, many bundles per commit, written without fsync: JetStream 2.9's durability. */
  @Benchmark
  @OperationsPerInvocation(MESSAGES_PER_INVOCATION)
  public void amaGroupCommitNoSync() throws Exception {
    ama.transfer(MESSAGES_PER_INVOCATION, payload);
  }

  /** ama forced to one commit and one fsync per write: the naive baseline. */
  @Benchmark
  @OperationsPerInvocation(MESSAGES_PER_INVOCATION)
  public void amaCommitPerBundle() throws Exception {
    ama.transfer(MESSAGES_PER_INVOCATION, payload);
  }

  /**
   * Sends {@value #MESSAGES_PER_INVOCATION} messages through JetStream and returns once the
   * receiving connection has had all of them.
   *
   * @return the number of messages the receiver has had since the trial started
   */
  @Benchmark
  @OperationsPerInvocation(MESSAGES_PER_INVOCATION)
  public long jetstream() throws Exception {
    long target = jsReceived.get() + MESSAGES_PER_INVOCATION;
    jsWaiter = Thread.currentThread();
    jsTarget = target;
    ArrayDeque<CompletableFuture<PublishAck>> window = new ArrayDeque<>(PUBLISH_ACK_WINDOW);
    for (int i = 0; i < MESSAGES_PER_INVOCATION; i++) {
      if (window.size() == PUBLISH_ACK_WINDOW) {
        checkStored(window.poll());
      }
      window.add(jsSender.publishAsync(JS_SUBJECT, payload));
    }
    while (!window.isEmpty()) {
      checkStored(window.poll());
    }
    long deadline = System.nanoTime() + INVOCATION_TIMEOUT.toNanos();
    long received;
    while ((received = jsReceived.get()) < target) {
      Throwable failure = jsReceiverFailure.get();
      if (failure != null) {
        throw new IllegalStateException("the JetStream receiver failed", failure);
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            "JetStream receiver has "
                + received
                + " of "
                + target
                + " after "
                + INVOCATION_TIMEOUT);
      }
      LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(1));
    }
    jsTarget = Long.MAX_VALUE;
    return received;
  }

  private static void checkStored(CompletableFuture<PublishAck> ack) throws Exception {
    PublishAck stored = ack.get(INVOCATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    if (stored.isDuplicate()) {
      throw new IllegalStateException("JetStream took a publish for a duplicate: " + stored);
    }
  }

  private void jetStreamUp() throws IOException, JetStreamApiException, InterruptedException {
    jsServer = JetStreamPeer.start();
    jsSenderConnection = Nats.connect(connectionOptions("ama-bench-sender"));
    jsReceiverConnection = Nats.connect(connectionOptions("ama-bench-receiver"));

    JetStreamManagement jsm = jsSenderConnection.jetStreamManagement();
    jsm.addStream(
        StreamConfiguration.builder()
            .name(JS_STREAM)
            .subjects(JS_SUBJECT)
            .storageType(StorageType.File)
            .retentionPolicy(RetentionPolicy.WorkQueue)
            .replicas(1)
            .build());
    jsm.addOrUpdateConsumer(
        JS_STREAM,
        ConsumerConfiguration.builder()
            .durable(JS_CONSUMER)
            .deliverPolicy(DeliverPolicy.All)
            .ackPolicy(AckPolicy.Explicit)
            .ackWait(Duration.ofSeconds(30))
            .maxAckPending(4L * PULL_BATCH)
            .build());
    jsSender = jsSenderConnection.jetStream();

    ConsumerContext consumer = jsReceiverConnection.getConsumerContext(JS_STREAM, JS_CONSUMER);
    jsReceived.set(0);
    jsReceiverFailure.set(null);
    jsReceiver =
        consumer.consume(ConsumeOptions.builder().batchSize(PULL_BATCH).build(), this::onJsMessage);
  }

  private void onJsMessage(Message message) {
    try {
      if (message.getData().length != PAYLOAD_BYTES) {
        throw new IllegalStateException(
            "JetStream delivered " + message.getData().length + " bytes, not " + PAYLOAD_BYTES);
      }
      message.ack();
      if (jsReceived.incrementAndGet() >= jsTarget) {
        Thread waiter = jsWaiter;
        if (waiter != null) {
          LockSupport.unpark(waiter);
        }
      }
    } catch (RuntimeException e) {
      jsReceiverFailure.compareAndSet(null, e);
    }
  }

  /** Messages the JetStream stream still holds: sent and not yet acked by the receiver. */
  long jetStreamStoredMessages() throws IOException, JetStreamApiException {
    return jsSenderConnection
        .jetStreamManagement()
        .getStreamInfo(JS_STREAM)
        .getStreamState()
        .getMsgCount();
  }

  private Options connectionOptions(String name) {
    return Options.builder()
        .server(jsServer.url())
        .connectionName(name)
        .connectionTimeout(Duration.ofSeconds(5))
        .maxReconnects(0)
        .build();
  }

  private void jetStreamDown() throws Exception {
    Exception failure = null;
    try {
      if (jsReceiver != null) {
        jsReceiver.stop();
        jsReceiver.close();
      }
    } catch (Exception e) {
      failure = e;
    }
    for (Connection c : new Connection[] {jsReceiverConnection, jsSenderConnection}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    try {
      if (jsServer != null) {
        jsServer.close();
      }
    } catch (Exception e) {
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
    jsReceiver = null;
    jsReceiverConnection = null;
    jsSenderConnection = null;
    jsSender = null;
    jsServer = null;
    if (failure != null) {
      throw failure;
    }
  }
}
