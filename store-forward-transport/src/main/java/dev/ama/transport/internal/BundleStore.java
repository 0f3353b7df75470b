package dev.ama.transport.internal;

import dev.ama.transport.TransportException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's durable state in one H2 MVStore file: the outbox (bundles waiting for the next hop),
 * the inbox (bundles waiting for the application), the de-duplication window and a few counters.
 *
 * <p>Writes are {@link Op operations} handed to {@link #submit}. In {@link CommitMode#GROUP} a
 * committer thread takes every operation that is waiting, applies them all, commits and syncs once,
 * then completes their futures: many bundles share one commit and one fsync. {@link
 * CommitMode#PER_OPERATION} commits and syncs each operation alone (the naive baseline). {@link
 * CommitMode#INLINE} applies and commits on the caller's thread (in-memory stores and virtual-time
 * simulations, where determinism matters more than batching).
 */
public final class BundleStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BundleStore.class);

  /** How writes become durable. */
  public enum CommitMode {
    GROUP,
    PER_OPERATION,
    INLINE
  }

  /** The maps an operation may change. */
  public interface Maps {
    MVMap<Long, byte[]> outbox();

    MVMap<Long, byte[]> inbox();

    MVMap<String, Long> seen();

    MVMap<String, Long> meta();
  }

  /** One change to the store, applied on the committer's thread. */
  @FunctionalInterface
  public interface Op {
    void apply(Maps maps);
  }

  private record Pending(Op op, CompletableFuture<Void> done) {}

  /** A file is compacted once it is this many times as large as after its last compaction. */
  private static final int GROWTH_BEFORE_COMPACTION = 4;

  /** By default, files smaller than this are never compacted. */
  public static final long MIN_COMPACTION_BYTES = 64L << 20;

  private final Path file;
  private final long minCompactionBytes;
  private final CommitMode mode;
  // Readers share it; a compaction, which closes and reopens the file, takes it alone.
  private final ReentrantReadWriteLock reopenLock = new ReentrantReadWriteLock();
  private long compactionBaseline;
  private long compactions;
  private final boolean fsync;
  private final Object lock = new Object();
  private List<Pending> queue = new ArrayList<>();
  private final List<Op> retryAfterReopen = new ArrayList<>();
  private volatile MVStore store;
  private volatile MapsImpl maps;
  private volatile boolean closed;
  private Thread committer;
  private long commits;
  private long operations;

  private BundleStore(Path file, CommitMode mode, boolean fsync, long minCompactionBytes) {
    this.file = file;
    this.minCompactionBytes = minCompactionBytes;
    this.mode = mode;
    this.fsync = fsync;
  }

  /**
   * Opens (or creates) the store in {@code file}; {@code null} keeps it in memory.
   *
   * @param fsync whether each commit is forced to the device; without it a commit survives a crash
   *     of the process but not of the machine
   */
  public static BundleStore open(Path file, CommitMode mode, boolean fsync)
      throws TransportException {
    return open(file, mode, fsync, MIN_COMPACTION_BYTES);
  }

  /** As {@link #open(Path, CommitMode, boolean)}, compacting files from {@code minCompaction}. */
  public static BundleStore open(Path file, CommitMode mode, boolean fsync, long minCompaction)
      throws TransportException {
    BundleStore s = new BundleStore(file, mode, fsync, minCompaction);
    s.openStore();
    if (mode == CommitMode.GROUP || mode == CommitMode.PER_OPERATION) {
      s.committer = new Thread(s::runCommitter, "ama-store-commit");
      s.committer.setDaemon(true);
      s.committer.start();
    }
    return s;
  }

  private void openStore() throws TransportException {
    try {
      MVStore.Builder b = new MVStore.Builder().autoCommitDisabled();
      if (file != null) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        b.fileName(file.toString());
      }
      MVStore s = b.open();
      // Append only: chunks are never written over freed space. With reuse on, kill -9 tests lost
      // whole commits (a later open could not find chunks written into reused space); the file
      // is kept small by compact() instead.
      if (file != null) {
        s.setReuseSpace(false);
      }
      store = s;
      LOG.info(
          "bundle store {} opened at version {}",
          file == null ? "(memory)" : file,
          s.getCurrentVersion());
      maps =
          new MapsImpl(
              s.openMap("outbox"), s.openMap("inbox"), s.openMap("seen"), s.openMap("meta"));
    } catch (IOException | RuntimeException e) {
      throw classify("cannot open the bundle store " + (file == null ? "(memory)" : file), e);
    }
  }

  /**
   * Reads from the maps. Reads see every applied operation, committed or not, and never overlap a
   * compaction.
   */
  public <T> T read(Function<Maps, T> reader) {
    reopenLock.readLock().lock();
    try {
      return reader.apply(maps);
    } finally {
      reopenLock.readLock().unlock();
    }
  }

  /**
   * Queues an operation; the future completes once it is durable (or fails with a {@link
   * TransportException} saying why). In INLINE mode it is applied and committed before this
   * returns.
   */
  public CompletableFuture<Void> submit(Op op) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (closed) {
      done.completeExceptionally(
          new TransportException(TransportException.Code.CLOSED, "the bundle store is closed"));
      return done;
    }
    if (mode == CommitMode.INLINE) {
      synchronized (lock) {
        List<Pending> one = List.of(new Pending(op, done));
        commitBatch(one);
      }
      return done;
    }
    synchronized (lock) {
      queue.add(new Pending(op, done));
      if (queue.size() == 1) {
        lock.notifyAll();
      }
    }
    return done;
  }

  private void runCommitter() {
    while (true) {
      List<Pending> batch;
      synchronized (lock) {
        while (queue.isEmpty() && !closed) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (queue.isEmpty()) {
          return;
        }
        if (mode == CommitMode.PER_OPERATION) {
          batch = List.of(queue.remove(0));
        } else {
          batch = queue;
          queue = new ArrayList<>();
        }
      }
      commitBatch(batch);
    }
  }

  private void commitBatch(List<Pending> batch) {
    try {
      if (!retryAfterReopen.isEmpty()) {
        for (Op op : retryAfterReopen) {
          op.apply(maps);
        }
      }
      for (Pending p : batch) {
        p.op.apply(maps);
      }
      store.commit();
      if (fsync && file != null) {
        store.sync();
      }
      retryAfterReopen.clear();
      commits++;
      operations += batch.size();
      compactIfGrown();
    } catch (RuntimeException e) {
      TransportException failure = classify("cannot write the bundle store " + file, e);
      LOG.error(
          "{}; the batch of {} operations is refused, the store is reopened",
          failure.getMessage(),
          batch.size());
      for (Pending p : batch) {
        p.done.completeExceptionally(failure);
      }
      reopenAfterFailure();
      return;
    }
    for (Pending p : batch) {
      p.done.complete(null);
    }
  }

  /**
   * The file only grows (chunks are appended, never written over freed space). Once it is several
   * times as large as its live data was after the last compaction, the live data is copied into a
   * fresh file, which then atomically replaces the old one: a crash before the rename leaves the
   * old file, a crash after it the new, complete and synced file.
   */
  private void compactIfGrown() {
    if (file == null) {
      return;
    }
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      return;
    }
    if (compactionBaseline == 0) {
      compactionBaseline = size;
    }
    if (size < minCompactionBytes || size < GROWTH_BEFORE_COMPACTION * compactionBaseline) {
      return;
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".compacting");
    reopenLock.writeLock().lock();
    try {
      Files.deleteIfExists(tmp);
      MVStore target = new MVStore.Builder().fileName(tmp.toString()).autoCommitDisabled().open();
      target.setReuseSpace(false);
      copy(maps.outbox(), target.openMap("outbox"), target);
      copy(maps.inbox(), target.openMap("inbox"), target);
      copy(maps.seen(), target.openMap("seen"), target);
      copy(maps.meta(), target.openMap("meta"), target);
      target.commit();
      target.sync();
      target.close();
      store.close();
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      forceDirectory(file.toAbsolutePath().getParent());
      openStore();
      compactionBaseline = Files.size(file);
      compactions++;
      LOG.info("bundle store {} compacted from {} to {} bytes", file, size, compactionBaseline);
    } catch (IOException | RuntimeException | TransportException e) {
      LOG.error("compacting the bundle store {} failed; it goes on uncompacted", file, e);
      compactionBaseline = size;
      if (store.isClosed()) {
        try {
          openStore();
        } catch (TransportException again) {
          LOG.error("cannot reopen the bundle store: {}", again.getMessage());
        }
      }
    } finally {
      reopenLock.writeLock().unlock();
    }
  }

  private static <K, V> void copy(MVMap<K, V> from, MVMap<K, V> to, MVStore target) {
    int n = 0;
    for (Map.Entry<K, V> e : from.entrySet()) {
      to.put(e.getKey(), e.getValue());
      // Commit now and then so that the copy's unsaved pages stay few.
      if (++n % 50_000 == 0) {
        target.commit();
      }
    }
  }

  private static void forceDirectory(Path dir) {
    if (dir == null) {
      return;
    }
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some file systems cannot sync a directory; the rename is still atomic.
      LOG.debug("cannot sync directory {}: {}", dir, e.getMessage());
    }
  }

  /**
   * After a failed write the MVStore may have closed itself; reopening it recovers the last good
   * commit, which holds everything accepted before. Deletions of the failed batch are lost with it
   * and only cause a harmless resend, deduplicated by the receiver.
   */
  private void reopenAfterFailure() {
    try {
      store.closeImmediately();
    } catch (RuntimeException ignored) {
      // Already closed by its own panic.
    }
    try {
      openStore();
    } catch (TransportException e) {
      LOG.error("cannot reopen the bundle store: {}", e.getMessage());
    }
  }

  /** A failure as a typed exception: a full disk is told apart from other I/O errors. */
  static TransportException classify(String what, Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && (m.contains("No space left") || m.contains("Disk quota exceeded"))) {
        return new TransportException(
            TransportException.Code.DISK_FULL, what + ": the disk is full (" + m + ")", e);
      }
    }
    return new TransportException(
        TransportException.Code.STORE_FAILURE, what + ": " + e.getMessage(), e);
  }

  /** How many commits and operations were written since opening (for status and benchmarks). */
  public Map<String, Long> counters() {
    synchronized (lock) {
      return Map.of("commits", commits, "operations", operations, "compactions", compactions);
    }
  }

  /** Commits what is pending, stops the committer and closes the file. */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      lock.notifyAll();
    }
    if (committer != null) {
      try {
        committer.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      store.close();
    } catch (RuntimeException e) {
      LOG.warn("closing the bundle store: {}", e.getMessage());
    }
  }

  private record MapsImpl(
      MVMap<Long, byte[]> outbox,
      MVMap<Long, byte[]> inbox,
      MVMap<String, Long> seen,
      MVMap<String, Long> meta)
      implements Maps {}
}
