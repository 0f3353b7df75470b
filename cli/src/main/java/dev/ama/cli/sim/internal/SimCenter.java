package dev.ama.cli.sim.internal;

import dev.ama.agent.Agent;
import dev.ama.agent.InMemoryAgentStore;
import dev.ama.agent.ReportOptions;
import dev.ama.agent.registry.HeartbeatResult;
import dev.ama.agent.registry.InMemoryRegistryStore;
import dev.ama.agent.registry.Registration;
import dev.ama.agent.registry.RegistryAdm;
import dev.ama.agent.registry.RegistryCenter;
import dev.ama.agent.registry.RegistryException;
import dev.ama.agent.registry.Skill;
import dev.ama.cli.sim.Scenario;
import dev.ama.model.ari.ExecSetLiteral;
import dev.ama.rules.schedule.RuleScheduler;
import dev.ama.transport.Eid;
import dev.ama.transport.Priority;
import dev.ama.transport.SendOptions;
import dev.ama.transport.TransportNode;
import dev.ama.transport.time.VirtualTimeScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One registry center of a simulation: a real {@link Agent} hosting the registry ADM over a real
 * {@link RegistryCenter} (in-memory store), its rules on the virtual clock, and the agents whose
 * home it is, driven by the scenario's workload.
 */
public final class SimCenter {
  /** Heartbeats of a center's agents are spread over this many slots per heartbeat interval. */
  private static final int SLOTS = 10;

  private final Scenario.Center spec;
  private final Scenario scenario;
  private final VirtualTimeScheduler time;
  private final SplittableRandom random;
  private final RegistryCenter center;
  private final RegistryAdm adm;
  private final Agent agent;
  private final List<SimAgent> live = new ArrayList<>();
  private final Map<String, Integer> liveIndex = new HashMap<>();

  /** The same agents by heartbeat slot, so that a tick visits only its own slot's agents. */
  private final List<Set<SimAgent>> bySlot = new ArrayList<>();

  private final WorkloadCounters counters;
  private TransportNode transport;
  private Function<String, SimCenter> centersByEid;
  private long nextAgent;
  private int slot;
  private boolean stopped;

  /** An agent heartbeating to this center. */
  private static final class SimAgent {
    final String id;
    final int slot;
    Instant silentUntil;

    SimAgent(String id, int slot) {
      this.id = id;
      this.slot = slot;
    }
  }

  /**
   * Builds the center.
   *
   * @param meter counts what the agent hands its transport
   * @param transportRef where the transport will be, once built
   */
  public SimCenter(
      Scenario scenario,
      Scenario.Center spec,
      Map<String, String> eidsByName,
      VirtualTimeScheduler time,
      RuleScheduler rules,
      TrafficMeter meter,
      WorkloadCounters counters,
      long seed) {
    this.spec = spec;
    this.scenario = scenario;
    this.time = time;
    this.random = new SplittableRandom(seed);
    this.counters = counters;
    for (int i = 0; i < SLOTS; i++) {
      bySlot.add(new LinkedHashSet<>());
    }
    Scenario.Registry rs = scenario.registry();
    RegistryCenter.Builder cb =
        RegistryCenter.builder()
            .eid(Eid.of(spec.eid()))
            .store(new InMemoryRegistryStore())
            .clock(time.clock())
            .heartbeatTimeout(rs.heartbeatTimeout())
            .retention(rs.retention())
            .takeoverTime(rs.takeoverTime())
            .partitionGuard(rs.guardShare(), rs.guardWindow(), rs.guardMinimum())
            .deltaMaxRecords(rs.deltaMaxRecords());
    for (Scenario.Peer p : spec.peers()) {
      cb.peer(Eid.of(eidsByName.get(p.center())), new TreeSet<>(p.groups()));
    }
    this.center = cb.build();
    this.adm = new RegistryAdm(center);
    this.agent =
        Agent.builder()
            .eid(spec.eid())
            .store(new InMemoryAgentStore())
            .scheduler(rules)
            .sender(
                (destination, message, options) -> {
                  meter.count(message, false);
                  transport.send(
                      Eid.of(destination),
                      message,
                      new SendOptions(options.priority(), options.lifetime(), true));
                })
            // Sync is idempotent and a center may be cut off for long: keep its reports a day.
            .reportOptions(new ReportOptions(Priority.NORMAL, Duration.ofDays(1)))
            .adm(adm.adm())
            .build();
    adm.bind(agent);
  }

  /** The center's name in the scenario. */
  public String name() {
    return spec.name();
  }

  /** Its endpoint. */
  public String eid() {
    return spec.eid();
  }

  /** The registry center. */
  public RegistryCenter center() {
    return center;
  }

  /** The registry ADM. */
  public RegistryAdm adm() {
    return adm;
  }

  /** The agent hosting the ADM. */
  public Agent agent() {
    return agent;
  }

  /** The transport, once attached. */
  public TransportNode transport() {
    return transport;
  }

  /** Agents heartbeating here now. */
  public int liveAgents() {
    return live.size();
  }

  /**
   * Attaches the built transport, starts the agent and runs its rules.
   *
   * @param centers finds another center of the simulation by EID (agents told to move)
   */
  public void start(
      TransportNode t, List<ExecSetLiteral> rules, Function<String, SimCenter> centers) {
    this.transport = t;
    this.centersByEid = centers;
    agent.start();
    for (ExecSetLiteral set : rules) {
      agent.execute(spec.eid(), set);
    }
  }

