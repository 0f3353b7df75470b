package dev.ama.cli.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ama.agent.registry.RegistryAck;
import dev.ama.agent.registry.RegistryRecord;
import dev.ama.agent.registry.Skill;
import dev.ama.cli.AmaCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ama registry …} against a real registry HTTP API on loopback. */
class RegistryCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
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

  record Run(int code, String out, String err) {}

  private static Run ama(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = AmaCommand.newCommandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private static Run ok(String... args) {
    Run r = ama(args);
    assertThat(r.code()).as("ama %s: %s", String.join(" ", args), r.err()).isZero();
    return r;
  }

  @Test
  void register_update_get_heartbeat_and_deregister_drive_the_center() throws Exception {
    RegistryServer s = start(RegistryServer.alone("ipn:1.1", clock, null));
    String node = s.url();
    Run reg =
        ok(
            "registry",
            "register",
            "--node",
            node,
            "--id",
            "probe-7",
            "--name",
            "Probe",
            "--endpoint",
            "tcp://10.0.0.7:4556",
            "--endpoint",
            "dtn://probe-7/",
            "--skill",
            "weather",
            "--skill",
            "ops@nasa",
            "--meta",
            "site=Goldstone",
            "--retention",
            "PT12H");
    assertThat(reg.out()).contains("registered probe-7 at home ipn:1.1 (version 1)");
    RegistryRecord r = s.center.get("probe-7").orElseThrow();
    assertThat(r.name()).isEqualTo("Probe");
    assertThat(r.endpoints()).containsExactly("tcp://10.0.0.7:4556", "dtn://probe-7/");
    assertThat(r.skills()).containsExactly(Skill.restricted("ops", "nasa"), Skill.of("weather"));
    assertThat(r.metadata()).isEqualTo(Map.of("site", "Goldstone"));
    assertThat(r.retention()).isEqualTo(Duration.ofHours(12));

    ok("registry", "update", "--node", node, "--skill", "radar", "probe-7");
    RegistryRecord u = s.center.get("probe-7").orElseThrow();
    assertThat(u.skills()).containsExactly(Skill.of("radar"));
    // What the options did not give is kept.
    assertThat(u.name()).isEqualTo("Probe");
    assertThat(u.endpoints()).containsExactly("tcp://10.0.0.7:4556", "dtn://probe-7/");
    assertThat(u.metadata()).isEqualTo(Map.of("site", "Goldstone"));
    assertThat(u.retention()).isEqualTo(Duration.ofHours(12));

    Run get = ok("registry", "get", "--node", node, "probe-7");
    assertThat(get.out())
        .contains("home:       ipn:1.1 (this center)")
        .contains("skills:     radar")
        .contains("version:    2 by ipn:1.1");
    JsonNode j = JSON.readTree(ok("registry", "get", "--node", node, "--json", "probe-7").out());
    assertThat(j.get("id").asText()).isEqualTo("probe-7");

    clock.advance(Duration.ofSeconds(30));
    assertThat(ok("registry", "heartbeat", "--node", node, "probe-7").out())
        .contains("ok: probe-7 is ONLINE at ipn:1.1");
    assertThat(s.center.get("probe-7").orElseThrow().lastSeen()).isEqualTo(clock.instant());

    assertThat(ok("registry", "deregister", "--node", node, "probe-7").out())
        .contains("deregistered probe-7 (version 3)");
    assertThat(s.center.get("probe-7")).isEmpty();

    Run unknown = ama("registry", "heartbeat", "--node", node, "probe-7");
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).contains("error: no live record of agent probe-7 here");
  }

  @Test
  void lookup_and_list_print_tables_and_page() throws Exception {
    RegistryServer a = start(RegistryServer.withPeer("ipn:1.1", clock, "ipn:2.1", Set.of(), null));
    RegistryServer b = start(RegistryServer.withPeer("ipn:2.1", clock, "ipn:1.1", Set.of(), null));
    ok("registry", "register", "--node", a.url(), "--id", "remote-1", "--skill", "relay");
    for (int i = 1; i <= 3; i++) {
      ok("registry", "register", "--node", b.url(), "--id", "local-" + i, "--skill", "relay");
    }
    RegistryAck ack = b.center.apply(a.center.eid(), a.center.deltaFor(b.center.eid()));
    a.center.acknowledge(b.center.eid(), ack);

    Run first = ok("registry", "lookup", "--node", b.url(), "--skill", "relay", "--size", "3");
    List<String> lines = first.out().lines().toList();
    assertThat(lines.get(0)).startsWith("ID").contains("HOME").contains("SKILLS");
    assertThat(lines.subList(1, 4))
        .extracting(l -> l.split("\\s+")[0])
        .containsExactly("local-1", "local-2", "local-3");
    assertThat(lines.get(4)).isEqualTo("3 record(s), page 1; more: --page 2");
    Run second =
        ok(
            "registry",
            "lookup",
            "--node",
            b.url(),
            "--skill",
            "relay",
            "--size",
            "3",
            "--page",
            "2");
    assertThat(second.out())
        .contains("remote-1")
        .contains("ipn:1.1")
        .contains("1 record(s), page 2\n");
    JsonNode j =
        JSON.readTree(
            ok("registry", "lookup", "--node", b.url(), "--name", "nobody", "--json").out());
    assertThat(j.path("records")).isEmpty();

    Run list = ok("registry", "list", "--node", b.url(), "--size", "2");
    assertThat(list.out()).contains("local-1").contains("local-2").doesNotContain("local-3");
    assertThat(list.out()).contains("2 record(s); more: --after 2");
    Run all = ok("registry", "list", "--node", b.url(), "--size", "2", "--all");
    assertThat(all.out()).contains("local-3").endsWith("3 record(s)\n");
    Run theirs = ok("registry", "list", "--node", b.url(), "--owner", "ipn:1.1");
    assertThat(theirs.out()).contains("remote-1").doesNotContain("local-1");

    Run status = ok("registry", "status", "--node", b.url());
    assertThat(status.out())
        .contains("center:     ipn:2.1")
        .contains("records:    4 live")
        .contains("peer:       ipn:1.1  groups=  pending=3");
  }

  @Test
  void refusals_exit_1_and_usage_errors_exit_2() throws Exception {
    RegistryServer heir =
        start(
            RegistryServer.withPeer("ipn:1.1", clock, "ipn:2.1", Set.of(), Duration.ofMinutes(10)));
    RegistryServer home =
        start(
            RegistryServer.withPeer("ipn:2.1", clock, "ipn:1.1", Set.of(), Duration.ofMinutes(10)));
    ok("registry", "register", "--node", home.url(), "--id", "rover");
    heir.center.apply(home.center.eid(), home.center.deltaFor(heir.center.eid()));

    Run notHome = ama("registry", "register", "--node", heir.url(), "--id", "rover");
    assertThat(notHome.code()).isEqualTo(1);
    assertThat(notHome.err()).contains("NOT_HOME").contains("home: ipn:2.1");

    clock.advance(Duration.ofMinutes(11));
    assertThat(heir.center.takeOver()).isEqualTo(1);
    home.center.apply(heir.center.eid(), heir.center.deltaFor(home.center.eid()));
    assertThat(ok("registry", "heartbeat", "--node", home.url(), "rover").out())
        .contains("moved: the home of rover is now ipn:1.1; heartbeat there");

    Run bad = ama("registry", "register", "--node", home.url(), "--id", "x", "--retention", "7d");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).contains("ISO-8601 duration");

    assertThat(ama("registry", "get", "--node", home.url(), "nobody").code()).isEqualTo(1);
    assertThat(ama("registry", "lookup", "--node", home.url()).code()).isEqualTo(2);
    assertThat(
            ama("registry", "lookup", "--node", home.url(), "--skill", "a", "--name", "b").code())
        .isEqualTo(2);
    assertThat(ama("registry", "register", "--node", home.url()).code()).isEqualTo(2);
    assertThat(ama("registry").code()).isEqualTo(2);

    RegistryServer locked = start(RegistryServer.alone("ipn:3.1", clock, "s3cret"));
    Run noToken = ama("registry", "status", "--node", locked.url());
    assertThat(noToken.code()).isEqualTo(1);
    assertThat(noToken.err()).contains("--token");
    ok("registry", "status", "--node", locked.url(), "--token", "s3cret");

    String closed = home.url();
    home.close();
    Run down = ama("registry", "get", "--node", closed, "rover");
    assertThat(down.code()).isEqualTo(1);
    assertThat(down.err()).contains("cannot reach the node");
  }
}
