package dev.ama.agent.registry;

import java.util.Objects;

/**
 * A registry value (record, delta, ack, digests) that could not be decoded; nothing was applied.
 */
public final class RegistryDecodeException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Code {
    /** The bytes are not one well-formed ARI in CBOR. */
    MALFORMED,
    /** An ARI of the wrong kind or shape where a registry item was expected. */
    WRONG_SHAPE,
    /** A value of the right kind that is out of range or inconsistent. */
    INVALID_VALUE,
    /** More than a configured limit allows (bytes, records, skills, text length …). */
    LIMIT_EXCEEDED
  }

  private final Code code;

  public RegistryDecodeException(Code code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  public RegistryDecodeException(Code code, String message) {
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