  /** Registers the initial agents and starts heartbeats and the workload. */
  public void startWorkload(List<String> duplicatesFromOthers) {
    for (int i = 0; i < spec.agents(); i++) {
      register(agentId(spec.name(), nextAgent++));
      counters.initial++;
    }
    for (String id : duplicatesFromOthers) {
      register(id);
    }
    Duration tick = scenario.workload().heartbeat().dividedBy(SLOTS);
    time.schedule(() -> heartbeatTick(tick), tick);
    scheduleNextEvent();
  }

  private void heartbeatTick(Duration tick) {
    Instant now = time.now();
    int current = slot;
    slot = (slot + 1) % SLOTS;
    // A copy: a heartbeat may move the agent (MOVED) or register it again (UNKNOWN).
    for (SimAgent a : new ArrayList<>(bySlot.get(current))) {
      if (a.silentUntil != null) {
        if (now.isBefore(a.silentUntil)) {
          continue;
        }
        a.silentUntil = null;
      }
      counters.heartbeats++;
      HeartbeatResult r = center.heartbeat(a.id);
      switch (r.outcome()) {
        case OK -> {}
        case MOVED -> moveTo(a, r.home().toString());
        case UNKNOWN -> {
          // Purged here while it was silent: the agent registers again, as a real one would.
          remove(a);
          register(a.id);
        }
      }
    }
    time.schedule(() -> heartbeatTick(tick), tick);
  }

  private void moveTo(SimAgent a, String home) {
    remove(a);
    counters.moved++;
    SimCenter target = centersByEid.apply(home);
    if (target != null && !target.liveIndex.containsKey(a.id)) {
      target.add(new SimAgent(a.id, a.slot));
    }
  }

  private void scheduleNextEvent() {
    Scenario.Workload w = scenario.workload();
    int n = Math.max(spec.agents(), 1);
    double[] rates = {
      w.join().perHour(n),
      w.leave().perHour(n),
      w.vanish().perHour(n),
      w.flap().perHour(n),
      w.skillChange().perHour(n)
    };
    double total = 0;
    for (double r : rates) {
      total += r;
    }
    if (total <= 0 || stopped) {
      return;
    }
    double hours = -Math.log(1 - random.nextDouble()) / total;
    long nanos = (long) (hours * 3_600_000_000_000.0);
    double pick = random.nextDouble() * total;
    int kind = 0;
    while (kind < rates.length - 1 && pick >= rates[kind]) {
      pick -= rates[kind];
      kind++;
    }
    int k = kind;
    time.schedule(
        () -> {
          if (stopped) {
            return;
          }
          event(k);
          scheduleNextEvent();
        },
        Duration.ofNanos(Math.max(nanos, 1)));
  }

  private void event(int kind) {
    if (kind == 0) {
      join();
      return;
    }
    SimAgent a = pickHeartbeating();
    if (a == null) {
      return;
    }
    try {
      switch (kind) {
        case 1 -> {
          remove(a);
          center.deregister(a.id);
          counters.leaves++;
        }
        case 2 -> {
          // Falls silent for good: the center expires it after the heartbeat timeout.
          remove(a);
          counters.vanished++;
        }
        case 3 -> {
          long seconds = 120 + random.nextLong(480);
          a.silentUntil = time.now().plusSeconds(seconds);
          counters.flaps++;
        }
        default -> {
          center.update(registration(a.id));
          counters.skillChanges++;
        }
      }
    } catch (RegistryException e) {
      // Not home here any more (moved by a takeover or a duplicate): the next heartbeat says so.
      counters.refused++;
    }
  }

  private SimAgent pickHeartbeating() {
    for (int tries = 0; tries < 8 && !live.isEmpty(); tries++) {
      SimAgent a = live.get(random.nextInt(live.size()));
      if (a.silentUntil == null) {
        return a;
      }
    }
    return null;
  }

  /** The id of the {@code n}th agent a center registers (from 0). */
  public static String agentId(String center, long n) {
    return center + "-" + n;
  }

  /** Stops the workload's events; heartbeats go on. */
  public void stopWorkload() {
    stopped = true;
  }

  private void join() {
    String id = agentId(spec.name(), nextAgent++);
    register(id);
    counters.joins++;
  }

  private void register(String id) {
    center.register(registration(id));
    add(new SimAgent(id, Math.floorMod(id.hashCode(), SLOTS)));
  }

  private void add(SimAgent a) {
    liveIndex.put(a.id, live.size());
    live.add(a);
    bySlot.get(a.slot).add(a);
  }

  private void remove(SimAgent a) {
    Integer i = liveIndex.remove(a.id);
    if (i == null) {
      return;
    }
    bySlot.get(a.slot).remove(a);
    SimAgent last = live.remove(live.size() - 1);
    if (last != a) {
      live.set(i, last);
      liveIndex.put(last.id, i);
    }
  }

  private Registration registration(String id) {
    Scenario.Workload w = scenario.workload();
    List<String> vocabulary = w.skills();
    TreeSet<String> names = new TreeSet<>();
    while (names.size() < w.skillsPerAgent()) {
      names.add(vocabulary.get(random.nextInt(vocabulary.size())));
    }
    List<Skill> skills = new ArrayList<>();
    for (String s : names) {
      String group = w.restricted().get(s);
      skills.add(group == null ? Skill.of(s) : Skill.restricted(s, group));
    }
    int host = Math.floorMod(id.hashCode(), 65_000);
    return Registration.of(
        id,
        id,
        List.of("tcp://10." + (host >> 8) + "." + (host & 255) + ".1:4556", "ipn:" + host + ".7"),
        skills);
  }
}
