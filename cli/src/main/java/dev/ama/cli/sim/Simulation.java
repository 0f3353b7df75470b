package dev.ama.cli.sim;

import dev.ama.agent.registry.RegistryCenter;
import dev.ama.agent.registry.RegistryStatus;
import dev.ama.cli.node.NodeConfig;
import dev.ama.cli.node.internal.Inbox;
import dev.ama.cli.node.internal.RegistryRules;
import dev.ama.cli.sim.internal.Routes;
import dev.ama.cli.sim.internal.RuleClock;
import dev.ama.cli.sim.internal.SimCenter;
import dev.ama.cli.sim.internal.SimManager;
import dev.ama.cli.sim.internal.TrafficMeter;
import dev.ama.cli.sim.internal.WorkloadCounters;
import dev.ama.grammar.lang.LangCompiler;
import dev.ama.grammar.lang.LangException;
import dev.ama.model.ari.ExecSetLiteral;
import dev.ama.transport.Eid;
import dev.ama.transport.TransportException;
import dev.ama.transport.TransportNode;
import dev.ama.transport.cl.ConvergenceLayer;
import dev.ama.transport.cl.SimulatedLink;
import dev.ama.transport.time.VirtualTimeScheduler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole deployment in one process, in virtual time: every center is a real agent hosting the
 * registry ADM and running the sync rules, every manager a real manager, each with a real
 * store-and-forward transport, joined by simulated links that delay, limit, lose and go down as the
 * scenario says. One thread drives one virtual clock, so a run is deterministic for a seed.
 * docs/sim.md describes what is simulated and what is measured.
 */
