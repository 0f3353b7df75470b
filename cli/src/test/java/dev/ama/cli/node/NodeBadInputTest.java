package dev.ama.cli.node;

import static dev.ama.cli.node.NodeHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ama.grammar.ari.AriTextDecoder;
import dev.ama.model.amp.AmpMessage;
import dev.ama.model.amp.AmpMessageDecoder;
import dev.ama.model.amp.AmpMessageEncoder;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.Report;
import dev.ama.model.ari.RptSetLiteral;
import dev.ama.model.ari.text.AriTextEncoder;
import dev.ama.transport.Eid;
import dev.ama.transport.SendOptions;
import dev.ama.transport.TransportNode;
import dev.ama.transport.cl.TcpConvergenceLayer;
import dev.ama.transport.cl.TcpOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input sent to a running agent node over TCP by a raw peer: each gets its error report and its
 * counter, and the agent keeps running and answering.
 */
class NodeBadInputTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final AriTextEncoder TEXT = new AriTextEncoder();

  @TempDir Path dir;
  private Node agent;
  private TransportNode peer;
  private TransportNode stranger;
  private final List<RptSetLiteral> received = new CopyOnWriteArrayList<>();
  private final List<RptSetLiteral> strangerReceived = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    Topology t = new Topology(dir);
    t.value(2, "temperature", "21");
    // Peer 9 may do everything; peer 9 is a manager. Peer 8 (same process, other EID) is no one.
    String acl =
        "  acl:\n    default-access: []\n    groups:\n"
            + "      - {id: 1, name: ops, members: [\"ipn:9.1\"]}\n"
            + "    access:\n"
            + "      - {id: 1, groups: [1], permissions: [execute, produce, modify-var,"
            + " modify-rule-enabled, ensure-odm, obsolete-odm, ensure-object, obsolete-object]}\n";
    agent =
        t.start(
            2, t.yaml(2, "agent", List.of(9, 8), t.agentSection(2, List.of("temperature"), acl)));
    peer = rawPeer(t, 9, received);
    stranger = rawPeer(t, 8, strangerReceived);
  }

  /** A bare transport node ipn:n.1 that sends to the agent and keeps the RPTSETs it gets. */
  private static TransportNode rawPeer(Topology t, int n, List<RptSetLiteral> sink)
      throws Exception {
    return TransportNode.builder(Eid.of("ipn:" + n + ".1"))
        .inMemoryStore()
        .inbound(
            TcpConvergenceLayer.listen(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), t.port(n)),
                TcpOptions.DEFAULT))
        .link(
            "to-2",
            TcpConvergenceLayer.connect(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), t.port(2)),
                TcpOptions.DEFAULT))
        .route("ipn:2.*", "to-2")
        .delivery(
            d -> {
              for (byte[] item : d.items()) {
                for (Ari a : new AmpMessageDecoder().decode(item).items()) {
                  sink.add((RptSetLiteral) a);
                }
              }
            })
        .build();
  }

  @AfterEach
  void stop() {
    if (peer != null) {
      peer.close();
    }
    if (stranger != null) {
      stranger.close();
    }
    if (agent != null) {
      agent.close();
    }
  }

  private void send(byte[] message) throws Exception {
    peer.send(Eid.of("ipn:2.1"), message, SendOptions.DEFAULT);
  }

  private void sendAri(String text) throws Exception {
    send(new AmpMessageEncoder().encode(AmpMessage.of(new AriTextDecoder().decode(text))));
  }

  /** The reports received for a nonce. */
  private List<Report> forNonce(long nonce) {
    return forNonce(received, nonce);
  }

  private static List<Report> forNonce(List<RptSetLiteral> from, long nonce) {
    List<Report> out = new ArrayList<>();
    for (RptSetLiteral r : from) {
      if (TEXT.encode(r.nonce()).equals("ari:" + nonce)
          || TEXT.encode(r.nonce()).equals("ari:/UVAST/" + nonce)) {
        out.addAll(r.reports());
      }
    }
    return out;
  }

  @Test
  void malformed_message_gets_an_error_report_and_a_counter() throws Exception {
    send(new byte[] {0x01, (byte) 0xFF, 0x13, 0x37});
    send(new byte[] {0x07, (byte) 0x80});
    await(WAIT, "two error reports", () -> received.size() >= 2);
    assertThat(received)
        .allSatisfy(r -> assertThat(r.reports().get(0).items()).contains(Ari.UNDEFINED));
    assertThat(agent.agent().status().counters().msgRxFailed()).isEqualTo(2);
    stillAnswers(100);
  }

  @Test
  void unknown_objects_and_wrong_parameter_types_get_undefined_results() throws Exception {
    sendAri("ari:/EXECSET/n=11;(//ietf/dtnma-agent/CTRL/no-such-control)");
    sendAri("ari:/EXECSET/n=12;(//example/nowhere/CTRL/x)");
    sendAri("ari:/EXECSET/n=13;(//ietf/dtnma-agent/CTRL/var-reset(/INT/5))");
    sendAri("ari:/EXECSET/n=14;(//ietf/dtnma-agent/CTRL/inspect(//example/site/EDD/missing))");
    await(
        WAIT,
        "four execution reports",
        () ->
            forNonce(11).size() + forNonce(12).size() + forNonce(13).size() + forNonce(14).size()
                >= 4);
    for (long n : new long[] {11, 12, 13, 14}) {
      assertThat(forNonce(n))
          .as("nonce %d", n)
          .singleElement()
          .satisfies(r -> assertThat(r.items()).containsExactly(Ari.UNDEFINED));
    }
    assertThat(agent.agent().status().counters().execFailed()).isGreaterThanOrEqualTo(4);
    stillAnswers(101);
  }

  @Test
  void cyclic_definitions_are_refused() throws Exception {
    sendAri(
        "ari:/EXECSET/n=21;(//ama/ama-agent/CTRL/ensure-expr-var(//ama/!t/,a,1,"
            + "//ietf/amm-semtype/IDENT/type-use(/ARITYPE/INT),/AC/(//ama/!t/VAR/b,1,"
            + "//ietf/dtnma-agent/OPER/add)))");
    sendAri(
        "ari:/EXECSET/n=22;(//ama/ama-agent/CTRL/ensure-expr-var(//ama/!t/,b,2,"
            + "//ietf/amm-semtype/IDENT/type-use(/ARITYPE/INT),/AC/(//ama/!t/VAR/a,1,"
            + "//ietf/dtnma-agent/OPER/add)))");
    await(WAIT, "both answered", () -> !forNonce(21).isEmpty() && !forNonce(22).isEmpty());
    assertThat(forNonce(22))
        .singleElement()
        .satisfies(r -> assertThat(r.items()).containsExactly(Ari.UNDEFINED));
    stillAnswers(102);
  }

  @Test
  void a_manager_outside_every_group_gets_error_reports_and_is_counted() throws Exception {
    long deniedBefore = agent.agent().status().counters().accessDenied();
    stranger.send(
        Eid.of("ipn:2.1"),
        new AmpMessageEncoder()
            .encode(
                AmpMessage.of(
                    new AriTextDecoder()
                        .decode(
                            "ari:/EXECSET/n=31;(//ietf/dtnma-agent/CTRL/inspect("
                                + "//ietf/dtnma-agent/EDD/sw-vendor))"))),
        SendOptions.DEFAULT);
    await(WAIT, "the stranger's error report", () -> !forNonce(strangerReceived, 31).isEmpty());
    assertThat(forNonce(strangerReceived, 31))
        .singleElement()
        .satisfies(r -> assertThat(r.items()).containsExactly(Ari.UNDEFINED));
    assertThat(agent.agent().status().counters().accessDenied()).isGreaterThan(deniedBefore);
    stillAnswers(103);
  }

  /** A valid request after the bad ones is executed: the agent keeps running. */
  private void stillAnswers(long nonce) throws Exception {
    sendAri(
        "ari:/EXECSET/n="
            + nonce
            + ";(//ietf/dtnma-agent/CTRL/inspect(//ietf/dtnma-agent/EDD/sw-vendor))");
    await(WAIT, "the agent answers a valid request", () -> !forNonce(nonce).isEmpty());
    assertThat(forNonce(nonce).get(0).items()).doesNotContain(Ari.UNDEFINED);
  }
}
