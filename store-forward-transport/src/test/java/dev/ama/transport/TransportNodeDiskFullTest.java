package dev.ama.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ama.transport.cl.SimulatedLink;
import dev.ama.transport.time.VirtualTimeScheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node whose store sits on a real, tiny file system (a 4 MiB tmpfs) that fills up: sends fail
 * with DISK_FULL, nothing accepted before is lost, and sending works again once there is room.
 * Mounting needs root, which the CI machine has; elsewhere the test is skipped and says why.
 */
class TransportNodeDiskFullTest {
  @TempDir Path tmp;
  private Path mount;

  @BeforeEach
  void mountTinyFileSystem() throws Exception {
    mount = Files.createDirectories(tmp.resolve("tiny"));
    boolean mounted = run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mount.toString());
    assumeTrue(mounted, "mounting a 4 MiB tmpfs needs root; the full-disk test needs one");
  }

  @AfterEach
  void unmount() throws Exception {
    run("umount", mount.toString());
  }

  @Test
  void reports_a_full_disk_as_such_and_loses_nothing_already_accepted() throws Exception {
    VirtualTimeScheduler sched = new VirtualTimeScheduler(Instant.parse("2026-01-01T00:00:00Z"));
    SimulatedLink link = SimulatedLink.builder("ab", sched).build();
    List<TransportException> failures = new ArrayList<>();
    TransportNode.Builder builder =
        TransportNode.builder(Eid.of("ipn:1.1"))
            .scheduler(sched)
            .store(mount.resolve("transport.db"))
            .link("ab", link.endA(), null, false)
            .route("*", "ab")
            .listener(
                new TransportListener() {
                  @Override
                  public void onStoreFailure(TransportException failure) {
                    failures.add(failure);
                  }
                });
    Path filler = mount.resolve("filler");
    Files.write(filler, new byte[1 << 20]);
    TransportNode node = builder.build();
    Eid dest = Eid.of("ipn:2.1");
    List<BundleId> accepted = new ArrayList<>();
    TransportException full = null;
    for (int i = 0; i < 100_000 && full == null; i++) {
      try {
        accepted.add(node.send(dest, new byte[4096], SendOptions.DEFAULT));
      } catch (TransportException e) {
        full = e;
      }
    }
    assertThat(full).as("the disk filled up").isNotNull();
    assertThat(full.code()).isEqualTo(TransportException.Code.DISK_FULL);
    assertThat(full.isRetriable()).isTrue();
    assertThat(full.getMessage()).contains("disk is full");
    assertThat(failures).isNotEmpty();
    assertThat(accepted).hasSizeGreaterThan(100);

    // Room again: the same node accepts bundles without a restart.
    Files.delete(filler);
    accepted.add(node.send(dest, new byte[4096], SendOptions.DEFAULT));
    assertThat(node.status().storedBundles()).isEqualTo(accepted.size());
    node.close();

    // Everything accepted is still on disk after a restart.
    node = builder.build();
    assertThat(node.status().storedBundles()).isEqualTo(accepted.size());
    node.close();
  }

  private static boolean run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
  }
}
