package dev.ama.agent;

import java.util.Objects;

/**
 * A control, a macro or a value production that failed; the {@link Code} says why. The failed
 * control's result is undefined.
 */
public final class ExecutionException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The family of execution failures. */
  public enum Code {
    /** A reference names no object the agent hosts (or an obsolete one). */
    UNKNOWN_OBJECT,
    /** Parameters missing, extra, unknown by name, or a target of the wrong kind. */
    BAD_PARAMETERS,
    /** A value does not have the type the parameter or object requires. */
    TYPE_MISMATCH,
    /** The access-control list does not let the manager do this. */
    ACCESS_DENIED,
    /** A VAR would depend on itself. */
    CYCLE,
    /** Macros nested deeper than the agent allows. */
    DEPTH,
    /** An object already exists with another definition under that name or enum. */
    CONFLICT,
    /** A control the agent knows but does not carry out. */
    UNSUPPORTED,
    /** Anything else: the control ran and failed. */
    FAILED
  }

  private final Code code;

  /** A failure with a code and a one-line reason. */
  public ExecutionException(Code code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** A failure with a code, a reason and a cause. */
  public ExecutionException(Code code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** Why the execution failed. */
  public Code code() {
    return code;
  }

  @Override
  public String getMessage() {
    return code + ": " + super.getMessage();
  }
}
