package dev.ama.cli.client;

import java.util.List;

/** A request to a node that failed: unreachable, refused, or answered with an error. */
public final class NodeClientException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String code;
  private final List<String> diagnostics;

  NodeClientException(String message, int status) {
    this(message, status, "", List.of());
  }

  NodeClientException(String message, int status, String code, List<String> diagnostics) {
    super(message);
    this.status = status;
    this.code = code;
    this.diagnostics = List.copyOf(diagnostics);
  }

  /** The HTTP status, 0 when the node was not reached. */
  public int status() {
    return status;
  }

  /** The node's error code, or empty. */
  public String code() {
    return code;
  }

  /** Per-line problems (e.g. compile errors as file:line:column: message). */
  public List<String> diagnostics() {
    return diagnostics;
  }
}
