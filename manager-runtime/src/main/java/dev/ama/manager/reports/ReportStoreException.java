package dev.ama.manager.reports;

/**
 * The one error the report store throws. Unchecked: a caller can seldom do more than log it or
 * answer an HTTP error, and {@link #code()} tells which. The cause of a {@link Code#STORE_FAILURE}
 * is kept for the log, but no {@code java.sql} type appears in the API.
 */
public final class ReportStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Code {
    /** The database could not be opened, read or written, or holds a row that does not decode. */
    STORE_FAILURE,
    /** A query is malformed: a time range that ends before it starts, a limit out of range. */
    INVALID_QUERY,
    /** An argument is missing or malformed: a blank agent, a period that is not positive. */
    INVALID_ARGUMENT,
    /** The store was closed. */
    CLOSED
  }

  private final Code code;

  public ReportStoreException(Code code, String message) {
    super(message);
    this.code = code;
  }

  public ReportStoreException(Code code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** What went wrong. */
  public Code code() {
    return code;
  }
}
