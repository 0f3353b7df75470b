package dev.ama.manager.http;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One request as an {@link ApiRoute} sees it: the method, the URL-decoded path segments after the
 * route's prefix, the query parameters, and the body (read on demand, bounded by the server's body
 * limit: a larger one is refused with 413 TOO_LARGE).
 */
public final class ApiRequest {
  /** Reads the body; the server's implementation enforces the limit. */
  @FunctionalInterface
  interface BodyReader {
    byte[] read() throws ApiException;
  }

  private final String method;
  private final List<String> path;
  private final String rawPath;
  private final Map<String, String> query;
  private final BodyReader body;
  private byte[] bytes;

  ApiRequest(
      String method,
      List<String> path,
      String rawPath,
      Map<String, String> query,
      BodyReader body) {
    this.method = Objects.requireNonNull(method, "method");
    this.path = List.copyOf(path);
    this.rawPath = Objects.requireNonNull(rawPath, "rawPath");
    this.query = Map.copyOf(query);
    this.body = Objects.requireNonNull(body, "body");
  }

  /** The HTTP method, e.g. {@code GET}. */
  public String method() {
    return method;
  }

  /** The URL-decoded path segments after the route's prefix ({@code []} for the prefix itself). */
  public List<String> path() {
    return path;
  }

  /** The whole raw path, for messages. */
  public String rawPath() {
    return rawPath;
  }

  /** The value of a query parameter, null when absent or empty. */
  public String query(String name) {
    String v = query.get(name);
    return v == null || v.isEmpty() ? null : v;
  }

  /** The names of the query parameters given. */
  public Set<String> queryNames() {
    return query.keySet();
  }

  /**
   * An integer query parameter, or {@code dflt} when absent.
   *
   * @throws ApiException 400 BAD_QUERY when it is not an integer in {@code [min, max]}
   */
  public int queryInt(String name, int dflt, int min, int max) throws ApiException {
    String v = query(name);
    if (v == null) {
      return dflt;
    }
    int n;
    try {
      n = Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw ApiException.badQuery("'" + name + "' is an integer, not '" + v + "'");
    }
    if (n < min || n > max) {
      throw ApiException.badQuery("'" + name + "' is from " + min + " to " + max + ", not " + n);
    }
    return n;
  }

  /**
   * Refuses parameters other than {@code known}.
   *
   * @throws ApiException 400 BAD_QUERY naming the first unknown one
   */
  public void onlyQuery(Set<String> known) throws ApiException {
    for (String name : query.keySet()) {
      if (!known.contains(name)) {
        throw ApiException.badQuery(
            "unknown parameter '" + name + "'; known: " + new java.util.TreeSet<>(known));
      }
    }
  }

  /**
   * Refuses any method other than {@code allowed}.
   *
   * @throws ApiException 405 METHOD_NOT_ALLOWED
   */
  public void allow(String... allowed) throws ApiException {
    for (String a : allowed) {
      if (a.equals(method)) {
        return;
      }
    }
    throw new ApiException(
        405,
        "METHOD_NOT_ALLOWED",
        method + " is not allowed here; use " + String.join(" or ", allowed));
  }

  /**
   * The body, read once (later calls return the same bytes).
   *
   * @throws ApiException 413 TOO_LARGE beyond the server's limit, 400 on a bad Content-Length
   */
  public synchronized byte[] body() throws ApiException {
    if (bytes == null) {
      bytes = body.read();
    }
    return bytes.clone();
  }
}
