package dev.ama.transport.cl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The directory layer over real temporary folders, polled every 20 ms. */
class DirectoryConvergenceLayerTest {
  private static final DirectoryConvergenceLayer.Options FAST =
      DirectoryConvergenceLayer.Options.DEFAULT.withPollInterval(Duration.ofMillis(20));

  @TempDir Path tmp;

  private final List<DirectoryConvergenceLayer> layers = new ArrayList<>();

  @AfterEach
  void closeLayers() {
    layers.forEach(DirectoryConvergenceLayer::close);
  }

  private DirectoryConvergenceLayer layer(
      Path out, Path in, DirectoryConvergenceLayer.Options options) {
    DirectoryConvergenceLayer l = new DirectoryConvergenceLayer(out, in, options);
    layers.add(l);
    return l;
  }

  private Path dir(String name) throws IOException {
    return Files.createDirectories(tmp.resolve(name));
  }

  @Test
  void frames_carried_from_one_layer_to_another_arrive_in_order_and_are_reported_sent()
      throws IOException {
    Path carried = dir("carried");
    Recorder a = new Recorder();
    Recorder b = new Recorder();
    DirectoryConvergenceLayer sender = layer(carried, null, FAST);
    DirectoryConvergenceLayer receiver = layer(dir("b-out"), carried, FAST);
    sender.start(a);
    receiver.start(b);
    await(sender::isReady);
    for (int i = 0; i < 20; i++) {
      assertThat(sender.send(i, ("frame " + i).getBytes(UTF_8))).isTrue();
    }

    await(() -> b.received.size() == 20);
    assertThat(a.sent).containsExactlyElementsOf(range(20));
    assertThat(b.receivedText())
        .containsExactlyElementsOf(range(20).stream().map(i -> "frame " + i).toList());
    await(() -> files(carried).isEmpty());
    assertThat(a.events).startsWith("ready").doesNotContain("down");
  }

  @Test
  void replies_are_written_to_the_receivers_outgoing_folder() throws IOException {
    Path carried = dir("carried");
    Path bOut = dir("b-out");
    Recorder b = new Recorder();
    b.replyWith = f -> ("ack " + new String(f, UTF_8)).getBytes(UTF_8);
    DirectoryConvergenceLayer sender = layer(carried, null, FAST);
    layer(bOut, carried, FAST).start(b);
    sender.start(new Recorder());
    await(sender::isReady);
    sender.send(1, "hello".getBytes(UTF_8));

    await(() -> files(bOut).size() == 1);
    assertThat(b.replyResults).containsExactly(true);
    Path reply = files(bOut).get(0);
    assertThat(reply.getFileName().toString()).endsWith(".frame");
    assertThat(Files.readString(reply)).isEqualTo("ack hello");
  }

  @Test
  void a_receive_only_layer_refuses_sends_and_replies() throws IOException {
    Path in = dir("in");
    Recorder r = new Recorder();
    r.replyWith = f -> f;
    DirectoryConvergenceLayer l = layer(null, in, FAST);
    l.start(r);
    Files.write(in.resolve("1.frame"), new byte[] {1});

    await(() -> r.received.size() == 1);
    assertThat(l.isReady()).isFalse();
    assertThat(l.send(1, new byte[] {1})).isFalse();
    assertThat(r.replyResults).containsExactly(false);
    assertThat(r.events).doesNotContain("ready");
  }

  @Test
  void temporary_hidden_and_odd_files_are_left_alone() throws IOException, InterruptedException {
    Path in = dir("in");
    Files.write(in.resolve(".0001.frame.tmp"), new byte[] {1});
    Files.write(in.resolve("0002.frame.tmp"), new byte[] {2});
    Files.write(in.resolve(".0003.frame"), new byte[] {3});
    Files.write(in.resolve("0004.txt"), new byte[] {4});
    Files.createDirectories(in.resolve("0005.frame"));
    Files.write(in.resolve("0006.frame"), new byte[] {6});
    Recorder r = new Recorder();
    layer(null, in, FAST).start(r);

    await(() -> r.received.size() == 1);
    Thread.sleep(100); // several more polls
    assertThat(r.received).hasSize(1);
    assertThat(r.received.get(0)).containsExactly(6);
    assertThat(names(in))
        .containsExactlyInAnyOrder(
            ".0001.frame.tmp", "0002.frame.tmp", ".0003.frame", "0004.txt", "0005.frame");
  }

