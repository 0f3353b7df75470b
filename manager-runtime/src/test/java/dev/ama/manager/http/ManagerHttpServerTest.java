package dev.ama.manager.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ama.manager.Manager;
import dev.ama.manager.MessageSender;
import dev.ama.model.amp.AmpMessage;
import dev.ama.model.amp.AmpMessageEncoder;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.NullLiteral;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.Report;
import dev.ama.model.ari.RptSetLiteral;
import dev.ama.model.ari.TimeLiteral;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API on real loopback TCP, through java.net.http. */
class ManagerHttpServerTest {
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectRef CPU = ObjectRef.of("example", "app", AriType.EDD, "cpu");

  /** A value such as the node's agent status holds: times, optionals, ARIs. */
  record Probe(Instant lastRun, Optional<Instant> nextRun, Optional<Ari> value, Duration period) {}

  @TempDir Path dir;
  private final List<String> sentTo = Collections.synchronizedList(new ArrayList<>());
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Manager manager;
  private ManagerHttpServer server;

  private void start(String token) throws Exception {
    MessageSender sender = (dest, bytes) -> sentTo.add(dest);
    manager =
        Manager.builder()
            .eid("ipn:1.1")
            .dataDirectory(dir)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .sender(sender)
            .build();
    manager.start();
    server =
        ManagerHttpServer.builder()
            .manager(manager)
            .token(token)
            .maxBodyBytes(64 * 1024)
            .status(
                () ->
                    Map.of(
                        "transport",
                        Map.of("outbox", 3),
                        "node",
                        Map.of("roles2", "x"),
                        "agent",
                        new Probe(
                            NOW,
                            Optional.empty(),
                            Optional.of(IntLiteral.of(5)),
                            Duration.ofSeconds(3))))
            .build();
    server.start();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (manager != null) {
      manager.close();
    }
  }

