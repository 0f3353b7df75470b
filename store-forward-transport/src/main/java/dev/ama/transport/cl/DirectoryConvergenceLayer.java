package dev.ama.transport.cl;

import dev.ama.transport.BundleLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A convergence layer over a pair of folders, for carried media and data mules: frames sent are
 * written as files into an outgoing folder, and files that appear in an incoming folder are
 * received as frames. One node's outgoing folder, carried (on a USB stick, by rsync, by a vehicle)
 * to another node, becomes that node's incoming folder.
 *
 * <p>Each frame is one file named {@code <time>-<counter>-<random>.frame}: milliseconds since the
 * epoch (zero-padded, never going backwards), a per-layer counter and a random part chosen per
 * layer, so names sort in the order one writer wrote them and two writers into one folder never
 * collide. A file is written under a temporary name starting with {@code .}, forced to disk and
 * then renamed, so a reader sees only complete frames.
 *
 * <p>The incoming folder is polled (every {@link Options#pollInterval()}); completed {@code
 * *.frame} files are delivered in name order and deleted once the listener has had them. Polling
 * rather than a {@link java.nio.file.WatchService} because removable media and network mounts do
 * not reliably report changes, and the poll interval bounds the delay anyway. A file larger than
 * {@link Options#maxFrameBytes()}, or one the listener throws on, is moved to {@code
 * incoming/rejected/} and logged, never deleted. Replies to a received frame (custody
 * acknowledgements) are written to the outgoing folder, so they ride back with the carrier.
 *
 * <p>Either folder may be absent ({@code null}): without an outgoing folder the layer only receives
 * and refuses every {@link #send}; without an incoming folder it only sends. {@link #isReady()} is
 * true while the layer is started and its outgoing folder is a writable directory; {@link
 * Listener#onReady} and {@link Listener#onDown} report changes of that, checked on every poll, so a
 * receive-only layer never reports ready.
 *
 * <p>All file work and every listener call happen on one daemon thread per start.
 */
public final class DirectoryConvergenceLayer implements ConvergenceLayer {
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryConvergenceLayer.class);

  /** The suffix of a completed frame file. */
  public static final String FRAME_SUFFIX = ".frame";

  /** The subfolder of the incoming folder that receives refused files. */
  public static final String REJECTED_FOLDER = "rejected";

  /** Token of a reply: replies have no callbacks. */
  private static final long REPLY = Long.MIN_VALUE;

  /** Queued only to wake the worker so that it sees it should stop. */
  private static final Pending WAKE = new Pending(REPLY, new byte[0], false);

  /**
   * How the layer works.
   *
   * @param pollInterval how often the incoming folder and the outgoing folder's state are checked
   * @param maxFrameBytes the largest file accepted as a frame; larger files are rejected
   * @param queueCapacity how many frames may wait to be written before {@link #send} refuses more
   */
  public record Options(Duration pollInterval, int maxFrameBytes, int queueCapacity) {
    /** Poll every second, frames up to {@link BundleLimits#DEFAULT}'s, 256 frames queued. */
    public static final Options DEFAULT =
        new Options(Duration.ofSeconds(1), BundleLimits.DEFAULT.maxFrameBytes(), 256);

    public Options {
      Objects.requireNonNull(pollInterval, "pollInterval");
      if (pollInterval.toMillis() < 1) {
        throw new IllegalArgumentException("poll interval below 1 ms: " + pollInterval);
      }
      if (maxFrameBytes < 1 || queueCapacity < 1) {
        throw new IllegalArgumentException(
            "max frame bytes and queue capacity must be positive: "
                + maxFrameBytes
                + ", "
                + queueCapacity);
      }
    }

    /** These options with another poll interval. */
    public Options withPollInterval(Duration d) {
      return new Options(d, maxFrameBytes, queueCapacity);
    }

    /** These options with another frame size limit. */
    public Options withMaxFrameBytes(int n) {
      return new Options(pollInterval, n, queueCapacity);
    }

    /** These options with another queue capacity. */
    public Options withQueueCapacity(int n) {
      return new Options(pollInterval, maxFrameBytes, n);
    }
  }

  private final Path outgoing;
  private final Path incoming;
  private final Options options;
  private final String name;

  /** Chosen once per layer so that two layers writing into one folder never pick the same name. */
  private final String uniquePart;

  private final Object lock = new Object();
  private Worker worker; // guarded by lock; null when stopped
  private boolean closed; // guarded by lock

  // Guarded by this: a worker stopped from its own listener may still write while the next runs.
  private long lastMillis;
  private long counter;

  /**
   * A layer that writes into {@code outgoing} and reads from {@code incoming}.
   *
   * @param outgoing where sent frames and replies are written; {@code null} for receive-only
   * @param incoming where received frames are picked up; {@code null} for send-only
   */
  public DirectoryConvergenceLayer(Path outgoing, Path incoming, Options options) {
    if (outgoing == null && incoming == null) {
      throw new IllegalArgumentException("a directory layer needs an outgoing or incoming folder");
    }
    this.outgoing = outgoing == null ? null : outgoing.toAbsolutePath().normalize();
    this.incoming = incoming == null ? null : incoming.toAbsolutePath().normalize();
    this.options = Objects.requireNonNull(options, "options");
    this.name =
        "dir:"
            + (this.outgoing == null ? "" : "out=" + this.outgoing)
            + (this.outgoing != null && this.incoming != null ? "," : "")
            + (this.incoming == null ? "" : "in=" + this.incoming);
    byte[] random = new byte[4];
    new SecureRandom().nextBytes(random);
    this.uniquePart = HexFormat.of().formatHex(random);
  }

  /** A layer with {@link Options#DEFAULT}. */
  public DirectoryConvergenceLayer(Path outgoing, Path incoming) {
    this(outgoing, incoming, Options.DEFAULT);
  }

  @Override
  public String name() {
    return name;
  }

  /** The outgoing folder, or {@code null} if the layer only receives. */
  public Path outgoingFolder() {
    return outgoing;
  }

  /** The incoming folder, or {@code null} if the layer only sends. */
  public Path incomingFolder() {
    return incoming;
  }

  @Override
  public void start(Listener listener) {
    Objects.requireNonNull(listener, "listener");
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException(name + " is closed");
      }
      if (worker != null) {
        throw new IllegalStateException(name + " is already started");
      }
      worker = new Worker(listener);
      worker.thread.start();
    }
  }

  @Override
  public void stop() {
    Worker w;
    synchronized (lock) {
      w = worker;
      worker = null;
      if (w == null) {
        return;
      }
      // Under the lock, so that no send can queue a frame after the drain below.
      w.running = false;
    }
    w.queue.offer(WAKE);
    if (Thread.currentThread() != w.thread) {
      try {
        w.thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    // Stopped from its own listener, the worker may still write the frame it holds; every other
    // frame it has not taken is failed here, once.
    List<Pending> left = new ArrayList<>();
    w.queue.drainTo(left);
    for (Pending p : left) {
      if (p.reply) {
        LOG.debug("{}: reply not written, the layer stopped", name);
      } else if (p != WAKE) {
        w.callSafely(() -> w.listener.onFailed(p.token, "layer stopped before writing"));
      }
    }
  }

  @Override
  public void close() {
    stop();
    synchronized (lock) {
      closed = true;
    }
  }

  @Override
  public boolean isReady() {
    synchronized (lock) {
      if (worker == null) {
        return false;
      }
    }
    return outgoingUsable();
  }

  @Override
  public boolean send(long token, byte[] frame) {
    Objects.requireNonNull(frame, "frame");
    boolean usable = outgoingUsable();
    synchronized (lock) {
      if (worker == null) {
        return false;
      }
      // Under the lock, so that stop() cannot drain the queue between the check and the offer.
      if (usable && worker.queue.offer(new Pending(token, frame.clone(), false))) {
        return true;
      }
      // The caller waits for onReady before trying again: make sure one comes.
      worker.refused = true;
      return false;
    }
  }

  private boolean outgoingUsable() {
    return outgoing != null && Files.isDirectory(outgoing) && Files.isWritable(outgoing);
  }

  /** A frame waiting to be written. */
  private record Pending(long token, byte[] frame, boolean reply) {}

  /** One start's thread, queue and state; a restart makes a new one. */
  private final class Worker implements Runnable {
    final Listener listener;
    final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(options.queueCapacity());
    final Thread thread;
    volatile boolean running = true;

    /** Names to leave alone (unreadable, undeletable) while they stay in the folder. */
    final Set<String> skip = new HashSet<>();

    /** Replies go into the outgoing folder, so they travel back with the carrier. */
    final Reply reply =
        frame ->
            running && outgoingUsable() && queue.offer(new Pending(REPLY, frame.clone(), true));

    boolean reportedReady;

    /** Logged once until the incoming folder can be listed again, not once a poll. */
    boolean incomingProblemLogged;

    /** A send was refused; the next moment the layer can take frames again calls onReady. */
    volatile boolean refused;

    Worker(Listener listener) {
      this.listener = listener;
      this.thread = new Thread(this, "dircl-" + uniquePart);
      thread.setDaemon(true);
    }

    @Override
    public void run() {
      long intervalNanos = options.pollInterval().toNanos();
      long nextPoll = System.nanoTime();
      if (outgoing != null && !outgoingUsable()) {
        LOG.warn("{}: outgoing folder {} is missing or not writable; waiting", name, outgoing);
      }
      while (running) {
        try {
          long wait = nextPoll - System.nanoTime();
          if (wait <= 0) {
            poll();
            nextPoll = System.nanoTime() + intervalNanos;
            continue;
          }
          Pending p = queue.poll(wait, TimeUnit.NANOSECONDS);
          if (p != null && p != WAKE) {
            write(p);
            readyAgainAfterRefusal();
          }
        } catch (InterruptedException e) {
          // Nobody interrupts this thread but a JVM shutting down: end quietly.
          Thread.currentThread().interrupt();
          return;
        } catch (RuntimeException | Error e) {
          // One bad file or listener must not end delivery of every other frame.
          LOG.error("{}: unexpected failure; the layer goes on", name, e);
        }
      }
    }

    private void poll() {
      boolean ready = outgoingUsable();
      if (ready != reportedReady) {
        reportedReady = ready;
        if (ready) {
          LOG.info("{}: outgoing folder is writable", name);
          refused = false; // this onReady answers any refusal too
          callSafely(listener::onReady);
        } else {
          String why = "outgoing folder " + outgoing + " is missing or not writable";
          LOG.warn("{}: {}", name, why);
          callSafely(() -> listener.onDown(why));
        }
      }
      readyAgainAfterRefusal();
      if (incoming != null) {
        receiveAll();
      }
    }

    private void readyAgainAfterRefusal() {
      if (refused && reportedReady && queue.remainingCapacity() > 0 && outgoingUsable()) {
        refused = false;
        callSafely(listener::onReady);
      }
    }

    private void write(Pending p) {
      Path tmp = null;
      try {
        String fileName = nameFor();
        tmp = outgoing.resolve("." + fileName + ".tmp");
        try (FileChannel ch =
            FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          ByteBuffer buf = ByteBuffer.wrap(p.frame);
          while (buf.hasRemaining()) {
            ch.write(buf);
          }
          ch.force(true);
        }
        Path target = outgoing.resolve(fileName);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        tmp = null;
        syncDirectory(outgoing);
        LOG.debug("{}: wrote {} ({} B)", name, fileName, p.frame.length);
        if (!p.reply) {
          callSafely(() -> listener.onSent(p.token));
        }
      } catch (IOException e) {
        String reason = describe(e, p.frame.length);
        deleteQuietly(tmp);
        if (p.reply) {
          LOG.warn("{}: reply not written: {}", name, reason);
        } else {
          LOG.warn("{}: frame {} not written: {}", name, p.token, reason);
          callSafely(() -> listener.onFailed(p.token, reason));
        }
      }
    }

    private void receiveAll() {
      List<Path> files = new ArrayList<>();
      try (DirectoryStream<Path> dir = Files.newDirectoryStream(incoming)) {
        for (Path f : dir) {
          String n = f.getFileName().toString();
          // Temporary files start with '.' or end with '.tmp'; only completed frames are read.
          if (n.endsWith(FRAME_SUFFIX) && !n.startsWith(".") && Files.isRegularFile(f)) {
            files.add(f);
          }
        }
        incomingProblemLogged = false;
      } catch (NoSuchFileException e) {
        // Media not plugged in (yet): normal for a data mule, worth one line.
        if (!incomingProblemLogged) {
          LOG.info("{}: incoming folder {} is not there; waiting", name, incoming);
          incomingProblemLogged = true;
        }
        return;
      } catch (IOException e) {
        if (!incomingProblemLogged) {
          LOG.warn("{}: cannot list incoming folder {}: {}", name, incoming, e.toString());
          incomingProblemLogged = true;
        }
        return;
      }
      Collections.sort(files);
      Set<String> present = new HashSet<>();
      for (Path f : files) {
        present.add(f.getFileName().toString());
      }
      skip.retainAll(present);
      for (Path f : files) {
        if (!running) {
          return;
        }
        if (!skip.contains(f.getFileName().toString())) {
          receive(f);
        }
      }
    }

    private void receive(Path f) {
      String n = f.getFileName().toString();
      byte[] bytes;
      try (InputStream in = Files.newInputStream(f)) {
        // Read at most one byte beyond the limit, whatever size the file claims.
        bytes = in.readNBytes(options.maxFrameBytes() + 1);
      } catch (NoSuchFileException e) {
        LOG.debug("{}: {} vanished before it was read", name, n);
        return;
      } catch (IOException e) {
        LOG.warn("{}: cannot read {}; leaving it: {}", name, f, e.toString());
        skip.add(n);
        return;
      }
      if (bytes.length > options.maxFrameBytes()) {
        reject(f, "larger than the " + options.maxFrameBytes() + "-byte frame limit");
        return;
      }
      try {
        listener.onReceive(bytes, reply);
      } catch (RuntimeException e) {
        LOG.error("{}: listener failed on {}", name, n, e);
        reject(f, "the listener failed on it: " + e);
        return;
      }
      try {
        Files.deleteIfExists(f);
      } catch (IOException e) {
        // Read-only media: the frame was delivered; do not deliver it again every poll.
        LOG.warn("{}: cannot delete delivered {}; ignoring it from now on: {}", name, f, e);
        skip.add(n);
      }
    }

    private void reject(Path f, String reason) {
      String n = f.getFileName().toString();
      try {
        Path dir = Files.createDirectories(incoming.resolve(REJECTED_FOLDER));
        Path target = dir.resolve(n);
        for (int i = 1; Files.exists(target); i++) {
          target = dir.resolve(n + "." + i);
        }
        Files.move(f, target);
        LOG.warn("{}: rejected {}: {}; moved to {}", name, n, reason, target);
      } catch (NoSuchFileException e) {
        LOG.debug("{}: {} vanished before it could be rejected", name, n);
      } catch (IOException e) {
        LOG.warn(
            "{}: rejected {}: {}; could not move it aside, leaving it: {}", name, n, reason, e);
        skip.add(n);
      }
    }

    void callSafely(Runnable call) {
      try {
        call.run();
      } catch (RuntimeException e) {
        LOG.error("{}: listener failed", name, e);
      }
    }
  }

  /** A new file name that sorts after every name this layer gave before. */
  private synchronized String nameFor() {
    // A clock stepped back (NTP) must not make later frames sort before earlier ones.
    long now = Math.max(System.currentTimeMillis(), lastMillis);
    lastMillis = now;
    return String.format("%015d-%09d-%s%s", now, counter++, uniquePart, FRAME_SUFFIX);
  }

  /** Makes the rename durable where the platform allows opening a directory (not on Windows). */
  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      LOG.trace("cannot sync directory {}: {}", dir, e.toString());
    }
  }

  private String describe(IOException e, int bytes) {
    if (e instanceof FileAlreadyExistsException) {
      return "temporary file already exists: " + e.getMessage();
    }
    String msg = String.valueOf(e.getMessage());
    long free = -1;
    try {
      free = Files.getFileStore(outgoing).getUsableSpace();
    } catch (IOException | RuntimeException ignored) {
      // The folder itself may be gone; the message below still says what failed.
    }
    if (msg.contains("No space left") || (free >= 0 && free < bytes)) {
      return "disk full: " + bytes + " B do not fit in " + outgoing + " (" + free + " B free)";
    }
    return "cannot write to " + outgoing + ": " + e;
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        LOG.debug("cannot delete {}: {}", p, e.toString());
      }
    }
  }
}
