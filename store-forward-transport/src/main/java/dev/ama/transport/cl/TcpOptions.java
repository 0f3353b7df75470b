package dev.ama.transport.cl;

import dev.ama.transport.BundleLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link TcpConvergenceLayer}. Start from {@link #DEFAULT} and change what differs
 * with the {@code with…} methods; every value is checked when the record is made.
 *
 * @param maxFrameBytes the largest frame accepted from a peer, and the largest this layer sends; a
 *     peer that announces a longer frame is dropped. Default {@link BundleLimits#maxFrameBytes()}
 *     of {@link BundleLimits#DEFAULT} (a little over 1 MiB).
 * @param queueBytes the most bytes (frames plus their 4-byte length prefixes) waiting to be written
 *     on one connection, counting frames handed to the socket but not yet flushed; {@code send} and
 *     {@code reply} refuse a frame beyond it. An empty queue takes one frame of any allowed size.
 *     Default 8 MiB.
 * @param keepaliveInterval each side sends an empty frame when it has written nothing for this
 *     long, and closes a connection on which nothing arrived for three times this long. Default 10
 *     s; between 1 ms and 24 h.
 * @param reconnectInitialDelay the active side's first wait before reconnecting; each failed
 *     attempt doubles it, up to {@code reconnectMaxDelay}, and each wait varies by ±20 % at random.
 *     Default 100 ms.
 * @param reconnectMaxDelay the longest wait between reconnection attempts. Default 10 s.
 * @param connectTimeout how long one connection attempt may take. Default 5 s.
 */
public record TcpOptions(
    int maxFrameBytes,
    long queueBytes,
    Duration keepaliveInterval,
    Duration reconnectInitialDelay,
    Duration reconnectMaxDelay,
    Duration connectTimeout) {

  /** The defaults listed above. */
  public static final TcpOptions DEFAULT =
      new TcpOptions(
          BundleLimits.DEFAULT.maxFrameBytes(),
          8L << 20,
          Duration.ofSeconds(10),
          Duration.ofMillis(100),
          Duration.ofSeconds(10),
          Duration.ofSeconds(5));

  public TcpOptions {
    Objects.requireNonNull(keepaliveInterval, "keepaliveInterval");
    Objects.requireNonNull(reconnectInitialDelay, "reconnectInitialDelay");
    Objects.requireNonNull(reconnectMaxDelay, "reconnectMaxDelay");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    if (maxFrameBytes < 1 || maxFrameBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "maxFrameBytes must be between 1 and " + (Integer.MAX_VALUE - 8) + ": " + maxFrameBytes);
    }
    if (queueBytes < 1) {
      throw new IllegalArgumentException("queueBytes must be positive: " + queueBytes);
    }
    if (keepaliveInterval.toMillis() < 1 || keepaliveInterval.compareTo(Duration.ofHours(24)) > 0) {
      throw new IllegalArgumentException(
          "keepaliveInterval must be between 1 ms and 24 h: " + keepaliveInterval);
    }
    if (reconnectInitialDelay.toMillis() < 1) {
      throw new IllegalArgumentException(
          "reconnectInitialDelay must be at least 1 ms: " + reconnectInitialDelay);
    }
    if (reconnectMaxDelay.compareTo(reconnectInitialDelay) < 0) {
      throw new IllegalArgumentException(
          "reconnectMaxDelay ("
              + reconnectMaxDelay
              + ") is shorter than reconnectInitialDelay ("
              + reconnectInitialDelay
              + ")");
    }
    if (connectTimeout.toMillis() < 1 || connectTimeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "connectTimeout must be between 1 ms and "
              + Integer.MAX_VALUE
              + " ms: "
              + connectTimeout);
    }
  }

  /** These options with another {@link #maxFrameBytes()}. */
  public TcpOptions withMaxFrameBytes(int maxFrameBytes) {
    return new TcpOptions(
        maxFrameBytes,
        queueBytes,
        keepaliveInterval,
        reconnectInitialDelay,
        reconnectMaxDelay,
        connectTimeout);
  }

  /** These options with another {@link #queueBytes()}. */
  public TcpOptions withQueueBytes(long queueBytes) {
    return new TcpOptions(
        maxFrameBytes,
        queueBytes,
        keepaliveInterval,
        reconnectInitialDelay,
        reconnectMaxDelay,
        connectTimeout);
  }

  /** These options with another {@link #keepaliveInterval()}. */
  public TcpOptions withKeepaliveInterval(Duration keepaliveInterval) {
    return new TcpOptions(
        maxFrameBytes,
        queueBytes,
        keepaliveInterval,
        reconnectInitialDelay,
        reconnectMaxDelay,
        connectTimeout);
  }

  /** These options with other reconnection delays. */
  public TcpOptions withReconnectDelays(Duration initial, Duration max) {
    return new TcpOptions(
        maxFrameBytes, queueBytes, keepaliveInterval, initial, max, connectTimeout);
  }

  /** These options with another {@link #connectTimeout()}. */
  public TcpOptions withConnectTimeout(Duration connectTimeout) {
    return new TcpOptions(
        maxFrameBytes,
        queueBytes,
        keepaliveInterval,
        reconnectInitialDelay,
        reconnectMaxDelay,
        connectTimeout);
  }

  /** How long a connection may stay silent before it is closed as dead: three intervals. */
  int deadAfterMillis() {
    return (int) Math.min(Integer.MAX_VALUE, 3 * keepaliveInterval.toMillis());
  }
}
