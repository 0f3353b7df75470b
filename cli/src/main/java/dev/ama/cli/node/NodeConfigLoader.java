package dev.ama.cli.node;

import dev.ama.cli.node.NodeConfigException.Problem;
import dev.ama.cli.node.internal.YamlFields;
import dev.ama.cli.node.internal.YamlTree;
import dev.ama.cli.node.internal.YamlTree.ListNode;
import dev.ama.cli.node.internal.YamlTree.MapNode;
import dev.ama.cli.node.internal.YamlTree.Node;
import dev.ama.cli.node.internal.YamlTree.YamlSyntaxException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
public final class NodeConfigLoader extends YamlFields {
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
  private static final Pattern MODEL = Pattern.compile("//([A-Za-z_][A-Za-z0-9_.-]*)/([^/]+)/?");

  private NodeConfigLoader(Path source) {
    super(source);
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
    if (!l.problems().isEmpty() || config == null) {
      throw new NodeConfigException(NodeConfigException.Code.INVALID, l.problems());
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
}
