package dev.ama.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ama.transport.cl.TcpConvergenceLayer;
import dev.ama.transport.cl.TcpOptions;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two nodes with H2 files over real loopback TCP, in real time. */
class TransportNodeTcpTest {
  private static final Eid A = Eid.of("ipn:1.1");
  private static final Eid B = Eid.of("ipn:2.1");

  @Test
  void carries_bundles_end_to_end_and_empties_the_senders_store(@TempDir Path dir)
      throws Exception {
    Recorder rb = new Recorder();
    TcpConvergenceLayer server =
        TcpConvergenceLayer.listen(new InetSocketAddress("127.0.0.1", 0), TcpOptions.DEFAULT);
    try (TransportNode b =
            TransportNode.builder(B)
                .store(dir.resolve("b.db"))
                .inbound(server)
                .delivery(rb)
                .build();
        TransportNode a =
            TransportNode.builder(A)
                .store(dir.resolve("a.db"))
                .link("ab", TcpConvergenceLayer.connect(server.localAddress(), TcpOptions.DEFAULT))
                .route("*", "ab")
                .build()) {
      List<CompletableFuture<BundleId>> sent = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        sent.add(a.sendAsync(B, new byte[200], SendOptions.DEFAULT));
      }
      List<BundleId> ids = sent.stream().map(CompletableFuture::join).toList();
      Await.until(() -> rb.deliveries.size() >= 2000 && a.status().storedBundles() == 0);
      assertThat(rb.ids()).containsExactlyElementsOf(ids);
      assertThat(b.status().storedBundles()).isZero();
      assertThat(a.status().queue(B, Priority.NORMAL).acknowledged()).isEqualTo(2000);
    }
  }

  @Test
  void drops_a_connection_that_sends_a_malformed_frame_and_goes_on(@TempDir Path dir)
      throws Exception {
    Recorder rb = new Recorder();
    TcpConvergenceLayer server =
        TcpConvergenceLayer.listen(new InetSocketAddress("127.0.0.1", 0), TcpOptions.DEFAULT);
    try (TransportNode b =
        TransportNode.builder(B).store(dir.resolve("b.db")).inbound(server).delivery(rb).build()) {
      for (byte[] garbage :
          List.of(new byte[] {(byte) 0x82, 1, 0x42}, new byte[] {(byte) 0xff, 0, 1, 2})) {
        try (Socket s = new Socket("127.0.0.1", server.localAddress().getPort())) {
          s.setSoTimeout(5000);
          DataOutputStream out = new DataOutputStream(s.getOutputStream());
          out.write(new byte[] {'a', 'm', 'a', 't', 1});
          out.writeInt(garbage.length);
          out.write(garbage);
          out.flush();
          InputStream in = s.getInputStream();
          assertThat(in.readNBytes(5)).containsExactly('a', 'm', 'a', 't', 1);
          assertThat(in.read()).as("the node closed the connection").isEqualTo(-1);
        }
      }
      // A well-behaved peer is still served.
      try (TransportNode a =
          TransportNode.builder(A)
              .store(dir.resolve("a.db"))
              .link("ab", TcpConvergenceLayer.connect(server.localAddress(), TcpOptions.DEFAULT))
              .route("*", "ab")
              .build()) {
        BundleId id = a.send(B, new byte[] {42}, SendOptions.DEFAULT);
        Await.until(() -> rb.deliveries.size() == 1);
        assertThat(rb.ids()).containsExactly(id);
      }
    }
  }
}
