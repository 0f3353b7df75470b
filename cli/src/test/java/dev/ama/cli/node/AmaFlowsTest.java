package dev.ama.cli.node;

import static dev.ama.cli.node.NodeHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ama.cli.AmaCommand;
import dev.ama.manager.reports.ReportQuery;
import dev.ama.manager.reports.StoredReport;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.NullLiteral;
import dev.ama.model.ari.text.AriTextEncoder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The AMA architecture's three flows between real nodes in this JVM, over real loopback TCP, with
 * their H2 files: serialized management, multiplexed management with ACLs, and data fusion.
 */
class AmaFlowsTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final AriTextEncoder TEXT = new AriTextEncoder();

  @TempDir Path dir;
  private final List<Node> nodes = new ArrayList<>();

  @AfterEach
  void stop() {
    nodes.forEach(Node::close);
  }

  private Node start(Topology t, int n, String yaml) throws Exception {
    Node node = t.start(n, yaml);
    nodes.add(node);
    return node;
  }

  /**
   * Reports produced by rules (no nonce, unlike execution reports) of one agent at a manager, whose
   * text (source and items) satisfies {@code p}.
   */
  private static List<StoredReport> reports(Node manager, String agent, Predicate<String> p) {
    List<StoredReport> out = new ArrayList<>();
    for (StoredReport r : manager.manager().reports(ReportQuery.all().withAgent(agent))) {
      boolean fromRule = r.nonce() == null || r.nonce() instanceof NullLiteral;
      if (fromRule && p.test(text(r))) {
        out.add(r);
      }
    }
    return out;
  }

  private static String text(StoredReport r) {
    StringBuilder b = new StringBuilder(TEXT.encode(r.source()));
    for (Ari item : r.items()) {
      b.append(' ').append(TEXT.encode(item));
    }
    return b.toString();
  }

  private static long intItem(StoredReport r, int i) {
    return ((IntLiteral) r.items().get(i)).longValue();
  }

  /** Every node's transport status, for a failure message. */
  private String transports() {
    StringBuilder b = new StringBuilder();
    for (Node n : nodes) {
      b.append(n.config().eid()).append(": ").append(n.transport().status()).append('\n');
      if (n.agent() != null) {
        b.append("  agent: ").append(n.agent().status().counters()).append('\n');
      }
    }
    return b.toString();
  }

  private static String cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = AmaCommand.newCommandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    assertThat(code).as("ama %s: %s", String.join(" ", args), err).isZero();
    return out.toString();
  }

  @Test
  void serialized_management_one_manager_two_agents_prod_every_second_driven_by_the_cli()
      throws Exception {
    Topology t = new Topology(dir);
    t.value(2, "temperature", "21");
    t.value(3, "temperature", "19");
    Node manager =
        start(t, 1, t.yaml(1, "manager", List.of(2, 3), Topology.managerSection("//ama/!m1", "")));
    start(
        t,
        2,
        t.yaml(
            2,
            "agent",
            List.of(1),
            t.agentSection(2, List.of("temperature"), "  hello-to: [ipn:1.1]\n")));
    start(
        t,
        3,
        t.yaml(
            3,
            "agent",
            List.of(1),
            t.agentSection(3, List.of("temperature"), "  hello-to: [ipn:1.1]\n")));
    String url = manager.httpUri().toString();

    await(
        WAIT,
        "both agents heard (hello)",
        () -> manager.manager().agents().size() == 2,
        () -> "agents: " + manager.manager().agents() + "\n" + transports());
    assertThat(cli("agents", "--node", url)).contains("ipn:2.1").contains("ipn:3.1");
    for (String agent : List.of("ipn:2.1", "ipn:3.1")) {
      String sent =
          cli("send", "--node", url, "--to", agent, "PROD(1s, temperature) TO \"ipn:1.1\"");
      assertThat(sent).contains("sent 1 EXECSET(s) to " + agent);
    }
    Predicate<String> temperature = s -> s.contains("temperature");
    await(
        WAIT,
        "three periodic reports from each agent",
        () ->
            reports(manager, "ipn:2.1", temperature).size() >= 3
                && reports(manager, "ipn:3.1", temperature).size() >= 3);
    assertThat(reports(manager, "ipn:2.1", temperature))
        .allSatisfy(r -> assertThat(intItem(r, 0)).isEqualTo(21));
    assertThat(reports(manager, "ipn:3.1", temperature))
        .allSatisfy(r -> assertThat(intItem(r, 0)).isEqualTo(19));
    // The reports are a second apart on the agent's clock.
    List<StoredReport> two = reports(manager, "ipn:2.1", temperature);
    Duration step = Duration.between(two.get(0).referenceTime(), two.get(1).referenceTime());
    assertThat(step).isBetween(Duration.ofMillis(900), Duration.ofMillis(1100));
    assertThat(cli("reports", "--node", url, "--agent", "ipn:3.1")).contains("temperature");
  }

  @Test
  void multiplexed_management_each_manager_sees_only_what_its_acl_allows() throws Exception {
    Topology t = new Topology(dir);
    t.value(2, "temperature", "21");
    t.value(2, "load", "3");
    String acl =
        "  acl:\n    groups:\n"
            + "      - {id: 1, name: A, members: [\"ipn:1.1\"]}\n"
            + "      - {id: 2, name: B, members: [\"ipn:4.1\"]}\n";
    Node a = start(t, 1, t.yaml(1, "manager", List.of(2), Topology.managerSection("//ama/!a", "")));
    Node b = start(t, 4, t.yaml(4, "manager", List.of(2), Topology.managerSection("//ama/!b", "")));
    start(
        t,
        2,
        t.yaml(2, "agent", List.of(1, 4), t.agentSection(2, List.of("temperature", "load"), acl)));

    a.manager()
        .send(
            "ipn:2.1",
            "GROUP A = 1\nDEF([A], V1, temperature * 2)\nDEF([*], V3, temperature * 3)\n"
                + "PROD(1s, V1) TO \"ipn:1.1\"\nPROD(1s, V3) TO \"ipn:1.1\"\n");
    b.manager()
        .send(
            "ipn:2.1",
            "GROUP B = 2\nDEF([B], V2, load * 3)\n"
                + "PROD(1s, V2) TO \"ipn:4.1\"\n"
                + "PROD(1s, //ama/!a/VAR/V1) TO \"ipn:4.1\"\n"
                + "PROD(1s, //ama/!a/VAR/V3) TO \"ipn:4.1\"\n");

    await(
        WAIT,
        "V1 and V3 at A; V2, V1 (refused) and V3 at B",
        () ->
            !reports(a, "ipn:2.1", s -> s.contains("V1")).isEmpty()
                && !reports(a, "ipn:2.1", s -> s.contains("V3")).isEmpty()
                && !reports(b, "ipn:2.1", s -> s.contains("V2")).isEmpty()
                && !reports(b, "ipn:2.1", s -> s.contains("V1")).isEmpty()
                && !reports(b, "ipn:2.1", s -> s.contains("V3")).isEmpty());
    assertThat(reports(a, "ipn:2.1", s -> s.contains("VAR/V1")))
        .allSatisfy(r -> assertThat(intItem(r, 0)).isEqualTo(42));
    assertThat(reports(a, "ipn:2.1", s -> s.contains("VAR/V3")))
        .allSatisfy(r -> assertThat(intItem(r, 0)).isEqualTo(63));
    assertThat(reports(b, "ipn:2.1", s -> s.contains("VAR/V2")))
        .allSatisfy(r -> assertThat(intItem(r, 0)).isEqualTo(9));
    assertThat(reports(b, "ipn:2.1", s -> s.contains("VAR/V3")))
        .allSatisfy(r -> assertThat(intItem(r, 0)).isEqualTo(63));
    // B's PROD of V1 comes back as an error report: the item is undefined, never the value.
    assertThat(reports(b, "ipn:2.1", s -> s.contains("VAR/V1")))
        .allSatisfy(r -> assertThat(r.items()).containsOnly(Ari.UNDEFINED));
    // A never hears of V2.
    assertThat(reports(a, "ipn:2.1", s -> s.contains("VAR/V2"))).isEmpty();
    Node agent = nodes.get(2);
    assertThat(agent.agent().status().counters().accessDenied()).isPositive();
  }

  @Test
  void data_fusion_manager_b_fuses_two_agents_and_reports_to_manager_a() throws Exception {
    Topology t = new Topology(dir);
    t.value(2, "EDD1", "21");
    t.value(3, "EDD2", "5");
    String fusion =
        "  fusion:\n"
            + "    - name: V0\n"
            + "      inputs:\n"
            + "        - {agent: \"ipn:2.1\", source: \"//example/site/EDD/EDD1\"}\n"
            + "        - {agent: \"ipn:3.1\", source: \"//example/site/EDD/EDD2\"}\n"
            + "      function: sum\n"
            + "      window: 1m\n"
            + "      destinations: [ipn:1.1]\n";
    Node managerA =
        start(t, 1, t.yaml(1, "manager", List.of(), Topology.managerSection("//ama/!a", "")));
    Node managerB =
        start(
            t,
            5,
            t.yaml(5, "manager", List.of(1, 2, 3), Topology.managerSection("//ama/!b", fusion)));
    start(t, 2, t.yaml(2, "agent", List.of(5), t.agentSection(2, List.of("EDD1"), "")));
    start(t, 3, t.yaml(3, "agent", List.of(5), t.agentSection(3, List.of("EDD2"), "")));

    managerB.manager().send("ipn:2.1", "PROD(1s, EDD1) TO \"ipn:5.1\"");
    managerB.manager().send("ipn:3.1", "PROD(1s, EDD2) TO \"ipn:5.1\"");

    await(
        WAIT,
        "both agents' reports at manager B",
        () ->
            !reports(managerB, "ipn:2.1", s -> s.contains("EDD1")).isEmpty()
                && !reports(managerB, "ipn:3.1", s -> s.contains("EDD2")).isEmpty());
    System.err.println(
        "B has: "
            + reports(managerB, "ipn:2.1", s -> true).stream().map(AmaFlowsTest::text).toList());
    System.err.println(
        "A has: "
            + managerA.manager().reports(ReportQuery.all()).stream()
                .map(AmaFlowsTest::text)
                .toList());
    await(
        WAIT,
        "V0 = EDD1 + EDD2 = 26 at manager A",
        () ->
            reports(managerA, "ipn:5.1", s -> s.contains("V0")).stream()
                .anyMatch(r -> intItem(r, 0) == 26));
    // A value change at one agent reaches A fused.
    t.value(3, "EDD2", "9");
    await(
        WAIT,
        "V0 = 21 + 9 = 30 at manager A",
        () ->
            reports(managerA, "ipn:5.1", s -> s.contains("V0")).stream()
                .anyMatch(r -> intItem(r, 0) == 30));
  }
}
