package dev.ama.transport;

import dev.ama.transport.cl.TcpConvergenceLayer;
import dev.ama.transport.cl.TcpOptions;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A node process for {@link TransportCrashTest}, killed with {@code kill -9} at random moments and
 * started again on the same files.
 *
 * <ul>
 *   <li>{@code sender DIR PORT TOTAL}: sends payloads 0..TOTAL-1 to ipn:2.1 over TCP, in batches;
 *       after each batch is accepted it appends "index bundle-id" lines to DIR/sent.log and resumes
 *       after the last logged index when restarted.
 *   <li>{@code receiver DIR PORT}: listens on PORT and appends "sequence bundle-id index" to
 *       DIR/received.log for every delivery, resuming after the last sequence in that file (the
 *       application's own cursor, written with its effect in one append).
 * </ul>
 */
public final class CrashNodeMain {
  static final Eid SENDER = Eid.of("ipn:1.1");
  static final Eid RECEIVER = Eid.of("ipn:2.1");
  static final int BATCH = 20;

  private CrashNodeMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[1]);
    int port = Integer.parseInt(args[2]);
    TcpOptions tcp =
        TcpOptions.DEFAULT.withReconnectDelays(Duration.ofMillis(50), Duration.ofMillis(500));
    RetransmitPolicy retransmit =
        new RetransmitPolicy(Duration.ofSeconds(1), Duration.ofSeconds(4), 0.2);
    if (args[0].equals("sender")) {
      runSender(dir, port, Integer.parseInt(args[3]), tcp, retransmit);
    } else {
      runReceiver(dir, port, tcp, retransmit);
    }
  }

  private static void runSender(
      Path dir, int port, int total, TcpOptions tcp, RetransmitPolicy retransmit) throws Exception {
    Path log = dir.resolve("sent.log");
    List<String> lines = completeLines(log);
    int next =
        lines.isEmpty() ? 0 : Integer.parseInt(lines.get(lines.size() - 1).split(" ")[0]) + 1;
    TransportNode node =
        TransportNode.builder(SENDER)
            .store(dir.resolve("transport.db"))
            .retransmit(retransmit)
            .link(
                "to-receiver",
                TcpConvergenceLayer.connect(new InetSocketAddress("127.0.0.1", port), tcp))
            .route("*", "to-receiver")
            .build();
    try (OutputStream out = new FileOutputStream(log.toFile(), true)) {
      while (next < total) {
        List<CompletableFuture<BundleId>> batch = new ArrayList<>();
        int first = next;
        for (int i = 0; i < BATCH && next < total; i++, next++) {
          batch.add(node.sendAsync(RECEIVER, payload(next), SendOptions.DEFAULT));
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < batch.size(); i++) {
          sb.append(first + i).append(' ').append(batch.get(i).join()).append('\n');
        }
        // One write per batch: a kill leaves whole lines or a torn last line, never a mix.
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        Thread.sleep(40);
      }
    }
    Files.writeString(dir.resolve("sender.done"), "done");
    Thread.sleep(Long.MAX_VALUE);
  }

  private static void runReceiver(Path dir, int port, TcpOptions tcp, RetransmitPolicy retransmit)
      throws Exception {
    Path log = dir.resolve("received.log");
    List<String> lines = completeLines(log);
    long applied = lines.isEmpty() ? -1 : Long.parseLong(lines.get(lines.size() - 1).split(" ")[0]);
    FileOutputStream out = new FileOutputStream(log.toFile(), true);
    TransportNode[] node = new TransportNode[1];
    node[0] =
        TransportNode.builder(RECEIVER)
            .store(dir.resolve("transport.db"))
            .retransmit(retransmit)
            .inbound(TcpConvergenceLayer.listen(new InetSocketAddress("127.0.0.1", port), tcp))
            .delivery(
                d -> {
                  int index = index(d.bundle().payload());
                  String line = d.sequence() + " " + d.bundle().id() + " " + index + "\n";
                  out.write(line.getBytes(StandardCharsets.UTF_8));
                  if (d.sequence() % 100 == 0 && node[0] != null) {
                    node[0].acknowledgeDelivered(d.sequence());
                  }
                },
                applied)
            .build();
    Thread.sleep(Long.MAX_VALUE);
  }

  static byte[] payload(int index) {
    byte[] p = new byte[200];
    String s = Integer.toString(index);
    System.arraycopy(s.getBytes(StandardCharsets.US_ASCII), 0, p, 0, s.length());
    return p;
  }

  static int index(byte[] payload) {
    int n = 0;
    while (n < payload.length && payload[n] != 0) {
      n++;
    }
    return Integer.parseInt(new String(payload, 0, n, StandardCharsets.US_ASCII));
  }

  /**
   * The whole lines of a log; a torn last line (a kill in the middle of a write) is cut off so that
   * the next append starts on a fresh line.
   */
  static List<String> completeLines(Path log) throws IOException {
    if (!Files.exists(log)) {
      return List.of();
    }
    byte[] bytes = Files.readAllBytes(log);
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] != '\n') {
      end--;
    }
    if (end < bytes.length) {
      try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
        ch.truncate(end);
      }
    }
    String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
    return text.isEmpty() ? List.of() : List.of(text.split("\n"));
  }
}