  private URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
  }

  private HttpResponse<String> call(String method, String pathAndQuery, String body, String token)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(pathAndQuery))
            .timeout(Duration.ofSeconds(10))
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

  private JsonNode ok(String method, String pathAndQuery, String body) throws Exception {
    HttpResponse<String> r = call(method, pathAndQuery, body, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    return JSON.readTree(r.body());
  }

  private JsonNode error(int status, String method, String pathAndQuery, String body)
      throws Exception {
    HttpResponse<String> r = call(method, pathAndQuery, body, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return JSON.readTree(r.body()).get("error");
  }

  private void receive(String agent, Instant t, IntLiteral nonce, long value) {
    manager.onMessage(
        agent,
        new AmpMessageEncoder()
            .encode(
                AmpMessage.of(
                    new RptSetLiteral(
                        nonce == null ? NullLiteral.UNTYPED : nonce,
                        TimeLiteral.tp(t),
                        List.of(
                            new Report(
                                TimeLiteral.td(0, 0), CPU, List.of(IntLiteral.of(value))))))));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void send_then_agents_reports_nonces_and_clear_through_every_endpoint() throws Exception {
    start(null);
    JsonNode sent =
        ok("POST", "/agents/eid/" + enc("ipn:2.1") + "/send", "DEF([*], V1, num-msg-rx * 2)");
    assertThat(sent.get("agent").asText()).isEqualTo("ipn:2.1");
    assertThat(sent.get("nonces").get(0).asText()).isEqualTo("ari:1");
    assertThat(sent.get("execSets").get(0).asText()).startsWith("ari:/EXECSET/n=1;(");
    assertThat(sentTo).containsExactly("ipn:2.1");

    receive("ipn:2.1", NOW.minusSeconds(600), IntLiteral.of(1), 7);
    receive("ipn:2.1", NOW.minusSeconds(60), null, 8);
    receive("ipn:3.1", NOW.minusSeconds(30), null, 9);

    JsonNode agents = ok("GET", "/agents", null).get("agents");
    assertThat(agents).hasSize(2);
    assertThat(agents.get(0).get("eid").asText()).isEqualTo("ipn:2.1");
    assertThat(agents.get(0).get("reports").asLong()).isEqualTo(2);
    assertThat(agents.get(0).get("lastHeard").asText()).isEqualTo(NOW.toString());
    assertThat(agents.get(0).get("stale").asBoolean()).isFalse();
    assertThat(agents.get(0).get("models").isArray()).isTrue();

    JsonNode one = ok("GET", "/agents/eid/ipn:2.1", null);
    assertThat(one.get("sent").get(0).get("source").asText()).contains("DEF(");
    assertThat(one.get("definitions").get(0).get("name").asText()).isEqualTo("V1");

    JsonNode recent = ok("GET", "/agents/eid/ipn:2.1/reports?from=-5m", null).get("reports");
    assertThat(recent).hasSize(1);
    JsonNode r = recent.get(0);
    assertThat(r.get("agent").asText()).isEqualTo("ipn:2.1");
    assertThat(r.get("nonce").isNull()).isTrue();
    assertThat(r.get("source").asText()).isEqualTo("ari://example/app/EDD/cpu");
    assertThat(r.get("time").asText()).isEqualTo(NOW.minusSeconds(60).toString());
    assertThat(r.get("arrival").asText()).isEqualTo(NOW.toString());
    assertThat(r.get("items").get(0).asText()).isEqualTo("ari:8");

    assertThat(
            ok("GET", "/reports?source=" + enc("//example/app/EDD/cpu") + "&limit=2", null)
                .get("reports"))
        .hasSize(2);
    assertThat(ok("GET", "/reports?agent=ipn:3.1&to=" + NOW, null).get("reports")).hasSize(1);
    assertThat(ok("GET", "/reports?since=-PT1M", null).get("reports")).hasSize(3);

    JsonNode byNonce = ok("GET", "/nonces/" + enc("ari:1"), null);
    assertThat(byNonce.get("reports")).hasSize(1);
    assertThat(byNonce.get("reports").get(0).get("nonce").asText()).isEqualTo("ari:1");
    assertThat(byNonce.get("sent").get("agent").asText()).isEqualTo("ipn:2.1");
    assertThat(error(404, "GET", "/nonces/99", null).get("code").asText()).isEqualTo("NOT_FOUND");

    assertThat(ok("POST", "/agents/eid/ipn:2.1/clear_reports?to=-5m", null).get("cleared").asLong())
        .isEqualTo(1);
    assertThat(ok("DELETE", "/reports?agent=ipn:3.1", null).get("cleared").asLong()).isEqualTo(1);
    assertThat(ok("GET", "/reports", null).get("reports")).hasSize(1);
  }

  @Test
  void status_has_the_node_the_manager_and_the_extra_sections() throws Exception {
    start(null);
    receive("ipn:2.1", NOW, null, 1);
    JsonNode s = ok("GET", "/status", null);
    assertThat(s.get("node").get("eid").asText()).isEqualTo("ipn:1.1");
    assertThat(s.get("node").get("roles").get(0).asText()).isEqualTo("manager");
    assertThat(s.get("node").get("roles2").asText()).isEqualTo("x");
    assertThat(s.get("manager").get("messagesReceived").asLong()).isEqualTo(1);
    assertThat(s.get("manager").get("reportsStored").asLong()).isEqualTo(1);
    assertThat(s.get("transport").get("outbox").asInt()).isEqualTo(3);
    assertThat(s.get("agent").get("lastRun").asText()).isEqualTo(NOW.toString());
    assertThat(s.get("agent").get("nextRun").isNull()).isTrue();
    assertThat(s.get("agent").get("value").asText()).isEqualTo("ari:5");
    assertThat(s.get("agent").get("period").asText()).isEqualTo("PT3S");
  }

  @Test
  void compile_errors_and_bad_queries_are_400_with_diagnostics() throws Exception {
    start(null);
    JsonNode e = error(400, "POST", "/agents/eid/ipn:2.1/send?file=ops.ama", "DEF([*], V1, nope)");
    assertThat(e.get("code").asText()).isEqualTo("COMPILE");
    assertThat(e.get("diagnostics").get(0).asText()).startsWith("ops.ama:1:14: ");
    assertThat(error(400, "POST", "/agents/eid/bogus/send", "PROD(1s, V1)").get("code").asText())
        .isEqualTo("INVALID_AGENT");
    assertThat(error(400, "GET", "/reports?from=yesterday", null).get("message").asText())
        .contains("'from' is an ISO-8601 instant");
    assertThat(error(400, "GET", "/reports?limit=0", null).get("code").asText())
        .isEqualTo("BAD_QUERY");
    assertThat(error(400, "GET", "/reports?limit=ten", null).get("code").asText())
        .isEqualTo("BAD_QUERY");
    assertThat(error(400, "GET", "/reports?from=-1m&to=-2m", null).get("code").asText())
        .isEqualTo("BAD_QUERY");
    assertThat(error(400, "GET", "/reports?colour=red", null).get("message").asText())
        .contains("unknown parameter 'colour'");
    assertThat(error(400, "GET", "/reports?source=" + enc("//a/b/("), null).get("code").asText())
        .isEqualTo("BAD_QUERY");
    assertThat(error(400, "GET", "/nonces/minus-one", null).get("code").asText())
        .isEqualTo("INVALID_ARGUMENT");
  }

  @Test
  void unknown_paths_are_404_wrong_methods_405_and_large_bodies_413() throws Exception {
    start(null);
    assertThat(error(404, "GET", "/nothing/here", null).get("code").asText())
        .isEqualTo("NOT_FOUND");
    assertThat(error(404, "GET", "/agents/eid/ipn:9.9", null).get("code").asText())
        .isEqualTo("NOT_FOUND");
    assertThat(error(405, "DELETE", "/agents", null).get("code").asText())
        .isEqualTo("METHOD_NOT_ALLOWED");
    assertThat(error(405, "GET", "/agents/eid/ipn:2.1/send", null).get("code").asText())
        .isEqualTo("METHOD_NOT_ALLOWED");
    String big = "# " + "x".repeat(70 * 1024);
    assertThat(error(413, "POST", "/agents/eid/ipn:2.1/send", big).get("code").asText())
        .isEqualTo("TOO_LARGE");
    assertThat(sentTo).isEmpty();
  }

  @Test
  void with_a_token_every_request_needs_it() throws Exception {
    start("s3cret-token");
    assertThat(call("GET", "/status", null, null).statusCode()).isEqualTo(401);
    HttpResponse<String> wrong = call("GET", "/agents", null, "guess");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(JSON.readTree(wrong.body()).get("error").get("code").asText())
        .isEqualTo("UNAUTHORIZED");
    assertThat(call("GET", "/agents", null, "s3cret-token").statusCode()).isEqualTo(200);
    assertThat(call("POST", "/agents/eid/ipn:2.1/send", "PROD(1s, num-msg-rx)", null).statusCode())
        .isEqualTo(401);
    assertThat(sentTo).isEmpty();
  }

  @Test
  void a_node_without_the_manager_role_serves_status_only() throws Exception {
    server =
        ManagerHttpServer.builder().status(() -> Map.of("agent", Map.of("eid", "ipn:5.1"))).build();
    server.start();
    JsonNode s = ok("GET", "/status", null);
    assertThat(s.get("agent").get("eid").asText()).isEqualTo("ipn:5.1");
    assertThat(s.has("manager")).isFalse();
    assertThat(error(404, "GET", "/agents", null).get("message").asText())
        .contains("no Manager role");
  }

  @Test
  void an_address_beyond_loopback_needs_a_token() throws Exception {
    InetSocketAddress any = new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0);
    assertThatThrownBy(() -> ManagerHttpServer.builder().address(any).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("token:");
    assertThatThrownBy(() -> ManagerHttpServer.builder().token(" ").build())
        .hasMessageStartingWith("token:");
    assertThat(ManagerHttpServer.builder().address(any).token("t").build()).isNotNull();
  }

  @Test
  void fusions_can_be_added_listed_and_removed() throws Exception {
    start(null);
    String def =
        "{\"name\":\"V0\",\"function\":\"SUM\",\"inputs\":["
            + "{\"agent\":\"ipn:2.1\",\"source\":\"//example/app/EDD/cpu\"}],"
            + "\"destinations\":[\"ipn:9.1\"],\"acl\":[\"ipn:9.*\"]}";
    assertThat(ok("POST", "/fusions", def).get("name").asText()).isEqualTo("V0");
    assertThat(
            ok("GET", "/fusions", null)
                .get("fusions")
                .get(0)
                .get("inputs")
                .get(0)
                .get("name")
                .asText())
        .isEqualTo("in1");
    String refused = def.replace("\"ipn:9.*\"", "\"ipn:8.1\"");
    assertThat(error(400, "POST", "/fusions", refused).get("message").asText())
        .contains("is not in the ACL");
    assertThat(error(400, "POST", "/fusions", "{not json").get("code").asText())
        .isEqualTo("INVALID_FUSION");
    assertThat(ok("DELETE", "/fusions/V0", null).get("removed").asText()).isEqualTo("V0");
    assertThat(error(404, "DELETE", "/fusions/V0", null).get("code").asText())
        .isEqualTo("INVALID_FUSION");
    receive("ipn:2.1", NOW, null, 1);
  }
}
