package dev.ama.cli.node;

import dev.ama.agent.AccessEntry;
import dev.ama.agent.AclGroup;
import dev.ama.agent.Agent;
import dev.ama.agent.H2AgentStore;
import dev.ama.agent.Permission;
import dev.ama.agent.ReportOptions;
import dev.ama.agent.registry.H2RegistryStore;
import dev.ama.agent.registry.RegistryAdm;
import dev.ama.agent.registry.RegistryCenter;
import dev.ama.agent.registry.RegistryStore;
import dev.ama.cli.node.internal.FileEdds;
import dev.ama.cli.node.internal.Inbox;
import dev.ama.cli.node.internal.RegistryRules;
import dev.ama.cli.node.internal.StatusView;
import dev.ama.cli.registry.RegistryHttpApi;
import dev.ama.grammar.ari.AriTextDecoder;
import dev.ama.grammar.lang.Compilation;
import dev.ama.grammar.lang.LangCompiler;
import dev.ama.grammar.lang.LangException;
import dev.ama.manager.Manager;
import dev.ama.manager.http.ManagerHttpServer;
import dev.ama.model.adm.ModelIds;
import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriDecodeException;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.ExecSetLiteral;
import dev.ama.rules.schedule.QuartzRuleScheduler;
import dev.ama.rules.schedule.RuleScheduler;
import dev.ama.transport.Eid;
import dev.ama.transport.Priority;
import dev.ama.transport.SendOptions;
import dev.ama.transport.TransportException;
import dev.ama.transport.TransportNode;
import dev.ama.transport.cl.ConvergenceLayer;
import dev.ama.transport.cl.DirectoryConvergenceLayer;
import dev.ama.transport.cl.TcpConvergenceLayer;
import dev.ama.transport.cl.TcpOptions;
import dev.ama.transport.plan.ContactPlan;
import dev.ama.transport.plan.ContactPlanException;
import dev.ama.transport.plan.ContactPlanParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node: the store-and-forward transport, the agent role, the manager role (either or
 * both) and the HTTP API, wired as {@link NodeConfig} says. {@link #start} returns once everything
 * listens; {@link #close} stops it in the reverse order, losing nothing that was accepted.
 */
public final class Node implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Node.class);

  /** The revision given to application models declared in a configuration. */
  static final LocalDate CONFIG_MODEL_REVISION = LocalDate.of(2026, 1, 1);

  private final NodeConfig config;
  private final List<AutoCloseable> open = new ArrayList<>();
  private final AtomicReference<TransportNode> transportRef = new AtomicReference<>();
  private final Instant started;
  private RuleScheduler scheduler;
  private Agent agent;
  private Manager manager;
  private TransportNode transport;
  private FileEdds fileEdds;
  private ManagerHttpServer http;
  private RegistryStore registryStore;
  private AutoCloseable registryCloser;
  private RegistryAdm registry;

  private Node(NodeConfig config) {
    this.config = config;
    this.started = Instant.now();
  }

  /**
   * Starts a node.
   *
   * @throws NodeStartException naming what failed and what to do; whatever had started is closed
   */
  public static Node start(NodeConfig config) throws NodeStartException {
    Node n = new Node(config);
    try {
      n.startParts();
      return n;
    } catch (NodeStartException | RuntimeException e) {
      n.close();
      throw e;
    }
  }

  /**
   * Checks what {@link #start} would need beyond the configuration file itself, without starting
   * anything: startup files compile, contact plans parse, ACL filters are EXPRs, fusion definitions
   * are valid.
   *
   * @throws NodeStartException naming the first part that would fail
   */
  public static void check(NodeConfig config) throws NodeStartException {
    if (config.agent() != null) {
      List<ModelIds> models = new ArrayList<>();
      for (NodeConfig.Model m : config.agent().models()) {
        models.add(modelIds(m));
      }
      compileStartup(config, models);
      compileRegistryRules(config);
      for (NodeConfig.Access a : config.agent().access()) {
        accessFilter(a);
      }
    }
    Map<Path, Map<String, ContactPlan>> plans = new LinkedHashMap<>();
    for (NodeConfig.Link l : config.transport().links()) {
      if (l.contactPlan() != null) {
        plan(plans, l);
      }
    }
    if (config.manager() != null) {
      for (NodeConfig.Fusion f : config.manager().fusions()) {
        try {
          Fusions.definition(f);
        } catch (IllegalArgumentException | IllegalStateException e) {
          throw new NodeStartException(
              NodeStartException.Code.ROLE,
              "manager.fusion " + f.name() + ": " + e.getMessage(),
              e);
        }
      }
    }
  }

  private static AcLiteral accessFilter(NodeConfig.Access a) throws NodeStartException {
    Ari objects;
    try {
      objects = new AriTextDecoder().decode(a.objects());
    } catch (AriDecodeException e) {
      throw new NodeStartException(
          NodeStartException.Code.ROLE,
          "agent.acl.access id " + a.id() + ": objects is not ARI text: " + e.getMessage(),
          e);
    }
    if (!(objects instanceof AcLiteral ac)) {
      throw new NodeStartException(
          NodeStartException.Code.ROLE,
          "agent.acl.access id " + a.id() + ": objects must be an EXPR (ari:/AC/(…))",
          null);
    }
    return ac;
  }

  /** The node's configuration. */
  public NodeConfig config() {
    return config;
  }

  /** The HTTP API's base URL, e.g. {@code http://127.0.0.1:8101}. */
  public URI httpUri() {
    InetSocketAddress a = http.address();
    String host = a.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + a.getPort());
  }

  /** The agent role, or null. */
  public Agent agent() {
    return agent;
  }

  /** The manager role, or null. */
  public Manager manager() {
    return manager;
  }

  /** The transport. */
  public TransportNode transport() {
    return transport;
  }

  /** The registry center's ADM (its center: {@code registry().center()}), or null. */
  public RegistryAdm registry() {
    return registry;
  }

  private void startParts() throws NodeStartException {
    Path data = config.data();
    try {
      Files.createDirectories(data);
      if (!Files.isWritable(data)) {
        throw new IOException("not writable");
      }
    } catch (IOException e) {
      throw new NodeStartException(
          NodeStartException.Code.DATA,
          "data directory " + data + ": " + e.getMessage() + ": create it or fix 'data'",
          e);
    }
    List<ModelIds> agentModels = new ArrayList<>();
    if (config.agent() != null) {
      scheduler = new QuartzRuleScheduler("ama-rules");
      open.add(scheduler);
      agent = buildAgent(data, agentModels);
    }
    if (config.manager() != null) {
      manager = buildManager(data);
    }
    transport = buildTransport(data);
    transportRef.set(transport);
    try {
      if (agent != null) {
        agent.start();
        runStartupFiles(agentModels);
        fileEdds.start();
      }
      if (manager != null) {
        manager.start();
      }
    } catch (RuntimeException e) {
      throw new NodeStartException(
          NodeStartException.Code.ROLE, "starting the roles failed: " + e.getMessage(), e);
    }
    try {
      ManagerHttpServer.Builder hb =
          ManagerHttpServer.builder()
              .manager(manager)
              .address(config.http().address())
              .token(config.http().token())
              .status(() -> StatusView.of(this, started));
      if (registry != null) {
        // Agents and people register, heartbeat and look up on the center's own API.
        new RegistryHttpApi(registry.center(), registryStore).mountOn(hb);
      }
      http = hb.build();
      http.start();
      open.add(http);
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      throw new NodeStartException(
          NodeStartException.Code.HTTP,
          "http.address "
              + config.http().address()
              + ": cannot listen ("
              + e.getMessage()
              + "): is another node using it? pick another port",
          e);
    }
    LOG.info(
        "node {} ({}) running: HTTP API on {}, data in {}",
        config.eid(),
        String.join(" + ", config.roles()),
        httpUri(),
        data);
  }

  private Agent buildAgent(Path data, List<ModelIds> models) throws NodeStartException {
    NodeConfig.AgentRole role = config.agent();
    fileEdds = new FileEdds(role.eddPoll());
    open.add(fileEdds);
    Agent.Builder b;
    try {
      b =
          Agent.builder()
              .eid(config.eid())
              .store(openAgentStore(data.resolve("agent")))
              .scheduler(scheduler)
              .sender(
                  (destination, message, options) ->
                      send(
                          destination,
                          message,
                          new SendOptions(options.priority(), options.lifetime(), true)))
              .consolidationWindow(role.consolidationWindow())
              .maxMessageBytes(role.maxMessageBytes())
              .reportOptions(
                  new ReportOptions(
                      Priority.valueOf(role.reportPriority().toUpperCase(Locale.ROOT)),
                      role.reportLifetime()))
              .helloTo(role.helloTo());
    } catch (RuntimeException e) {
      throw new NodeStartException(
          NodeStartException.Code.DATA,
          "agent store in " + data + ": " + e.getMessage() + ": is another node using it?",
          e);
    }
    for (NodeConfig.Model m : role.models()) {
      ModelIds ids = modelIds(m);
      models.add(ids);
      b.adm(fileEdds.adm(ids, m));
    }
    if (config.registry() != null) {
      registry = new RegistryAdm(buildCenter(data.resolve("registry")));
      b.adm(registry.adm());
    }
    for (NodeConfig.Group g : role.groups()) {
      b.aclGroup(new AclGroup(g.id(), g.name(), g.members()));
    }
    for (NodeConfig.Access a : role.access()) {
      b.access(new AccessEntry(a.id(), a.groups(), accessFilter(a), permissions(a.permissions())));
    }
    if (role.defaultAccess() != null) {
      b.defaultAccess(permissions(role.defaultAccess()));
    }
    try {
      Agent built = b.build();
      open.add(built);
      fileEdds.bind(built);
      if (registry != null) {
        registry.bind(built);
      }
      return built;
    } catch (IllegalStateException e) {
      throw new NodeStartException(NodeStartException.Code.ROLE, "agent: " + e.getMessage(), e);
    }
  }

  private RegistryCenter buildCenter(Path base) throws NodeStartException {
    NodeConfig.Registry rc = config.registry();
    try {
      registryStore = H2RegistryStore.open(base);
    } catch (RuntimeException e) {
      throw new NodeStartException(
          NodeStartException.Code.DATA,
          "registry store " + base + ": " + e.getMessage() + ": is another node using it?",
          e);
    }
    RegistryStore opened = registryStore;
    registryCloser = opened::close;
    open.add(registryCloser);
    RegistryCenter.Builder cb =
        RegistryCenter.builder()
            .eid(Eid.of(config.eid()))
            .store(registryStore)
            .clock(Clock.systemUTC())
            .heartbeatTimeout(rc.heartbeatTimeout())
            .retention(rc.retention())
            .takeoverTime(rc.takeoverTime())
            .partitionGuard(rc.guardShare(), rc.guardWindow(), rc.guardMinimum())
            .deltaMaxRecords(rc.deltaMaxRecords());
    for (NodeConfig.Peer p : rc.peers()) {
      cb.peer(Eid.of(p.eid()), new TreeSet<>(p.groups()));
    }
    try {
      return cb.build();
    } catch (RuntimeException e) {
      throw new NodeStartException(NodeStartException.Code.ROLE, "registry: " + e.getMessage(), e);
    }
  }

  private static H2AgentStore openAgentStore(Path base) {
    return H2AgentStore.open(base);
  }

  static ModelIds modelIds(NodeConfig.Model m) {
    ModelIds.Builder ids = ModelIds.builder(m.org(), m.model()).revision(CONFIG_MODEL_REVISION);
    for (int i = 0; i < m.edds().size(); i++) {
      ids.object(AriType.EDD, m.edds().get(i).name(), i);
    }
    for (int i = 0; i < m.ctrls().size(); i++) {
      ids.object(AriType.CTRL, m.ctrls().get(i), i);
    }
    return ids.build();
  }

  private static Set<Permission> permissions(List<String> names) {
    Set<Permission> out = EnumSet.noneOf(Permission.class);
    for (String n : names) {
      out.add(Permission.valueOf(n.toUpperCase(Locale.ROOT).replace('-', '_')));
    }
    return out;
  }

  private void runStartupFiles(List<ModelIds> models) throws NodeStartException {
    for (ExecSetLiteral set : compileStartup(config, models)) {
      agent.execute(config.eid(), set);
    }
    for (ExecSetLiteral set : compileRegistryRules(config)) {
      agent.execute(config.eid(), set);
    }
  }

  /**
   * Compiles the registry sync rules (the shipped ones or {@code registry.rules}) for the
   * configured peers; none when the node is not a center.
   */
  static List<ExecSetLiteral> compileRegistryRules(NodeConfig config) throws NodeStartException {
    NodeConfig.Registry rc = config.registry();
    if (rc == null) {
      return List.of();
    }
    String name = rc.rules() == null ? "registry-sync-rules.ama (shipped)" : rc.rules().toString();
    String template;
    try {
      template =
          rc.rules() == null
              ? RegistryRules.shipped()
              : Files.readString(rc.rules(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new NodeStartException(
          NodeStartException.Code.STARTUP, name + ": cannot read: " + e.getMessage(), e);
    }
    try {
      return LangCompiler.builder()
          .build()
          .compile(RegistryRules.render(template, rc), name)
          .execSets();
    } catch (LangException e) {
      throw new NodeStartException(NodeStartException.Code.STARTUP, e.getMessage(), e);
    }
  }

  /** Compiles the agent's startup files, every problem of every file together. */
  static List<ExecSetLiteral> compileStartup(NodeConfig config, List<ModelIds> models)
      throws NodeStartException {
    LangCompiler.Builder lb = LangCompiler.builder();
    models.forEach(lb::model);
    LangCompiler compiler = lb.build();
    List<ExecSetLiteral> sets = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Path file : config.agent().startup()) {
      try {
        Compilation c =
            compiler.compile(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        sets.addAll(c.execSets());
      } catch (LangException e) {
        problems.add(e.getMessage());
      } catch (IOException e) {
        problems.add(file + ": cannot read: " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new NodeStartException(
          NodeStartException.Code.STARTUP, String.join("\n", problems), null);
    }
    return sets;
  }

  private Manager buildManager(Path data) throws NodeStartException {
    NodeConfig.ManagerRole role = config.manager();
    try {
      Manager.Builder b =
          Manager.builder()
              .eid(config.eid())
              .dataDirectory(data.resolve("manager"))
              .sender((destination, message) -> send(destination, message, SendOptions.DEFAULT))
              .stalenessMargin(role.stalenessMargin());
      if (role.namespace() != null) {
        b.namespace(role.namespace());
      }
      for (NodeConfig.Model m : role.models()) {
        b.model(modelIds(m));
      }
      for (NodeConfig.Fusion f : role.fusions()) {
        b.fusion(Fusions.definition(f));
      }
      Manager m = b.build();
      open.add(m);
      return m;
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new NodeStartException(NodeStartException.Code.ROLE, "manager: " + e.getMessage(), e);
    }
  }

  private void send(String destination, byte[] message, SendOptions options) throws Exception {
    TransportNode t = transportRef.get();
    if (t == null) {
      throw new IllegalStateException("the transport is not started yet");
    }
    t.send(Eid.of(destination), message, options);
  }

  private TransportNode buildTransport(Path data) throws NodeStartException {
    NodeConfig.Transport tc = config.transport();
    TransportNode.Builder b =
        TransportNode.builder(Eid.of(config.eid()))
            .store(data.resolve("transport.mv.db"))
            .durability(TransportNode.Durability.valueOf(tc.durability()));
    if (tc.quotaBytes() > 0 || tc.quotaBundles() > 0) {
      b.quota(
          tc.quotaBytes() > 0 ? tc.quotaBytes() : Long.MAX_VALUE,
          tc.quotaBundles() > 0 ? tc.quotaBundles() : Long.MAX_VALUE);
    }
    if (tc.listen() != null) {
      b.inbound(TcpConvergenceLayer.listen(tc.listen(), TcpOptions.DEFAULT));
    }
    for (Path dir : tc.inboundDirectories()) {
      // The same carried folder as the sender's link: read its bundles, answer into its acks.
      b.inbound(new DirectoryConvergenceLayer(dir.resolve("acks"), dir.resolve("bundles")));
    }
    Map<Path, Map<String, ContactPlan>> plans = new LinkedHashMap<>();
    for (NodeConfig.Link l : tc.links()) {
      ConvergenceLayer layer =
          l.tcp() != null
              ? TcpConvergenceLayer.connect(l.tcp(), TcpOptions.DEFAULT)
              : new DirectoryConvergenceLayer(
                  l.directory().resolve("bundles"), l.directory().resolve("acks"));
      if (l.contactPlan() != null) {
        ContactPlan plan = plan(plans, l);
        b.link(l.name(), layer, plan, l.up());
      } else {
        b.link(l.name(), layer, null, l.up());
      }
    }
    for (NodeConfig.Route r : tc.routes()) {
      b.route(r.pattern(), r.link());
    }
    Inbox inbox = new Inbox(agent, manager, registry, transportRef);
    b.delivery(inbox, inbox.appliedUpTo());
    try {
      TransportNode t = b.build();
      open.add(t);
      return t;
    } catch (TransportException e) {
      throw new NodeStartException(
          NodeStartException.Code.TRANSPORT,
          "transport store " + data.resolve("transport.mv.db") + ": " + e.getMessage(),
          e);
    } catch (UncheckedIOException e) {
      throw new NodeStartException(
          NodeStartException.Code.TRANSPORT,
          "transport.listen "
              + tc.listen()
              + ": cannot listen ("
              + e.getCause().getMessage()
              + "): is another node using it? pick another port",
          e);
    }
  }

  private static ContactPlan plan(Map<Path, Map<String, ContactPlan>> cache, NodeConfig.Link l)
      throws NodeStartException {
    Map<String, ContactPlan> byLink = cache.get(l.contactPlan());
    if (byLink == null) {
      try {
        byLink = ContactPlanParser.parse(l.contactPlan(), Instant.now());
      } catch (ContactPlanException e) {
        throw new NodeStartException(NodeStartException.Code.TRANSPORT, e.getMessage(), e);
      } catch (IOException e) {
        throw new NodeStartException(
            NodeStartException.Code.TRANSPORT,
            "cannot read contact plan " + l.contactPlan() + ": " + e.getMessage(),
            e);
      }
      cache.put(l.contactPlan(), byLink);
    }
    ContactPlan p = byLink.get(l.name());
    // A plan file without contacts for this link means: never in contact.
    return p != null ? p : ContactPlan.of(List.of());
  }

  /** Time since start, for status. */
  Duration uptime() {
    return Duration.between(started, Instant.now());
  }

  /**
   * Stops the node: the API first, then the roles (the agent flushes its pending reports into the
   * transport), then the transport (everything accepted is on disk), then the rule scheduler. Safe
   * to call twice.
   */
  @Override
  public synchronized void close() {
    List<AutoCloseable> order = new ArrayList<>();
    for (AutoCloseable c :
        new AutoCloseable[] {
          http, fileEdds, agent, manager, transport, registryCloser, scheduler
        }) {
      if (c != null && open.contains(c)) {
        order.add(c);
      }
    }
    for (AutoCloseable c : order) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
      }
    }
    open.clear();
  }
}
