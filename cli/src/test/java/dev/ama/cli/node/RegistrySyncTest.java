package dev.ama.cli.node;

import static dev.ama.cli.node.NodeHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ama.agent.registry.Registration;
import dev.ama.agent.registry.RegistryCenter;
import dev.ama.agent.registry.RegistryRecord;
import dev.ama.agent.registry.Skill;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three registry centers in a chain 1 – 2 – 3, real nodes in this JVM over loopback TCP with their
 * H2 files, syncing by rules through their agents' report path. The link from 2 to 3 goes through a
 * recording proxy: the bytes center 2 sends to center 3 are checked for a skill 3 may not see.
 */
class RegistrySyncTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private final List<Node> nodes = new ArrayList<>();
  private Proxy proxy;

  @AfterEach
  void stop() throws IOException {
    nodes.forEach(Node::close);
    if (proxy != null) {
      proxy.close();
    }
  }

  private Node start(Topology t, int n, String yaml) throws Exception {
    Node node = t.start(n, yaml);
    nodes.add(node);
    return node;
  }

  /** A registry section: the given peers (node number → ACL groups), sync rules every second. */
  private String registry(Path rules, Map<Integer, String> peers) {
    StringBuilder y = new StringBuilder("registry:\n  rules: ").append(rules).append("\n");
    y.append("  peers:\n");
    peers.forEach(
        (n, groups) ->
            y.append("    - {eid: \"ipn:")
                .append(n)
                .append(".1\", groups: [")
                .append(groups)
                .append("]}\n"));
    return y.toString();
  }

  private static Registration agent(String id, Skill... skills) {
    return new Registration(id, "n-" + id, List.of("ipn:90.1"), List.of(skills), Map.of(), null);
  }

  private static Optional<RegistryRecord> at(Node n, String id) {
    return n.registry().center().get(id);
  }

  @Test
  void
      a_chain_of_three_centers_syncs_transitively_keeps_restricted_skills_from_the_far_end_and_heals()
          throws Exception {
    Path rules = dir.resolve("fast-rules.ama");
    Files.writeString(
        rules,
        "NAMESPACE //ama/!registry\n"
            + "RULE push-${n}: EVERY 1s DO //ama/ama-registry/CTRL/sync-push(\"${peer}\")\n");
    Topology t = new Topology(dir);
    proxy = new Proxy(t.port(3));
    String agentSection = "agent:\n  consolidation-window: 0ms\n";
    // Listeners first, so that no link starts with a long reconnection backoff.
    Node c =
        start(t, 3, t.yaml(3, "agent", List.of(2), agentSection + registry(rules, Map.of(2, ""))));

    String bYaml =
        t.yaml(2, "agent", List.of(1, 3), agentSection + registry(rules, Map.of(1, "ops", 3, "")))
            .replace("127.0.0.1:" + t.port(3) + "\"", "127.0.0.1:" + proxy.port() + "\"");
    Node b = start(t, 2, bYaml);
    Node a =
        start(
            t, 1, t.yaml(1, "agent", List.of(2), agentSection + registry(rules, Map.of(2, "ops"))));
    RegistryCenter home = a.registry().center();
    home.register(agent("probe-1", Skill.of("temperature"), Skill.restricted("secret-ops", "ops")));

    await(
        WAIT, "the record registered at 1 reaches 3 through 2", () -> at(c, "probe-1").isPresent());
    assertThat(at(b, "probe-1").orElseThrow().skills())
        .extracting(Skill::name)
        .containsExactly("secret-ops", "temperature");
    assertThat(at(c, "probe-1").orElseThrow().skills())
        .extracting(Skill::name)
        .containsExactly("temperature");
    assertThat(at(c, "probe-1").orElseThrow().home()).isEqualTo(home.eid());
    // Acks travel back too: 1 knows 2 holds everything it made.
    await(
        WAIT,
        "1 learns 2 holds its records",
        () -> home.pendingFor(b.registry().center().eid()) == 0);

    // The bytes 2 sent to 3 carried the record, never the restricted skill.
    String toC = proxy.recorded();
    assertThat(toC).contains("probe-1").contains("temperature").doesNotContain("secret-ops");

    // Link 2 → 3 down: changes at 1 reach 2 but wait for the link.
    b.transport().setLinkUp("to-3", false);
    home.register(agent("probe-2", Skill.of("pressure")));
    home.deregister("probe-1");
    await(
        WAIT,
        "2 has the changes",
        () -> at(b, "probe-2").isPresent() && at(b, "probe-1").isEmpty());
    Thread.sleep(2_000); // two push periods with the link down
    assertThat(at(c, "probe-2")).isEmpty();
    assertThat(at(c, "probe-1")).isPresent();

    b.transport().setLinkUp("to-3", true);
    await(
        WAIT,
        "3 converges after the link is back",
        () -> at(c, "probe-2").isPresent() && at(c, "probe-1").isEmpty());
    assertThat(c.registry().center().vector())
        .containsEntry(home.eid(), home.vector().get(home.eid()));
    assertThat(proxy.recorded()).doesNotContain("secret-ops");
  }

  /** Forwards one TCP port to another and records the bytes sent through it (not the answers). */
  private static final class Proxy implements AutoCloseable {
    private final ServerSocket server;
    private final int target;
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final List<Socket> sockets = new ArrayList<>();

    Proxy(int target) throws IOException {
      this.target = target;
      this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread t = new Thread(this::accept, "proxy");
      t.setDaemon(true);
      t.start();
    }

    int port() {
      return server.getLocalPort();
    }

    String recorded() {
      synchronized (sent) {
        return sent.toString(StandardCharsets.ISO_8859_1);
      }
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          Socket in = server.accept();
          Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
          synchronized (sockets) {
            sockets.add(in);
            sockets.add(out);
          }
          pump(in, out, true);
          pump(out, in, false);
        } catch (IOException e) {
          // closed, or the target is not up yet: the sender reconnects
        }
      }
    }

    private void pump(Socket from, Socket to, boolean record) {
      Thread t =
          new Thread(
              () -> {
                byte[] buf = new byte[8192];
                try (InputStream i = from.getInputStream();
                    OutputStream o = to.getOutputStream()) {
                  int n;
                  while ((n = i.read(buf)) >= 0) {
                    if (record) {
                      synchronized (sent) {
                        sent.write(buf, 0, n);
                      }
                    }
                    o.write(buf, 0, n);
                    o.flush();
                  }
                } catch (IOException e) {
                  // a side closed
                } finally {
                  try {
                    from.close();
                    to.close();
                  } catch (IOException e) {
                    // already closed
                  }
                }
              },
              "proxy-pump");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void close() throws IOException {
      server.close();
      synchronized (sockets) {
        for (Socket s : sockets) {
          s.close();
        }
      }
    }
  }
}
