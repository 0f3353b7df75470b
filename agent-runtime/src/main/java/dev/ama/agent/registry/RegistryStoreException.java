package dev.ama.agent.registry;

import java.util.Objects;

/** The registry store could not be opened, read or written. */
public final class RegistryStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Code {
    /** The file could not be opened, read or written. */
    STORE_FAILURE,
    /**
     * The file holds data the center cannot read (another schema, a record that does not decode).
     */
    CORRUPT
  }

  private final Code code;

  public RegistryStoreException(Code code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  public Code code() {
    return code;
  }

  @Override
  public String getMessage() {
    return code + ": " + super.getMessage();
  }
}
