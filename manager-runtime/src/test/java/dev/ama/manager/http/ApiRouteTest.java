package dev.ama.manager.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Extra APIs mounted on the server, over real loopback HTTP. */
class ApiRouteTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private ManagerHttpServer server;

  /** Echoes what it was given; refuses with an ApiException on demand. */
  private static JsonNode echo(ApiRequest r) throws ApiException {
    if (r.path().equals(List.of("refuse"))) {
      throw new ApiException(409, "NOT_HOME", "it lives elsewhere", List.of("home: ipn:3.1"));
    }
    if (r.path().equals(List.of("boom"))) {
      throw new IllegalStateException("a bug in the route");
    }
    if (r.path().equals(List.of("only-post"))) {
      r.allow("POST");
    }
    r.onlyQuery(Set.of("n", "q"));
    ObjectNode o = JSON.createObjectNode();
    o.put("method", r.method());
    o.putPOJO("path", r.path());
    o.put("n", r.queryInt("n", 7, 1, 100));
    o.put("q", r.query("q"));
    o.put("body", new String(r.body(), StandardCharsets.UTF_8));
    return o;
  }

  private void start(String token) throws Exception {
    server =
        ManagerHttpServer.builder()
            .token(token)
            .maxBodyBytes(1024)
            .route("/echo", ApiRouteTest::echo)
            .build();
    server.start();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private HttpResponse<String> send(String method, String path, String body, String token)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void a_mounted_route_gets_decoded_segments_query_and_body_without_a_manager() throws Exception {
    start(null);
    HttpResponse<String> r = send("PUT", "/echo/agents/ipn%3A2.1?n=42&q=a%20b", "hello", null);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode j = JSON.readTree(r.body());
    assertThat(j.get("method").asText()).isEqualTo("PUT");
    assertThat(j.get("path").toString()).isEqualTo("[\"agents\",\"ipn:2.1\"]");
    assertThat(j.get("n").asInt()).isEqualTo(42);
    assertThat(j.get("q").asText()).isEqualTo("a b");
    assertThat(j.get("body").asText()).isEqualTo("hello");
    // The prefix itself is the route's root; the Manager's paths stay 404 without a Manager.
    assertThat(JSON.readTree(send("GET", "/echo", null, null).body()).get("path").size()).isZero();
    HttpResponse<String> agents = send("GET", "/agents", null, null);
    assertThat(agents.statusCode()).isEqualTo(404);
    assertThat(agents.body()).contains("/echo");
  }

  @Test
  void a_route_refusal_is_written_in_the_common_error_format() throws Exception {
    start(null);
    HttpResponse<String> r = send("GET", "/echo/refuse", null, null);
    assertThat(r.statusCode()).isEqualTo(409);
    JsonNode e = JSON.readTree(r.body()).get("error");
    assertThat(e.get("code").asText()).isEqualTo("NOT_HOME");
    assertThat(e.get("message").asText()).isEqualTo("it lives elsewhere");
    assertThat(e.get("diagnostics").get(0).asText()).isEqualTo("home: ipn:3.1");

    HttpResponse<String> m = send("GET", "/echo/only-post", null, null);
    assertThat(m.statusCode()).isEqualTo(405);
    assertThat(JSON.readTree(m.body()).at("/error/code").asText()).isEqualTo("METHOD_NOT_ALLOWED");

    HttpResponse<String> q = send("GET", "/echo/x?n=1000", null, null);
    assertThat(q.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(q.body()).at("/error/message").asText()).contains("1 to 100");
    assertThat(send("GET", "/echo/x?zz=1", null, null).body()).contains("unknown parameter 'zz'");

    HttpResponse<String> boom = send("GET", "/echo/boom", null, null);
    assertThat(boom.statusCode()).isEqualTo(500);
    assertThat(JSON.readTree(boom.body()).at("/error/code").asText()).isEqualTo("INTERNAL");
  }

  @Test
  void a_route_is_behind_the_token_and_the_body_limit() throws Exception {
    start("s3cret");
    HttpResponse<String> none = send("POST", "/echo/x", "hi", null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(none.body()).at("/error/code").asText()).isEqualTo("UNAUTHORIZED");
    assertThat(send("POST", "/echo/x", "hi", "s3cret").statusCode()).isEqualTo(200);

    HttpResponse<String> big = send("POST", "/echo/x", "x".repeat(5000), "s3cret");
    assertThat(big.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(big.body()).at("/error/code").asText()).isEqualTo("TOO_LARGE");
  }

  @Test
  void build_refuses_prefixes_that_are_not_one_free_segment() {
    ApiRoute r = ApiRouteTest::echo;
    assertThatThrownBy(() -> ManagerHttpServer.builder().route("/status", r).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("built-in");
    assertThatThrownBy(() -> ManagerHttpServer.builder().route("/a/b", r).build())
        .hasMessageContaining("one path segment");
    assertThatThrownBy(() -> ManagerHttpServer.builder().route("registry", r).build())
        .hasMessageContaining("one path segment");
    assertThatThrownBy(
            () -> ManagerHttpServer.builder().route("/registry", r).route("/registry", r).build())
        .hasMessageContaining("mounted twice");
    assertThatThrownBy(() -> new ApiException(200, "OK", "not an error"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
