package dev.ama.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ama.cli.client.NodeClient;
import dev.ama.cli.client.NodeClientException;
import dev.ama.cli.registry.internal.RegistryJson;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ama registry …}: an agent registry center's HTTP API from the command line. */
@Command(
    name = "registry",
    mixinStandardHelpOptions = true,
    versionProvider = AmaCommand.Version.class,
    description = {
      "Register agents with a registry center and look them up, over the center node's HTTP API",
      "(docs/registry.md, \"HTTP API\").",
      ""
    },
    subcommands = {
      RegistryCommand.Register.class,
      RegistryCommand.Update.class,
      RegistryCommand.Heartbeat.class,
      RegistryCommand.Deregister.class,
      RegistryCommand.Get.class,
      RegistryCommand.Lookup.class,
      RegistryCommand.ListRecords.class,
      RegistryCommand.Status.class
    },
    footer = {
      "",
      "Examples:",
      "  ama registry register --node http://127.0.0.1:8101 --id probe-7 --name Probe \\",
      "      --endpoint tcp://10.0.0.7:4556 --skill weather --skill ops@nasa",
      "  ama registry heartbeat --node http://127.0.0.1:8101 probe-7",
      "  ama registry lookup --node http://127.0.0.1:8101 --skill weather",
      "  ama registry list --node http://127.0.0.1:8101 --all",
      "",
      "Exit codes: 0 ok, 1 refused or node unreachable, 2 usage error."
    })
