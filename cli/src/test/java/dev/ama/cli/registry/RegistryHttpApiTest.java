package dev.ama.cli.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ama.agent.registry.RegistryAck;
import dev.ama.agent.registry.RegistryCenter;
import dev.ama.agent.registry.RegistryStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The registry's HTTP API on real loopback TCP, through java.net.http. */
class RegistryHttpApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final RegistryServer.MutableClock clock = new RegistryServer.MutableClock();
  private final List<RegistryServer> servers = new ArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(RegistryServer::close);
  }

  private RegistryServer start(RegistryServer s) {
    servers.add(s);
    return s;
  }

  record Answer(int status, JsonNode json) {
    String code() {
      return json.at("/error/code").asText();
    }

    String message() {
      return json.at("/error/message").asText();
    }
  }

  private Answer call(RegistryServer s, String method, String path, String body) throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(s.url() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), JSON.readTree(r.body()));
  }

  private static String agent(String id, String... skills) {
    StringBuilder s = new StringBuilder();
    for (String k : skills) {
      s.append(s.length() == 0 ? "" : ",").append(k.startsWith("{") ? k : "\"" + k + "\"");
    }
    return "{\"id\":\""
        + id
        + "\",\"name\":\"n-"
        + id
        + "\",\"endpoints\":[\"tcp://h:1\"],\"skills\":["
        + s
        + "]}";
  }

  /** One delta from {@code a} to {@code b} and its ack back. */
  private static void push(RegistryCenter a, RegistryCenter b) {
    RegistryAck ack = b.apply(a.eid(), a.deltaFor(b.eid()));
    a.acknowledge(b.eid(), ack);
  }

  @Test
  void register_answers_the_record_with_its_home_and_get_reads_it_back() throws Exception {
    RegistryServer s = start(RegistryServer.alone("ipn:1.1", clock, null));
    Answer r =
        call(
            s,
            "POST",
            "/registry/agents",
            "{\"id\":\"probe-7\",\"name\":\"Probe\",\"endpoints\":[\"tcp://10.0.0.7:4556\","
                + "\"dtn://probe-7/\"],\"skills\":[\"weather\",{\"name\":\"ops\",\"group\":\"nasa\"}],"
                + "\"metadata\":{\"site\":\"Goldstone\"},\"retention\":\"P1D\"}");
    assertThat(r.status()).isEqualTo(200);
    JsonNode j = r.json();
    assertThat(j.get("id").asText()).isEqualTo("probe-7");
    assertThat(j.get("home").asText()).isEqualTo("ipn:1.1");
    assertThat(j.get("local").asBoolean()).isTrue();
    assertThat(j.get("status").asText()).isEqualTo("ONLINE");
    assertThat(j.get("lastSeen").asText()).isEqualTo("2026-11-21T10:00:00Z");
    assertThat(j.get("retention").asText()).isEqualTo("PT24H");
    assertThat(j.get("endpoints").toString())
        .isEqualTo("[\"tcp://10.0.0.7:4556\",\"dtn://probe-7/\"]");
    assertThat(j.get("skills").toString())
        .isEqualTo("[{\"name\":\"ops\",\"group\":\"nasa\"},{\"name\":\"weather\"}]");
    assertThat(j.at("/metadata/site").asText()).isEqualTo("Goldstone");
    assertThat(j.at("/version/owner").asText()).isEqualTo("ipn:1.1");
    assertThat(j.at("/version/counter").asLong()).isEqualTo(1);
    assertThat(j.at("/version/stamp/time").asText()).isEqualTo("2026-11-21T10:00:00Z");
    assertThat(j.get("tombstone").asBoolean()).isFalse();

    Answer got = call(s, "GET", "/registry/agents/probe-7", null);
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.json()).isEqualTo(j);
    assertThat(s.center.get("probe-7")).isPresent();
  }

  @Test
  void update_makes_a_new_version_and_deregister_leaves_nothing_to_get() throws Exception {
    RegistryServer s = start(RegistryServer.alone("ipn:1.1", clock, null));
    call(s, "POST", "/registry/agents", agent("a1", "x"));
    Answer u =
        call(s, "PUT", "/registry/agents/a1", "{\"name\":\"renamed\",\"skills\":[\"y\",\"z\"]}");
    assertThat(u.status()).isEqualTo(200);
    assertThat(u.json().get("name").asText()).isEqualTo("renamed");
    assertThat(u.json().get("skills").toString()).isEqualTo("[{\"name\":\"y\"},{\"name\":\"z\"}]");
    assertThat(u.json().at("/version/counter").asLong()).isEqualTo(2);

    Answer mismatch = call(s, "PUT", "/registry/agents/a1", "{\"id\":\"a2\"}");
    assertThat(mismatch.status()).isEqualTo(400);
    assertThat(mismatch.code()).isEqualTo("BAD_BODY");
    assertThat(mismatch.message()).contains("a2").contains("a1");

    Answer missing = call(s, "PUT", "/registry/agents/nobody", "{}");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.code()).isEqualTo("UNKNOWN_AGENT");

    Answer d = call(s, "DELETE", "/registry/agents/a1", null);
    assertThat(d.status()).isEqualTo(200);
    assertThat(d.json().get("tombstone").asBoolean()).isTrue();
    assertThat(d.json().at("/version/counter").asLong()).isEqualTo(3);
    assertThat(call(s, "GET", "/registry/agents/a1", null).code()).isEqualTo("UNKNOWN_AGENT");
    assertThat(call(s, "DELETE", "/registry/agents/a1", null).status()).isEqualTo(404);
    assertThat(call(s, "POST", "/registry/agents/a1/heartbeat", null).status()).isEqualTo(404);
  }

  @Test
  void a_heartbeat_keeps_an_agent_online_and_brings_an_offline_one_back() throws Exception {
    RegistryServer s = start(RegistryServer.alone("ipn:1.1", clock, null));
    call(s, "POST", "/registry/agents", agent("a1"));
    clock.advance(Duration.ofSeconds(60));
    Answer hb = call(s, "POST", "/registry/agents/a1/heartbeat", null);
    assertThat(hb.status()).isEqualTo(200);
    assertThat(hb.json().get("outcome").asText()).isEqualTo("OK");
    assertThat(hb.json().get("home").asText()).isEqualTo("ipn:1.1");
    assertThat(hb.json().get("status").asText()).isEqualTo("ONLINE");
    assertThat(s.center.get("a1").orElseThrow().lastSeen()).isEqualTo(clock.instant());

    clock.advance(Duration.ofSeconds(91));
    assertThat(s.center.expire()).isEqualTo(1);
    assertThat(call(s, "GET", "/registry/agents/a1", null).json().get("status").asText())
        .isEqualTo("OFFLINE");
    assertThat(call(s, "POST", "/registry/agents/a1/heartbeat", null).json().get("status").asText())
        .isEqualTo("ONLINE");
    assertThat(call(s, "GET", "/registry/agents/a1/heartbeat", null).code())
        .isEqualTo("METHOD_NOT_ALLOWED");
  }

  @Test
  void after_a_takeover_the_old_home_tells_the_agent_its_new_home_and_refuses_writes()
      throws Exception {
    RegistryServer heir =
        start(
            RegistryServer.withPeer("ipn:1.1", clock, "ipn:2.1", Set.of(), Duration.ofMinutes(10)));
    RegistryServer home =
        start(
            RegistryServer.withPeer("ipn:2.1", clock, "ipn:1.1", Set.of(), Duration.ofMinutes(10)));
    assertThat(call(home, "POST", "/registry/agents", agent("rover", "drive")).status())
        .isEqualTo(200);
    push(home.center, heir.center);
    Answer replica = call(heir, "GET", "/registry/agents/rover", null);
    assertThat(replica.json().get("home").asText()).isEqualTo("ipn:2.1");
    assertThat(replica.json().get("local").asBoolean()).isFalse();

    // A replica is not the heir's to change.
    Answer notHome = call(heir, "PUT", "/registry/agents/rover", "{\"name\":\"x\"}");
    assertThat(notHome.status()).isEqualTo(409);
    assertThat(notHome.code()).isEqualTo("NOT_HOME");
    assertThat(notHome.json().at("/error/diagnostics/0").asText()).isEqualTo("home: ipn:2.1");
    assertThat(call(heir, "POST", "/registry/agents", agent("rover")).status()).isEqualTo(409);
    assertThat(call(heir, "DELETE", "/registry/agents/rover", null).status()).isEqualTo(409);

    clock.advance(Duration.ofMinutes(11)); // the home falls silent
    assertThat(heir.center.takeOver()).isEqualTo(1);
    push(heir.center, home.center);
    Answer moved = call(home, "POST", "/registry/agents/rover/heartbeat", null);
    assertThat(moved.status()).isEqualTo(200);
    assertThat(moved.json().get("outcome").asText()).isEqualTo("MOVED");
    assertThat(moved.json().get("home").asText()).isEqualTo("ipn:1.1");
    assertThat(moved.json().has("status")).isFalse();
    Answer there = call(heir, "POST", "/registry/agents/rover/heartbeat", null);
    assertThat(there.json().get("outcome").asText()).isEqualTo("OK");
    assertThat(there.json().get("home").asText()).isEqualTo("ipn:1.1");
  }

  @Test
  void lookup_lists_local_records_first_then_replicas_page_by_page() throws Exception {
    RegistryServer a = start(RegistryServer.withPeer("ipn:1.1", clock, "ipn:2.1", Set.of(), null));
    RegistryServer b = start(RegistryServer.withPeer("ipn:2.1", clock, "ipn:1.1", Set.of(), null));
    call(a, "POST", "/registry/agents", agent("a-remote-1", "relay"));
    call(a, "POST", "/registry/agents", agent("a-remote-2", "relay"));
    call(b, "POST", "/registry/agents", agent("z-local-1", "relay"));
    call(b, "POST", "/registry/agents", agent("z-local-2", "relay", "store"));
    call(b, "POST", "/registry/agents", agent("z-local-3", "store"));
    push(a.center, b.center);

    List<String> ids = new ArrayList<>();
    List<Boolean> more = new ArrayList<>();
    for (int page = 1; page <= 2; page++) {
      Answer r = call(b, "GET", "/registry/lookup?skill=relay&size=3&page=" + page, null);
      assertThat(r.status()).isEqualTo(200);
      r.json().get("records").forEach(rec -> ids.add(rec.get("id").asText()));
      more.add(r.json().get("more").asBoolean());
    }
    assertThat(ids).containsExactly("z-local-1", "z-local-2", "a-remote-1", "a-remote-2");
    assertThat(more).containsExactly(true, false);

    Answer byName = call(b, "GET", "/registry/lookup?name=n-a-remote-2", null);
    assertThat(byName.json().get("records").get(0).get("home").asText()).isEqualTo("ipn:1.1");
    assertThat(byName.json().get("size").asInt()).isEqualTo(RegistryHttpApi.DEFAULT_PAGE_SIZE);

    for (String bad :
        List.of(
            "",
            "?skill=relay&name=x",
            "?skill=relay&size=0",
            "?skill=relay&size=1001",
            "?skill=relay&page=0",
            "?skill=relay&page=two",
            "?skill=relay&colour=red")) {
      Answer r = call(b, "GET", "/registry/lookup" + bad, null);
      assertThat(r.status()).as(bad).isEqualTo(400);
      assertThat(r.code()).as(bad).isEqualTo("BAD_QUERY");
    }
  }

  @Test
  void list_pages_through_one_owners_records_by_cursor_without_tombstones() throws Exception {
    RegistryServer s = start(RegistryServer.alone("ipn:1.1", clock, null));
    for (int i = 1; i <= 5; i++) {
      call(s, "POST", "/registry/agents", agent("a" + i));
    }
    call(s, "DELETE", "/registry/agents/a2", null); // counter 6; a2's record moves to the end
    List<String> ids = new ArrayList<>();
    String after = "0";
    int pages = 0;
    while (after != null) {
      Answer r = call(s, "GET", "/registry/agents?size=2&after=" + after, null);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().get("owner").asText()).isEqualTo("ipn:1.1");
      r.json().get("records").forEach(rec -> ids.add(rec.get("id").asText()));
      after = r.json().get("next").isNull() ? null : r.json().get("next").asText();
      pages++;
    }
    assertThat(ids).containsExactly("a1", "a3", "a4", "a5");
    assertThat(pages).isEqualTo(3); // counters 1, 3 | 4, 5 | 6 (a2's tombstone, not shown)
    assertThat(call(s, "GET", "/registry/agents?owner=ipn:9.1", null).json().get("records"))
        .isEmpty();
    assertThat(call(s, "GET", "/registry/agents?owner=nonsense", null).status()).isEqualTo(400);
    assertThat(call(s, "GET", "/registry/agents?after=-1", null).status()).isEqualTo(400);
  }

  @Test
  void status_shows_counts_peers_and_what_each_peer_has_pending() throws Exception {
    RegistryServer a =
        start(RegistryServer.withPeer("ipn:1.1", clock, "ipn:2.1", Set.of("nasa"), null));
    RegistryServer b = start(RegistryServer.withPeer("ipn:2.1", clock, "ipn:1.1", Set.of(), null));
    call(a, "POST", "/registry/agents", agent("a1"));
    call(a, "POST", "/registry/agents", agent("a2"));
    call(b, "POST", "/registry/agents", agent("b1"));
    Answer before = call(a, "GET", "/registry/status", null);
    assertThat(before.status()).isEqualTo(200);
    JsonNode j = before.json();
    assertThat(j.get("center").asText()).isEqualTo("ipn:1.1");
    assertThat(j.get("sequence").asLong()).isEqualTo(2);
    assertThat(j.at("/own/ONLINE").asLong()).isEqualTo(2);
    assertThat(j.at("/own/OFFLINE").asLong()).isZero();
    assertThat(j.get("records").asLong()).isEqualTo(2);
    assertThat(j.at("/peers/0/eid").asText()).isEqualTo("ipn:2.1");
    assertThat(j.at("/peers/0/groups").toString()).isEqualTo("[\"nasa\"]");
    assertThat(j.at("/peers/0/pending").asLong()).isEqualTo(2);
    assertThat(j.get("guardHeld").asBoolean()).isFalse();

    push(a.center, b.center);
    push(b.center, a.center);
    JsonNode after = call(a, "GET", "/registry/status", null).json();
    assertThat(after.at("/peers/0/pending").asLong()).isZero();
    assertThat(after.get("records").asLong()).isEqualTo(3);
    assertThat(after.at("/counts/ipn:2.1/" + RegistryStatus.ONLINE.name()).asLong()).isEqualTo(1);
    assertThat(after.at("/vector/ipn:2.1").asLong()).isEqualTo(1);
  }

  @Test
  void bad_bodies_are_refused_with_the_field_named_and_nothing_registered() throws Exception {
    RegistryServer s = start(RegistryServer.alone("ipn:1.1", clock, null));
    String many = "\"e\",".repeat(32) + "\"e\"";
    String[][] cases = {
      {"not json", "not JSON"},
      {"[1,2]", "JSON object"},
      {"{\"name\":\"no id\"}", "'id'"},
      {"{\"id\":\"a\",\"colour\":\"red\"}", "unknown field 'colour'"},
      {"{\"id\":7}", "'id' is text"},
      {"{\"id\":\"a\",\"skills\":[3]}", "a skill is text"},
      {"{\"id\":\"a\",\"skills\":[{\"name\":\"s\",\"group\":\"\"}]}", "'group'"},
      {"{\"id\":\"a\",\"skills\":[\"\"]}", "skill name is empty"},
      {"{\"id\":\"a\",\"endpoints\":\"tcp://x\"}", "'endpoints' is an array"},
      {"{\"id\":\"a\",\"endpoints\":[" + many + "]}", "at most 32"},
      {"{\"id\":\"" + "x".repeat(1025) + "\"}", "at most 1024"},
      {"{\"id\":\"a\",\"metadata\":{\"k\":1}}", "metadata 'k' is text"},
      {"{\"id\":\"a\",\"retention\":\"7 days\"}", "ISO-8601 duration"},
      {"{\"id\":\"a\",\"retention\":\"-P1D\"}", "negative"},
    };
    for (String[] c : cases) {
      Answer r = call(s, "POST", "/registry/agents", c[0]);
      assertThat(r.status()).as(c[0]).isEqualTo(400);
      assertThat(r.code()).as(c[0]).isEqualTo("BAD_BODY");
      assertThat(r.message()).as(c[0]).contains(c[1]);
    }
    Answer big = call(s, "POST", "/registry/agents", "{\"id\":\"" + "x".repeat(70_000) + "\"}");
    assertThat(big.status()).isEqualTo(413);
    assertThat(big.code()).isEqualTo("TOO_LARGE");
    assertThat(s.center.sequence()).isZero();
    assertThat(call(s, "GET", "/registry/status", null).json().get("records").asLong()).isZero();
    assertThat(call(s, "GET", "/registry/nothing", null).status()).isEqualTo(404);
    assertThat(call(s, "PATCH", "/registry/agents/a", "{}").status()).isEqualTo(405);
  }
}
