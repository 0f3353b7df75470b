package dev.ama.transport.cl;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Real TCP on the loopback interface; every port comes from binding port 0. */
class TcpConvergenceLayerTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final byte[] HEADER = {'a', 'm', 'a', 't', 1};

  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final CapturingAppender logs = new CapturingAppender();
  private final Logger layerLogger = (Logger) LoggerFactory.getLogger(TcpConvergenceLayer.class);

  @BeforeEach
  void captureLogs() {
    logs.start();
    layerLogger.addAppender(logs);
  }

  @AfterEach
  void closeEverything() throws Exception {
    Collections.reverse(toClose);
    for (AutoCloseable c : toClose) {
      c.close();
    }
    layerLogger.detachAppender(logs);
  }

  // --- frames both ways ---

  @Test
  void frames_round_trip_in_order_with_onSent_for_each_token_and_replies_on_the_same_connection()
      throws Exception {
    Recorder serverEvents = new Recorder();
    serverEvents.onReceive = (frame, reply) -> assertThat(reply.send(reply(frame))).isTrue();
    TcpConvergenceLayer server = startServer(TcpOptions.DEFAULT, serverEvents);
    Recorder clientEvents = new Recorder();
    TcpConvergenceLayer client = startClient(server, TcpOptions.DEFAULT, clientEvents);
    await("client ready", () -> clientEvents.readies.get() == 1);
    assertThat(client.isReady()).isTrue();
    assertThat(client.localAddress()).isNotNull();

    int n = 2000;
    for (int i = 0; i < n; i++) {
      assertThat(client.send(i, frame(i, 300))).isTrue();
    }

    await("server received all", () -> serverEvents.received.size() == n);
    await("replies back", () -> clientEvents.received.size() == n);
    await("onSent for all", () -> clientEvents.sent.size() == n);
    for (int i = 0; i < n; i++) {
      assertThat(serverEvents.received.poll()).isEqualTo(frame(i, 300));
      assertThat(clientEvents.received.poll()).isEqualTo(reply(frame(i, 300)));
      assertThat(clientEvents.sent.get(i)).isEqualTo(i);
    }
    assertThat(clientEvents.failed).isEmpty();
    assertThat(clientEvents.downs).isEmpty();
    assertThat(server.isReady()).isFalse();
    assertThat(server.send(1, new byte[] {1})).isFalse();
  }

  @Test
  void a_listener_may_send_from_its_callbacks() throws Exception {
    Recorder serverEvents = new Recorder();
    TcpConvergenceLayer server = startServer(TcpOptions.DEFAULT, serverEvents);
    int n = 5000;
    TcpConvergenceLayer[] client = new TcpConvergenceLayer[1];
    java.util.concurrent.atomic.AtomicBoolean started =
        new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.atomic.AtomicLong refused = new java.util.concurrent.atomic.AtomicLong(-1);
    Recorder clientEvents =
        new Recorder() {
          @Override
          public void onReady() {
            super.onReady();
            // onReady may come again (room in the queue again); the chain starts once.
            if (started.compareAndSet(false, true)) {
              client[0].send(0, frame(0, 100));
            }
          }

          @Override
          public void onSent(long token) {
            super.onSent(token);
            if (token + 1 < n && !client[0].send(token + 1, frame((int) token + 1, 100))) {
              refused.compareAndSet(-1, token + 1);
            }
          }
        };
    client[0] = track(TcpConvergenceLayer.connect(server.localAddress(), TcpOptions.DEFAULT));
    client[0].start(clientEvents);

    await("all frames", () -> serverEvents.received.size() >= n || refused.get() >= 0);
    assertThat(refused.get()).as("a send from onSent was refused").isEqualTo(-1);
    assertThat(serverEvents.received).hasSize(n);
    for (int i = 0; i < n; i++) {
      assertThat(serverEvents.received.poll()).isEqualTo(frame(i, 100));
    }
  }

  @Test
  void refuses_frames_the_wire_cannot_carry() throws Exception {
    TcpConvergenceLayer server = startServer(TcpOptions.DEFAULT, new Recorder());
    Recorder events = new Recorder();
    TcpConvergenceLayer client =
        startClient(server, TcpOptions.DEFAULT.withMaxFrameBytes(100), events);
    await("ready", () -> events.readies.get() == 1);

    assertThatThrownBy(() -> client.send(1, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keepalive");
    assertThatThrownBy(() -> client.send(1, new byte[101]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("101");
    assertThat(client.send(1, new byte[100])).isTrue();
  }

  // --- connection loss, reconnection, stop and start ---

  @Test
  void reconnects_after_the_server_goes_away_and_is_ready_again_when_it_returns() throws Exception {
    Recorder serverEvents = new Recorder();
    TcpConvergenceLayer server = startServer(TcpOptions.DEFAULT, serverEvents);
    int port = server.localAddress().getPort();
    TcpOptions fastRetry =
        TcpOptions.DEFAULT.withReconnectDelays(Duration.ofMillis(20), Duration.ofMillis(200));
    Recorder clientEvents = new Recorder();
    TcpConvergenceLayer client = startClient(server, fastRetry, clientEvents);
    await("ready", () -> clientEvents.readies.get() == 1);
    assertThat(client.send(1, frame(1, 50))).isTrue();
    await("delivered", () -> serverEvents.received.size() == 1);

    server.close();
    await("down", () -> clientEvents.downs.size() == 1);
    assertThat(client.isReady()).isFalse();
    assertThat(client.send(2, frame(2, 50))).isFalse();
    Thread.sleep(300); // a few failed attempts while nobody listens

    Recorder againEvents = new Recorder();
    startServer(new InetSocketAddress(LOOPBACK, port), TcpOptions.DEFAULT, againEvents);
    await("ready again", () -> clientEvents.readies.get() == 2);
    assertThat(client.isReady()).isTrue();
    assertThat(client.send(3, frame(3, 50))).isTrue();
    await("delivered again", () -> againEvents.received.size() == 1);
    assertThat(againEvents.received.poll()).isEqualTo(frame(3, 50));
    await("sent", () -> clientEvents.sent.contains(3L));
    assertThat(clientEvents.sent).containsExactly(1L, 3L);
    assertThat(clientEvents.failed).isEmpty();
    assertThat(clientEvents.events).containsSubsequence("ready", "down", "ready");
  }

  @Test
  void frames_not_yet_written_when_the_connection_is_lost_are_failed_before_onDown()
      throws Exception {
    StalledPeer peer = stalledPeer();
    Recorder events = new Recorder();
    TcpConvergenceLayer client =
        startClient(peer.address(), TcpOptions.DEFAULT.withQueueBytes(64 * 1024), events);
    await("ready", () -> events.readies.get() == 1);
    List<Long> accepted = fillUntilRefused(client);

    peer.connection().close();

    await("down", () -> events.downs.size() == 1);
    assertThat(events.failed).isNotEmpty();
    Set<Long> outcomes = new HashSet<>(events.sent);
    for (Long t : events.failed.keySet()) {
      assertThat(outcomes.add(t)).as("token %s reported twice", t).isTrue();
    }
    assertThat(outcomes).containsExactlyInAnyOrderElementsOf(accepted);
    assertThat(events.events.get(events.events.size() - 1)).isEqualTo("down");
    assertThat(client.isReady()).isFalse();
  }

  @Test
  void send_returns_false_when_the_queue_is_full_and_onReady_follows_once_it_drains()
      throws Exception {
    StalledPeer peer = stalledPeer();
    Recorder events = new Recorder();
    TcpConvergenceLayer client =
        startClient(peer.address(), TcpOptions.DEFAULT.withQueueBytes(64 * 1024), events);
    await("ready", () -> events.readies.get() == 1);
    List<Long> accepted = fillUntilRefused(client);
    assertThat(client.isReady()).as("connected, only full").isTrue();
    assertThat(client.send(-1, frame(0, 1000))).isFalse();

    int readiesWhenFull = events.readies.get(); // 1, or more if it drained while filling
    peer.startReading();

    await("ready after draining", () -> events.readies.get() == readiesWhenFull + 1);
    assertThat(client.send(-2, frame(0, 1000))).isTrue();
    await("all sent", () -> events.sent.size() == accepted.size() + 1);
    assertThat(events.failed).isEmpty();
    assertThat(events.downs).isEmpty();
  }

  @Test
  void stop_fails_the_queued_frames_and_a_stopped_client_can_start_again() throws Exception {
    StalledPeer peer = stalledPeer();
    Recorder events = new Recorder();
    TcpConvergenceLayer client =
        startClient(peer.address(), TcpOptions.DEFAULT.withQueueBytes(64 * 1024), events);
    await("ready", () -> events.readies.get() == 1);
    List<Long> accepted = fillUntilRefused(client);

    client.stop();

    // stop() waits: every frame has its outcome, and onDown came, when it returns.
    assertThat(events.sent.size() + events.failed.size()).isEqualTo(accepted.size());
    assertThat(events.failed).isNotEmpty().containsValue("stopped");
    assertThat(events.downs).containsExactly("stopped");
    assertThat(client.isReady()).isFalse();
    assertThat(client.send(1, frame(1, 10))).isFalse();
    client.stop(); // a second stop does nothing

    TcpConvergenceLayer server = startServer(TcpOptions.DEFAULT, new Recorder());
    TcpConvergenceLayer other = startClient(server, TcpOptions.DEFAULT, new Recorder());
    other.stop();
    Recorder again = new Recorder();
    other.start(again);
    await("ready after restart", () -> again.readies.get() == 1);
    assertThatThrownBy(() -> other.start(again)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void a_restarted_server_listens_on_the_port_it_had() throws Exception {
    Recorder serverEvents = new Recorder();
    TcpConvergenceLayer server = startServer(TcpOptions.DEFAULT, serverEvents);
    InetSocketAddress first = server.localAddress();
    server.stop();
    server.start(serverEvents);
    assertThat(server.localAddress()).isEqualTo(first);
    Recorder clientEvents = new Recorder();
    TcpConvergenceLayer client = startClient(server, TcpOptions.DEFAULT, clientEvents);
    await("ready", () -> clientEvents.readies.get() == 1);
    assertThat(client.send(7, frame(7, 10))).isTrue();
    await("delivered", () -> serverEvents.received.size() == 1);
  }

  // --- malformed input ---

  @Test
  void drops_a_peer_whose_contact_header_has_the_wrong_magic() throws Exception {
    TcpConvergenceLayer server = startServer(TcpOptions.DEFAULT, new Recorder());
    try (Socket raw = rawClient(server)) {
      raw.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(US_ASCII));
      assertThat(readUntilClosed(raw)).startsWith(HEADER);
      await("logged", () -> logs.warnings().anyMatch(m -> m.contains("wrong contact header")));
      assertThat(logs.warnings().filter(m -> m.contains("wrong contact header")).findFirst())
          .get()
          .asString()
          .contains(":" + raw.getLocalPort())
          .contains("474554202f");
    }
    assertServes(server);
  }

  @Test
  void drops_a_peer_that_speaks_another_version() throws Exception {
    TcpConvergenceLayer server = startServer(TcpOptions.DEFAULT, new Recorder());
    try (Socket raw = rawClient(server)) {
      raw.getOutputStream().write(new byte[] {'a', 'm', 'a', 't', 2, 0, 0, 0, 1, 9});
      assertThat(readUntilClosed(raw)).startsWith(HEADER);
      await("logged", () -> logs.warnings().anyMatch(m -> m.contains("protocol version 2")));
    }
    assertServes(server);
  }

  @Test
  void drops_connection_that_announces_a_frame_above_the_limit_and_keeps_serving_others()
      throws Exception {
    Recorder serverEvents = new Recorder();
    serverEvents.onReceive = (frame, reply) -> reply.send(reply(frame));
    TcpConvergenceLayer server =
        startServer(TcpOptions.DEFAULT.withMaxFrameBytes(1024), serverEvents);
    Recorder goodEvents = new Recorder();
    TcpConvergenceLayer good = startClient(server, TcpOptions.DEFAULT, goodEvents);
    await("good client ready", () -> goodEvents.readies.get() == 1);

    try (Socket raw = rawClient(server)) {
      DataOutputStream out = new DataOutputStream(raw.getOutputStream());
      out.write(HEADER);
      out.writeInt(5);
      out.write(new byte[] {1, 2, 3, 4, 5});
      out.writeInt(1025);
      out.write(new byte[100]);
      out.flush();
      assertThat(readUntilClosed(raw)).startsWith(HEADER);
      String port = ":" + raw.getLocalPort();
      await(
          "logged",
          () -> logs.warnings().anyMatch(m -> m.contains(port) && m.contains("frame of 1025")));
    }
    // Lengths that a careless reader would try to allocate: 2 GiB, and negative as an int.
    for (int length : new int[] {0x7FFF_FFF0, 0xFFFF_FFFF}) {
      try (Socket raw = rawClient(server)) {
        DataOutputStream out = new DataOutputStream(raw.getOutputStream());
        out.write(HEADER);
        out.writeInt(length);
        out.flush();
        assertThat(readUntilClosed(raw)).startsWith(HEADER);
        String announced = "frame of " + Integer.toUnsignedString(length) + " bytes";
        await("logged", () -> logs.warnings().anyMatch(m -> m.contains(announced)));
      }
    }

    assertThat(serverEvents.received).hasSize(1); // the raw peer's one good frame
    assertThat(good.send(1, frame(1, 200))).isTrue();
    await("good client answered", () -> goodEvents.received.size() == 1);
    assertThat(goodEvents.received.poll()).isEqualTo(reply(frame(1, 200)));
    assertThat(goodEvents.downs).isEmpty();
    assertServes(server);
  }

  @Test
  void survives_a_frame_cut_short_by_the_peer_closing() throws Exception {
    Recorder serverEvents = new Recorder();
    TcpConvergenceLayer server = startServer(TcpOptions.DEFAULT, serverEvents);
    try (Socket raw = rawClient(server)) {
      DataOutputStream out = new DataOutputStream(raw.getOutputStream());
      out.write(HEADER);
      out.writeInt(100);
      out.write(new byte[10]);
      out.flush();
    }
    await(
        "logged",
        () -> logs.warnings().anyMatch(m -> m.contains("in the middle of a frame of 100")));
    // Cut inside the contact header, and inside a length.
    try (Socket raw = rawClient(server)) {
      raw.getOutputStream().write(new byte[] {'a', 'm'});
    }
    try (Socket raw = rawClient(server)) {
      raw.getOutputStream().write(new byte[] {'a', 'm', 'a', 't', 1, 0, 0});
    }
    assertServes(server);
    await("assertServes' frame", () -> serverEvents.received.size() == 1);
    Thread.sleep(50);
    assertThat(serverEvents.received).hasSize(1);
  }

  @Test
  void survives_random_garbage() throws Exception {
    Recorder serverEvents = new Recorder();
    serverEvents.onReceive = (frame, reply) -> reply.send(reply(frame));
    TcpConvergenceLayer server =
        startServer(TcpOptions.DEFAULT.withMaxFrameBytes(4096), serverEvents);
    Random random = new Random(20261121);
    for (int i = 0; i < 30; i++) {
      byte[] garbage = new byte[1 + random.nextInt(8192)];
      random.nextBytes(garbage);
      try (Socket raw = rawClient(server)) {
        OutputStream out = raw.getOutputStream();
        if (i % 2 == 0) {
          out.write(HEADER);
        }
        out.write(garbage);
        out.flush();
      } catch (SocketException dropped) {
        // The server may drop us while we write; that is what it should do.
      }
    }
    assertServes(server);
    assertThat(logs.errors()).isEmpty();
  }

  // --- keepalive ---

  @Test
  void closes_a_peer_that_goes_silent_after_its_contact_header() throws Exception {
    TcpOptions options = TcpOptions.DEFAULT.withKeepaliveInterval(Duration.ofMillis(100));
    TcpConvergenceLayer server = startServer(options, new Recorder());
    try (Socket raw = rawClient(server)) {
      raw.getOutputStream().write(HEADER);
      long start = System.nanoTime();
      byte[] received = readUntilClosed(raw);
      long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      assertThat(elapsedMillis).isBetween(250L, 2000L);
      // The server's header, then keepalives (empty frames) while it waited.
      assertThat(received).startsWith(HEADER);
      assertThat(received.length).isGreaterThanOrEqualTo(HEADER.length + 4);
      for (int i = HEADER.length; i < received.length; i++) {
        assertThat(received[i]).isZero();
      }
      await("logged", () -> logs.warnings().anyMatch(m -> m.contains("closed as dead")));
    }
  }

  @Test
  void the_active_side_gives_up_on_a_server_that_goes_silent() throws Exception {
    StalledPeer peer = stalledPeer();
    Recorder events = new Recorder();
    startClient(
        peer.address(),
        TcpOptions.DEFAULT
            .withKeepaliveInterval(Duration.ofMillis(100))
            .withReconnectDelays(Duration.ofSeconds(5), Duration.ofSeconds(5)),
        events);
    await("ready", () -> events.readies.get() == 1);
    long start = System.nanoTime();
    await("down", () -> events.downs.size() == 1);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2000);
    assertThat(events.downs.get(0)).contains("closed as dead");
  }

  @Test
  void keeps_an_idle_but_healthy_pair_connected_over_several_intervals() throws Exception {
    TcpOptions options = TcpOptions.DEFAULT.withKeepaliveInterval(Duration.ofMillis(100));
    Recorder serverEvents = new Recorder();
    serverEvents.onReceive = (frame, reply) -> reply.send(reply(frame));
    TcpConvergenceLayer server = startServer(options, serverEvents);
    Recorder clientEvents = new Recorder();
    TcpConvergenceLayer client = startClient(server, options, clientEvents);
    await("ready", () -> clientEvents.readies.get() == 1);

    Thread.sleep(1000); // ten intervals, more than three times the dead-peer timeout

    assertThat(clientEvents.downs).isEmpty();
    assertThat(clientEvents.readies.get()).isEqualTo(1);
    assertThat(client.isReady()).isTrue();
    assertThat(serverEvents.received).isEmpty(); // keepalives are not frames
    assertThat(client.send(1, frame(1, 20))).isTrue();
    await("answered", () -> clientEvents.received.size() == 1);
    assertThat(logs.warnings()).isEmpty();
  }

  // --- resources ---

  @Test
  void close_leaves_no_ama_tcp_threads_behind() throws Exception {
    Recorder serverEvents = new Recorder();
    serverEvents.onReceive = (frame, reply) -> reply.send(reply(frame));
    TcpConvergenceLayer server = startServer(TcpOptions.DEFAULT, serverEvents);
    List<TcpConvergenceLayer> clients = new ArrayList<>();
    List<Recorder> events = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Recorder r = new Recorder();
      events.add(r);
      clients.add(startClient(server, TcpOptions.DEFAULT, r));
    }
    // And one that keeps trying to reach a port where nobody listens.
    startClient(unusedPort(), TcpOptions.DEFAULT, new Recorder());
    for (int i = 0; i < 3; i++) {
      Recorder r = events.get(i);
      await("ready", () -> r.readies.get() == 1);
      assertThat(clients.get(i).send(i, frame(i, 10))).isTrue();
      await("answered", () -> r.received.size() == 1);
    }
    assertThat(tcpThreads()).isNotEmpty();

    for (AutoCloseable c : toClose) {
      c.close();
    }
    await("threads gone", () -> tcpThreads().isEmpty());
    server.close(); // idempotent
    assertThatThrownBy(() -> server.start(new Recorder()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void options_are_checked() {
    assertThat(TcpOptions.DEFAULT.queueBytes()).isEqualTo(8L << 20);
    assertThat(TcpOptions.DEFAULT.keepaliveInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThatThrownBy(() -> TcpOptions.DEFAULT.withMaxFrameBytes(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TcpOptions.DEFAULT.withQueueBytes(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TcpOptions.DEFAULT.withKeepaliveInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                TcpOptions.DEFAULT.withReconnectDelays(
                    Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shorter");
    assertThatThrownBy(() -> TcpOptions.DEFAULT.withConnectTimeout(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---------------------------------------------------------------------------------------------

  private <T extends AutoCloseable> T track(T c) {
    toClose.add(c);
    return c;
  }

  private TcpConvergenceLayer startServer(TcpOptions options, Recorder events) {
    return startServer(new InetSocketAddress(LOOPBACK, 0), options, events);
  }

  private TcpConvergenceLayer startServer(
      InetSocketAddress bind, TcpOptions options, Recorder events) {
    TcpConvergenceLayer server = track(TcpConvergenceLayer.listen(bind, options));
    server.start(events);
    return server;
  }

  private TcpConvergenceLayer startClient(
      TcpConvergenceLayer server, TcpOptions options, Recorder events) {
    return startClient(server.localAddress(), options, events);
  }

  private TcpConvergenceLayer startClient(
      InetSocketAddress peer, TcpOptions options, Recorder events) {
    TcpConvergenceLayer client = track(TcpConvergenceLayer.connect(peer, options));
    client.start(events);
    return client;
  }

  /** A fresh client is served: its frame arrives and is answered if the server answers. */
  private void assertServes(TcpConvergenceLayer server) throws Exception {
    Recorder events = new Recorder();
    try (TcpConvergenceLayer client = startClient(server, TcpOptions.DEFAULT, events)) {
      await("ready", () -> events.readies.get() == 1);
      assertThat(client.send(42, frame(42, 64))).isTrue();
      await("sent", () -> events.sent.contains(42L));
    }
  }

  private Socket rawClient(TcpConvergenceLayer server) throws IOException {
    Socket raw = new Socket();
    raw.connect(server.localAddress(), 2000);
    raw.setSoTimeout(5000);
    return raw;
  }

  /** Everything the peer sends until it closes the connection (or resets it). */
  private static byte[] readUntilClosed(Socket socket) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    byte[] buf = new byte[4096];
    try {
      int n;
      while ((n = in.read(buf)) >= 0) {
        all.write(buf, 0, n);
      }
    } catch (SocketTimeoutException e) {
      fail("the peer did not close the connection; it sent " + all.size() + " bytes");
    } catch (SocketException reset) {
      // Closed with our bytes unread: a reset, not a clean end; dropped all the same.
    }
    return all.toByteArray();
  }

  /**
   * Sends 1000-byte frames until the queue refuses them for 200 ms on end (the writer is stuck, not
   * just behind); returns the accepted tokens.
   */
  private static List<Long> fillUntilRefused(TcpConvergenceLayer client)
      throws InterruptedException {
    List<Long> accepted = new ArrayList<>();
    long deadline = System.nanoTime() + WAIT.toNanos();
    long lastAccepted = System.nanoTime();
    for (long token = 0; System.nanoTime() < deadline; ) {
      if (client.send(token, frame((int) token, 1000))) {
        accepted.add(token);
        token++;
        lastAccepted = System.nanoTime();
      } else if (System.nanoTime() - lastAccepted > TimeUnit.MILLISECONDS.toNanos(200)) {
        assertThat(accepted).isNotEmpty();
        return accepted;
      } else {
        Thread.sleep(10);
      }
    }
    return fail("the queue never filled; %d frames accepted", accepted.size());
  }

  /** A TCP peer that sends a contact header and then neither reads nor writes. */
  private StalledPeer stalledPeer() throws IOException {
    ServerSocket ss = new ServerSocket();
    ss.setReceiveBufferSize(4096);
    ss.bind(new InetSocketAddress(LOOPBACK, 0));
    StalledPeer peer = new StalledPeer(ss);
    track(peer);
    Thread t =
        new Thread(
            () -> {
              try {
                Socket s = ss.accept();
                peer.accepted.add(s);
                s.getOutputStream().write(HEADER);
              } catch (IOException e) {
                // closed by the test
              }
            },
            "test-stalled-peer");
    t.setDaemon(true);
    t.start();
    return peer;
  }

  private static final class StalledPeer implements AutoCloseable {
    final ServerSocket serverSocket;
    final BlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();
    private Socket connection;

    StalledPeer(ServerSocket serverSocket) {
      this.serverSocket = serverSocket;
    }

    InetSocketAddress address() {
      return (InetSocketAddress) serverSocket.getLocalSocketAddress();
    }

    Socket connection() throws InterruptedException {
      if (connection == null) {
        connection = accepted.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(connection).as("accepted connection").isNotNull();
      }
      return connection;
    }

    /** Starts reading (and discarding) what the peer sent. */
    void startReading() throws InterruptedException {
      Socket s = connection();
      Thread t =
          new Thread(
              () -> {
                byte[] buf = new byte[64 * 1024];
                try (InputStream in = s.getInputStream()) {
                  while (in.read(buf) >= 0) {
                    // discard
                  }
                } catch (IOException e) {
                  // closed
                }
              },
              "test-drain");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void close() throws IOException {
      serverSocket.close();
      for (Socket s : accepted) {
        s.close();
      }
      if (connection != null) {
        connection.close();
      }
    }
  }

  private static InetSocketAddress unusedPort() throws IOException {
    try (ServerSocket ss = new ServerSocket(0, 1, LOOPBACK)) {
      return (InetSocketAddress) ss.getLocalSocketAddress();
    }
  }

  private static List<String> tcpThreads() {
    List<String> names = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && t.getName().startsWith("ama-tcp-")) {
        names.add(t.getName());
      }
    }
    return names;
  }

  private static byte[] frame(int i, int size) {
    ByteBuffer b = ByteBuffer.allocate(size);
    for (int k = 0; k < size; k++) {
      b.put((byte) (i * 31 + k));
    }
    if (size >= 4) {
      b.putInt(0, i);
    }
    return b.array();
  }

  private static byte[] reply(byte[] frame) {
    byte[] r = new byte[frame.length + 3];
    r[0] = 'r';
    r[1] = 'e';
    r[2] = ':';
    System.arraycopy(frame, 0, r, 3, frame.length);
    return r;
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting for: " + what);
      }
      Thread.sleep(5);
    }
  }

  /** Records a layer's events, in order; thread-safe. */
  static class Recorder implements ConvergenceLayer.Listener {
    final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    final List<Long> sent = new CopyOnWriteArrayList<>();
    final Map<Long, String> failed = new ConcurrentHashMap<>();
    final List<String> downs = new CopyOnWriteArrayList<>();
    final AtomicInteger readies = new AtomicInteger();
    final List<String> events = new CopyOnWriteArrayList<>();
    volatile BiConsumer<byte[], ConvergenceLayer.Reply> onReceive = (frame, reply) -> {};

    @Override
    public void onReady() {
      events.add("ready");
      readies.incrementAndGet();
    }

    @Override
    public void onReceive(byte[] frame, ConvergenceLayer.Reply reply) {
      received.add(frame);
      onReceive.accept(frame, reply);
    }

    @Override
    public void onSent(long token) {
      sent.add(token);
    }

    @Override
    public void onFailed(long token, String reason) {
      events.add("failed");
      assertThat(failed.put(token, reason)).as("token %s failed twice", token).isNull();
    }

    @Override
    public void onDown(String reason) {
      events.add("down");
      downs.add(reason);
    }
  }

  /** Keeps the layer's log events of level WARN and above. */
  static final class CapturingAppender extends AppenderBase<ILoggingEvent> {
    private final ConcurrentLinkedQueue<ILoggingEvent> events = new ConcurrentLinkedQueue<>();

    @Override
    protected void append(ILoggingEvent e) {
      events.add(e);
    }

    java.util.stream.Stream<String> warnings() {
      return events.stream()
          .filter(e -> e.getLevel() == Level.WARN)
          .map(ILoggingEvent::getFormattedMessage);
    }

    java.util.stream.Stream<String> errors() {
      return events.stream()
          .filter(e -> e.getLevel() == Level.ERROR)
          .map(ILoggingEvent::getFormattedMessage);
    }
  }
}
