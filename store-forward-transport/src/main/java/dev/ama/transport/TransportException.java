package dev.ama.transport;

/**
 * A transport operation failed. {@link #code()} says which kind of failure; {@link #isRetriable()}
 * says whether the same call may succeed later (the store has room again, the disk has space
 * again).
 */
public final class TransportException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The kinds of transport failure. */
  public enum Code {
    /**
     * The store's byte or count quota is reached and eviction of expired and lower-class bundles
     * did not make room. Back-pressure: retry later.
     */
    QUOTA_EXCEEDED(true),
    /** The disk is full: the bundle was not stored. Nothing accepted before is lost. */
    DISK_FULL(true),
    /** The store could not be written or read for another reason (I/O error, corrupt file). */
    STORE_FAILURE(false),
    /** The request is not valid (payload too large, bad lifetime, destination dtn:none …). */
    INVALID_REQUEST(false),
    /** The node is closed. */
    CLOSED(false);

    private final boolean retriable;

    Code(boolean retriable) {
      this.retriable = retriable;
    }

    /** Whether a failure of this kind may go away by itself. */
    public boolean retriable() {
      return retriable;
    }
  }

  private final Code code;

  public TransportException(Code code, String message) {
    super(code + ": " + message);
    this.code = code;
  }

  public TransportException(Code code, String message, Throwable cause) {
    super(code + ": " + message, cause);
    this.code = code;
  }

  /** The kind of failure. */
  public Code code() {
    return code;
  }

  /** Whether the same call may succeed later. */
  public boolean isRetriable() {
    return code.retriable();
  }
}
