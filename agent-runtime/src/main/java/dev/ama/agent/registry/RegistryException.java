package dev.ama.agent.registry;

import java.util.Objects;

/** A registry operation that a center refuses; nothing was changed. */
public final class RegistryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why. */
  public enum Code {
    /** No live record of that agent id here. */
    NOT_FOUND,
    /** The record belongs to another center; only the home changes a record. */
    NOT_HOME,
    /** The request itself is wrong (empty id, a peer that is not configured …). */
    INVALID
  }

  private final Code code;

  public RegistryException(Code code, String message) {
    super(message);
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
