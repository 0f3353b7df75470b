package dev.ama.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleStoreTest {
  @Test
  void shares_one_commit_among_the_writes_that_wait(@TempDir Path dir) throws Exception {
    try (BundleStore store =
        BundleStore.open(dir.resolve("s.db"), BundleStore.CommitMode.GROUP, true)) {
      List<CompletableFuture<Void>> done = new ArrayList<>();
      for (long i = 0; i < 5000; i++) {
        long k = i;
        done.add(store.submit(m -> m.outbox().put(k, new byte[200])));
      }
      done.forEach(CompletableFuture::join);
      assertThat(store.counters().get("operations")).isEqualTo(5000);
      assertThat(store.counters().get("commits")).isLessThan(2500);
    }
  }

  @Test
  void compacts_a_grown_file_into_a_fresh_one_and_keeps_every_live_entry(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("s.db");
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> readerFailure = new AtomicReference<>();
    try (BundleStore store = BundleStore.open(file, BundleStore.CommitMode.GROUP, false, 1 << 20)) {
      Thread reader =
          new Thread(
              () -> {
                try {
                  while (!stop.get()) {
                    store.read(m -> m.outbox().get(7L));
                  }
                } catch (Throwable t) {
                  readerFailure.set(t);
                }
              });
      reader.start();
      // A small live set and a lot of churn: the append-only file grows until compacted.
      for (long i = 0; i < 20_000; i++) {
        long k = i;
        store.submit(m -> m.outbox().put(k, new byte[500])).join();
        if (k >= 100) {
          store.submit(m -> m.outbox().remove(k - 100));
        }
      }
      store.submit(m -> m.meta().put("marker", 42L)).join();
      stop.set(true);
      reader.join();
      assertThat(readerFailure.get()).isNull();
      assertThat(store.counters().get("compactions")).isPositive();
      assertThat(Files.size(file)).isLessThan(8L << 20);
    }
    try (BundleStore store = BundleStore.open(file, BundleStore.CommitMode.GROUP, true)) {
      int size = store.read(m -> m.outbox().size());
      long first = store.read(m -> m.outbox().firstKey());
      Long marker = store.read(m -> m.meta().get("marker"));
      assertThat(size).isEqualTo(100);
      assertThat(first).isEqualTo(19_900L);
      assertThat(marker).isEqualTo(42L);
    }
    assertThat(dir.resolve("s.db.compacting")).doesNotExist();
  }
}
