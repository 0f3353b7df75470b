package dev.ama.cli.node;

import dev.ama.cli.node.NodeConfigException.Problem;
import dev.ama.cli.node.internal.YamlTree;
import dev.ama.cli.node.internal.YamlTree.ListNode;
import dev.ama.cli.node.internal.YamlTree.MapNode;
import dev.ama.cli.node.internal.YamlTree.Node;
import dev.ama.cli.node.internal.YamlTree.ScalarNode;
import dev.ama.cli.node.internal.YamlTree.YamlSyntaxException;
import dev.ama.transport.Eid;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and checks {@code node.yaml}. Every problem of the file is collected and reported together
 * in one {@link NodeConfigException}, each with line, column, field and what to do. Relative paths
 * are resolved against the configuration file's folder, so a node starts the same from any working
 * directory.
 */
public final class NodeConfigLoader {
  /** Configuration files larger than this are refused: a node configuration is small. */
  public static final long MAX_FILE_BYTES = 1 << 20;

  /** The permission names of ietf-dtnma-agent-acl. */
  public static final List<String> PERMISSIONS =
      List.of(
          "execute",
          "produce",
          "modify-var",
          "modify-rule-enabled",
          "ensure-odm",
          "obsolete-odm",
          "ensure-object",
          "obsolete-object");

