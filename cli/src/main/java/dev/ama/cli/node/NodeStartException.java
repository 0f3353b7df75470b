package dev.ama.cli.node;

/** A node that could not start: what failed and what to do, for the operator. */
public final class NodeStartException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What failed. */
  public enum Code {
    /** The data directory cannot be created or written, or is used by another node. */
    DATA,
    /** A startup file does not compile. */
    STARTUP,
    /** The transport could not start (store, listen address). */
    TRANSPORT,
    /** The agent or manager role could not start. */
    ROLE,
    /** The HTTP API could not bind its address. */
    HTTP
  }

  private final Code code;

  public NodeStartException(Code code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public Code code() {
    return code;
  }
}
