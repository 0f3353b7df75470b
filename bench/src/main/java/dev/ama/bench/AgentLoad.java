package dev.ama.bench;

import dev.ama.agent.Agent;
import dev.ama.agent.AgentCounters;
import dev.ama.agent.H2AgentStore;
import dev.ama.agent.InMemoryAgentStore;
import dev.ama.grammar.lang.LangCompiler;
import dev.ama.grammar.lang.LangException;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.ExecSetLiteral;
import dev.ama.model.ari.NullLiteral;
import dev.ama.rules.schedule.QuartzRuleScheduler;
import dev.ama.rules.schedule.RuleScheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * One agent under rule load, as a node runs it: a real {@link Agent} on a real-time {@link
 * QuartzRuleScheduler} (one worker, as the node has), a store in memory or in an H2 file in a
 * temporary directory, the application {@link LoadApp}, and a {@code ReportSender} that counts the
 * messages (there is no transport). The rules are written in the operator language and installed as
 * a manager's start-up file would be: the compiled EXECSETs of {@code ensure-sbr} / {@code
 * ensure-tbr} run with {@code agent.execute(agent.eid(), …)}.
 *
 * <p>The rules of a {@link Shape} with {@code edds} EDDs, {@code sbrs} SBRs and {@code tbrs} TBRs:
 * SBR {@code n} reads EDD {@code k = n % edds}, so each EDD is read by {@code r = sbrs / edds}
 * SBRs, and is the {@code j = n / edds}-th of them. Per EDD:
 *
 * <ul>
 *   <li>one <b>probe</b>, at position {@code j = k·r/edds} (so the probes sit at every position of
 *       their EDD's list, from first to last): {@code RULE p<k>: IF e<k> < 0 THEN hit(<k>)} — false
 *       until a sample sets {@code e<k>} to -1;
 *   <li>one <b>always true</b> SBR, half the list away from the probe: {@code IF e<k> > -1000 THEN
 *       REPORT(e<k>)} — it fires every min-interval (1 s) and sends a report;
 *   <li>the others <b>false</b>: {@code IF e<k> > 1000+n THEN REPORT(e<k>)}.
 * </ul>
 *
 * TBR {@code m}: {@code RULE t<m>: EVERY 1s DO REPORT(e<m % edds>)}. Every SBR has min-interval 1
 * s; reports go to {@code ipn:1.1}.
 */
public final class AgentLoad implements AutoCloseable {
  /** The agent's endpoint ID. */
  public static final String AGENT = "ipn:2.1";

  /** Where the rules' reports go. */
  public static final String MANAGER = "ipn:1.1";

  /** How many rule definitions go into one EXECSET when installing. */
  static final int TARGETS_PER_EXECSET = 500;

  /** Where the agent keeps its state. */
  public enum StoreKind {
    /** {@link InMemoryAgentStore}. */
    MEMORY,
    /** {@link H2AgentStore} on a file in a temporary directory. */
    H2
  }

  /** The real-time scheduler the rules run on. */
  public enum SchedulerKind {
    /** {@link QuartzRuleScheduler} with one worker, as a node runs it. */
    QUARTZ,
    /** {@link ExecutorRuleScheduler}: a comparison point, not part of ama. */
    EXECUTOR
  }

  /**
   * The rules to install.
   *
   * @param edds EDDs of the application ({@code e0 … e(edds-1)})
   * @param sbrs SBRs, a multiple of {@code edds} (0 for none); with one per EDD they are all probes
   * @param tbrs TBRs at 1 s
   */
  public record Shape(int edds, int sbrs, int tbrs) {
    /** Checks the counts. */
    public Shape {
      if (edds < 1) {
        throw new IllegalArgumentException("at least one EDD, not " + edds);
      }
      if (sbrs < 0 || tbrs < 0) {
        throw new IllegalArgumentException("rule counts are >= 0: " + sbrs + ", " + tbrs);
      }
      if (sbrs % edds != 0) {
        throw new IllegalArgumentException(
            "the SBRs (" + sbrs + ") are a multiple of the EDDs (" + edds + ")");
      }
    }

    /** No rules: the idle agent. */
    public static Shape idle(int edds) {
      return new Shape(edds, 0, 0);
    }

    /** One probe SBR per EDD and nothing else. */
    public static Shape probesOnly(int edds) {
      return new Shape(edds, edds, 0);
    }

    /** SBRs reading each EDD. */
    int readers() {
      return sbrs / edds;
    }

    /** Whether the SBRs include a probe per EDD. */
    public boolean hasProbes() {
      return sbrs > 0;
    }

    /** The SBRs that are true all the time (one per EDD when there are at least two readers). */
    public int alwaysTrue() {
      return readers() >= 2 ? edds : 0;
    }
  }

  private final Shape shape;
  private final LoadApp app;
  private final RuleScheduler scheduler;
  private final String schedulerName;
  private final Path dir;
  private final CountingAgentStore store;
  private final Agent agent;
  private final AtomicLong messages = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();

  private AgentLoad(Shape shape, StoreKind kind, SchedulerKind schedulerKind) throws IOException {
    this.shape = shape;
    this.app = new LoadApp(shape.edds());
    this.dir = kind == StoreKind.H2 ? Files.createTempDirectory("ama-agent-load") : null;
    CountingAgentStore store =
        new CountingAgentStore(
            kind == StoreKind.H2
                ? H2AgentStore.open(dir.resolve("agent"))
                : new InMemoryAgentStore());
    this.store = store;
    if (schedulerKind == SchedulerKind.QUARTZ) {
      QuartzRuleScheduler q = new QuartzRuleScheduler("bench-rules");
      this.scheduler = q;
      this.schedulerName = q.name();
    } else {
      ExecutorRuleScheduler e = new ExecutorRuleScheduler("bench-rules");
      this.scheduler = e;
      this.schedulerName = e.name();
    }
    Agent a;
    try {
      a =
          Agent.builder()
              .eid(AGENT)
              .store(store)
              .scheduler(scheduler)
              .adm(app.adm())
              .sender(
                  (dest, message, options) -> {
                    messages.incrementAndGet();
                    bytes.addAndGet(message.length);
                  })
              .build();
      a.start();
    } catch (RuntimeException e) {
      store.close();
      scheduler.close();
      deleteDir();
      throw e;
    }
    this.agent = a;
  }

  /**
   * Starts an agent with no rules yet, on Quartz.
   *
   * @throws IOException when the temporary directory cannot be made
   */
  public static AgentLoad start(Shape shape, StoreKind kind) throws IOException {
    return new AgentLoad(shape, kind, SchedulerKind.QUARTZ);
  }

  /**
   * Starts an agent with no rules yet, on the given scheduler.
   *
   * @throws IOException when the temporary directory cannot be made
   */
  public static AgentLoad start(Shape shape, StoreKind kind, SchedulerKind scheduler)
      throws IOException {
    return new AgentLoad(shape, kind, scheduler);
  }

  /** The operator-language source of the shape's rules. */
  public static String source(Shape s) {
    StringBuilder b = new StringBuilder();
    b.append("DECLARE //").append(LoadApp.ORG).append('/').append(LoadApp.MODEL).append(" {\n");
    b.append("  EDD ");
    for (int k = 0; k < s.edds(); k++) {
      b.append(k == 0 ? "" : ", ").append(LoadApp.edd(k));
    }
    b.append("\n  CTRL hit\n}\n");
    b.append("NAMESPACE //").append(LoadApp.ORG).append("/!load\n");
    b.append("REPORT_TO \"").append(MANAGER).append("\"\n");
    int r = s.readers();
    for (int n = 0; n < s.sbrs(); n++) {
      int k = n % s.edds();
      int j = n / s.edds();
      String e = LoadApp.edd(k);
      int probe = probePosition(s, k);
      if (j == probe) {
        b.append("RULE p").append(k).append(": IF ").append(e).append(" < 0 THEN hit(");
        b.append(k).append(')');
      } else if (j == (probe + r / 2) % r) {
        b.append("RULE s").append(n).append(": IF ").append(e).append(" > -1000 THEN REPORT(");
        b.append(e).append(')');
      } else {
        b.append("RULE s").append(n).append(": IF ").append(e).append(" > ").append(1000 + n);
        b.append(" THEN REPORT(").append(e).append(')');
      }
      b.append(" MIN_INTERVAL 1s\n");
    }
    for (int m = 0; m < s.tbrs(); m++) {
      b.append("RULE t").append(m).append(": EVERY 1s DO REPORT(");
      b.append(LoadApp.edd(m % s.edds())).append(")\n");
    }
    return b.toString();
  }

  /** Where EDD {@code k}'s probe is in the list of SBRs that read {@code k}. */
  static int probePosition(Shape s, int k) {
    return (int) ((long) k * s.readers() / s.edds());
  }

  /**
   * Compiles the shape's rules and installs them, {@value #TARGETS_PER_EXECSET} per EXECSET, as the
   * agent itself (a start-up file).
   *
   * @return the number of rules installed
   * @throws IllegalStateException when the source does not compile or a control failed
   */
  public int install() {
    List<ExecSetLiteral> compiled;
    try {
      compiled =
          LangCompiler.builder()
              .model(app.ids())
              .build()
              .compile(source(shape), "load.ama")
              .execSets();
    } catch (LangException e) {
      throw new IllegalStateException("the load's rules do not compile: " + e.getMessage(), e);
    }
    List<Ari> targets = new ArrayList<>();
    for (ExecSetLiteral es : compiled) {
      targets.addAll(es.targets());
      if (targets.size() >= TARGETS_PER_EXECSET) {
        agent.execute(agent.eid(), new ExecSetLiteral(NullLiteral.UNTYPED, targets));
        targets = new ArrayList<>();
      }
    }
    if (!targets.isEmpty()) {
      agent.execute(agent.eid(), new ExecSetLiteral(NullLiteral.UNTYPED, targets));
    }
    AgentCounters c = agent.status().counters();
    if (c.execFailed() != 0) {
      throw new IllegalStateException(c.execFailed() + " controls failed while installing");
    }
    return agent.status().rules().size();
  }

  /**
   * One reaction: sets {@code e<k>} to -1 so that probe {@code p<k>} turns true, tells the agent
   * ({@code eddChanged}) and waits until {@code hit(k)} ran; then sets it back to 0 (and tells the
   * agent, as an application would; not timed).
   *
   * @return nanoseconds from just before the field was set to when {@code hit(k)} started, or -1
   *     when it did not run within {@code timeout}
   */
  public long react(int k, Duration timeout) {
    long before = app.hits(k);
    long t0 = System.nanoTime();
    app.set(k, -1);
    agent.eddChanged(app.ref(k));
    long deadline = t0 + timeout.toNanos();
    while (app.hits(k) == before && System.nanoTime() < deadline) {
      // The action ran on this thread unless a periodic evaluation got there first.
      LockSupport.parkNanos(50_000);
    }
    long result = app.hits(k) == before ? -1 : app.lastHitNanos(k) - t0;
    app.set(k, 0);
    agent.eddChanged(app.ref(k));
    return result;
  }

  /** The shape installed by {@link #install()}. */
  public Shape shape() {
    return shape;
  }

  /** The application. */
  public LoadApp app() {
    return app;
  }

  /** The agent. */
  public Agent agent() {
    return agent;
  }

  /** The prefix of the scheduler's thread names. */
  public String schedulerName() {
    return schedulerName;
  }

  /** Non-empty transactions the agent committed to its store. */
  public long storeCommits() {
    return store.commits();
  }

  /** AMP messages the agent handed to the sender. */
  public long messages() {
    return messages.get();
  }

  /** Bytes of those messages. */
  public long bytes() {
    return bytes.get();
  }

  /** Closes the agent and the scheduler and deletes the temporary directory. */
  @Override
  public void close() {
    try {
      agent.close();
    } finally {
      scheduler.close();
      deleteDir();
    }
  }

  private void deleteDir() {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
