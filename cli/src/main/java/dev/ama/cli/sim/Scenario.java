package dev.ama.cli.sim;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A deployment to simulate ({@code scenario.yaml}, read by {@link ScenarioLoader}): registry
 * centers and managers, the links between them with their delays, rates and outages, the agents'
 * workload and the registry settings every center runs with. docs/sim.md describes each field.
 *
 * @param name shown in the summary
 * @param seed the seed of every random choice: the same seed gives the same run
 * @param start the virtual time the run starts at
 * @param duration how long the run lasts in virtual time
 * @param reportEvery how often each center reports its counts to the managers collecting it
 * @param centers the registry centers
 * @param managers the managers
 * @param links the links, each between two nodes (centers or managers)
 * @param workload what the agents do
 * @param registry the settings of every center
 */
public record Scenario(
    String name,
    long seed,
    Instant start,
    Duration duration,
    Duration reportEvery,
    List<Center> centers,
    List<Manager> managers,
    List<Link> links,
    Workload workload,
    Registry registry) {
  public Scenario {
    Objects.requireNonNull(name, "name");
    centers = List.copyOf(centers);
    managers = List.copyOf(managers);
    links = List.copyOf(links);
  }

  /**
   * A registry center.
   *
   * @param name the node's name in the scenario
   * @param eid its endpoint
   * @param agents how many agents are registered with it at the start
   * @param peers the centers it syncs with
   */
  public record Center(String name, String eid, int agents, List<Peer> peers) {
    public Center {
      peers = List.copyOf(peers);
    }
  }

  /** A sync partner: a center's name and the ACL groups whose restricted skills it may see. */
  public record Peer(String center, List<String> groups) {
    public Peer {
      groups = List.copyOf(groups);
    }
  }

  /**
   * A manager.
   *
   * @param collect the centers that report their counts to it
   * @param shareWith the managers it sends its fused count of online agents to
   */
  public record Manager(String name, String eid, List<String> collect, List<String> shareWith) {
    public Manager {
      collect = List.copyOf(collect);
      shareWith = List.copyOf(shareWith);
    }
  }

  /**
   * A link between two nodes, the same in both directions.
   *
   * @param rate bytes per second each way, 0 for no limit
   * @param loss the share of frames lost
   * @param outages when the link is down, from the start of the run
   */
  public record Link(
      String a, String b, Duration delay, long rate, double loss, List<Outage> outages) {
    public Link {
      outages = List.copyOf(outages);
    }

    /** The link's name: its two ends. */
    public String name() {
      return a + "--" + b;
    }
  }

  /** The link is down from {@code from} (after the start) for {@code length}. */
  public record Outage(Duration from, Duration length) {
    /** When it ends, after the start. */
    public Duration to() {
      return from.plus(length);
    }
  }

  /** A rate of events per center: a number per hour, or a share of the center's agents per hour. */
  public record Rate(double perHour, boolean shareOfAgents) {
    /** No events. */
    public static final Rate NONE = new Rate(0, false);

    /** Events per hour at a center with {@code agents} agents. */
    public double perHour(int agents) {
      return shareOfAgents ? perHour * agents : perHour;
    }

    @Override
    public String toString() {
      return shareOfAgents ? (perHour * 100) + "%/h" : perHour + "/h";
    }
  }

  /**
   * What agents do: they heartbeat to their home center, and by Poisson processes per center new
   * agents join, agents leave (deregister), vanish (fall silent for good: the center expires them),
   * flap (fall silent for a few minutes, then heartbeat again) and change their skills.
   *
   * @param skills the skill vocabulary
   * @param restricted skills only members of an ACL group may see: skill → group
   * @param skillsPerAgent how many skills an agent has
   * @param duplicates agents registered at two centers at the start (conflicts to resolve)
   */
  public record Workload(
      Duration heartbeat,
      List<String> skills,
      Map<String, String> restricted,
      int skillsPerAgent,
      Rate join,
      Rate leave,
      Rate vanish,
      Rate flap,
      Rate skillChange,
      int duplicates) {
    public Workload {
      skills = List.copyOf(skills);
      restricted = Map.copyOf(restricted);
    }
  }

  /**
   * What every center runs with (node.yaml's {@code registry} section).
   *
   * @param rules the sync rules file, or null for the shipped rules
   */
  public record Registry(
      Duration heartbeatTimeout,
      Duration retention,
      Duration takeoverTime,
      double guardShare,
      Duration guardWindow,
      int guardMinimum,
      int deltaMaxRecords,
      long pushThreshold,
      Path rules) {}
}
