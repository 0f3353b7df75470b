package dev.ama.cli.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes node.yaml files for test deployments on loopback: each node listens on its own port and
 * has one TCP link per peer it sends to, routed by the peer's node number ({@code ipn:N.*}).
 */
final class Topology {
  private final Path dir;
  private final Map<Integer, Integer> ports = new LinkedHashMap<>();

  Topology(Path dir) {
    this.dir = dir;
  }

  /** The TCP port of node {@code n} (ipn:n.1), chosen once. */
  int port(int n) throws IOException {
    Integer p = ports.get(n);
    if (p == null) {
      p = NodeHarness.freePort();
      ports.put(n, p);
    }
    return p;
  }

  /** The folder of node {@code n}. */
  Path dir(int n) {
    return dir.resolve("node-" + n);
  }

  /** Writes a value file an agent's EDD reads. */
  Path value(int n, String edd, String value) throws IOException {
    Path f = dir(n).resolve("values").resolve(edd);
    Files.createDirectories(f.getParent());
    Files.writeString(f, value + "\n");
    return f;
  }

  /**
   * The configuration of node {@code n}.
   *
   * @param roles "agent", "manager" or "agent, manager"
   * @param peers node numbers this node sends to
   * @param sections further YAML (agent:/manager: sections), already indented at top level
   */
  String yaml(int n, String roles, List<Integer> peers, String sections) throws IOException {
    StringBuilder y = new StringBuilder();
    y.append("eid: ipn:").append(n).append(".1\n");
    y.append("roles: [").append(roles).append("]\n");
    y.append("data: data\n");
    y.append("transport:\n");
    y.append("  listen: 127.0.0.1:").append(port(n)).append('\n');
    List<String> routes = new ArrayList<>();
    if (!peers.isEmpty()) {
      y.append("  links:\n");
      for (int p : peers) {
        y.append("    - {name: to-")
            .append(p)
            .append(", tcp: \"127.0.0.1:")
            .append(port(p))
            .append("\"}\n");
        routes.add("    - {to: \"ipn:" + p + ".*\", via: to-" + p + "}\n");
      }
      y.append("  routes:\n");
      routes.forEach(y::append);
    }
    y.append(sections);
    return y.toString();
  }

  /** Writes node {@code n}'s configuration file and returns its path. */
  Path write(int n, String yaml) throws IOException {
    Files.createDirectories(dir(n));
    Path f = dir(n).resolve("node.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  /** Writes and starts node {@code n} in this JVM. */
  Node start(int n, String yaml) throws Exception {
    return Node.start(NodeConfigLoader.load(write(n, yaml)));
  }

  /** An agent section hosting //example/site with file-backed EDDs of the given names. */
  String agentSection(int n, List<String> edds, String extra) {
    StringBuilder y = new StringBuilder("agent:\n  consolidation-window: 50ms\n");
    y.append("  models:\n    - name: //example/site\n      edds:\n");
    for (String e : edds) {
      y.append("        - {name: ").append(e).append(", file: values/").append(e).append("}\n");
    }
    y.append("  edd-poll: 100ms\n");
    y.append(extra);
    return y.toString();
  }

  /** A manager section knowing //example/site's EDDs. */
  static String managerSection(String namespace, String extra) {
    return "manager:\n  namespace: "
        + namespace
        + "\n  models:\n    - {name: //example/site, edds: [temperature, load, EDD1, EDD2]}\n"
        + extra;
  }
}
