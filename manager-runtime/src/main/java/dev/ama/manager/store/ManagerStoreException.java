package dev.ama.manager.store;

/**
 * The one error the Manager's state store throws; unchecked, with a {@link #code()}. No {@code
 * java.sql} type appears in the API.
 */
public final class ManagerStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Code {
    /** The database could not be opened, read or written; a failed write changed nothing. */
    STORE_FAILURE,
    /** An argument is missing or malformed. */
    INVALID_ARGUMENT,
    /** The store was closed. */
    CLOSED
  }

  private final Code code;

  public ManagerStoreException(Code code, String message) {
    super(message);
    this.code = code;
  }

  public ManagerStoreException(Code code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** What went wrong. */
  public Code code() {
    return code;
  }
}