  private static final List<String> FUNCTIONS =
      List.of("sum", "average", "min", "max", "count", "last");
  private static final List<String> PRIORITIES = List.of("bulk", "normal", "expedited");
  private static final List<String> DURABILITIES =
      List.of("group-commit", "group-commit-no-sync", "commit-per-bundle");
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|d|h|m|s)");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|KiB|MB|MiB|GB|GiB)?");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
  private static final Pattern MODEL = Pattern.compile("//([A-Za-z_][A-Za-z0-9_.-]*)/([^/]+)/?");

  private final String file;
  private final Path base;
  private final List<Problem> problems = new ArrayList<>();
  private final Map<String, MapNode> maps = new HashMap<>();

  private NodeConfigLoader(Path source) {
    this.file = source.toString();
    Path parent = source.toAbsolutePath().getParent();
    this.base = parent == null ? Path.of(".").toAbsolutePath() : parent;
  }

  /**
   * Reads and checks a configuration file.
   *
   * @throws NodeConfigException listing every problem found
   */
  public static NodeConfig load(Path source) throws NodeConfigException {
    String text;
    try {
      if (Files.size(source) > MAX_FILE_BYTES) {
        throw new NodeConfigException(
            NodeConfigException.Code.UNREADABLE,
            List.of(
                new Problem(
                    source.toString(), 0, 0, "", "larger than " + MAX_FILE_BYTES + " bytes")));
      }
      text = Files.readString(source, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new NodeConfigException(
          NodeConfigException.Code.UNREADABLE,
          List.of(
              new Problem(
                  source.toString(),
                  0,
                  0,
                  "",
                  "cannot read the file ("
                      + e.getClass().getSimpleName()
                      + "): check the path given to --config")));
    }
    return parse(text, source);
  }

  /**
   * Checks a configuration given as text; {@code source} names it in messages and is the base of
   * relative paths.
   */
  public static NodeConfig parse(String text, Path source) throws NodeConfigException {
    NodeConfigLoader l = new NodeConfigLoader(source);
    Node root;
    try {
      root = YamlTree.parse(text);
    } catch (YamlSyntaxException e) {
      throw new NodeConfigException(
          NodeConfigException.Code.SYNTAX,
          List.of(new Problem(l.file, e.line(), e.column(), "", e.getMessage())));
    }
    NodeConfig config = l.node(root);
    if (!l.problems.isEmpty() || config == null) {
      throw new NodeConfigException(NodeConfigException.Code.INVALID, l.problems);
    }
    return config;
  }

  // ---------------------------------------------------------------------------------- sections

  private NodeConfig node(Node root) {
    MapNode m = map(root, "");
    if (m == null) {
      return null;
    }
    known(m, "", "eid", "roles", "data", "http", "transport", "agent", "manager", "registry");
    String eid = eid(m.entries().get("eid"), "eid", true);
    List<String> roles =
        list(
            m.entries().get("roles"),
            "roles",
            (n, f) -> oneOf(n, f, List.of("agent", "manager")),
            true);
    Path data = path(m.entries().get("data"), "data");
    if (data == null) {
      data = base.resolve("data");
    }
    NodeConfig.Http http = http(m.entries().get("http"));
    NodeConfig.Transport transport = transport(m.entries().get("transport"));
    boolean agentRole = roles != null && roles.contains("agent");
    boolean managerRole = roles != null && roles.contains("manager");
    if (roles != null && roles.isEmpty()) {
      problem(m.entries().get("roles"), "roles", "name at least one role: agent, manager or both");
    }
    NodeConfig.AgentRole agent = null;
    Node agentNode = m.entries().get("agent");
    if (agentRole) {
      agent = agent(agentNode);
    } else if (agentNode != null && roles != null) {
      problem(agentNode, "agent", "this node has no agent role: add 'agent' to roles or remove it");
    }
    NodeConfig.ManagerRole manager = null;
    Node managerNode = m.entries().get("manager");
    if (managerRole) {
      manager = manager(managerNode);
    } else if (managerNode != null && roles != null) {
      problem(
          managerNode,
          "manager",
          "this node has no manager role: add 'manager' to roles or remove it");
    }
    NodeConfig.Registry registry = null;
    Node registryNode = m.entries().get("registry");
    if (registryNode != null) {
      registry = registry(registryNode, eid);
      if (roles != null && !agentRole) {
        problem(
            registryNode,
            "registry",
            "a registry center is hosted by the agent role: add 'agent' to roles");
      }
    }
    if (transport != null) {
      checkRoutes(m.entries().get("transport"), transport);
    }
    if (eid == null || http == null || transport == null || roles == null) {
      return null;
    }
    if ((agentRole && agent == null) || (managerRole && manager == null)) {
      return null;
    }
    return new NodeConfig(Path.of(file), eid, data, http, transport, agent, manager, registry);
  }

  private NodeConfig.Http http(Node n) {
    if (n == null) {
      return new NodeConfig.Http(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null);
    }
    MapNode m = map(n, "http");
    if (m == null) {
      return null;
    }
    known(m, "http", "address", "token", "token-file");
    InetSocketAddress address = address(m.entries().get("address"), "http.address", true);
    if (address == null && m.entries().get("address") == null) {
      address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }
    String token = text(m.entries().get("token"), "http.token");
    Path tokenFile = path(m.entries().get("token-file"), "http.token-file");
    if (token != null && tokenFile != null) {
      problem(m, "http", "give either token or token-file, not both");
    }
    if (tokenFile != null) {
      try {
        token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        problem(
            m.entries().get("token-file"),
            "http.token-file",
            "cannot read " + tokenFile + ": create it (one line, the token) or fix the path");
      }
    }
    if (token != null && token.length() < 16) {
      problem(
          m.entries().getOrDefault("token", m),
          "http.token",
          "a token must have at least 16 characters: generate one, e.g. 'openssl rand -hex 16'");
    }
    if (address != null && !address.getAddress().isLoopbackAddress() && token == null) {
      problem(
          m.entries().get("address"),
          "http.address",
          address
              + " is not loopback: the API would be open to the network. Set http.token (or"
              + " token-file), or bind to 127.0.0.1");
    }
    return address == null ? null : new NodeConfig.Http(address, token);
  }

  private NodeConfig.Transport transport(Node n) {
    if (n == null) {
      return NodeConfig.Transport.NONE;
    }
    MapNode m = map(n, "transport");
    if (m == null) {
      return null;
    }
    known(
        m,
        "transport",
        "listen",
        "inbound-directories",
        "durability",
        "quota-bytes",
        "quota-bundles",
        "links",
        "routes");
    InetSocketAddress listen = address(m.entries().get("listen"), "transport.listen", false);
    List<Path> inbound =
        list(
            m.entries().get("inbound-directories"),
            "transport.inbound-directories",
            this::path,
            false);
    String durability = "GROUP_COMMIT";
    Node d = m.entries().get("durability");
    if (d != null) {
      String v = oneOf(d, "transport.durability", DURABILITIES);
      if (v != null) {
        durability = v.toUpperCase(Locale.ROOT).replace('-', '_');
      }
    }
    Long quotaBytes = size(m.entries().get("quota-bytes"), "transport.quota-bytes");
    Long quotaBundles = count(m.entries().get("quota-bundles"), "transport.quota-bundles");
    List<NodeConfig.Link> links =
        list(m.entries().get("links"), "transport.links", this::link, false);
    List<NodeConfig.Route> routes =
        list(m.entries().get("routes"), "transport.routes", this::route, false);
    if (links != null) {
      Set<String> names = new HashSet<>();
      ListNode ln = (ListNode) m.entries().get("links");
      for (int i = 0; i < links.size(); i++) {
        NodeConfig.Link link = links.get(i);
        if (link != null && !names.add(link.name())) {
          problem(
              ln.items().get(i),
              "transport.links[" + i + "].name",
              "the link name '" + link.name() + "' is used twice: give each link its own name");
        }
      }
    }
    return new NodeConfig.Transport(
        listen,
        inbound == null ? List.of() : inbound,
        durability,
        quotaBytes == null ? 0 : quotaBytes,
        quotaBundles == null ? 0 : quotaBundles,
        links == null ? List.of() : links,
        routes == null ? List.of() : routes);
  }

  private NodeConfig.Link link(Node n, String field) {
    MapNode m = map(n, field);
    if (m == null) {
      return null;
    }
    known(m, field, "name", "tcp", "directory", "contact-plan", "up");
    String name = name(m.entries().get("name"), field + ".name", true);
    InetSocketAddress tcp = address(m.entries().get("tcp"), field + ".tcp", false);
    Path dir = path(m.entries().get("directory"), field + ".directory");
    Path plan = path(m.entries().get("contact-plan"), field + ".contact-plan");
    Boolean up = bool(m.entries().get("up"), field + ".up");
    boolean hasTcp = m.entries().containsKey("tcp");
    boolean hasDir = m.entries().containsKey("directory");
    if (hasTcp == hasDir) {
      problem(
          m,
          field,
          "give exactly one of tcp (host:port of the peer) and directory (a folder carried to the"
              + " peer)");
    }
    if (plan != null && !Files.isReadable(plan)) {
      problem(
          m.entries().get("contact-plan"),
          field + ".contact-plan",
          "cannot read " + plan + ": fix the path (relative paths start at the config's folder)");
    }
    if (name == null) {
      return null;
    }
    return new NodeConfig.Link(name, tcp, dir, plan, up == null || up);
  }

  private NodeConfig.Route route(Node n, String field) {
    MapNode m = map(n, field);
    if (m == null) {
      return null;
    }
    known(m, field, "to", "via");
    String to = text(m.entries().get("to"), field + ".to");
    String via = text(m.entries().get("via"), field + ".via");
    if (to == null) {
      problem(m, field + ".to", "missing: the destination EID or pattern, e.g. \"ipn:2.*\"");
    }
    if (via == null) {
      problem(m, field + ".via", "missing: the name of one of transport.links");
    }
    return to == null || via == null ? null : new NodeConfig.Route(to, via);
  }

  private void checkRoutes(Node transportNode, NodeConfig.Transport t) {
    Set<String> names = new HashSet<>();
    t.links().forEach(l -> names.add(l.name()));
    if (!(transportNode instanceof MapNode m) || !(m.entries().get("routes") instanceof ListNode)) {
      return;
    }
    ListNode rn = (ListNode) m.entries().get("routes");
    for (int i = 0; i < t.routes().size() && i < rn.items().size(); i++) {
      NodeConfig.Route r = t.routes().get(i);
      if (r != null && !names.contains(r.link())) {
        problem(
            rn.items().get(i),
            "transport.routes[" + i + "].via",
            "no link is named '" + r.link() + "': use one of " + names);
      }
    }
  }

  private NodeConfig.AgentRole agent(Node n) {
    MapNode m = n == null ? new MapNode(Map.of(), 0, 0) : map(n, "agent");
    if (m == null) {
      return null;
    }
    known(
        m,
        "agent",
        "hello-to",
        "consolidation-window",
        "max-message-bytes",
        "report-priority",
        "report-lifetime",
        "acl",
        "startup",
        "models",
        "edd-poll");
    List<String> hello =
        list(m.entries().get("hello-to"), "agent.hello-to", (x, f) -> eid(x, f, true), false);
    Duration window =
        duration(m.entries().get("consolidation-window"), "agent.consolidation-window");
    Long maxBytes = count(m.entries().get("max-message-bytes"), "agent.max-message-bytes");
    String priority = null;
    if (m.entries().get("report-priority") != null) {
      priority = oneOf(m.entries().get("report-priority"), "agent.report-priority", PRIORITIES);
    }
    Duration lifetime = duration(m.entries().get("report-lifetime"), "agent.report-lifetime");
    List<Path> startup =
        list(m.entries().get("startup"), "agent.startup", this::readablePath, false);
    List<NodeConfig.Model> models =
        list(m.entries().get("models"), "agent.models", (x, f) -> model(x, f, true), false);
    Duration poll = duration(m.entries().get("edd-poll"), "agent.edd-poll");
    List<String> defaultAccess = null;
    List<NodeConfig.Group> groups = List.of();
    List<NodeConfig.Access> access = List.of();
    Node aclNode = m.entries().get("acl");
    if (aclNode != null) {
      MapNode acl = map(aclNode, "agent.acl");
      if (acl != null) {
        known(acl, "agent.acl", "default-access", "groups", "access");
        if (acl.entries().containsKey("default-access")) {
          defaultAccess =
              list(
                  acl.entries().get("default-access"),
                  "agent.acl.default-access",
                  (x, f) -> oneOf(x, f, PERMISSIONS),
                  false);
        }
        groups = orEmpty(list(acl.entries().get("groups"), "agent.acl.groups", this::group, false));
        access =
            orEmpty(list(acl.entries().get("access"), "agent.acl.access", this::access, false));
      }
    }
    if (maxBytes != null && maxBytes < 1024) {
      problem(
          m.entries().get("max-message-bytes"),
          "agent.max-message-bytes",
          "at least 1024 bytes, so that one report fits");
    }
    return new NodeConfig.AgentRole(
        orEmpty(hello),
        window == null ? Duration.ofMillis(100) : window,
        maxBytes == null ? 65_536 : (int) Math.min(maxBytes, Integer.MAX_VALUE),
        priority == null ? "normal" : priority,
        lifetime == null ? Duration.ofHours(1) : lifetime,
        defaultAccess,
        groups,
        access,
        orEmpty(startup),
        orEmpty(models),
        poll == null ? Duration.ofSeconds(1) : poll);
  }

  private NodeConfig.Registry registry(Node n, String self) {
    MapNode m = map(n, "registry");
    if (m == null) {
      return null;
    }
    known(
        m,
        "registry",
        "center",
        "peers",
        "heartbeat-timeout",
        "retention",
        "takeover-time",
        "guard",
        "delta-max-records",
        "push-threshold",
        "rules");
    Boolean center =
        m.entries().get("center") == null
            ? Boolean.TRUE
            : bool(m.entries().get("center"), "registry.center");
    List<NodeConfig.Peer> peers =
        list(m.entries().get("peers"), "registry.peers", (x, f) -> peer(x, f, self), false);
    Duration heartbeat =
        duration(m.entries().get("heartbeat-timeout"), "registry.heartbeat-timeout");
    Duration retention = duration(m.entries().get("retention"), "registry.retention");
    Duration takeover = null;
    Node takeoverNode = m.entries().get("takeover-time");
    if (takeoverNode != null && !"none".equals(text(takeoverNode, "registry.takeover-time"))) {
      takeover = duration(takeoverNode, "registry.takeover-time");
      if (takeover != null && takeover.isZero()) {
        problem(takeoverNode, "registry.takeover-time", "a takeover time is positive, or none");
        takeover = null;
      }
    }
    double share = 0.5;
    Duration window = Duration.ofMinutes(5);
    int minimum = 10;
    Node guardNode = m.entries().get("guard");
    if (guardNode != null) {
      MapNode g = map(guardNode, "registry.guard");
      if (g != null) {
        known(g, "registry.guard", "share", "window", "minimum");
        Node shareNode = g.entries().get("share");
        String shareText = text(shareNode, "registry.guard.share");
        if (shareText != null) {
          try {
            share = Double.parseDouble(shareText);
          } catch (NumberFormatException e) {
            share = Double.NaN;
          }
          if (!(share > 0 && share <= 1)) {
            problem(
                shareNode,
                "registry.guard.share",
                "a share above 0 and at most 1, found '" + shareText + "'");
          }
        }
        Duration w = duration(g.entries().get("window"), "registry.guard.window");
        if (w != null) {
          window = w;
        }
        Long min = count(g.entries().get("minimum"), "registry.guard.minimum");
        if (min != null) {
          minimum = (int) Math.min(min, Integer.MAX_VALUE);
        }
      }
    }
    Long deltaMax = count(m.entries().get("delta-max-records"), "registry.delta-max-records");
    if (deltaMax != null && deltaMax < 1) {
      problem(
          m.entries().get("delta-max-records"), "registry.delta-max-records", "at least 1 record");
    }
    Long threshold = count(m.entries().get("push-threshold"), "registry.push-threshold");
    Path rules = null;
    if (m.entries().get("rules") != null) {
      rules = readablePath(m.entries().get("rules"), "registry.rules");
    }
    if (peers != null && self != null) {
      List<String> seen = new ArrayList<>();
      for (int i = 0; i < peers.size(); i++) {
        String e = peers.get(i).eid();
        Node at = ((ListNode) m.entries().get("peers")).items().get(i);
        if (seen.contains(e)) {
          problem(at, "registry.peers[" + i + "]", "peer " + e + " is listed twice");
        }
        seen.add(e);
      }
    }
    if (center == null || !center) {
      return null;
    }
    return new NodeConfig.Registry(
        orEmpty(peers),
        heartbeat == null ? Duration.ofSeconds(90) : heartbeat,
        retention == null ? Duration.ofDays(7) : retention,
        takeover,
        share,
        window,
        minimum,
        deltaMax == null ? 1000 : (int) Math.min(deltaMax, Integer.MAX_VALUE),
        threshold == null ? 100 : threshold,
        rules);
  }

  private NodeConfig.Peer peer(Node n, String field, String self) {
    MapNode m = map(n, field);
    if (m == null) {
      return null;
    }
    known(m, field, "eid", "groups");
    String eid = eid(m.entries().get("eid"), field + ".eid", true);
    List<String> groups =
        list(m.entries().get("groups"), field + ".groups", (x, f) -> name(x, f, true), false);
    if (eid != null && eid.equals(self)) {
      problem(n, field, "a center is not its own peer");
      return null;
    }
    return eid == null ? null : new NodeConfig.Peer(eid, orEmpty(groups));
  }

  private NodeConfig.Group group(Node n, String field) {
    MapNode m = map(n, field);
    if (m == null) {
      return null;
    }
    known(m, field, "id", "name", "members");
    Long id = count(m.entries().get("id"), field + ".id");
    String name = name(m.entries().get("name"), field + ".name", true);
    List<String> members =
        list(m.entries().get("members"), field + ".members", this::requiredText, true);
    if (id != null && id == 0) {
      problem(m.entries().get("id"), field + ".id", "group 0 is the agent itself: use 1 or more");
    }
    if (id == null) {
      problem(m, field + ".id", "missing: a group id, 1 or more");
    }
    return id == null || name == null || members == null
        ? null
        : new NodeConfig.Group(id, name, members);
  }

  private NodeConfig.Access access(Node n, String field) {
    MapNode m = map(n, field);
    if (m == null) {
      return null;
    }
    known(m, field, "id", "groups", "objects", "permissions");
    Long id = count(m.entries().get("id"), field + ".id");
    List<Long> groups = list(m.entries().get("groups"), field + ".groups", this::count, false);
    String objects = text(m.entries().get("objects"), field + ".objects");
    List<String> perms =
        list(
            m.entries().get("permissions"),
            field + ".permissions",
            (x, f) -> oneOf(x, f, PERMISSIONS),
            true);
    if (id == null) {
      problem(m, field + ".id", "missing: an access entry id");
    }
    return id == null || perms == null
        ? null
        : new NodeConfig.Access(
            id, orEmpty(groups), objects == null ? "ari:/AC/(true)" : objects, perms);
  }

  private NodeConfig.Model model(Node n, String field, boolean agent) {
    MapNode m = map(n, field);
    if (m == null) {
      return null;
    }
    if (agent) {
      known(m, field, "name", "edds");
    } else {
      known(m, field, "name", "edds", "ctrls");
    }
    String name = text(m.entries().get("name"), field + ".name");
    String org = null;
    String model = null;
    if (name == null) {
      problem(m, field + ".name", "missing: the model as //org/model, e.g. //example/site");
    } else {
      Matcher mm = MODEL.matcher(name);
      if (mm.matches()) {
        org = mm.group(1);
        model = mm.group(2);
      } else {
        problem(
            m.entries().get("name"), field + ".name", "write the model as //org/model: " + name);
      }
    }
    List<NodeConfig.Edd> edds =
        list(m.entries().get("edds"), field + ".edds", (x, f) -> edd(x, f, agent), false);
    List<String> ctrls =
        agent
            ? List.of()
            : list(m.entries().get("ctrls"), field + ".ctrls", (x, f) -> name(x, f, true), false);
    return org == null ? null : new NodeConfig.Model(org, model, orEmpty(edds), orEmpty(ctrls));
  }

  private NodeConfig.Edd edd(Node n, String field, boolean agent) {
    if (!agent) {
      String name = name(n, field, true);
      return name == null ? null : new NodeConfig.Edd(name, null);
    }
    MapNode m = map(n, field);
    if (m == null) {
      return null;
    }
    known(m, field, "name", "file");
    String name = name(m.entries().get("name"), field + ".name", true);
    Path f = path(m.entries().get("file"), field + ".file");
    if (f == null && !m.entries().containsKey("file")) {
      problem(m, field + ".file", "missing: the file the EDD's value is read from");
    }
    return name == null || f == null ? null : new NodeConfig.Edd(name, f);
  }

  private NodeConfig.ManagerRole manager(Node n) {
    MapNode m = n == null ? new MapNode(Map.of(), 0, 0) : map(n, "manager");
    if (m == null) {
      return null;
    }
    known(m, "manager", "namespace", "models", "fusion", "staleness-margin", "expect");
    String ns = text(m.entries().get("namespace"), "manager.namespace");
    if (ns != null && !ns.matches("//[A-Za-z_][A-Za-z0-9_.-]*/![A-Za-z0-9_.-]+/?")) {
      problem(
          m.entries().get("namespace"),
          "manager.namespace",
          "an ODM namespace looks like //org/!model, e.g. //ama/!ops-a");
    }
    List<NodeConfig.Model> models =
        list(m.entries().get("models"), "manager.models", (x, f) -> model(x, f, false), false);
    List<NodeConfig.Fusion> fusions =
        list(m.entries().get("fusion"), "manager.fusion", this::fusion, false);
    Duration margin = duration(m.entries().get("staleness-margin"), "manager.staleness-margin");
    List<NodeConfig.Expect> expect =
        list(m.entries().get("expect"), "manager.expect", this::expect, false);
    return new NodeConfig.ManagerRole(
        ns,
        orEmpty(models),
        orEmpty(fusions),
        margin == null ? Duration.ofSeconds(30) : margin,
        orEmpty(expect));
  }

  private NodeConfig.Expect expect(Node n, String field) {
    MapNode m = map(n, field);
    if (m == null) {
      return null;
    }
    known(m, field, "agent", "source", "period");
    String agent = text(m.entries().get("agent"), field + ".agent");
    String source = text(m.entries().get("source"), field + ".source");
    Duration period = duration(m.entries().get("period"), field + ".period");
    if (period == null) {
      problem(m, field + ".period", "missing: how often reports are expected, e.g. 10s");
      return null;
    }
    return new NodeConfig.Expect(
        agent == null ? "*" : agent, source == null ? "*" : source, period);
  }

  private NodeConfig.Fusion fusion(Node n, String field) {
    MapNode m = map(n, field);
    if (m == null) {
      return null;
    }
    known(m, field, "name", "inputs", "function", "expression", "window", "destinations", "acl");
    String name = name(m.entries().get("name"), field + ".name", true);
    List<NodeConfig.FusionInput> inputs =
        list(m.entries().get("inputs"), field + ".inputs", this::fusionInput, true);
    String function = null;
    if (m.entries().get("function") != null) {
      function = oneOf(m.entries().get("function"), field + ".function", FUNCTIONS);
    }
    String expression = text(m.entries().get("expression"), field + ".expression");
    if ((m.entries().get("function") == null) == (expression == null)) {
      problem(
          m,
          field,
          "give exactly one of function (" + String.join(", ", FUNCTIONS) + ") and expression");
    }
    Duration window = duration(m.entries().get("window"), field + ".window");
    List<String> dest =
        list(
            m.entries().get("destinations"),
            field + ".destinations",
            (x, f) -> eid(x, f, true),
            true);
    List<String> acl = list(m.entries().get("acl"), field + ".acl", this::requiredText, false);
    if (name == null || inputs == null || dest == null) {
      return null;
    }
    return new NodeConfig.Fusion(
        name,
        inputs,
        function,
        expression,
        window == null ? Duration.ofMinutes(5) : window,
        dest,
        orEmpty(acl));
  }

  private NodeConfig.FusionInput fusionInput(Node n, String field) {
    MapNode m = map(n, field);
    if (m == null) {
      return null;
    }
    known(m, field, "name", "agent", "source", "item");
    String name = name(m.entries().get("name"), field + ".name", false);
    String agent = text(m.entries().get("agent"), field + ".agent");
    String source = text(m.entries().get("source"), field + ".source");
    Long item = count(m.entries().get("item"), field + ".item");
    if (agent == null) {
      problem(m, field + ".agent", "missing: the agent's EID (or a pattern with *)");
    }
    if (source == null) {
      problem(m, field + ".source", "missing: the report source in ARI text, e.g. an EDD");
    }
    if (agent == null || source == null) {
      return null;
    }
    return new NodeConfig.FusionInput(
        name, agent, source, item == null ? 0 : (int) Math.min(item, Integer.MAX_VALUE));
  }

  // ---------------------------------------------------------------------------------- values

  private interface ItemReader<T> {
    T read(Node n, String field);
  }

  private <T> List<T> list(Node n, String field, ItemReader<T> reader, boolean required) {
    if (n == null) {
      if (required) {
        problem(null, field, "missing");
      }
      return null;
    }
    if (!(n instanceof ListNode l)) {
      problem(n, field, "expected a list, found " + n.kind() + " (write [a, b] or '- a' lines)");
      return null;
    }
    List<T> out = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < l.items().size(); i++) {
      T v = reader.read(l.items().get(i), field + "[" + i + "]");
      if (v == null) {
        ok = false;
      } else {
        out.add(v);
      }
    }
    return ok ? out : null;
  }

  private MapNode map(Node n, String field) {
    if (n instanceof MapNode m) {
      return m;
    }
    problem(n, field, "expected a map of fields, found " + n.kind());
    return null;
  }

  private void known(MapNode m, String field, String... names) {
    List<String> allowed = List.of(names);
    maps.put(field, m);
    for (Map.Entry<String, Node> e : m.entries().entrySet()) {
      if (!allowed.contains(e.getKey())) {
        problem(
            e.getValue(),
            (field.isEmpty() ? "" : field + ".") + e.getKey(),
            "unknown field: use one of " + String.join(", ", allowed));
      }
    }
  }

  private String text(Node n, String field) {
    if (n == null) {
      return null;
    }
    if (n instanceof ScalarNode s) {
      if (s.text() == null || s.text().isBlank()) {
        problem(n, field, "empty: give a value or remove the field");
        return null;
      }
      return s.text();
    }
    problem(n, field, "expected a value, found " + n.kind());
    return null;
  }

  private String requiredText(Node n, String field) {
    return text(n, field);
  }

  private String name(Node n, String field, boolean required) {
    if (n == null) {
      if (required) {
        problem(null, field, "missing");
      }
      return null;
    }
    String t = text(n, field);
    if (t != null && !NAME.matcher(t).matches()) {
      problem(n, field, "'" + t + "' is not a name (letters, digits, _ . -; a letter first)");
      return null;
    }
    return t;
  }

  private String oneOf(Node n, String field, List<String> values) {
    String t = text(n, field);
    if (t == null) {
      return null;
    }
    String lower = t.toLowerCase(Locale.ROOT);
    if (!values.contains(lower)) {
      problem(n, field, "'" + t + "' is not one of " + String.join(", ", values));
      return null;
    }
    return lower;
  }

  private String eid(Node n, String field, boolean required) {
    if (n == null) {
      if (required) {
        problem(null, field, "missing: an endpoint such as ipn:1.1 or dtn://node/");
      }
      return null;
    }
    String t = text(n, field);
    if (t == null) {
      return null;
    }
    try {
      return Eid.of(t).toString();
    } catch (IllegalArgumentException e) {
      problem(n, field, "not an endpoint: " + e.getMessage() + " (e.g. ipn:1.1, dtn://node/)");
      return null;
    }
  }

  private Boolean bool(Node n, String field) {
    String t = text(n, field);
    if (t == null) {
      return null;
    }
    return switch (t.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> {
        problem(n, field, "expected true or false, found '" + t + "'");
        yield null;
      }
    };
  }

  private Long count(Node n, String field) {
    String t = text(n, field);
    if (t == null) {
      return null;
    }
    try {
      long v = Long.parseLong(t.replace("_", ""));
      if (v < 0) {
        problem(n, field, "must not be negative");
        return null;
      }
      return v;
    } catch (NumberFormatException e) {
      problem(n, field, "expected a whole number, found '" + t + "'");
      return null;
    }
  }

  private Long size(Node n, String field) {
    String t = text(n, field);
    if (t == null) {
      return null;
    }
    Matcher m = SIZE.matcher(t.strip());
    if (!m.matches()) {
      problem(n, field, "expected a size such as 512MiB, 2GB or 1000000, found '" + t + "'");
      return null;
    }
    long unit =
        switch (m.group(2) == null ? "B" : m.group(2)) {
          case "KB" -> 1_000L;
          case "KiB" -> 1L << 10;
          case "MB" -> 1_000_000L;
          case "MiB" -> 1L << 20;
          case "GB" -> 1_000_000_000L;
          case "GiB" -> 1L << 30;
          default -> 1L;
        };
    try {
      return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
    } catch (ArithmeticException | NumberFormatException e) {
      problem(n, field, "too large: " + t);
      return null;
    }
  }

  /** Reads {@code 100ms}, {@code 1h30m}, {@code 2d} or ISO-8601 {@code PT1S}. */
  static Duration parseDuration(String t) {
    String s = t.strip();
    if (s.startsWith("P") || s.startsWith("p")) {
      try {
        return Duration.parse(s.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    Matcher m = DURATION_PART.matcher(s);
    Duration total = Duration.ZERO;
    int at = 0;
    while (at < s.length()) {
      if (!m.find(at) || m.start() != at) {
        return null;
      }
      long v = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(v);
                case "s" -> Duration.ofSeconds(v);
                case "m" -> Duration.ofMinutes(v);
                case "h" -> Duration.ofHours(v);
                default -> Duration.ofDays(v);
              });
      at = m.end();
    }
    return at == 0 ? null : total;
  }

  private Duration duration(Node n, String field) {
    String t = text(n, field);
    if (t == null) {
      return null;
    }
    Duration d;
    try {
      d = parseDuration(t);
    } catch (NumberFormatException | ArithmeticException e) {
      d = null;
    }
    if (d == null || d.isNegative()) {
      problem(n, field, "expected a duration such as 100ms, 30s, 1h30m or PT1S, found '" + t + "'");
      return null;
    }
    return d;
  }

  private Path path(Node n, String field) {
    String t = text(n, field);
    if (t == null) {
      return null;
    }
    try {
      return base.resolve(t).normalize();
    } catch (InvalidPathException e) {
      problem(n, field, "not a valid path: " + e.getReason());
      return null;
    }
  }

  private Path readablePath(Node n, String field) {
    Path p = path(n, field);
    if (p != null && !Files.isReadable(p)) {
      problem(
          n,
          field,
          "cannot read " + p + ": fix the path (relative paths start at the config's folder)");
      return null;
    }
    return p;
  }

  private InetSocketAddress address(Node n, String field, boolean mayBeLoopbackDefault) {
    String t = text(n, field);
    if (t == null) {
      return null;
    }
    int colon = t.lastIndexOf(':');
    if (colon <= 0 || colon == t.length() - 1) {
      problem(n, field, "expected host:port, e.g. 127.0.0.1:4556, found '" + t + "'");
      return null;
    }
    String host = t.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(t.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65_535) {
      problem(n, field, "the port must be 0 to 65535, found '" + t.substring(colon + 1) + "'");
      return null;
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      problem(n, field, "unknown host '" + host + "': use an IP address or a resolvable name");
      return null;
    }
  }

  private static <T> List<T> orEmpty(List<T> l) {
    return l == null ? List.of() : l;
  }

  private void problem(Node n, String field, String message) {
    if (n == null) {
      // A missing field: point at the map it belongs in.
      int dot = field.lastIndexOf('.');
      n = maps.get(dot < 0 ? "" : field.substring(0, dot));
    }
    problems.add(
        new Problem(file, n == null ? 0 : n.line(), n == null ? 0 : n.column(), field, message));
  }
}
