package dev.ama.manager.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ama.grammar.ari.AriTextDecoder;
import dev.ama.manager.FusionDefinition;
import dev.ama.manager.Manager;
import dev.ama.manager.ManagerException;
import dev.ama.manager.http.internal.Json;
import dev.ama.manager.http.internal.QueryParams;
import dev.ama.manager.internal.FusionCodec;
import dev.ama.manager.reports.ReportQuery;
import dev.ama.manager.reports.ReportStoreException;
import dev.ama.manager.reports.StoredReport;
import dev.ama.manager.store.ManagerStoreException;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriDecodeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Manager's HTTP API, on the JDK's HTTP server, JSON in and out (docs/manager.md, "HTTP API",
 * lists every path with examples). Loopback by default; any other address needs a bearer token,
 * which every request must then carry ({@code Authorization: Bearer <token>}).
 *
 * <p>A node without the Manager role still serves {@code GET /status}; every other path then
 * answers 404.
 */
public final class ManagerHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ManagerHttpServer.class);

  /** The largest request body accepted, 1 MiB. */
  public static final int MAX_BODY_BYTES = 1 << 20;

  private static final int THREADS = 4;
  private static final Set<String> BUILT_IN =
      Set.of("status", "agents", "reports", "nonces", "fusions");
  private static final Set<String> REPORT_PARAMS =
      Set.of("agent", "since", "from", "to", "source", "limit");

  private final Manager manager;
  private final InetSocketAddress requested;
  private final String token;
  private final Supplier<Map<String, Object>> extraStatus;
  private final Clock clock;
  private final int maxBodyBytes;
  private final Instant created;
  private final Map<List<String>, ApiRoute> routes;
  private HttpServer server;
  private ExecutorService executor;

  private ManagerHttpServer(Builder b) {
    this.manager = b.manager;
    this.requested = b.address;
    this.token = b.token;
    this.extraStatus = b.status;
    this.clock = b.clock != null ? b.clock : manager != null ? manager.clock() : Clock.systemUTC();
    this.maxBodyBytes = b.maxBodyBytes;
    this.created = clock.instant();
    this.routes = Map.copyOf(b.routes);
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds the address and starts serving.
   *
   * @throws IOException when the address cannot be bound
   * @throws IllegalStateException when already started
   */
  public synchronized void start() throws IOException {
    if (server != null) {
      throw new IllegalStateException("the HTTP API is already started");
    }
    HttpServer s = HttpServer.create(requested, 0);
    AtomicInteger n = new AtomicInteger();
    executor =
        Executors.newFixedThreadPool(
            THREADS,
            r -> {
              Thread t = new Thread(r, "ama-http-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    s.setExecutor(executor);
    s.createContext("/", this::handle);
    s.start();
    server = s;
    LOG.info(
        "HTTP API on {}{}",
        server.getAddress(),
        token == null ? " (loopback, no token)" : " (bearer token required)");
  }

  /** The port it listens on (the one chosen when the address asked for port 0). */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("the HTTP API is not started");
    }
    return server.getAddress().getPort();
  }

  /** The address it listens on. */
  public synchronized InetSocketAddress address() {
    if (server == null) {
      throw new IllegalStateException("the HTTP API is not started");
    }
    return server.getAddress();
  }

  /** Stops serving; requests under way get a moment to finish. Idempotent. */
  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
      executor.shutdown();
      try {
        if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
          executor.shutdownNow();
        }
      } catch (InterruptedException e) {
        executor.shutdownNow();
        Thread.currentThread().interrupt();
      }
      server = null;
      LOG.info("HTTP API closed");
    }
  }

  // ---- requests ----

  /** An answer other than 200, with a JSON error body. */
  private static final class HttpError extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;
    final String code;
    final transient List<String> diagnostics;

    HttpError(int status, String code, String message) {
      this(status, code, message, List.of());
    }

    HttpError(int status, String code, String message, List<String> diagnostics) {
      super(message);
      this.status = status;
      this.code = code;
      this.diagnostics = List.copyOf(diagnostics);
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      JsonNode body;
      int status = 200;
      try {
        authorize(ex);
        body = route(ex);
      } catch (HttpError e) {
        status = e.status;
        body = Json.error(e.code, e.getMessage(), e.diagnostics);
      } catch (RuntimeException e) {
        LOG.error("HTTP {} {} failed", ex.getRequestMethod(), ex.getRequestURI(), e);
        status = 500;
        body = Json.error("INTERNAL", "the request failed: " + e, List.of());
      }
      byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
      ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      if (status == 401) {
        ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
      }
      ex.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private void authorize(HttpExchange ex) throws HttpError {
    if (token == null) {
      return;
    }
    String given = ex.getRequestHeaders().getFirst("Authorization");
    byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    if (given == null
        || !MessageDigest.isEqual(expected, given.strip().getBytes(StandardCharsets.UTF_8))) {
      throw new HttpError(
          401, "UNAUTHORIZED", "this API needs the header 'Authorization: Bearer <token>'");
    }
  }

  private JsonNode route(HttpExchange ex) throws HttpError, IOException {
    String method = ex.getRequestMethod();
    List<String> path = segments(ex.getRequestURI().getRawPath());
    QueryParams query;
    try {
      query = QueryParams.parse(ex.getRequestURI().getRawQuery());
    } catch (IllegalArgumentException e) {
      throw new HttpError(400, "BAD_QUERY", e.getMessage());
    }
    if (path.equals(List.of("status"))) {
      allow(method, "GET");
      return status();
    }
    ApiRoute extra = routes.get(path.isEmpty() ? List.of() : List.of(path.get(0)));
    if (extra != null) {
      return routed(ex, extra, method, path.subList(1, path.size()), query);
    }
    if (manager == null) {
      throw new HttpError(
          404,
          "NOT_FOUND",
          "this node has no Manager role; only /status"
              + (routes.isEmpty() ? "" : " and " + prefixes())
              + " are served");
    }
    try {
      if (path.equals(List.of("agents"))) {
        allow(method, "GET");
        return Json.agents(manager.agents());
      }
      if (path.size() >= 3 && path.get(0).equals("agents") && path.get(1).equals("eid")) {
        return agentRoute(ex, method, path.get(2), path.subList(3, path.size()), query);
      }
      if (path.equals(List.of("reports"))) {
        allow(method, "GET", "DELETE");
        if (method.equals("GET")) {
          return Json.reports(manager.reports(reportQuery(query, query.get("agent"))));
        }
        return cleared(manager.clearReports(reportQuery(query, query.get("agent"))));
      }
      if (path.size() == 2 && path.get(0).equals("nonces")) {
        allow(method, "GET");
        return nonce(path.get(1), query);
      }
      if (path.equals(List.of("fusions"))) {
        allow(method, "GET", "POST");
        if (method.equals("GET")) {
          return fusions();
        }
        return addFusion(readBody(ex));
      }
      if (path.size() == 2 && path.get(0).equals("fusions")) {
        allow(method, "DELETE");
        manager.removeFusion(path.get(1));
        ObjectNode o = Json.object();
        o.put("removed", path.get(1));
        return o;
      }
    } catch (ManagerException e) {
      throw fromManager(e);
    } catch (ReportStoreException e) {
      throw fromStore(e);
    } catch (ManagerStoreException e) {
      throw new HttpError(500, "STORE_FAILURE", e.getMessage());
    }
    throw new HttpError(404, "NOT_FOUND", "no such path: " + ex.getRequestURI().getRawPath());
  }

  private String prefixes() {
    List<String> out = new ArrayList<>();
    routes.keySet().forEach(k -> out.add("/" + k.get(0)));
    out.sort(null);
    return String.join(", ", out);
  }

  /** A mounted route: the same token check, body limit and error format as the paths above. */
  private JsonNode routed(
      HttpExchange ex, ApiRoute route, String method, List<String> rest, QueryParams query)
      throws HttpError {
    Map<String, String> params = new LinkedHashMap<>();
    for (String name : query.names()) {
      String v = query.get(name);
      params.put(name, v == null ? "" : v);
    }
    ApiRequest request =
        new ApiRequest(
            method,
            rest,
            ex.getRequestURI().getRawPath(),
            params,
            () -> {
              try {
                return readBody(ex);
              } catch (HttpError e) {
                throw new ApiException(e.status, e.code, e.getMessage(), e.diagnostics);
              } catch (IOException e) {
                throw new ApiException(
                    400, "BAD_REQUEST", "the request body could not be read: " + e.getMessage());
              }
            });
    try {
      JsonNode answer = route.handle(request);
      if (answer == null) {
        throw new IllegalStateException("the route of " + request.rawPath() + " answered null");
      }
      return answer;
    } catch (ApiException e) {
      throw new HttpError(e.status(), e.code(), e.getMessage(), e.diagnostics());
    }
  }

  private JsonNode agentRoute(
      HttpExchange ex, String method, String agent, List<String> rest, QueryParams query)
      throws HttpError, IOException, ManagerException {
    if (rest.isEmpty()) {
      allow(method, "GET");
      ObjectNode o = Json.object();
      o.set(
          "agent",
          manager.agents().stream()
              .filter(a -> a.eid().equals(agent))
              .findFirst()
              .map(Json::agent)
              .orElseThrow(() -> new HttpError(404, "NOT_FOUND", "no agent " + agent)));
      ArrayNode sent = o.putArray("sent");
      manager.sentTo(agent, query.integer("limit", 20)).forEach(s -> sent.add(Json.sent(s)));
      ArrayNode defs = o.putArray("definitions");
      manager.definitions(agent).forEach(d -> defs.add(Json.definition(d)));
      return o;
    }
    if (rest.size() != 1) {
      throw new HttpError(404, "NOT_FOUND", "no such path: " + ex.getRequestURI().getRawPath());
    }
    switch (rest.get(0)) {
      case "send" -> {
        allow(method, "POST");
        String text = new String(readBody(ex), StandardCharsets.UTF_8);
        String file = query.get("file");
        return Json.send(manager.send(agent, text, file == null ? "<http>" : file));
      }
      case "reports" -> {
        allow(method, "GET");
        return Json.reports(manager.reports(reportQuery(query, agent)));
      }
      case "clear_reports" -> {
        allow(method, "POST");
        return cleared(manager.clearReports(reportQuery(query, agent)));
      }
      default ->
          throw new HttpError(404, "NOT_FOUND", "no such path: " + ex.getRequestURI().getRawPath());
    }
  }

  private ObjectNode status() {
    ObjectNode o = Json.object();
    ObjectNode node = o.putObject("node");
    node.put("time", clock.instant().toString());
    node.put("started", created.toString());
    ArrayNode roles = node.putArray("roles");
    if (manager != null) {
      node.put("eid", manager.eid());
      roles.add("manager");
      o.set("manager", Json.status(manager.status()));
    }
    if (extraStatus != null) {
      Map<String, Object> extra = extraStatus.get();
      if (extra != null) {
        extra.forEach(
            (k, v) -> {
              JsonNode value;
              try {
                value = Json.MAPPER.valueToTree(v);
              } catch (IllegalArgumentException e) {
                LOG.warn("HTTP /status: section {} is not JSON-friendly", k, e);
                value = Json.error("INTERNAL", "section " + k + " cannot be shown", List.of());
              }
              if (k.equals("node") && value.isObject()) {
                node.setAll((ObjectNode) value);
              } else {
                o.set(k, value);
              }
            });
      }
    }
    return o;
  }

  private JsonNode nonce(String nonce, QueryParams query) throws HttpError, ManagerException {
    List<StoredReport> found = manager.reportsByNonce(nonce, limit(query));
    ObjectNode o = Json.reports(found);
    var sent = manager.sent(nonce);
    o.set("sent", sent.<JsonNode>map(Json::sent).orElse(null));
    o.put("nonce", sent.map(s -> Json.sent(s).get("nonce").asText()).orElse(null));
    if (sent.isEmpty() && found.isEmpty()) {
      throw new HttpError(
          404, "NOT_FOUND", "no EXECSET was sent and no report came with nonce " + nonce);
    }
    return o;
  }

  private ObjectNode fusions() {
    ObjectNode o = Json.object();
    ArrayNode arr = o.putArray("fusions");
    manager.fusions().forEach(f -> arr.add(FusionCodec.toTree(f)));
    return o;
  }

  private JsonNode addFusion(byte[] body) throws HttpError, ManagerException {
    FusionDefinition def;
    try {
      def = FusionCodec.fromJson(new String(body, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new HttpError(400, "INVALID_FUSION", e.getMessage());
    }
    manager.addFusion(def);
    return FusionCodec.toTree(def);
  }

  private static ObjectNode cleared(long n) {
    ObjectNode o = Json.object();
    o.put("cleared", n);
    return o;
  }

  private ReportQuery reportQuery(QueryParams q, String agent) throws HttpError {
    for (String name : q.names()) {
      if (!REPORT_PARAMS.contains(name)) {
        throw new HttpError(
            400, "BAD_QUERY", "unknown parameter '" + name + "'; known: " + REPORT_PARAMS);
      }
    }
    try {
      Instant now = clock.instant();
      ReportQuery r =
          ReportQuery.all()
              .withLimit(limit(q))
              .withTimeRange(q.time("from", now), q.time("to", now))
              .withArrivedSince(q.time("since", now));
      if (agent != null) {
        r = r.withAgent(agent);
      }
      String source = q.get("source");
      if (source != null) {
        r = r.withSource(ari(source, "source"));
      }
      return r;
    } catch (IllegalArgumentException e) {
      throw new HttpError(400, "BAD_QUERY", e.getMessage());
    } catch (ReportStoreException e) {
      throw fromStore(e);
    }
  }

  private static int limit(QueryParams q) throws HttpError {
    try {
      int limit = q.integer("limit", ReportQuery.DEFAULT_LIMIT);
      if (limit < 1 || limit > ReportQuery.MAX_LIMIT) {
        throw new HttpError(
            400, "BAD_QUERY", "'limit' is from 1 to " + ReportQuery.MAX_LIMIT + ", not " + limit);
      }
      return limit;
    } catch (IllegalArgumentException e) {
      throw new HttpError(400, "BAD_QUERY", e.getMessage());
    }
  }

  private static Ari ari(String text, String name) throws HttpError {
    String t = text.strip();
    try {
      return new AriTextDecoder().decode(t.startsWith("ari:") ? t : "ari:" + t);
    } catch (AriDecodeException e) {
      throw new HttpError(400, "BAD_QUERY", "'" + name + "' is not ARI text: " + e.getMessage());
    }
  }

  private byte[] readBody(HttpExchange ex) throws HttpError, IOException {
    String length = ex.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.strip()) > maxBodyBytes) {
          throw tooLarge(ex);
        }
      } catch (NumberFormatException e) {
        throw new HttpError(400, "BAD_REQUEST", "Content-Length is not a number: " + length);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try (InputStream in = ex.getRequestBody()) {
      int n;
      while ((n = in.read(buf)) > 0) {
        if (out.size() + n > maxBodyBytes) {
          throw tooLarge(ex);
        }
        out.write(buf, 0, n);
      }
    }
    return out.toByteArray();
  }

  /**
   * The 413 answer. The rest of the body is read and dropped first (up to a bound), so the client,
   * still sending, gets the answer instead of a closed connection.
   */
  private HttpError tooLarge(HttpExchange ex) {
    long budget = 16L * maxBodyBytes;
    byte[] buf = new byte[8192];
    try (InputStream in = ex.getRequestBody()) {
      int n;
      while (budget > 0 && (n = in.read(buf)) > 0) {
        budget -= n;
      }
    } catch (IOException e) {
      LOG.debug("HTTP: dropping an oversized body failed", e);
    }
    ex.getResponseHeaders().set("Connection", "close");
    return new HttpError(
        413, "TOO_LARGE", "the request body is larger than " + maxBodyBytes + " bytes");
  }

  private static void allow(String method, String... allowed) throws HttpError {
    for (String a : allowed) {
      if (a.equals(method)) {
        return;
      }
    }
    throw new HttpError(
        405,
        "METHOD_NOT_ALLOWED",
        method + " is not allowed here; use " + String.join(" or ", allowed));
  }

  private static List<String> segments(String rawPath) throws HttpError {
    List<String> out = new ArrayList<>();
    for (String s : rawPath.split("/")) {
      if (!s.isEmpty()) {
        try {
          // '+' is a plus in a path, not a space.
          out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          throw new HttpError(400, "BAD_REQUEST", "malformed URL encoding in the path: " + rawPath);
        }
      }
    }
    return out;
  }

  private static HttpError fromManager(ManagerException e) {
    int status =
        switch (e.code()) {
          case COMPILE, INVALID_AGENT, INVALID_ARGUMENT -> 400;
          case INVALID_FUSION -> 404;
          default -> 500;
        };
    return new HttpError(status, e.code().name(), e.getMessage(), e.diagnostics());
  }

  private static HttpError fromStore(ReportStoreException e) {
    int status =
        e.code() == ReportStoreException.Code.INVALID_QUERY
                || e.code() == ReportStoreException.Code.INVALID_ARGUMENT
            ? 400
            : 500;
    return new HttpError(status, status == 400 ? "BAD_QUERY" : e.code().name(), e.getMessage());
  }

  /** Builds a {@link ManagerHttpServer}; {@link #build()} checks the settings. */
  public static final class Builder {
    private Manager manager;
    private InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private String token;
    private Supplier<Map<String, Object>> status;
    private Clock clock;
    private int maxBodyBytes = MAX_BODY_BYTES;
    private final Map<List<String>, ApiRoute> routes = new LinkedHashMap<>();
    private final List<String> badRoutes = new ArrayList<>();

    private Builder() {}

    /**
     * Mounts an extra API under {@code pathPrefix}, one segment such as {@code /registry}: every
     * request whose path starts with it goes to {@code route}, behind the same token check, body
     * limit and JSON error format as the Manager's paths, whether or not the node has the Manager
     * role. {@link #build()} refuses a prefix that is not one segment, is mounted twice, or is one
     * of the built-in paths ({@code /status}, {@code /agents}, {@code /reports}, {@code /nonces},
     * {@code /fusions}).
     */
    public Builder route(String pathPrefix, ApiRoute route) {
      Objects.requireNonNull(route, "route");
      String p = pathPrefix == null ? "" : pathPrefix;
      String seg = p.startsWith("/") ? p.substring(1) : null;
      if (seg == null || seg.isEmpty() || !seg.matches("[A-Za-z0-9._~-]+")) {
        badRoutes.add("'" + p + "' is not one path segment such as /registry");
      } else if (BUILT_IN.contains(seg)) {
        badRoutes.add("'" + p + "' is a built-in path");
      } else if (routes.putIfAbsent(List.of(seg), route) != null) {
        badRoutes.add("'" + p + "' is mounted twice");
      }
      return this;
    }

    /** The Manager it serves; null for a node without the Manager role (only /status). */
    public Builder manager(Manager m) {
      this.manager = m;
      return this;
    }

    /** Where to listen (default 127.0.0.1, port 0: any free port; {@link #port()} tells). */
    public Builder address(InetSocketAddress a) {
      this.address = a;
      return this;
    }

    /** The bearer token every request must carry; required off loopback. */
    public Builder token(String t) {
      this.token = t;
      return this;
    }

    /** Extra sections of {@code GET /status} (the node's agent, transport …); "node" merges. */
    public Builder status(Supplier<Map<String, Object>> extra) {
      this.status = extra;
      return this;
    }

    /** The clock for relative times in queries (default: the Manager's, else UTC). */
    public Builder clock(Clock c) {
      this.clock = c;
      return this;
    }

    /** The largest request body (default 1 MiB); larger ones get 413. */
    public Builder maxBodyBytes(int max) {
      this.maxBodyBytes = max;
      return this;
    }

    /**
     * The server, not yet started.
     *
     * @throws IllegalStateException when the address is missing, or not loopback and there is no
     *     token, or the token is blank
     */
    public ManagerHttpServer build() {
      if (address == null) {
        throw new IllegalStateException("address: required");
      }
      if (token != null && (token.isBlank() || token.chars().anyMatch(c -> c <= ' ' || c > '~'))) {
        throw new IllegalStateException("token: printable ASCII without spaces, not blank");
      }
      InetAddress ip = address.getAddress();
      boolean loopback = ip != null && ip.isLoopbackAddress();
      if (!loopback && token == null) {
        throw new IllegalStateException(
            "token: required when the API listens beyond loopback (" + address + ")");
      }
      if (!badRoutes.isEmpty()) {
        throw new IllegalStateException("route: " + String.join("; ", badRoutes));
      }
      if (maxBodyBytes < 1) {
        throw new IllegalStateException("maxBodyBytes: must be positive, not " + maxBodyBytes);
      }
      return new ManagerHttpServer(this);
    }
  }
}