  @Test
  void an_oversized_file_is_moved_to_rejected_with_a_warning_and_later_files_still_arrive()
      throws IOException {
    Path in = dir("in");
    Files.write(in.resolve("0001.frame"), new byte[17]);
    Files.write(in.resolve("0002.frame"), new byte[16]);
    Recorder r = new Recorder();
    ListAppender<ILoggingEvent> log = captureLog();
    try {
      layer(null, in, FAST.withMaxFrameBytes(16)).start(r);
      await(() -> r.received.size() == 1);
      Files.write(in.resolve("0003.frame"), new byte[] {3});
      await(() -> r.received.size() == 2);
    } finally {
      releaseLog(log);
    }

    assertThat(r.received.get(0)).hasSize(16);
    assertThat(r.received.get(1)).containsExactly(3);
    assertThat(Files.size(in.resolve("rejected/0001.frame"))).isEqualTo(17);
    // A delivered frame is deleted just after it is handed over: wait for that, not only for it.
    await(
        () -> {
          try {
            return names(in).equals(List.of("rejected"));
          } catch (IOException e) {
            return false;
          }
        });
    assertThat(log.list)
        .anySatisfy(
            e -> {
              assertThat(e.getLevel()).isEqualTo(Level.WARN);
              assertThat(e.getFormattedMessage()).contains("0001.frame").contains("16-byte");
            });
  }

  @Test
  void frames_copied_onto_carried_media_while_stopped_are_picked_up_on_start() throws IOException {
    Path aOut = dir("a-out");
    Path bIn = dir("b-in");
    Recorder a = new Recorder();
    DirectoryConvergenceLayer sender = layer(aOut, null, FAST);
    sender.start(a);
    await(sender::isReady);
    for (int i = 0; i < 5; i++) {
      sender.send(i, new byte[] {(byte) i});
    }
    await(() -> a.sent.size() == 5);
    sender.stop();

    // The carrier copies the files; the receiver was started once and stopped meanwhile.
    Recorder b = new Recorder();
    DirectoryConvergenceLayer receiver = layer(null, bIn, FAST);
    receiver.start(b);
    receiver.stop();
    for (Path f : files(aOut)) {
      Files.copy(f, bIn.resolve(f.getFileName()));
    }
    assertThat(b.received).isEmpty();
    receiver.start(b);

    await(() -> b.received.size() == 5);
    for (int i = 0; i < 5; i++) {
      assertThat(b.received.get(i)).containsExactly(i);
    }
  }

  @Test
  void two_layers_writing_into_one_folder_never_collide() throws IOException {
    Path shared = dir("shared");
    Recorder a = new Recorder();
    Recorder b = new Recorder();
    DirectoryConvergenceLayer la = layer(shared, null, FAST);
    DirectoryConvergenceLayer lb = layer(shared, null, FAST);
    la.start(a);
    lb.start(b);
    for (int i = 0; i < 50; i++) {
      assertThat(la.send(i, new byte[] {1})).isTrue();
      assertThat(lb.send(i, new byte[] {2})).isTrue();
    }
    await(() -> a.sent.size() == 50 && b.sent.size() == 50);
    assertThat(files(shared)).hasSize(100);
  }

  @Test
  void a_missing_outgoing_folder_is_not_ready_until_it_appears_and_down_when_it_goes()
      throws IOException {
    Path out = tmp.resolve("out");
    Recorder r = new Recorder();
    DirectoryConvergenceLayer l = layer(out, null, FAST);
    assertThat(l.isReady()).isFalse();
    l.start(r);
    assertThat(l.isReady()).isFalse();
    assertThat(l.send(1, new byte[] {1})).isFalse();

    Files.createDirectories(out);
    await(() -> r.events.contains("ready"));
    assertThat(l.isReady()).isTrue();
    assertThat(l.send(2, new byte[] {2})).isTrue();
    await(() -> r.sent.contains(2L));

    for (Path f : files(out)) {
      Files.delete(f);
    }
    Files.delete(out);
    await(() -> r.events.contains("down"));
    assertThat(l.isReady()).isFalse();
    assertThat(l.send(3, new byte[] {3})).isFalse();

    Files.createDirectories(out);
    await(() -> r.events.equals(List.of("ready", "down", "ready")));
  }