final class RegistryCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing a registry command, e.g. 'ama registry lookup'.");
  }

  /** The options of a registration: what the agent decides. */
  abstract static class Writes extends RemoteCommands.Remote {
    @Option(names = "--name", paramLabel = "NAME", description = "A human-friendly name.")
    String name;

    @Option(
        names = "--endpoint",
        paramLabel = "URI",
        description = "An address of the agent (repeat, in order of preference).")
    List<String> endpoints;

    @Option(
        names = "--skill",
        paramLabel = "SKILL[@GROUP]",
        description =
            "A skill (repeat). SKILL alone is public; SKILL@GROUP is seen only by peers in the"
                + " ACL group GROUP.")
    List<String> skills;

    @Option(names = "--meta", paramLabel = "KEY=VALUE", description = "A metadata pair (repeat).")
    Map<String, String> metadata;

    @Option(
        names = "--retention",
        paramLabel = "DURATION",
        description =
            "How long the center keeps the record once the agent is offline, ISO-8601 (P7D,"
                + " PT12H); default: the center's.")
    String retention;

    @Option(names = "--json", description = "Print the JSON the node answered.")
    boolean json;

    /**
     * The registration to send: what the options give, the rest from {@code base} (the record held
     * now, for an update) or empty.
     */
    String body(String id, JsonNode base) {
      ObjectNode o = RegistryJson.MAPPER.createObjectNode();
      if (id != null) {
        o.put("id", id);
      }
      if (base != null) {
        o.put("name", base.path("name").asText(""));
        o.set("endpoints", base.path("endpoints").deepCopy());
        o.set("skills", base.path("skills").deepCopy());
        o.set("metadata", base.path("metadata").deepCopy());
        o.put("retention", base.path("retention").asText(null));
      }
      if (name != null || base == null) {
        o.put("name", name == null ? "" : name);
      }
      if (endpoints != null) {
        ArrayNode ep = o.putArray("endpoints");
        endpoints.forEach(ep::add);
      }
      if (skills != null) {
        ArrayNode sk = o.putArray("skills");
        for (String s : skills) {
          int at = s.lastIndexOf('@');
          if (at <= 0 || at == s.length() - 1) {
            sk.add(s);
          } else {
            ObjectNode r = sk.addObject();
            r.put("name", s.substring(0, at));
            r.put("group", s.substring(at + 1));
          }
        }
      }
      if (metadata != null) {
        ObjectNode md = o.putObject("metadata");
        metadata.forEach(md::put);
      }
      if (retention != null) {
        o.put("retention", retention);
      }
      return o.toString();
    }

    void printRecord(String verb, JsonNode r, PrintWriter out) {
      if (json) {
        out.println(NodeClient.pretty(r));
        return;
      }
      out.println(
          verb
              + " "
              + r.path("id").asText()
              + " at home "
              + r.path("home").asText()
              + " (version "
              + r.at("/version/counter").asLong()
              + ")");
    }
  }

  @Command(
      name = "register",
      mixinStandardHelpOptions = true,
      versionProvider = AmaCommand.Version.class,
      description = {"Register an agent with a center, which becomes its home.", ""},
      footer = {
        "",
        "Example:",
        "  ama registry register --node http://127.0.0.1:8101 --id probe-7 --name Probe \\",
        "      --endpoint tcp://10.0.0.7:4556 --skill weather --skill ops@nasa --meta site=Goldstone",
        "",
        "Exit codes: 0 registered, 1 refused (409: another center is its home) or node",
        "unreachable, 2 usage error."
      })
  static final class Register extends Writes {
    @Option(names = "--id", required = true, paramLabel = "ID", description = "The agent's id.")
    String id;

    @Override
    void run(NodeClient client, PrintWriter out) throws NodeClientException {
      printRecord("registered", client.post("/registry/agents", body(id, null)), out);
    }
  }

  @Command(
      name = "update",
      mixinStandardHelpOptions = true,
      versionProvider = AmaCommand.Version.class,
      description = {
        "Change what an agent decides at its home: each option given replaces that part (all",
        "--skill options together replace the skills); the rest is kept.",
        ""
      },
      footer = {
        "",
        "Example:",
        "  ama registry update --node http://127.0.0.1:8101 --skill weather --skill radar probe-7",
        "",
        "Exit codes: 0 updated, 1 refused (404 unknown, 409 not its home) or node unreachable,",
        "2 usage error."
      })
  static final class Update extends Writes {
    @Parameters(paramLabel = "ID", description = "The agent's id.")
    String id;

    @Override
    void run(NodeClient client, PrintWriter out) throws NodeClientException {
      String path = "/registry/agents/" + NodeClient.segment(id);
      // Only what the options give changes; the rest is what the home holds now.
      printRecord("updated", client.put(path, body(null, client.get(path, Map.of()))), out);
    }
  }

  @Command(
      name = "heartbeat",
      mixinStandardHelpOptions = true,
      versionProvider = AmaCommand.Version.class,
      description = {
        "Tell an agent's home it is alive. If another center took the agent over, the answer",
        "names the new home: heartbeat there from now on.",
        ""
      },
      footer = {
        "",
        "Example:",
        "  ama registry heartbeat --node http://127.0.0.1:8101 probe-7",
        "",
        "Exit codes: 0 ok or moved, 1 unknown here (register) or node unreachable, 2 usage error."
      })
  static final class Heartbeat extends RemoteCommands.Remote {
    @Parameters(paramLabel = "ID", description = "The agent's id.")
    String id;

    @Option(names = "--json", description = "Print the JSON the node answered.")
    boolean json;

    @Override
    void run(NodeClient client, PrintWriter out) throws NodeClientException {
      JsonNode r = client.post("/registry/agents/" + NodeClient.segment(id) + "/heartbeat", null);
      if (json) {
        out.println(NodeClient.pretty(r));
      } else if (r.path("outcome").asText().equals("MOVED")) {
        out.println(
            "moved: the home of "
                + id
                + " is now "
                + r.path("home").asText()
                + "; heartbeat there");
      } else {
        out.println(
            "ok: " + id + " is " + r.path("status").asText() + " at " + r.path("home").asText());
      }
    }
  }

  @Command(
      name = "deregister",
      mixinStandardHelpOptions = true,
      versionProvider = AmaCommand.Version.class,
      description = {"Remove an agent at its home (peers learn it as a tombstone).", ""},
      footer = {
        "",
        "Example:",
        "  ama registry deregister --node http://127.0.0.1:8101 probe-7",
        "",
        "Exit codes: 0 removed, 1 refused (404 unknown, 409 not its home) or node unreachable,",
        "2 usage error."
      })
  static final class Deregister extends RemoteCommands.Remote {
    @Parameters(paramLabel = "ID", description = "The agent's id.")
    String id;

    @Option(names = "--json", description = "Print the JSON the node answered.")
    boolean json;

    @Override
    void run(NodeClient client, PrintWriter out) throws NodeClientException {
      JsonNode r = client.delete("/registry/agents/" + NodeClient.segment(id));
      if (json) {
        out.println(NodeClient.pretty(r));
      } else {
        out.println("deregistered " + id + " (version " + r.at("/version/counter").asLong() + ")");
      }
    }
  }

  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      versionProvider = AmaCommand.Version.class,
      description = {"Show the record of one agent, its own or a replica from another home.", ""},
      footer = {
        "",
        "Example:",
        "  ama registry get --node http://127.0.0.1:8101 probe-7",
        "",
        "Exit codes: 0 found, 1 unknown or node unreachable, 2 usage error."
      })
  static final class Get extends RemoteCommands.Remote {
    @Parameters(paramLabel = "ID", description = "The agent's id.")
    String id;

    @Option(names = "--json", description = "Print the JSON the node answered.")
    boolean json;

    @Override
    void run(NodeClient client, PrintWriter out) throws NodeClientException {
      JsonNode r = client.get("/registry/agents/" + NodeClient.segment(id), Map.of());
      if (json) {
        out.println(NodeClient.pretty(r));
        return;
      }
      out.println("id:         " + r.path("id").asText());
      out.println("name:       " + r.path("name").asText());
      out.println(
          "home:       "
              + r.path("home").asText()
              + (r.path("local").asBoolean() ? " (this center)" : " (a replica)"));
      out.println("status:     " + r.path("status").asText());
      out.println("last seen:  " + r.path("lastSeen").asText());
      out.println("endpoints:  " + join(r.path("endpoints")));
      out.println("skills:     " + skills(r.path("skills")));
      StringBuilder md = new StringBuilder();
      r.path("metadata")
          .fields()
          .forEachRemaining(
              e ->
                  md.append(md.length() == 0 ? "" : ", ")
                      .append(e.getKey())
                      .append('=')
                      .append(e.getValue().asText()));
      out.println("metadata:   " + md);
      out.println("retention:  " + r.path("retention").asText());
      out.println(
          "version:    "
              + r.at("/version/counter").asLong()
              + " by "
              + r.at("/version/owner").asText()
              + " at "
              + r.at("/version/stamp/time").asText());
    }
  }

  @Command(
      name = "lookup",
      mixinStandardHelpOptions = true,
      versionProvider = AmaCommand.Version.class,
      description = {
        "Find agents by skill or by name: the center's own records first, then replicas; paged.",
        ""
      },
      footer = {
        "",
        "Examples:",
        "  ama registry lookup --node http://127.0.0.1:8101 --skill weather",
        "  ama registry lookup --node http://127.0.0.1:8101 --name Probe --page 2 --size 20",
        "",
        "Exit codes: 0 ok (also when nothing is found), 1 refused or node unreachable,",
        "2 usage error."
      })
  static final class Lookup extends RemoteCommands.Remote {
    @CommandLine.ArgGroup(multiplicity = "1")
    By by;

    /** Exactly one of --skill and --name. */
    static final class By {
      @Option(names = "--skill", paramLabel = "SKILL", description = "Agents with this skill.")
      String skill;

      @Option(names = "--name", paramLabel = "NAME", description = "Agents with this name.")
      String name;
    }

    @Option(
        names = "--page",
        paramLabel = "N",
        defaultValue = "1",
        description = "Which page, from 1 (default ${DEFAULT-VALUE}).")
    int page;

    @Option(
        names = "--size",
        paramLabel = "N",
        defaultValue = "50",
        description = "Records per page, 1 to 1000 (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--json", description = "Print the JSON the node answered.")
    boolean json;

    @Override
    void run(NodeClient client, PrintWriter out) throws NodeClientException {
      Map<String, String> q = new LinkedHashMap<>();
      q.put("skill", by.skill);
      q.put("name", by.name);
      q.put("page", Integer.toString(page));
      q.put("size", Integer.toString(size));
      JsonNode r = client.get("/registry/lookup", q);
      if (json) {
        out.println(NodeClient.pretty(r));
        return;
      }
      table(r.path("records"), out);
      out.println(
          r.path("records").size()
              + " record(s), page "
              + page
              + (r.path("more").asBoolean() ? "; more: --page " + (page + 1) : ""));
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      versionProvider = AmaCommand.Version.class,
      description = {
        "List the records of one home (default: the center's own agents), in the order of their",
        "versions, page by page.",
        ""
      },
      footer = {
        "",
        "Examples:",
        "  ama registry list --node http://127.0.0.1:8101 --all",
        "  ama registry list --node http://127.0.0.1:8101 --owner ipn:2.1 --size 100 --after 4200",
        "",
        "Exit codes: 0 ok, 1 refused or node unreachable, 2 usage error."
      })
  static final class ListRecords extends RemoteCommands.Remote {
    @Option(
        names = "--owner",
        paramLabel = "EID",
        description = "The home center whose records to list (default: the node's own).")
    String owner;

    @Option(
        names = "--after",
        paramLabel = "COUNTER",
        defaultValue = "0",
        description = "Start after this version counter (the 'next' of the previous page).")
    long after;

    @Option(
        names = "--size",
        paramLabel = "N",
        defaultValue = "50",
        description = "Records per page, 1 to 1000 (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--all", description = "Follow the pages to the end.")
    boolean all;

    @Option(names = "--json", description = "Print the JSON the node answered (one per page).")
    boolean json;

    @Override
    void run(NodeClient client, PrintWriter out) throws NodeClientException {
      long from = after;
      long shown = 0;
      while (true) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("owner", owner);
        q.put("after", Long.toString(from));
        q.put("size", Integer.toString(size));
        JsonNode r = client.get("/registry/agents", q);
        if (json) {
          out.println(NodeClient.pretty(r));
        } else {
          if (shown == 0) {
            header(out);
          }
          rows(r.path("records"), out);
        }
        shown += r.path("records").size();
        JsonNode next = r.path("next");
        if (next.isNull() || next.isMissingNode()) {
          break;
        }
        if (!all) {
          if (!json) {
            out.println(shown + " record(s); more: --after " + next.asLong());
          }
          return;
        }
        from = next.asLong();
      }
      if (!json) {
        out.println(shown + " record(s)");
      }
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      versionProvider = AmaCommand.Version.class,
      description = {"Show a center's counts, peers and what each peer has pending.", ""},
      footer = {"", "Example:", "  ama registry status --node http://127.0.0.1:8101"})
  static final class Status extends RemoteCommands.Remote {
    @Option(names = "--json", description = "Print the JSON the node answered.")
    boolean json;

    @Override
    void run(NodeClient client, PrintWriter out) throws NodeClientException {
      JsonNode r = client.get("/registry/status", Map.of());
      if (json) {
        out.println(NodeClient.pretty(r));
        return;
      }
      out.println("center:     " + r.path("center").asText());
      out.println("records:    " + r.path("records").asLong() + " live");
      out.println(
          "own:        "
              + r.at("/own/ONLINE").asLong()
              + " online, "
              + r.at("/own/OFFLINE").asLong()
              + " offline");
      out.println("sequence:   " + r.path("sequence").asLong());
      for (JsonNode p : r.path("peers")) {
        out.println(
            "peer:       "
                + p.path("eid").asText()
                + "  groups="
                + join(p.path("groups"))
                + "  pending="
                + p.path("pending").asLong());
      }
      out.println("conflicts:  " + r.path("conflicts").size());
      out.println("taken over: " + r.path("takenOver").asLong());
      out.println("guard held: " + (r.path("guardHeld").asBoolean() ? "yes" : "no"));
    }
  }

  private static void table(JsonNode records, PrintWriter out) {
    header(out);
    rows(records, out);
  }

  private static void header(PrintWriter out) {
    out.printf(
        "%-24s %-20s %-16s %-8s %-21s %s%n", "ID", "NAME", "HOME", "STATUS", "LAST SEEN", "SKILLS");
  }

  private static void rows(JsonNode records, PrintWriter out) {
    for (JsonNode r : records) {
      out.printf(
          "%-24s %-20s %-16s %-8s %-21s %s%n",
          r.path("id").asText(),
          r.path("name").asText(),
          r.path("home").asText(),
          r.path("status").asText(),
          r.path("lastSeen").asText(),
          skills(r.path("skills")));
    }
  }

  private static String skills(JsonNode skills) {
    StringBuilder b = new StringBuilder();
    for (JsonNode s : skills) {
      b.append(b.length() == 0 ? "" : ", ").append(s.path("name").asText());
      if (s.hasNonNull("group")) {
        b.append('@').append(s.path("group").asText());
      }
    }
    return b.toString();
  }

  private static String join(JsonNode texts) {
    StringBuilder b = new StringBuilder();
    texts.forEach(t -> b.append(b.length() == 0 ? "" : ", ").append(t.asText()));
    return b.toString();
  }
}
