package dev.ama.manager.http;

import java.util.List;
import java.util.Objects;

/**
 * A request that an {@link ApiRoute} refuses: the HTTP status and a machine-readable code, written
 * in the common error format {@code {"error":{"code","message","diagnostics":[…]}}}.
 */
public final class ApiException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final List<String> diagnostics;

  /**
   * A refusal.
   *
   * @param status the HTTP status, 400 to 599
   * @param code the error code, e.g. {@code BAD_BODY}
   * @param message what is wrong and what to do
   * @param diagnostics per-line details (may be empty)
   */
  public ApiException(int status, String code, String message, List<String> diagnostics) {
    super(message);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("an error status is 400 to 599, not " + status);
    }
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
    this.diagnostics = List.copyOf(diagnostics);
  }

  /** A refusal without diagnostics. */
  public ApiException(int status, String code, String message) {
    this(status, code, message, List.of());
  }

  /** 400 BAD_QUERY: a query parameter is missing, unknown or malformed. */
  public static ApiException badQuery(String message) {
    return new ApiException(400, "BAD_QUERY", message);
  }

  /** 404 NOT_FOUND: no such path under the route. */
  public static ApiException noSuchPath(ApiRequest request) {
    return new ApiException(404, "NOT_FOUND", "no such path: " + request.rawPath());
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The error code. */
  public String code() {
    return code;
  }

  /** Per-line details. */
  public List<String> diagnostics() {
    return diagnostics;
  }
}