  @Test
  void a_file_where_the_outgoing_folder_should_be_is_not_ready() throws IOException {
    Path out = Files.write(tmp.resolve("out"), new byte[0]);
    DirectoryConvergenceLayer l = layer(out, null, FAST);
    l.start(new Recorder());
    assertThat(l.isReady()).isFalse();
    assertThat(l.send(1, new byte[] {1})).isFalse();
  }

  @Test
  void a_read_only_outgoing_folder_is_not_ready() throws Exception {
    Path out = dir("out");
    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("r-xr-xr-x"));
    boolean mounted = false;
    try {
      if (Files.isWritable(out)) {
        // Root writes through permissions; a read-only mount stops even root.
        mounted = run("mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", out.toString());
      }
      assumeThat(Files.isWritable(out))
          .as("a read-only folder (chmod, or a mount as root)")
          .isFalse();
      DirectoryConvergenceLayer l = layer(out, null, FAST);
      l.start(new Recorder());
      assertThat(l.isReady()).isFalse();
      assertThat(l.send(1, new byte[] {1})).isFalse();
      l.close();
    } finally {
      if (mounted) {
        run("umount", out.toString());
      }
      Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  private static boolean run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  @Test
  void close_ends_the_thread_is_idempotent_and_a_stopped_layer_starts_again() throws IOException {
    Path out = dir("out");
    DirectoryConvergenceLayer l = layer(out, dir("in"), FAST);
    Set<Thread> before = dirclThreads();
    Recorder r = new Recorder();
    l.start(r);
    assertThat(dirclThreads()).hasSize(before.size() + 1);
    assertThatThrownBy(() -> l.start(r)).isInstanceOf(IllegalStateException.class);
    l.stop();
    assertThat(dirclThreads()).isEqualTo(before);
    assertThat(l.send(1, new byte[] {1})).isFalse();

    l.start(r);
    await(l::isReady);
    assertThat(l.send(2, new byte[] {2})).isTrue();
    await(() -> r.sent.contains(2L));
    l.close();
    l.close();
    assertThat(dirclThreads()).isEqualTo(before);
    assertThat(l.isReady()).isFalse();
    assertThatThrownBy(() -> l.start(r)).isInstanceOf(IllegalStateException.class);
  }

  // --- helpers ---

  private static List<Long> range(int n) {
    List<Long> l = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      l.add(i);
    }
    return l;
  }

  private static Set<Thread> dirclThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("dircl-"))
        .collect(Collectors.toSet());
  }

  /** The completed frame files in a folder, sorted. */
  private static List<Path> files(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".frame")).sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static ListAppender<ILoggingEvent> captureLog() {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    ((Logger) LoggerFactory.getLogger(DirectoryConvergenceLayer.class)).addAppender(appender);
    return appender;
  }

  private static void releaseLog(ListAppender<ILoggingEvent> appender) {
    ((Logger) LoggerFactory.getLogger(DirectoryConvergenceLayer.class)).detachAppender(appender);
  }

  /** Records a layer's events; replies with {@link #replyWith} if set. */
  private static final class Recorder implements ConvergenceLayer.Listener {
    final List<byte[]> received = new CopyOnWriteArrayList<>();
    final List<Long> sent = new CopyOnWriteArrayList<>();
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<Boolean> replyResults = Collections.synchronizedList(new ArrayList<>());
    volatile UnaryOperator<byte[]> replyWith;

    @Override
    public void onReady() {
      events.add("ready");
    }

    @Override
    public void onReceive(byte[] frame, ConvergenceLayer.Reply reply) {
      if (replyWith != null) {
        replyResults.add(reply.send(replyWith.apply(frame)));
      }
      received.add(frame);
    }

    @Override
    public void onSent(long token) {
      sent.add(token);
    }

    @Override
    public void onFailed(long token, String reason) {
      events.add("failed " + token + ": " + reason);
    }

    @Override
    public void onDown(String reason) {
      events.add("down");
    }

    List<String> receivedText() {
      return received.stream().map(b -> new String(b, UTF_8)).toList();
    }
  }
}
