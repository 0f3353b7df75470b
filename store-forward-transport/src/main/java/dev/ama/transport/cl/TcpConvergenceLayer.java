package dev.ama.transport.cl;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frames over TCP. {@link #connect} makes the active side, which keeps one connection to a peer,
 * reconnecting when it is lost; {@link #listen} makes the passive side, which accepts any number of
 * connections and only receives (its {@link #send} always refuses), answering each frame on the
 * connection it came from through {@link ConvergenceLayer.Reply}.
 *
 * <h2>Wire format</h2>
 *
 * <p>Both directions of a connection carry the same thing:
 *
 * <ol>
 *   <li>a 5-byte contact header, sent by each side as soon as the connection is open without
 *       waiting for the other's: the magic {@code 'a' 'm' 'a' 't'} ({@code 61 6d 61 74}) and the
 *       version byte {@code 01}. A peer whose header differs is dropped, and the reason is logged;
 *   <li>then frames, each a 4-byte big-endian unsigned length followed by that many bytes. Length 0
 *       is a keepalive and carries no frame: a side sends one when it has written nothing for
 *       {@link TcpOptions#keepaliveInterval()}, and closes a connection from which nothing at all
 *       arrived for three intervals. A length above {@link TcpOptions#maxFrameBytes()} drops the
 *       connection with a warning naming the peer and the length; the frame's buffer is allocated
 *       only after the length is checked.
 * </ol>
 *
 * <h2>Active side</h2>
 *
 * <p>{@link #start} begins connecting on a thread of its own. The layer is {@linkplain #isReady()
 * ready} once the peer's contact header has arrived, and the listener hears {@link
 * Listener#onReady}. {@link #send} queues a frame on a queue bounded by {@link
 * TcpOptions#queueBytes()}; a writer thread writes it, flushes when the queue is empty (or 64 KiB
 * have gathered), and then reports {@link Listener#onSent}. The layer keeps the array until then:
 * the caller must not change it. When {@code send} refused a frame because the queue was full,
 * {@link Listener#onReady} follows once the queue has drained to half. When the connection is lost,
 * every frame not yet flushed gets {@link Listener#onFailed}, then the listener hears {@link
 * Listener#onDown}, and the layer reconnects after 100 ms, 200 ms, 400 ms … (doubling, up to {@link
 * TcpOptions#reconnectMaxDelay()}, each wait ±20 % at random so that many clients do not come back
 * in step), until it is stopped. Frames the peer sends back reach {@link Listener#onReceive} with a
 * reply that writes on the same connection (through the same queue, without callbacks).
 *
 * <h2>Passive side</h2>
 *
 * <p>{@link #start} binds (a failure to bind is thrown as an {@link UncheckedIOException}) and
 * accepts connections. Each connection has its own reader and writer thread and its own bounded
 * reply queue; a reply is refused once its connection is gone or its queue is full. The passive
 * side never calls {@link Listener#onReady}, {@link Listener#onSent}, {@link Listener#onFailed} or
 * {@link Listener#onDown}. After a restart it binds the same port again, even if it was first asked
 * for port 0.
 *
 * <h2>Threads</h2>
 *
 * <p>Blocking sockets with {@code TCP_NODELAY} and buffered streams. Daemon threads, named {@code
 * ama-tcp-client-<peer>} (connects, then reads), {@code ama-tcp-accept-<address>}, {@code
 * ama-tcp-reader-<peer>} and {@code ama-tcp-writer-<peer>}. Listener callbacks come from these
 * threads and never while a lock that {@link #send} or a reply takes is held, so a listener may
 * send from its callbacks. A listener that throws is logged and the layer goes on. {@link #stop}
 * and {@link #close} wait for the threads to end, unless they are called from one of them.
 */
public final class TcpConvergenceLayer implements ConvergenceLayer {
  private static final Logger LOG = LoggerFactory.getLogger(TcpConvergenceLayer.class);

  /** The contact header: magic {@code amat} and version 1. */
  static final byte[] CONTACT_HEADER = {'a', 'm', 'a', 't', 1};

  private static final byte[] KEEPALIVE = {0, 0, 0, 0};
  private static final int BUFFER_BYTES = 64 * 1024;
  private static final long JOIN_MILLIS = 10_000;

  private final boolean active;
  private final InetSocketAddress address;
  private final TcpOptions options;

  private final Object lifecycle = new Object();
  private volatile Session session; // written under lifecycle
  private boolean closed; // guarded by lifecycle
  private volatile InetSocketAddress boundAddress;

  private TcpConvergenceLayer(boolean active, InetSocketAddress address, TcpOptions options) {
    this.active = active;
    this.address = Objects.requireNonNull(address, "address");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** The active side: a layer that connects to {@code peer} and keeps reconnecting. */
  public static TcpConvergenceLayer connect(InetSocketAddress peer, TcpOptions options) {
    return new TcpConvergenceLayer(true, peer, options);
  }

  /** The passive side: a layer that listens on {@code bind} (port 0 picks a free port). */
  public static TcpConvergenceLayer listen(InetSocketAddress bind, TcpOptions options) {
    return new TcpConvergenceLayer(false, bind, options);
  }

  /**
   * {@code tcp:host:port} for the active side; {@code tcp-listen:host:port} for the passive side,
   * with the port it listens on once known.
   */
  @Override
  public String name() {
    return active ? "tcp:" + describe(address) : "tcp-listen:" + describe(localAddress());
  }

  /**
   * For the passive side, the address it listens on (after {@link #start}; before, the address it
   * was asked for). For the active side, the local end of the current connection, or {@code null}
   * when not connected.
   */
  public InetSocketAddress localAddress() {
    if (!active) {
      InetSocketAddress bound = boundAddress;
      return bound != null ? bound : address;
    }
    Connection c = session instanceof ClientSession cs ? cs.connection : null;
    return c == null ? null : (InetSocketAddress) c.socket.getLocalSocketAddress();
  }

  @Override
  public void start(Listener listener) {
    Objects.requireNonNull(listener, "listener");
    synchronized (lifecycle) {
      if (closed) {
        throw new IllegalStateException(name() + " is closed");
      }
      if (session != null) {
        throw new IllegalStateException(name() + " is already started");
      }
      Session s = active ? new ClientSession(listener) : new ServerSession(listener);
      s.begin();
      session = s;
    }
  }

  @Override
  public void stop() {
    Session s;
    synchronized (lifecycle) {
      s = session;
      session = null;
    }
    if (s != null) {
      s.halt();
      s.awaitThreads();
    }
  }

  @Override
  public void close() {
    synchronized (lifecycle) {
      closed = true;
    }
    stop();
  }

  @Override
  public boolean isReady() {
    Connection c = session instanceof ClientSession cs ? cs.connection : null;
    return c != null && c.isReady();
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code frame} is empty (length 0 is a keepalive on the
   *     wire) or longer than {@link TcpOptions#maxFrameBytes()}
   */
  @Override
  public boolean send(long token, byte[] frame) {
    if (!active) {
      return false;
    }
    checkFrame(frame);
    Connection c = session instanceof ClientSession cs ? cs.connection : null;
    return c != null && c.isReady() && c.offer(token, frame, true);
  }

  @Override
  public String toString() {
    return name();
  }

  private void checkFrame(byte[] frame) {
    Objects.requireNonNull(frame, "frame");
    if (frame.length == 0) {
      throw new IllegalArgumentException("an empty frame cannot be sent: length 0 is a keepalive");
    }
    if (frame.length > options.maxFrameBytes()) {
      throw new IllegalArgumentException(
          "frame of "
              + frame.length
              + " bytes is above the limit of "
              + options.maxFrameBytes()
              + " bytes");
    }
  }

  /**
   * Writes the contact header before any reading or writing thread starts, so that it goes first
   * even to a peer that is dropped at once; 5 bytes on a new socket do not block.
   */
  private static void sendContactHeader(Socket socket) throws IOException {
    socket.getOutputStream().write(CONTACT_HEADER);
  }

  static String describe(InetSocketAddress a) {
    String host = a.getHostString();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
  }

  // ---------------------------------------------------------------------------------------------
  // Sessions: what one start() … stop() runs.

  /** The threads and sockets of one start … stop. */
  private abstract class Session {
    final Listener listener;
    final Object lock = new Object();
    final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    final CountDownLatch stopSignal = new CountDownLatch(1);
    volatile boolean running = true; // written under lock

    Session(Listener listener) {
      this.listener = guarded(listener);
    }

    abstract void begin();

    /** Stops accepting, connecting and carrying; does not wait. */
    abstract void halt();

    /** Starts a daemon thread that belongs to this session; call under {@link #lock}. */
    Thread spawn(String threadName, Runnable body) {
      Thread t =
          new Thread(
              () -> {
                try {
                  body.run();
                } catch (RuntimeException e) {
                  LOG.error("{}: thread {} failed", name(), Thread.currentThread().getName(), e);
                } finally {
                  threads.remove(Thread.currentThread());
                }
              },
              threadName);
      t.setDaemon(true);
      threads.add(t);
      t.start();
      return t;
    }

    /** Waits for this session's threads to end, unless called from one of them. */
    void awaitThreads() {
      if (threads.contains(Thread.currentThread())) {
        return;
      }
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_MILLIS);
      try {
        while (!threads.isEmpty()) {
          for (Thread t : List.copyOf(threads)) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
              LOG.warn("{}: threads still running after stop: {}", name(), threads);
              return;
            }
            t.join(left);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The active side: one thread that connects, reads, and reconnects. */
  private final class ClientSession extends Session {
    private Socket connecting; // guarded by lock
    volatile Connection connection; // written under lock

    ClientSession(Listener listener) {
      super(listener);
    }

    @Override
    void begin() {
      synchronized (lock) {
        spawn("ama-tcp-client-" + describe(address), this::run);
      }
    }

    @Override
    void halt() {
      Socket s;
      Connection c;
      synchronized (lock) {
        running = false;
        s = connecting;
        c = connection;
      }
      stopSignal.countDown();
      closeQuietly(s);
      if (c != null) {
        c.close("stopped", false);
      }
    }

    private void run() {
      long delayMillis = options.reconnectInitialDelay().toMillis();
      boolean failedBefore = false;
      while (running) {
        Socket socket = new Socket();
        synchronized (lock) {
          if (!running) {
            break;
          }
          connecting = socket;
        }
        String peerName = describe(address);
        Connection c = null;
        try {
          socket.setTcpNoDelay(true);
          // Resolve again on every attempt: the peer's address may have changed.
          InetSocketAddress target =
              new InetSocketAddress(address.getHostString(), address.getPort());
          socket.connect(target, (int) options.connectTimeout().toMillis());
          socket.setSoTimeout(options.deadAfterMillis());
          peerName = describe((InetSocketAddress) socket.getRemoteSocketAddress());
          sendContactHeader(socket);
          synchronized (lock) {
            if (!running) {
              break;
            }
            c = new Connection(this, socket, peerName, true);
            connection = c;
            c.startWriter();
          }
          LOG.debug("{}: TCP connection to {} open; awaiting its contact header", name(), peerName);
        } catch (IOException e) {
          if (running) {
            if (failedBefore) {
              LOG.debug("{}: cannot connect to {}: {}", name(), peerName, e.toString());
            } else {
              LOG.info("{}: cannot connect to {}: {}; retrying", name(), peerName, e.toString());
            }
          }
          failedBefore = true;
        } finally {
          synchronized (lock) {
            connecting = null;
          }
          if (c == null) {
            closeQuietly(socket);
          }
        }
        if (c != null) {
          c.readUntilClosed();
          End end = c.finish();
          synchronized (lock) {
            connection = null;
          }
          if (c.reachedContact) {
            delayMillis = options.reconnectInitialDelay().toMillis();
            failedBefore = false;
            listener.onDown(end.reason);
          }
        }
        if (!running) {
          break;
        }
        long wait =
            Math.max(
                1,
                Math.round(delayMillis * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble())));
        try {
          if (stopSignal.await(wait, TimeUnit.MILLISECONDS)) {
            break;
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
        delayMillis = Math.min(delayMillis * 2, options.reconnectMaxDelay().toMillis());
      }
      synchronized (lock) {
        closeQuietly(connecting);
        connecting = null;
      }
    }
  }

  /** The passive side: a thread that accepts, and a reader and a writer per connection. */
  private final class ServerSession extends Session {
    private ServerSocket serverSocket;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();

    ServerSession(Listener listener) {
      super(listener);
    }

    @Override
    void begin() {
      InetSocketAddress bound = boundAddress;
      InetSocketAddress target = bound != null && address.getPort() == 0 ? bound : address;
      try {
        ServerSocket ss = new ServerSocket();
        try {
          ss.setReuseAddress(true);
          ss.bind(target, 128);
        } catch (IOException e) {
          closeQuietly(ss);
          throw e;
        }
        serverSocket = ss;
      } catch (IOException e) {
        throw new UncheckedIOException(name() + ": cannot listen on " + describe(target), e);
      }
      boundAddress = (InetSocketAddress) serverSocket.getLocalSocketAddress();
      LOG.info("{}: listening on {}", name(), describe(boundAddress));
      synchronized (lock) {
        spawn("ama-tcp-accept-" + describe(boundAddress), this::acceptLoop);
      }
    }

    @Override
    void halt() {
      synchronized (lock) {
        running = false;
      }
      stopSignal.countDown();
      closeQuietly(serverSocket);
      for (Connection c : connections) {
        c.close("stopped", false);
      }
    }

    private void acceptLoop() {
      while (running) {
        Socket socket;
        try {
          socket = serverSocket.accept();
        } catch (IOException e) {
          if (!running) {
            return;
          }
          // Running out of file descriptors, for one, passes: pause and go on accepting.
          LOG.warn("{}: accept failed; trying again in 100 ms", name(), e);
          try {
            if (stopSignal.await(100, TimeUnit.MILLISECONDS)) {
              return;
            }
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return;
          }
          continue;
        }
        String peerName = describe((InetSocketAddress) socket.getRemoteSocketAddress());
        try {
          socket.setTcpNoDelay(true);
          socket.setSoTimeout(options.deadAfterMillis());
          sendContactHeader(socket);
        } catch (IOException e) {
          LOG.info("{}: connection from {} lost at once: {}", name(), peerName, e.toString());
          closeQuietly(socket);
          continue;
        }
        synchronized (lock) {
          if (!running) {
            closeQuietly(socket);
            return;
          }
          Connection c = new Connection(this, socket, peerName, false);
          connections.add(c);
          c.startWriter();
          spawn("ama-tcp-reader-" + peerName, () -> serve(c));
        }
        LOG.debug("{}: accepted a connection from {}", name(), peerName);
      }
    }

    private void serve(Connection c) {
      try {
        c.readUntilClosed();
        c.finish();
      } finally {
        connections.remove(c);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // One connection: a bounded outgoing queue served by a writer thread, and the reading loop.

  /** Why a connection ended; {@code warn} when the peer misbehaved or went silent. */
  private record End(String reason, boolean warn) {}

  /** A frame waiting to be written; {@code tracked} frames get onSent or onFailed. */
  private record Out(long token, byte[] frame, boolean tracked) {}

  /** A peer broke the protocol; the connection is dropped with this message. */
  private static final class ProtocolViolation extends IOException {
    private static final long serialVersionUID = 1L;

    ProtocolViolation(String message) {
      super(message);
    }
  }

  private final class Connection {
    final Session session;
    final Socket socket;
    final String peer;
    final boolean client;
    final Reply reply =
        new Reply() {
          @Override
          public boolean send(byte[] frame) {
            return reply(frame);
          }

          @Override
          public void reject(String reason) {
            // The peer sent a frame the node could not read: drop the connection, logged once.
            close("rejected by the node: " + reason, true);
          }
        };
    private final AtomicReference<End> end = new AtomicReference<>();
    private final long limit = options.queueBytes();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private ArrayDeque<Out> queue = new ArrayDeque<>(); // guarded by lock
    private ArrayDeque<Out> spare = new ArrayDeque<>(); // the writer's
    private long queuedBytes; // guarded by lock; queued plus written but not yet flushed
    private boolean closed; // guarded by lock
    private boolean refusedFull; // guarded by lock
    private boolean writerWaiting; // guarded by lock
    private volatile boolean ready;
    private Thread writer;

    /** Whether the peer's contact header arrived and the active side announced onReady. */
    volatile boolean reachedContact;

    Connection(Session session, Socket socket, String peer, boolean client) {
      this.session = session;
      this.socket = socket;
      this.peer = peer;
      this.client = client;
    }

    void startWriter() {
      writer = session.spawn("ama-tcp-writer-" + peer, this::writeLoop);
    }

    boolean isReady() {
      return ready;
    }

    private boolean reply(byte[] frame) {
      checkFrame(frame);
      return offer(0, frame, false);
    }

    boolean offer(long token, byte[] frame, boolean tracked) {
      long cost = frame.length + 4L;
      lock.lock();
      try {
        if (closed) {
          return false;
        }
        if (queuedBytes > 0 && queuedBytes + cost > limit) {
          refusedFull = true;
          return false;
        }
        queue.addLast(new Out(token, frame, tracked));
        queuedBytes += cost;
        if (writerWaiting) {
          notEmpty.signal();
        }
        return true;
      } finally {
        lock.unlock();
      }
    }

    /**
     * Ends the connection (the first reason wins): refuses further frames, wakes the writer and
     * closes the socket, which ends a blocked read or write.
     */
    void close(String reason, boolean warn) {
      end.compareAndSet(null, new End(reason, warn));
      ready = false;
      lock.lock();
      try {
        closed = true;
        notEmpty.signalAll();
      } finally {
        lock.unlock();
      }
      closeQuietly(socket);
    }

    /** Closes, waits for the writer (which fails what it did not flush) and logs why it ended. */
    End finish() {
      close("closed", false);
      if (writer != null && writer != Thread.currentThread()) {
        try {
          writer.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      End e = end.get();
      if (e.warn) {
        LOG.warn("{}: dropped the connection with {}: {}", name(), peer, e.reason);
      } else {
        LOG.info("{}: connection with {} closed: {}", name(), peer, e.reason);
      }
      return e;
    }

    // --- reading ---

    /** Reads the contact header and then frames until the connection ends. */
    void readUntilClosed() {
      try {
        DataInputStream in =
            new DataInputStream(new BufferedInputStream(socket.getInputStream(), BUFFER_BYTES));
        readContactHeader(in);
        if (client) {
          boolean nowReady;
          lock.lock();
          try {
            nowReady = !closed;
            ready = nowReady;
          } finally {
            lock.unlock();
          }
          if (nowReady) {
            reachedContact = true;
            LOG.info("{}: connected to {}", name(), peer);
            session.listener.onReady();
          }
        }
        int max = options.maxFrameBytes();
        while (true) {
          long length;
          try {
            length = in.readInt() & 0xFFFF_FFFFL;
          } catch (EOFException e) {
            close("the peer closed the connection", false);
            return;
          }
          if (length == 0) {
            continue;
          }
          if (length > max) {
            throw new ProtocolViolation(
                "it announced a frame of "
                    + length
                    + " bytes, above the limit of "
                    + max
                    + " bytes");
          }
          byte[] frame = new byte[(int) length];
          try {
            in.readFully(frame);
          } catch (EOFException e) {
            close(
                "the peer closed the connection in the middle of a frame of " + length + " bytes",
                true);
            return;
          }
          session.listener.onReceive(frame, reply);
        }
      } catch (ProtocolViolation e) {
        close(e.getMessage(), true);
      } catch (SocketTimeoutException e) {
        close(
            "nothing arrived for "
                + options.deadAfterMillis()
                + " ms (three keepalive intervals); closed as dead",
            true);
      } catch (EOFException e) {
        close(e.getMessage(), false);
      } catch (IOException e) {
        close("read failed: " + e.getMessage(), false);
      }
    }

    private void readContactHeader(DataInputStream in) throws IOException {
      byte[] h = new byte[CONTACT_HEADER.length];
      int n = 0;
      while (n < h.length) {
        int r = in.read(h, n, h.length - n);
        if (r < 0 && n == 0) {
          throw new EOFException("the peer closed the connection before its contact header");
        }
        if (r < 0) {
          throw new ProtocolViolation(
              "it closed the connection after "
                  + n
                  + " of the 5 bytes of the contact header: "
                  + hex(h, n));
        }
        n += r;
      }
      for (int i = 0; i < 4; i++) {
        if (h[i] != CONTACT_HEADER[i]) {
          throw new ProtocolViolation(
              "wrong contact header "
                  + hex(h, h.length)
                  + "; expected 616d617401 (amat, version 1)");
        }
      }
      if (h[4] != CONTACT_HEADER[4]) {
        throw new ProtocolViolation(
            "unsupported protocol version " + (h[4] & 0xFF) + "; this node speaks version 1");
      }
    }

    // --- writing ---

    private void writeLoop() {
      List<Out> unflushed = new ArrayList<>(); // tracked frames written since the last flush
      long unflushedBytes = 0;
      ArrayDeque<Out> batch = spare;
      long keepaliveNanos = options.keepaliveInterval().toNanos();
      try {
        OutputStream out = new BufferedOutputStream(socket.getOutputStream(), BUFFER_BYTES);
        byte[] prefix = new byte[4];
        long lastWrite = System.nanoTime();
        while (true) {
          lock.lock();
          try {
            while (queue.isEmpty() && !closed) {
              long wait = keepaliveNanos - (System.nanoTime() - lastWrite);
              if (wait <= 0) {
                break;
              }
              writerWaiting = true;
              try {
                notEmpty.awaitNanos(wait);
              } finally {
                writerWaiting = false;
              }
            }
            if (closed) {
              break;
            }
            // Take the whole queue at once; send() goes on filling the other deque.
            ArrayDeque<Out> taken = queue;
            queue = batch;
            batch = taken;
          } finally {
            lock.unlock();
          }
          if (batch.isEmpty()) {
            out.write(KEEPALIVE);
            out.flush();
            lastWrite = System.nanoTime();
            continue;
          }
          Out o;
          while ((o = batch.peekFirst()) != null) {
            int n = o.frame.length;
            prefix[0] = (byte) (n >>> 24);
            prefix[1] = (byte) (n >>> 16);
            prefix[2] = (byte) (n >>> 8);
            prefix[3] = (byte) n;
            out.write(prefix);
            out.write(o.frame);
            batch.pollFirst();
            unflushedBytes += n + 4L;
            if (o.tracked) {
              unflushed.add(o);
            }
            if (unflushedBytes >= BUFFER_BYTES || (batch.isEmpty() && queueIsEmpty())) {
              out.flush();
              lastWrite = System.nanoTime();
              List<Out> done = List.copyOf(unflushed);
              long doneBytes = unflushedBytes;
              unflushed.clear();
              unflushedBytes = 0;
              flushed(done, doneBytes);
            }
          }
        }
      } catch (InterruptedException e) {
        close("the writer was interrupted", false);
      } catch (IOException e) {
        close("write failed: " + e.getMessage(), false);
      } finally {
        failAll(unflushed, batch);
      }
    }

    private boolean queueIsEmpty() {
      lock.lock();
      try {
        return queue.isEmpty();
      } finally {
        lock.unlock();
      }
    }

    /** Frees the flushed frames' room, reports them sent, and onReady if send had been refused. */
    private void flushed(List<Out> sent, long bytes) {
      boolean announce;
      lock.lock();
      try {
        queuedBytes -= bytes;
        announce = refusedFull && client && ready && queuedBytes <= limit / 2;
        if (announce) {
          refusedFull = false;
        }
      } finally {
        lock.unlock();
      }
      Listener l = session.listener;
      for (Out o : sent) {
        l.onSent(o.token);
      }
      if (announce) {
        l.onReady();
      }
    }

    /** Reports every frame not flushed as failed; no frame is taken after this. */
    private void failAll(List<Out> unflushed, ArrayDeque<Out> batch) {
      List<Out> failed = new ArrayList<>(unflushed);
      for (Out o : batch) {
        if (o.tracked) {
          failed.add(o);
        }
      }
      batch.clear();
      lock.lock();
      try {
        closed = true;
        for (Out o : queue) {
          if (o.tracked) {
            failed.add(o);
          }
        }
        queue.clear();
        queuedBytes = 0;
      } finally {
        lock.unlock();
      }
      End e = end.get();
      String reason = e == null ? "connection closed" : e.reason;
      Listener l = session.listener;
      for (Out o : failed) {
        l.onFailed(o.token, reason);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** The listener, with failures logged instead of thrown into the layer's threads. */
  private Listener guarded(Listener l) {
    return new Listener() {
      @Override
      public void onReady() {
        try {
          l.onReady();
        } catch (RuntimeException e) {
          LOG.error("{}: listener failed in onReady", name(), e);
        }
      }

      @Override
      public void onReceive(byte[] frame, Reply reply) {
        try {
          l.onReceive(frame, reply);
        } catch (RuntimeException e) {
          LOG.error("{}: listener failed in onReceive", name(), e);
        }
      }

      @Override
      public void onSent(long token) {
        try {
          l.onSent(token);
        } catch (RuntimeException e) {
          LOG.error("{}: listener failed in onSent", name(), e);
        }
      }

      @Override
      public void onFailed(long token, String reason) {
        try {
          l.onFailed(token, reason);
        } catch (RuntimeException e) {
          LOG.error("{}: listener failed in onFailed", name(), e);
        }
      }

      @Override
      public void onDown(String reason) {
        try {
          l.onDown(reason);
        } catch (RuntimeException e) {
          LOG.error("{}: listener failed in onDown", name(), e);
        }
      }
    };
  }

  private static String hex(byte[] b, int n) {
    StringBuilder sb = new StringBuilder(2 * n);
    for (int i = 0; i < n; i++) {
      sb.append(Character.forDigit((b[i] >> 4) & 0xF, 16))
          .append(Character.forDigit(b[i] & 0xF, 16));
    }
    return sb.toString();
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      LOG.debug("closing {} failed", c, e);
    }
  }
}
