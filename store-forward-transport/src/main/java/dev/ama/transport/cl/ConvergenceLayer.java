package dev.ama.transport.cl;

/**
 * Carries frames (opaque byte arrays) to one peer and receives frames from peers: a TCP connection,
 * a pair of folders on carried media, a simulated link. The transport node owns the frames' meaning
 * (bundles and custody acknowledgements); a layer only moves bytes.
 *
 * <p>Calls from the node never block: {@link #send} queues the frame or refuses it at once. Events
 * come back through the {@link Listener} given to {@link #start}, from the layer's own threads (or
 * from the simulation's thread for simulated layers). A layer used only to receive (a TCP server,
 * an incoming folder) refuses every {@link #send}.
 */
public interface ConvergenceLayer extends AutoCloseable {

  /** A short name for logs and status, such as {@code tcp:host:port}. */
  String name();

  /**
   * Starts carrying frames: connects, listens, or begins watching a folder. Events go to {@code
   * listener}. A stopped layer may be started again.
   */
  void start(Listener listener);

  /**
   * Stops carrying frames: closes connections and stops watching, without releasing what {@link
   * #close} releases. Frames queued but not yet sent are reported through {@link
   * Listener#onFailed}.
   */
  void stop();

  /** Stops and releases every resource. Idempotent. */
  @Override
  void close();

  /**
   * Whether the layer can take frames now (connected, folder writable, link up in the simulation).
   */
  boolean isReady();

  /**
   * Queues one frame for the peer without blocking. Returns {@code false} if the layer cannot take
   * it now (not ready, or its send buffer is full); the caller keeps the frame and tries again
   * after {@link Listener#onReady}. Once it returns {@code true}, exactly one of {@link
   * Listener#onSent} or {@link Listener#onFailed} follows for {@code token}.
   *
   * @param token the caller's handle for this frame, given back in the callbacks
   */
  boolean send(long token, byte[] frame);

  /** Receives a layer's events. Implementations must be thread-safe and must not block. */
  interface Listener {
    /** The layer can take frames (connected, link came up, or room in its buffer again). */
    void onReady();

    /**
     * A frame arrived. {@code reply} carries frames back to the sender on the reverse path (the
     * same connection, the outgoing folder, the reverse simulated direction); the node sends
     * custody acknowledgements through it.
     */
    void onReceive(byte[] frame, Reply reply);

    /** The frame with this token left this node (written to the socket, the file, the link). */
    void onSent(long token);

    /** The frame with this token could not be sent; the caller keeps it and tries again later. */
    void onFailed(long token, String reason);

    /** The layer can no longer carry frames (connection lost, link went down). */
    void onDown(String reason);
  }

  /** The reverse path to the sender of a received frame. Best effort and non-blocking. */
  @FunctionalInterface
  interface Reply {
    /** Sends {@code frame} back; returns {@code false} if the path is gone or full. */
    boolean send(byte[] frame);

    /**
     * The sender sent something invalid: the layer drops the path (closes the connection) and logs
     * why. Layers without connections ignore it.
     */
    default void reject(String reason) {}
  }
}
