package dev.ama.agent;

import java.util.Objects;

/** The agent store could not be opened, read or written. */
public final class AgentStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Code {
    /** The file could not be opened, read or written. */
    STORE_FAILURE,
    /** The file holds data the agent cannot read (another schema, a value that does not decode). */
    CORRUPT
  }

  private final Code code;

  public AgentStoreException(Code code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  public AgentStoreException(Code code, String message) {
    this(code, message, null);
  }

  public Code code() {
    return code;
  }

  @Override
  public String getMessage() {
    return code + ": " + super.getMessage();
  }
}
