package dev.ama.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Talks to a node's HTTP API (docs/manager.md lists the paths). Every failure becomes a {@link
 * NodeClientException} whose message says what happened and what to do.
 */
public final class NodeClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  private final String token;
  private final HttpClient http;

  /**
   * A client of the node at {@code url} (e.g. {@code http://127.0.0.1:8101}).
   *
   * @param token the bearer token, or null
   * @throws NodeClientException when the URL is not an http(s) URL
   */
  public NodeClient(String url, String token) throws NodeClientException {
    URI u;
    try {
      u = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    } catch (URISyntaxException e) {
      throw new NodeClientException("not a URL: " + url + " (e.g. http://127.0.0.1:8101)", 0);
    }
    if (u.getScheme() == null
        || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
        || u.getHost() == null) {
      throw new NodeClientException("not an http URL: " + url + " (e.g. http://127.0.0.1:8101)", 0);
    }
    this.base = u;
    this.token = token;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** GET {@code path} with query parameters (null values are left out). */
  public JsonNode get(String path, Map<String, String> query) throws NodeClientException {
    return call("GET", path, query, null);
  }

  /** POST a text body (or none, when null) to {@code path}. */
  public JsonNode post(String path, String body) throws NodeClientException {
    return call("POST", path, Map.of(), body);
  }

  /** PUT a text body to {@code path}. */
  public JsonNode put(String path, String body) throws NodeClientException {
    return call("PUT", path, Map.of(), body);
  }

  /** DELETE {@code path}. */
  public JsonNode delete(String path) throws NodeClientException {
    return call("DELETE", path, Map.of(), null);
  }

  /** One path segment, percent-encoded (an EID contains ':' and '/'). */
  public static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private JsonNode call(String method, String path, Map<String, String> query, String body)
      throws NodeClientException {
    StringBuilder q = new StringBuilder();
    Map<String, String> params = new LinkedHashMap<>(query);
    params.forEach(
        (k, v) -> {
          if (v != null) {
            q.append(q.length() == 0 ? '?' : '&')
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
          }
        });
    URI uri = URI.create(base + path + q);
    HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(TIMEOUT);
    if (token != null) {
      rb.header("Authorization", "Bearer " + token);
    }
    if (body == null) {
      rb.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      rb.header("Content-Type", "text/plain; charset=utf-8");
      rb.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }
    HttpResponse<String> response;
    try {
      response = http.send(rb.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (ConnectException e) {
      throw new NodeClientException(
          "cannot reach the node at " + base + ": is 'ama node' running there?", 0);
    } catch (HttpTimeoutException e) {
      throw new NodeClientException("the node at " + base + " did not answer in " + TIMEOUT, 0);
    } catch (IOException e) {
      throw new NodeClientException("talking to " + base + " failed: " + e.getMessage(), 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeClientException("interrupted", 0);
    }
    JsonNode json;
    try {
      json = JSON.readTree(response.body());
    } catch (IOException e) {
      json = null;
    }
    int status = response.statusCode();
    if (status / 100 != 2) {
      throw error(status, json, response.body());
    }
    if (json == null) {
      throw new NodeClientException("the node answered something that is not JSON", status);
    }
    return json;
  }

  private NodeClientException error(int status, JsonNode json, String body) {
    if (json != null && json.has("error")) {
      JsonNode e = json.get("error");
      List<String> diagnostics = new ArrayList<>();
      if (e.has("diagnostics")) {
        e.get("diagnostics").forEach(d -> diagnostics.add(d.asText()));
      }
      String message = e.path("message").asText("HTTP " + status);
      if (status == 401) {
        message += " (give the node's token with --token or AMA_TOKEN)";
      }
      return new NodeClientException(message, status, e.path("code").asText(""), diagnostics);
    }
    String snippet = body == null ? "" : body.strip();
    if (snippet.length() > 200) {
      snippet = snippet.substring(0, 200) + "…";
    }
    return new NodeClientException(
        "HTTP " + status + (snippet.isEmpty() ? "" : ": " + snippet), status);
  }

  /** Pretty JSON, for --json output. */
  public static String pretty(JsonNode node) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (IOException e) {
      return node.toString();
    }
  }
}
