package dev.ama.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ama.cli.client.NodeClient;
import dev.ama.cli.client.NodeClientException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The commands that drive a running node over its HTTP API: send, reports, agents, status. */
final class RemoteCommands {
  private RemoteCommands() {}

  /** --node and --token, shared by every remote command. */
  static final class NodeOptions {
    @Option(
        names = "--node",
        paramLabel = "URL",
        defaultValue = "${env:AMA_NODE}",
        description = "The node's HTTP API, e.g. http://127.0.0.1:8101 (default: $AMA_NODE).")
    String url;

    @Option(
        names = "--token",
        paramLabel = "TOKEN",
        defaultValue = "${env:AMA_TOKEN}",
        description = "The node's API token, when it has one (default: $AMA_TOKEN).")
    String token;

    NodeClient client(CommandLine cl) throws NodeClientException {
      if (url == null || url.isBlank()) {
        throw new CommandLine.ParameterException(
            cl, "Missing --node URL (or set AMA_NODE), e.g. --node http://127.0.0.1:8101");
      }
      return new NodeClient(url, token);
    }
  }

  /** Runs a remote call, turning failures into a message on stderr and exit code 1. */
  abstract static class Remote implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin NodeOptions node;

    @Override
    public final Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try {
        run(node.client(spec.commandLine()), out);
        out.flush();
        return 0;
      } catch (NodeClientException e) {
        err.println("error: " + e.getMessage());
        e.diagnostics().forEach(d -> err.println("  " + d));
        err.flush();
        return 1;
      } catch (IOException e) {
        err.println("error: " + e.getMessage());
        err.flush();
        return 1;
      }
    }

    abstract void run(NodeClient client, PrintWriter out) throws NodeClientException, IOException;
  }

  @Command(
      name = "send",
      mixinStandardHelpOptions = true,
      versionProvider = AmaCommand.Version.class,
      description = {
        "Send controls to an agent through a manager node: operator-language statements, or ARI",
        "text starting with 'ari:' (an EXECSET or one control). Each EXECSET gets a fresh nonce;",
        "the agent's execution reports come back with it (see 'ama reports').",
        ""
      },
      footer = {
        "",
        "Examples:",
        "  ama send --node http://127.0.0.1:8101 --to ipn:2.1 'PROD(1s, num-msg-rx) TO \"ipn:1.1\"'",
        "  ama send --node http://127.0.0.1:8101 --to ipn:2.1 -f examples/lang/heater.ama",
        "  ama send --to ipn:2.1 'ari:/EXECSET/n=1;(//ietf/dtnma-agent/CTRL/inspect(//ietf/dtnma-agent/EDD/sw-version))'",
        "",
        "Exit codes: 0 sent, 1 refused or node unreachable, 2 usage error."
      })
  static final class Send extends Remote {
    private final InputStream stdin;

    Send(InputStream stdin) {
      this.stdin = stdin;
    }

    @Option(
        names = "--to",
        required = true,
        paramLabel = "EID",
        description = "The agent, e.g. ipn:2.1.")
    String to;

    @Option(
        names = {"-f", "--file"},
        paramLabel = "FILE",
        description = "Read the text from FILE ('-' for standard input).")
    String file;

    @Parameters(
        arity = "0..1",
        paramLabel = "TEXT",
        description = "Operator-language text or ARI text (or use --file).")
    String text;

    @Override
    void run(NodeClient client, PrintWriter out) throws NodeClientException, IOException {
      String body = text;
      if ((file == null) == (text == null)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "Give the text to send, or --file FILE, not both.");
      }
      if (file != null) {
        body =
            file.equals("-")
                ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
                : Files.readString(Path.of(file), StandardCharsets.UTF_8);
      }
      JsonNode r = client.post("/agents/eid/" + NodeClient.segment(to) + "/send", body);
      JsonNode sets = r.path("execSets");
      JsonNode nonces = r.path("nonces");
      out.println("sent " + sets.size() + " EXECSET(s) to " + r.path("agent").asText(to));
      for (int i = 0; i < sets.size(); i++) {
        out.println("  nonce " + nonces.path(i).asText("?") + "  " + sets.get(i).asText());
      }
    }
  }

  @Command(
      name = "reports",
      mixinStandardHelpOptions = true,
      versionProvider = AmaCommand.Version.class,
      description = {"List the reports a manager node stored, oldest first.", ""},
      footer = {
        "",
        "Examples:",
        "  ama reports --node http://127.0.0.1:8101",
        "  ama reports --node http://127.0.0.1:8101 --agent ipn:2.1 --since -5m",
        "  ama reports --node http://127.0.0.1:8101 --nonce 7 --json",
        "",
        "Exit codes: 0 ok, 1 refused or node unreachable, 2 usage error."
      })
  static final class Reports extends Remote {
    @Option(names = "--agent", paramLabel = "EID", description = "Only this agent's reports.")
    String agent;

    @Option(
        names = "--since",
        paramLabel = "TIME",
        description =
            "Only reports that arrived since TIME: ISO-8601 (2026-11-21T10:00:00Z) or"
                + " relative to now (-10m, -1h).")
    String since;

    @Option(
        names = "--source",
        paramLabel = "ARI",
        description = "Only reports from this source (ARI text).")
    String source;

    @Option(names = "--nonce", paramLabel = "N", description = "Only the reports for one nonce.")
    String nonce;

    @Option(
        names = "--limit",
        paramLabel = "N",
        defaultValue = "1000",
        description = "At most N reports (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print the JSON the node answered.")
    boolean json;

    @Override
    void run(NodeClient client, PrintWriter out) throws NodeClientException {
      JsonNode r;
      if (nonce != null) {
        r = client.get("/nonces/" + NodeClient.segment(nonce), Map.of());
      } else {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("agent", agent);
        q.put("since", since);
        q.put("source", source);
        q.put("limit", Integer.toString(limit));
        r = client.get("/reports", q);
      }
      if (json) {
        out.println(NodeClient.pretty(r));
        return;
      }
      JsonNode reports = r.path("reports");
      for (JsonNode rep : reports) {
        StringBuilder items = new StringBuilder();
        for (JsonNode item : rep.path("items")) {
          items.append(items.length() == 0 ? "" : " ").append(item.asText());
        }
        String n =
            rep.path("nonce").isNull() || rep.path("nonce").isMissingNode()
                ? ""
                : "  nonce=" + rep.path("nonce").asText();
        out.println(
            rep.path("time").asText()
                + "  "
                + rep.path("agent").asText()
                + "  "
                + rep.path("source").asText()
                + "  "
                + items
                + n);
      }
      out.println(reports.size() + " report(s)");
    }
  }

  @Command(
      name = "agents",
      mixinStandardHelpOptions = true,
      versionProvider = AmaCommand.Version.class,
      description = {"List the agents a manager node has heard from.", ""},
      footer = {"", "Example:", "  ama agents --node http://127.0.0.1:8101"})
  static final class Agents extends Remote {
    @Option(names = "--json", description = "Print the JSON the node answered.")
    boolean json;

    @Override
    void run(NodeClient client, PrintWriter out) throws NodeClientException {
      JsonNode r = client.get("/agents", Map.of());
      if (json) {
        out.println(NodeClient.pretty(r));
        return;
      }
      out.printf(
          "%-24s %-26s %9s  %-5s  %s%n", "AGENT", "LAST HEARD", "REPORTS", "STALE", "MODELS");
      for (JsonNode a : r.path("agents")) {
        StringBuilder models = new StringBuilder();
        for (JsonNode m : a.path("models")) {
          models.append(models.length() == 0 ? "" : ", ").append(m.asText());
        }
        out.printf(
            "%-24s %-26s %9d  %-5s  %s%n",
            a.path("eid").asText(),
            a.path("lastHeard").isNull() ? "never" : a.path("lastHeard").asText(),
            a.path("reports").asLong(),
            a.path("stale").asBoolean() ? "yes" : "no",
            models);
      }
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      versionProvider = AmaCommand.Version.class,
      description = {
        "Show a node's state: roles, transport queues and links, rules, counters.",
        ""
      },
      footer = {"", "Example:", "  ama status --node http://127.0.0.1:8102"})
  static final class Status extends Remote {
    @Option(names = "--json", description = "Print the JSON the node answered.")
    boolean json;

    @Override
    void run(NodeClient client, PrintWriter out) throws NodeClientException {
      JsonNode r = client.get("/status", Map.of());
      if (json) {
        out.println(NodeClient.pretty(r));
        return;
      }
      print(r, "", out);
    }

    /** JSON as indented "key: value" lines, lists of objects as "- " items. */
    private static void print(JsonNode n, String indent, PrintWriter out) {
      Iterator<Map.Entry<String, JsonNode>> it = n.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        if (v.isObject()) {
          out.println(indent + e.getKey() + ":");
          print(v, indent + "  ", out);
        } else if (v.isArray()) {
          if (v.isEmpty()) {
            out.println(indent + e.getKey() + ": []");
            continue;
          }
          out.println(indent + e.getKey() + ":");
          for (JsonNode item : v) {
            if (item.isObject()) {
              StringBuilder line = new StringBuilder();
              item.fields()
                  .forEachRemaining(
                      f ->
                          line.append(line.length() == 0 ? "" : "  ")
                              .append(f.getKey())
                              .append('=')
                              .append(
                                  f.getValue().isValueNode()
                                      ? f.getValue().asText()
                                      : f.getValue().toString()));
              out.println(indent + "  - " + line);
            } else {
              out.println(indent + "  - " + item.asText());
            }
          }
        } else {
          out.println(indent + e.getKey() + ": " + (v.isNull() ? "-" : v.asText()));
        }
      }
    }
  }
}