public final class Simulation implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Simulation.class);

  /** How often the centers' agreement is checked, in virtual time. */
  private static final Duration CHECK_EVERY = Duration.ofSeconds(5);

  /** How long a run goes on after the workload stops, at most, for the centers to agree. */
  public static final Duration DRAIN_LIMIT = Duration.ofMinutes(30);

  private static final long PROGRESS_NANOS = 250_000_000L;

  private final Scenario scenario;
  private final Path workDir;
  private final VirtualTimeScheduler time;
  private final RuleClock rules;
  private final TrafficMeter meter = new TrafficMeter();
  private final WorkloadCounters counters = new WorkloadCounters();
  private final Map<String, String> eids = new LinkedHashMap<>();
  private final Map<String, SimCenter> centers = new LinkedHashMap<>();
  private final Map<String, SimCenter> centersByEid = new HashMap<>();
  private final Map<String, SimManager> managers = new LinkedHashMap<>();
  private final Map<String, SimulatedLink> links = new LinkedHashMap<>();
  private final Map<String, Duration> downtime = new HashMap<>();
  private final Map<String, Instant> downSince = new HashMap<>();
  private final List<TransportNode> transports = new ArrayList<>();
  private final List<Recovery> recoveries = new ArrayList<>();
  private Recovery startup;
  private Map<String, Long> drainTarget;
  private Instant workloadEnd;
  private Instant drainedAt;
  private long steadyStartBytes = -1;
  private long wireBytesAtWorkloadEnd = -1;
  private long versionsAtSteadyStart = -1;
  private long versionsAtWorkloadEnd = -1;

  /** Catching up after a moment: the versions every owner had issued then. */
  private static final class Recovery {
    final String link;
    final Duration from;
    final Duration to;
    final Instant at;
    final Map<String, Long> target;
    final long behind;
    Duration caughtUpAfter;

    Recovery(
        String link,
        Duration from,
        Duration to,
        Instant at,
        Map<String, Long> target,
        long behind) {
      this.link = link;
      this.from = from;
      this.to = to;
      this.at = at;
      this.target = target;
      this.behind = behind;
    }
  }

  private Simulation(Scenario scenario, Path workDir) {
    this.scenario = scenario;
    this.workDir = workDir;
    this.time = new VirtualTimeScheduler(scenario.start());
    this.rules = new RuleClock(time);
  }

  /**
   * Builds every node and link of a scenario; nothing runs until {@link #run}.
   *
   * @param workDir where managers keep their H2 files for the run (emptied by the caller)
   * @throws ScenarioException INVALID when the scenario's rules do not compile
   */
  public static Simulation create(Scenario scenario, Path workDir) throws ScenarioException {
    Simulation s = new Simulation(scenario, workDir);
    try {
      s.build();
      return s;
    } catch (ScenarioException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  private void build() throws ScenarioException {
    scenario.centers().forEach(c -> eids.put(c.name(), c.eid()));
    scenario.managers().forEach(m -> eids.put(m.name(), m.eid()));
    String template = syncRules();
    long seed = scenario.seed();
    int i = 0;
    for (Scenario.Center c : scenario.centers()) {
      SimCenter sc =
          new SimCenter(scenario, c, eids, time, rules, meter, counters, seed * 1_000_003L + i++);
      centers.put(c.name(), sc);
      centersByEid.put(c.eid(), sc);
    }
    for (Scenario.Manager m : scenario.managers()) {
      managers.put(
          m.name(), new SimManager(scenario, m, eids, time, workDir.resolve(m.name()), meter));
    }
    Map<String, Map<String, ConvergenceLayer>> ends = new HashMap<>();
    int li = 0;
    for (Scenario.Link l : scenario.links()) {
      SimulatedLink link =
          SimulatedLink.builder(l.name(), time)
              .delay(l.delay())
              .rate(l.rate())
              .loss(l.loss())
              .seed(seed * 7_919L + li++)
              .maxBacklog(Duration.ofMinutes(10))
              .build();
      links.put(l.name(), link);
      ends.computeIfAbsent(l.a(), k -> new LinkedHashMap<>()).put(l.b(), link.endA());
      ends.computeIfAbsent(l.b(), k -> new LinkedHashMap<>()).put(l.a(), link.endB());
      downtime.put(l.name(), Duration.ZERO);
    }
    Map<String, Map<String, String>> nextHops = Routes.nextHops(eids.keySet(), scenario.links());
    for (String node : eids.keySet()) {
      SimCenter c = centers.get(node);
      SimManager m = managers.get(node);
      AtomicReference<TransportNode> ref = new AtomicReference<>();
      Inbox inbox =
          new Inbox(
              c == null ? null : c.agent(),
              m == null ? null : m.manager(),
              c == null ? null : c.adm(),
              ref);
      TransportNode.Builder b =
          TransportNode.builder(Eid.of(eids.get(node)))
              .inMemoryStore()
              .scheduler(time)
              .seed(seed + node.hashCode())
              .delivery(inbox, inbox.appliedUpTo());
      ends.getOrDefault(node, Map.of()).forEach(b::link);
      nextHops.getOrDefault(node, Map.of()).forEach((dest, hop) -> b.route(eids.get(dest), hop));
      TransportNode t;
      try {
        t = b.build();
      } catch (TransportException e) {
        throw new IllegalStateException("transport of " + node + ": " + e.getMessage(), e);
      }
      ref.set(t);
      transports.add(t);
      if (c != null) {
        c.start(t, compileRules(template, c), centersByEid::get);
      } else {
        m.start(t);
      }
    }
  }

  private String syncRules() throws ScenarioException {
    Path file = scenario.registry().rules();
    if (file == null) {
      return RegistryRules.shipped();
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ScenarioException(
          ScenarioException.Code.UNREADABLE,
          List.of(
              new dev.ama.cli.node.NodeConfigException.Problem(
                  file.toString(), 0, 0, "registry.rules", "cannot read: " + e.getMessage())));
    }
  }

  /** The sync rules for a center's peers, and one report rule per manager that collects it. */
  private List<ExecSetLiteral> compileRules(String template, SimCenter c) throws ScenarioException {
    Scenario.Registry rs = scenario.registry();
    Scenario.Center spec = centerSpec(c.name());
    List<NodeConfig.Peer> peers = new ArrayList<>();
    for (Scenario.Peer p : spec.peers()) {
      peers.add(new NodeConfig.Peer(eids.get(p.center()), p.groups()));
    }
    NodeConfig.Registry rc =
        new NodeConfig.Registry(
            peers,
            rs.heartbeatTimeout(),
            rs.retention(),
            rs.takeoverTime(),
            rs.guardShare(),
            rs.guardWindow(),
            rs.guardMinimum(),
            rs.deltaMaxRecords(),
            rs.pushThreshold(),
            rs.rules());
    StringBuilder text = new StringBuilder(RegistryRules.render(template, rc)).append('\n');
    long seconds = Math.max(1, scenario.reportEvery().toSeconds());
    for (Scenario.Manager m : scenario.managers()) {
      if (m.collect().contains(c.name())) {
        text.append("RULE report-")
            .append(m.name())
            .append(": EVERY ")
            .append(seconds)
            .append("s DO REPORT(")
            .append(SimManager.OWN_ONLINE)
            .append(") TO \"")
            .append(m.eid())
            .append("\"\n");
      }
    }
    String name = rs.rules() == null ? "registry-sync-rules.ama (shipped)" : rs.rules().toString();
    try {
      return LangCompiler.builder().build().compile(text.toString(), name).execSets();
    } catch (LangException e) {
      throw new ScenarioException(
          ScenarioException.Code.INVALID,
          List.of(
              new dev.ama.cli.node.NodeConfigException.Problem(name, 0, 0, "", e.getMessage())));
    }
  }

  private Scenario.Center centerSpec(String name) {
    for (Scenario.Center c : scenario.centers()) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException(name);
  }

  /** A center's registry, by its name in the scenario (to inspect after a run). */
  public RegistryCenter center(String name) {
    SimCenter c = centers.get(name);
    if (c == null) {
      throw new IllegalArgumentException("no center " + name + " in scenario " + scenario.name());
    }
    return c.center();
  }

  /**
   * Runs the scenario: the workload for its duration, then (heartbeats and rules still running) up
   * to {@link #DRAIN_LIMIT} more until every center holds every version issued until the workload
   * stopped.
   */
  public SimSummary run(SimProgressListener progress) {
    long wallStart = System.nanoTime();
    Instant start = time.now();
    Map<String, List<String>> duplicates = duplicatePlan();
    for (SimCenter c : centers.values()) {
      c.startWorkload(duplicates.getOrDefault(c.name(), List.of()));
    }
    startup = new Recovery("start-up", Duration.ZERO, Duration.ZERO, start, sequences(), 0);
    scheduleOutages(start);
    time.schedule(this::check, CHECK_EVERY);
    workloadEnd = start.plus(scenario.duration());
    long lastProgress = System.nanoTime();
    Instant end = workloadEnd;
    boolean draining = false;
    while (true) {
      Instant next = time.now().plusSeconds(1);
      if (next.isAfter(end)) {
        next = end;
      }
      time.advanceTo(next);
      long now = System.nanoTime();
      if (now - lastProgress >= PROGRESS_NANOS || !time.now().isBefore(end)) {
        lastProgress = now;
        progress.onProgress(progress(start));
      }
      if (draining && drainedAt != null) {
        break;
      }
      if (time.now().isBefore(end)) {
        continue;
      }
      if (!draining) {
        draining = true;
        wireBytesAtWorkloadEnd = wireBytes();
        drainTarget = sequences();
        versionsAtWorkloadEnd = totalVersions();
        centers.values().forEach(SimCenter::stopWorkload);
        end = workloadEnd.plus(DRAIN_LIMIT);
        LOG.info("workload stopped at {}; draining", Duration.between(start, time.now()));
      }
      if (drainedAt != null || !time.now().isBefore(end)) {
        break;
      }
    }
    return summary(start, Duration.ofNanos(System.nanoTime() - wallStart));
  }

  private Map<String, List<String>> duplicatePlan() {
    Map<String, List<String>> out = new HashMap<>();
    int n = scenario.workload().duplicates();
    List<SimCenter> list = new ArrayList<>(centers.values());
    if (n == 0 || list.size() < 2) {
      return out;
    }
    // The first center's first agents also register, a moment later, at the other centers in turn.
    Scenario.Center first = scenario.centers().get(0);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n && i < first.agents(); i++) {
      ids.add(SimCenter.agentId(first.name(), i));
    }
    for (int i = 0; i < ids.size(); i++) {
      SimCenter other = list.get(1 + i % (list.size() - 1));
      out.computeIfAbsent(other.name(), k -> new ArrayList<>()).add(ids.get(i));
    }
    return out;
  }

  private void scheduleOutages(Instant start) {
    for (Scenario.Link l : scenario.links()) {
      SimulatedLink link = links.get(l.name());
      for (Scenario.Outage o : l.outages()) {
        time.schedule(
            () -> {
              link.setUp(false);
              downSince.put(l.name(), time.now());
              LOG.info("{} down at {}", l.name(), o.from());
            },
            Duration.between(time.now(), start.plus(o.from())));
        time.schedule(
            () -> {
              link.setUp(true);
              Instant since = downSince.remove(l.name());
              if (since != null) {
                downtime.merge(l.name(), Duration.between(since, time.now()), Duration::plus);
              }
              recoveries.add(
                  new Recovery(l.name(), o.from(), o.to(), time.now(), sequences(), behind()));
              LOG.info("{} up at {}", l.name(), o.to());
            },
            Duration.between(time.now(), start.plus(o.to())));
      }
    }
  }

  /** Every owner's own sequence now. */
  private Map<String, Long> sequences() {
    Map<String, Long> m = new HashMap<>();
    centers.values().forEach(c -> m.put(c.eid(), c.center().sequence()));
    return m;
  }

  private void check() {
    Instant now = time.now();
    if (startup.caughtUpAfter == null && caughtUp(startup.target)) {
      startup.caughtUpAfter = Duration.between(startup.at, now);
      steadyStartBytes = wireBytes();
      versionsAtSteadyStart = totalVersions();
      LOG.info("start-up sync done after {}", startup.caughtUpAfter);
    }
    for (Recovery r : recoveries) {
      if (r.caughtUpAfter == null && caughtUp(r.target)) {
        r.caughtUpAfter = Duration.between(r.at, now);
      }
    }
    // Expiry and retention keep issuing versions after the workload stops: what counts is that
    // everything issued up to then has reached every center.
    if (drainTarget != null && drainedAt == null && caughtUp(drainTarget)) {
      drainedAt = now;
    }
    time.schedule(this::check, CHECK_EVERY);
  }

  private boolean caughtUp(Map<String, Long> target) {
    for (SimCenter c : centers.values()) {
      Map<Eid, Long> v = c.center().vector();
      for (Map.Entry<String, Long> t : target.entrySet()) {
        if (!t.getKey().equals(c.eid()) && v.getOrDefault(Eid.of(t.getKey()), 0L) < t.getValue()) {
          return false;
        }
      }
    }
    return true;
  }

  /** Versions the centers lack now, summed over centers and owners. */
  private long behind() {
    long n = 0;
    for (SimCenter c : centers.values()) {
      n += behind(c);
    }
    return n;
  }

  private long behind(SimCenter c) {
    Map<Eid, Long> v = c.center().vector();
    long n = 0;
    for (SimCenter owner : centers.values()) {
      if (owner != c) {
        n += Math.max(0, owner.center().sequence() - v.getOrDefault(Eid.of(owner.eid()), 0L));
      }
    }
    return n;
  }

  private long totalVersions() {
    long n = 0;
    for (SimCenter c : centers.values()) {
      n += c.center().sequence();
    }
    return n;
  }

  private long wireBytes() {
    long n = 0;
    for (SimulatedLink l : links.values()) {
      n += l.bytesAtoB() + l.bytesBtoA();
    }
    return n;
  }

  private SimProgress progress(Instant start) {
    List<String> down = new ArrayList<>();
    links.forEach(
        (name, l) -> {
          if (!l.isUp()) {
            down.add(name);
          }
        });
    return new SimProgress(
        Duration.between(start, time.now()),
        scenario.duration(),
        time.executedTasks(),
        wireBytes(),
        down);
  }

  private SimSummary summary(Instant start, Duration wall) {
    List<SimSummary.LinkTraffic> lt = new ArrayList<>();
    long frames = 0;
    for (Scenario.Link l : scenario.links()) {
      SimulatedLink link = links.get(l.name());
      Duration down = downtime.get(l.name());
      Instant since = downSince.get(l.name());
      if (since != null) {
        down = down.plus(Duration.between(since, time.now()));
      }
      lt.add(
          new SimSummary.LinkTraffic(
              l.name(),
              l.a(),
              l.b(),
              link.bytesAtoB(),
              link.bytesBtoA(),
              link.framesSent(),
              link.framesLost(),
              down));
      frames += link.framesSent();
    }
    List<SimSummary.OutageRecovery> outages = new ArrayList<>();
    for (Recovery r : recoveries) {
      outages.add(new SimSummary.OutageRecovery(r.link, r.from, r.to, r.behind, r.caughtUpAfter));
    }
    List<SimSummary.CenterState> cs = new ArrayList<>();
    long truth = 0;
    for (SimCenter c : centers.values()) {
      RegistryCenter rc = c.center();
      Map<RegistryStatus, Long> own = rc.ownCounts();
      truth += own.getOrDefault(RegistryStatus.ONLINE, 0L);
      long records = 0;
      for (Map<RegistryStatus, Long> byStatus : rc.counts().values()) {
        for (long v : byStatus.values()) {
          records += v;
        }
      }
      cs.add(
          new SimSummary.CenterState(
              c.name(),
              c.eid(),
              own.getOrDefault(RegistryStatus.ONLINE, 0L),
              own.getOrDefault(RegistryStatus.OFFLINE, 0L),
              records,
              behind(c),
              rc.conflicts().size(),
              rc.takenOver(),
              rc.guardHeld()));
    }
    List<SimSummary.ManagerState> ms = new ArrayList<>();
    for (Scenario.Manager spec : scenario.managers()) {
      SimManager m = managers.get(spec.name());
      long fromCenters = 0;
      long estimate = 0;
      for (String c : spec.collect()) {
        fromCenters += m.count(eids.get(c));
        estimate += m.latestOwnOnline(eids.get(c));
      }
      long fused = 0;
      for (Scenario.Manager other : scenario.managers()) {
        if (other.shareWith().contains(spec.name()) && !other.collect().isEmpty()) {
          SimManager o = managers.get(other.name());
          fused += m.count(other.eid());
          estimate += m.latestFused(o);
        }
      }
      ms.add(new SimSummary.ManagerState(spec.name(), spec.eid(), fromCenters, fused, estimate));
    }
    long steady = steadyStartBytes < 0 ? 0 : wireBytesAtWorkloadEnd - steadyStartBytes;
    Duration drained =
        drainedAt == null
            ? Duration.between(workloadEnd, time.now())
            : Duration.between(workloadEnd, drainedAt);
    return new SimSummary(
        scenario.name(),
        scenario.seed(),
        scenario.duration(),
        drained,
        wall,
        time.executedTasks(),
        lt,
        wireBytes(),
        frames,
        startup.caughtUpAfter,
        Math.max(0, steady),
        versionsAtSteadyStart < 0 ? 0 : versionsAtWorkloadEnd - versionsAtSteadyStart,
        meter.bytes(),
        meter.messages(),
        outages,
        drainedAt == null ? null : Duration.between(workloadEnd, drainedAt),
        cs,
        ms,
        new SimSummary.Workload(
            counters.initial,
            counters.joins,
            counters.leaves,
            counters.vanished,
            counters.flaps,
            counters.skillChanges,
            counters.heartbeats,
            counters.moved),
        truth);
  }

  @Override
  public void close() {
    // Roles first (an agent flushes its pending reports into its transport), then transports.
    for (SimCenter c : centers.values()) {
      c.agent().close();
    }
    for (SimManager m : managers.values()) {
      m.manager().close();
    }
    for (TransportNode t : transports) {
      try {
        t.close();
      } catch (RuntimeException e) {
        LOG.warn("closing a transport failed: {}", e.toString());
      }
    }
    rules.close();
  }
}
