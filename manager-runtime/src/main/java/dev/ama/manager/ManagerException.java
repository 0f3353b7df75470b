package dev.ama.manager;

import java.util.List;

/** What the Manager refuses to do, or could not do; {@link #code()} says which. */
public final class ManagerException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The kinds of failure. */
  public enum Code {
    /** The text to send does not compile; {@link #diagnostics()} lists every problem. */
    COMPILE,
    /** The agent is not an endpoint ID ({@code ipn:N.N}, {@code dtn:…}). */
    INVALID_AGENT,
    /** An argument is malformed: a nonce that is not one, an empty text. */
    INVALID_ARGUMENT,
    /** The sender refused at least one message; {@link #diagnostics()} says which and why. */
    SEND_FAILED,
    /** The Manager's stores failed; nothing was sent. */
    STORE_FAILURE,
    /** There is no fusion of that name to remove. */
    INVALID_FUSION
  }

  private final Code code;
  private final transient List<String> diagnostics;

  public ManagerException(Code code, String message) {
    this(code, message, List.of(), null);
  }

  public ManagerException(Code code, String message, List<String> diagnostics, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.diagnostics = List.copyOf(diagnostics);
  }

  /** The kind of failure. */
  public Code code() {
    return code;
  }

  /** Details, each on its own: for {@link Code#COMPILE}, {@code file:line:col: message}. */
  public List<String> diagnostics() {
    return diagnostics;
  }
}
