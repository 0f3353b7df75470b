package dev.ama.cli.node;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A node's configuration, as read from {@code node.yaml} by {@link NodeConfigLoader}: every path is
 * already resolved against the configuration file's folder and every value checked. docs/node.md
 * describes each field.
 *
 * @param source the configuration file
 * @param eid the node's endpoint
 * @param agent the agent role, or null when the node is not an agent
 * @param manager the manager role, or null when the node is not a manager
 * @param registry the registry center, or null when the node is not one (it needs the agent role)
 * @param data the data directory (H2 files)
 */
public record NodeConfig(
    Path source,
    String eid,
    Path data,
    Http http,
    Transport transport,
    AgentRole agent,
    ManagerRole manager,
    Registry registry) {

  public NodeConfig {
    transport = transport == null ? Transport.NONE : transport;
  }

  /** A configuration without a registry center. */
  public NodeConfig(
      Path source,
      String eid,
      Path data,
      Http http,
      Transport transport,
      AgentRole agent,
      ManagerRole manager) {
    this(source, eid, data, http, transport, agent, manager, null);
  }

  /**
   * A registry center, hosted by the agent role (docs/registry.md, "Node configuration").
   *
   * @param peers the peer centers and the ACL groups whose restricted skills each may see
   * @param heartbeatTimeout silence after which an agent at home here is set OFFLINE
   * @param retention how long an OFFLINE record is kept, for registrations that name none
   * @param takeoverTime silence after which a peer home's records are taken over, or null for never
   * @param guardShare the partition guard's share of expiring agents (0 to 1)
   * @param guardWindow the window the guard counts expiries in
   * @param guardMinimum the fewest agents at home for the guard to act
   * @param deltaMaxRecords the most records in one delta
   * @param pushThreshold pending versions for a peer that make the shipped SBR push at once
   * @param rules the sync rules file replacing the shipped one, or null for the shipped rules
   */
  public record Registry(
      List<Peer> peers,
      Duration heartbeatTimeout,
      Duration retention,
      Duration takeoverTime,
      double guardShare,
      Duration guardWindow,
      int guardMinimum,
      int deltaMaxRecords,
      long pushThreshold,
      Path rules) {
    public Registry {
      peers = List.copyOf(peers);
    }
  }

  /** A peer center: its EID and the ACL groups whose restricted skills it may see. */
  public record Peer(String eid, List<String> groups) {
    public Peer {
      groups = List.copyOf(groups);
    }
  }

  /** The roles, for messages and status: "agent", "manager" or both. */
  public List<String> roles() {
    if (agent != null && manager != null) {
      return List.of("agent", "manager");
    }
    return List.of(agent != null ? "agent" : "manager");
  }

  /**
   * The HTTP API.
   *
   * @param address where it listens; loopback unless a token is set
   * @param token the bearer token every request must carry, or null (loopback only)
   */
  public record Http(InetSocketAddress address, String token) {}

  /**
   * The store-and-forward transport.
   *
   * @param listen the TCP address to accept peers on, or null for none
   * @param inboundDirectories folders carried media are dropped into
   * @param durability GROUP_COMMIT, GROUP_COMMIT_NO_SYNC or COMMIT_PER_BUNDLE
   * @param quotaBytes the store's byte limit, 0 for the transport's default
   * @param quotaBundles the store's bundle limit, 0 for the transport's default
   */
  public record Transport(
      InetSocketAddress listen,
      List<Path> inboundDirectories,
      String durability,
      long quotaBytes,
      long quotaBundles,
      List<Link> links,
      List<Route> routes) {
    /** No transport configured: the node only serves its API. */
    public static final Transport NONE =
        new Transport(null, List.of(), "GROUP_COMMIT", 0, 0, List.of(), List.of());

    public Transport {
      inboundDirectories = List.copyOf(inboundDirectories);
      links = List.copyOf(links);
      routes = List.copyOf(routes);
    }
  }

  /**
   * One outgoing link: exactly one of {@code tcp} and {@code directory}.
   *
   * @param contactPlan a contact plan file whose contacts for this link's name apply, or null
   * @param up whether the link starts up
   */
  public record Link(
      String name, InetSocketAddress tcp, Path directory, Path contactPlan, boolean up) {}

  /** Bundles for destinations matching {@code pattern} (an EID, {@code *} glob) leave by link. */
  public record Route(String pattern, String link) {}

  /**
   * The agent role.
   *
   * @param helloTo managers that get the hello report when the agent starts
   * @param reportPriority the default class of reports: bulk, normal or expedited
   * @param defaultAccess permission names granted where no access entry matches an object, or null
   *     for every permission
   * @param startup operator-language files the agent executes as itself at every start
   * @param eddPoll how often file-backed EDDs are checked for a change
   */
  public record AgentRole(
      List<String> helloTo,
      Duration consolidationWindow,
      int maxMessageBytes,
      String reportPriority,
      Duration reportLifetime,
      List<String> defaultAccess,
      List<Group> groups,
      List<Access> access,
      List<Path> startup,
      List<Model> models,
      Duration eddPoll) {
    public AgentRole {
      helloTo = List.copyOf(helloTo);
      defaultAccess = defaultAccess == null ? null : List.copyOf(defaultAccess);
      groups = List.copyOf(groups);
      access = List.copyOf(access);
      startup = List.copyOf(startup);
      models = List.copyOf(models);
    }
  }

  /** An ACL group: its entry id, name and member EID patterns ({@code *} glob). */
  public record Group(long id, String name, List<String> members) {}

  /**
   * An access entry.
   *
   * @param groups group ids, empty for every group
   * @param objects the objects filter: an EXPR in ARI text
   * @param permissions permission names
   */
  public record Access(long id, List<Long> groups, String objects, List<String> permissions) {}

  /**
   * An application model the node hosts (agent) or knows the names of (manager).
   *
   * @param org the organisation name
   * @param model the model name
   * @param edds its EDDs, enums in the order given (from 0)
   * @param ctrls CTRL names a manager may use (managers only)
   */
  public record Model(String org, String model, List<Edd> edds, List<String> ctrls) {}

  /** An EDD whose value an application writes to a file (ARI text or a number), or null. */
  public record Edd(String name, Path file) {}

  /**
   * The manager role.
   *
   * @param namespace the ODM this manager defines objects in, or null for one derived from the EID
   * @param expectations agents and reports expected periodically (staleness)
   */
  public record ManagerRole(
      String namespace,
      List<Model> models,
      List<Fusion> fusions,
      Duration stalenessMargin,
      List<Expect> expectations) {
    public ManagerRole {
      models = List.copyOf(models);
      fusions = List.copyOf(fusions);
      expectations = List.copyOf(expectations);
    }
  }

  /** An agent ({@code *} for any) expected to report {@code source} ({@code *}) every period. */
  public record Expect(String agent, String source, Duration period) {}

  /**
   * A fused variable: computed from reports of several agents, reported to other managers.
   *
   * @param function sum, average, min, max, count or last; null when {@code expression} is set
   * @param expression an operator-language expression over the inputs' names, or null
   * @param window how long an input's latest value counts
   * @param destinations managers the fused reports go to
   * @param acl EIDs allowed to receive it; empty for exactly the destinations
   */
  public record Fusion(
      String name,
      List<FusionInput> inputs,
      String function,
      String expression,
      Duration window,
      List<String> destinations,
      List<String> acl) {}

  /** One input of a fused variable: which agent's which report source, which item, under a name. */
  public record FusionInput(String name, String agent, String source, int item) {}
}
