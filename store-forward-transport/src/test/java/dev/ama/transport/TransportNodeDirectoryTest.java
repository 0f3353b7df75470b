package dev.ama.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ama.transport.cl.DirectoryConvergenceLayer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two nodes joined only by a data mule that carries files between their folders. */
class TransportNodeDirectoryTest {
  private static final Eid A = Eid.of("ipn:1.1");
  private static final Eid B = Eid.of("ipn:2.1");

  @Test
  void bundles_and_their_acknowledgements_ride_with_a_data_mule(@TempDir Path dir)
      throws Exception {
    Path aOut = dir.resolve("a/out");
    Path aIn = dir.resolve("a/in");
    Path bOut = dir.resolve("b/out");
    Path bIn = dir.resolve("b/in");
    for (Path p : List.of(aOut, aIn, bOut, bIn)) {
      Files.createDirectories(p);
    }
    DirectoryConvergenceLayer.Options fast =
        DirectoryConvergenceLayer.Options.DEFAULT.withPollInterval(Duration.ofMillis(20));
    Recorder rb = new Recorder();
    try (TransportNode a =
            TransportNode.builder(A)
                .store(dir.resolve("a/transport.db"))
                .link("mule", new DirectoryConvergenceLayer(aOut, aIn, fast))
                .route("*", "mule")
                .build();
        TransportNode b =
            TransportNode.builder(B)
                .store(dir.resolve("b/transport.db"))
                .inbound(new DirectoryConvergenceLayer(bOut, bIn, fast))
                .delivery(rb)
                .build()) {
      List<BundleId> sent = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        sent.add(a.send(B, new byte[] {(byte) i}, SendOptions.DEFAULT));
      }
      Await.until(() -> count(aOut) == 20);
      assertThat(rb.deliveries).isEmpty();

      carry(aOut, bIn);
      Await.until(() -> rb.deliveries.size() == 20);
      assertThat(rb.ids()).containsExactlyElementsOf(sent);
      assertThat(a.status().queue(B, Priority.NORMAL).inCustody()).isEqualTo(20);

      // The mule goes back and forth until A has heard of every bundle.
      Await.until(
          () -> {
            carry(bOut, aIn);
            return a.status().storedBundles() == 0;
          });
      assertThat(a.status().queue(B, Priority.NORMAL).acknowledged()).isEqualTo(20);
    }
  }

  private static long count(Path folder) {
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> p.toString().endsWith(DirectoryConvergenceLayer.FRAME_SUFFIX)).count();
    } catch (IOException e) {
      return -1;
    }
  }

  /** The mule: moves every finished frame file from one folder to another. */
  private static void carry(Path from, Path to) {
    try (Stream<Path> s = Files.list(from)) {
      for (Path p : s.toList()) {
        if (p.toString().endsWith(DirectoryConvergenceLayer.FRAME_SUFFIX)) {
          Files.move(p, to.resolve(p.getFileName()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
