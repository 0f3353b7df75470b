package dev.ama.bench;

import dev.ama.bench.AgentLoad.SchedulerKind;
import dev.ama.bench.AgentLoad.Shape;
import dev.ama.bench.AgentLoad.StoreKind;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An agent's cost under rule load and its reaction time (issue 5): an agent with 10,000 SBRs at 1 s
 * min-interval and 1,000 TBRs at 1 s (shape and rules: {@link AgentLoad}) on a real-time Quartz
 * scheduler, in memory and on an H2 file, each beside a baseline in the same run.
 *
 * <ol>
 *   <li><b>CPU share of one core</b>: process CPU time over a fixed wall interval, after a warm-up,
 *       with the rules running and nothing else happening; baseline: the same agent with no rules.
 *   <li><b>Reaction time</b>: from setting an EDD's field so that one probe SBR turns true (and
 *       calling {@code eddChanged}) to the start of that SBR's action, a CTRL of the application;
 *       samples spaced by a fixed pause, the probes taken in turn, each at least 1.1 s after its
 *       previous sample (more than its 1 s min-interval); baseline: an agent with only the probes.
 * </ol>
 *
 * <p>A plain {@code main} rather than JMH: a share of a core is CPU time over wall time of the
 * whole process (scheduler, worker, GC and JIT threads), not the time of a benchmark method; and
 * the pause between reaction samples, the idle and loaded phases and their order are simplest to
 * control here. Prints a Markdown table on standard output.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.ama.bench.AgentLoadBenchmark [--seconds
 * 20] [--warmup 20] [--samples 1000] [--spacing-ms 20] [--stores memory,h2] [--phases
 * idle,loaded,probes] [--edds 100] [--sbrs 10000] [--tbrs 1000]}; {@code --phases loaded} alone is
 * handy under a profiler.
 */
public final class AgentLoadBenchmark {
  /** The settings of one run. */
  record Settings(
      int seconds,
      int warmup,
      int samples,
      int spacingMs,
      List<StoreKind> stores,
      List<String> phases,
      int edds,
      int sbrs,
      int tbrs) {
    static Settings parse(String[] args) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("seconds", "20");
      m.put("warmup", "20");
      m.put("samples", "1000");
      m.put("spacing-ms", "20");
      m.put("stores", "memory,h2");
      m.put("phases", String.join(",", PHASES));
      m.put("edds", "100");
      m.put("sbrs", "10000");
      m.put("tbrs", "1000");
      for (int i = 0; i < args.length; i++) {
        String key = args[i].startsWith("--") ? args[i].substring(2) : null;
        if (key == null || !m.containsKey(key) || i + 1 >= args.length) {
          throw new IllegalArgumentException(
              "unknown or incomplete option " + args[i] + "; options: --" + m.keySet());
        }
        m.put(key, args[++i]);
      }
      List<StoreKind> stores = new ArrayList<>();
      for (String s : m.get("stores").split(",")) {
        stores.add(StoreKind.valueOf(s.trim().toUpperCase(Locale.ROOT)));
      }
      return new Settings(
          Integer.parseInt(m.get("seconds")),
          Integer.parseInt(m.get("warmup")),
          Integer.parseInt(m.get("samples")),
          Integer.parseInt(m.get("spacing-ms")),
          stores,
          AgentLoadBenchmark.phases(m.get("phases")),
          Integer.parseInt(m.get("edds")),
          Integer.parseInt(m.get("sbrs")),
          Integer.parseInt(m.get("tbrs")));
    }
  }

  /**
   * The phases of a run, in order: the idle agent, the loaded agent, the probe-only agent (all on
   * Quartz), and the loaded agent on {@link ExecutorRuleScheduler} (the comparison point).
   */
  static final List<String> PHASES = List.of("idle", "loaded", "probes", "executor");

  static List<String> phases(String text) {
    List<String> out = new ArrayList<>();
    for (String p : text.split(",")) {
      String phase = p.trim();
      if (!PHASES.contains(phase)) {
        throw new IllegalArgumentException("unknown phase " + phase + "; phases: " + PHASES);
      }
      out.add(phase);
    }
    return out;
  }

  /**
   * The cost of one agent over the measured interval.
   *
   * @param label what ran
   * @param rules rules installed
   * @param cpu CPU time by thread group
   * @param reads EDD reads in the interval: one per SBR evaluation and one per report (each report
   *     holds one EDD), so SBR evaluations are {@code reads - reports}
   * @param reports RPTSETs handed to the sender in the interval
   * @param messages AMP messages handed to the sender in the interval
   * @param commits store transactions in the interval
   */
  record Cost(
      String label,
      int rules,
      CpuMeter.Share cpu,
      long reads,
      long reports,
      long messages,
      long commits) {
    double perSecond(long n) {
      return n * 1e9 / cpu.wallNanos();
    }
  }

  /**
   * Reaction times of one agent.
   *
   * @param label what ran
   * @param nanos the samples, sorted
   * @param missed samples whose action did not run within the timeout
   */
  record Reaction(String label, long[] nanos, int missed) {
    /** The nearest-rank percentile, {@code q} in (0, 1]. */
    double percentileMs(double q) {
      if (nanos.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.ceil(q * nanos.length) - 1;
      return nanos[Math.max(0, Math.min(nanos.length - 1, i))] / 1e6;
    }
  }

  private static final Duration REACTION_TIMEOUT = Duration.ofSeconds(5);

  /** The least time between two samples of one probe: more than its 1 s min-interval. */
  static final Duration PROBE_REST = Duration.ofMillis(1100);

  private AgentLoadBenchmark() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Settings s = Settings.parse(args);
    PrintStream out = System.out;
    out.println(machine());
    out.printf(
        "Settings: %d EDDs, %d SBRs, %d TBRs; warm-up %d s, CPU window %d s, %d reaction samples"
            + " %d ms apart%n%n",
        s.edds(), s.sbrs(), s.tbrs(), s.warmup(), s.seconds(), s.samples(), s.spacingMs());
    for (StoreKind kind : s.stores()) {
      List<Cost> costs = new ArrayList<>();
      List<Reaction> reactions = new ArrayList<>();
      Shape full = new Shape(s.edds(), s.sbrs(), s.tbrs());
      if (s.phases().contains("idle")) {
        try (AgentLoad idle = AgentLoad.start(Shape.idle(s.edds()), kind)) {
          costs.add(cost("idle agent, no rules", idle, s));
        }
      }
      if (s.phases().contains("loaded")) {
        try (AgentLoad loaded = AgentLoad.start(full, kind)) {
          long t0 = System.nanoTime();
          int rules = loaded.install();
          out.printf(
              "[%s] %d rules installed in %.1f s%n", kind, rules, (System.nanoTime() - t0) / 1e9);
          String label = String.format("%,d SBRs + %,d TBRs", s.sbrs(), s.tbrs());
          costs.add(cost(label, loaded, s));
          reactions.add(reaction(label, loaded, s));
        }
      }
      if (s.phases().contains("probes")) {
        try (AgentLoad probes = AgentLoad.start(Shape.probesOnly(s.edds()), kind)) {
          probes.install();
          reactions.add(
              reaction(String.format("only the %d probe SBRs (one per EDD)", s.edds()), probes, s));
        }
      }
      if (s.phases().contains("executor")) {
        try (AgentLoad loaded = AgentLoad.start(full, kind, SchedulerKind.EXECUTOR)) {
          loaded.install();
          String label =
              String.format(
                  "%,d SBRs + %,d TBRs on ExecutorRuleScheduler (comparison)", s.sbrs(), s.tbrs());
          costs.add(cost(label, loaded, s));
          reactions.add(reaction(label, loaded, s));
        }
      }
      print(out, kind, costs, reactions);
    }
  }

  /** Lets the agent run for the warm-up, then measures it over the CPU window. */
  static Cost cost(String label, AgentLoad load, Settings s) throws InterruptedException {
    Thread.sleep(s.warmup() * 1000L);
    String prefix = load.schedulerName();
    long reads0 = load.app().reads();
    long reports0 = load.agent().status().counters().reportsSent();
    long messages0 = load.messages();
    long commits0 = load.storeCommits();
    CpuMeter.Reading a = CpuMeter.read();
    Thread.sleep(s.seconds() * 1000L);
    CpuMeter.Reading b = CpuMeter.read();
    long reads = load.app().reads() - reads0;
    long messages = load.messages() - messages0;
    long commits = load.storeCommits() - commits0;
    long reports = load.agent().status().counters().reportsSent() - reports0;
    return new Cost(
        label,
        load.agent().status().rules().size(),
        CpuMeter.between(a, b, name -> group(name, prefix)),
        reads,
        reports,
        messages,
        commits);
  }

  /** The thread group of a thread's name. */
  static String group(String name, String schedulerPrefix) {
    if (name.startsWith(schedulerPrefix) && name.contains("QuartzSchedulerThread")) {
      return "Quartz scheduler thread";
    }
    if (name.startsWith(schedulerPrefix)) {
      return "rule task worker";
    }
    if (name.contains("MVStore") || name.contains("H2")) {
      return "H2";
    }
    if (name.equals("main")) {
      return "benchmark (main)";
    }
    return "other Java threads";
  }

  /**
   * Warm-up samples (a fifth, at least 10), then the measured ones. Each probe is used again only
   * {@link #PROBE_REST} after its last sample, so its min-interval never defers an evaluation.
   */
  static Reaction reaction(String label, AgentLoad load, Settings s) throws InterruptedException {
    int edds = load.shape().edds();
    int warm = Math.max(10, s.samples() / 5);
    long[] lastUse = new long[edds];
    long[] nanos = new long[s.samples()];
    int n = 0;
    int missed = 0;
    for (int i = 0; i < warm + s.samples(); i++) {
      int k = i % edds;
      long rest = lastUse[k] == 0 ? 0 : lastUse[k] + PROBE_REST.toNanos() - System.nanoTime();
      if (rest > 0) {
        Thread.sleep(rest / 1_000_000 + 1);
      }
      lastUse[k] = System.nanoTime();
      long t = load.react(k, REACTION_TIMEOUT);
      if (i >= warm) {
        if (t < 0) {
          missed++;
        } else {
          nanos[n++] = t;
        }
      }
      Thread.sleep(s.spacingMs());
    }
    long[] sorted = Arrays.copyOf(nanos, n);
    Arrays.sort(sorted);
    return new Reaction(label, sorted, missed);
  }

  static void print(PrintStream out, StoreKind kind, List<Cost> costs, List<Reaction> reactions) {
    out.printf(
        "%n### Store: %s%n%n", kind == StoreKind.H2 ? "H2AgentStore (file)" : "InMemoryAgentStore");
    out.println(
        "| agent | rules | CPU, share of one core | SBR evaluations/s | reports/s | messages/s"
            + " | store commits/s |");
    out.println("|---|---:|---:|---:|---:|---:|---:|");
    for (Cost c : costs) {
      out.printf(
          "| %s | %,d | **%.1f%%** | %,.0f | %,.0f | %,.1f | %,.0f |%n",
          c.label(),
          c.rules(),
          100 * c.cpu().ofOneCore(),
          c.perSecond(c.reads() - c.reports()),
          c.perSecond(c.reports()),
          c.perSecond(c.messages()),
          c.perSecond(c.commits()));
    }
    out.println();
    out.println("CPU by thread (share of one core):");
    out.println();
    for (Cost c : costs) {
      StringBuilder b = new StringBuilder("- " + c.label() + ": ");
      boolean first = true;
      for (Map.Entry<String, Long> g : c.cpu().byGroup().entrySet()) {
        b.append(first ? "" : ", ")
            .append(g.getKey())
            .append(String.format(" %.1f%%", 100.0 * g.getValue() / c.cpu().wallNanos()));
        first = false;
      }
      out.println(b);
    }
    out.println();
    out.println(
        "| reaction, EDD change → SBR action | samples | median | p90 | p99 | max | missed |");
    out.println("|---|---:|---:|---:|---:|---:|---:|");
    for (Reaction r : reactions) {
      out.printf(
          "| %s | %d | **%.3f ms** | %.3f ms | %.3f ms | %.3f ms | %d |%n",
          r.label(),
          r.nanos().length,
          r.percentileMs(0.5),
          r.percentileMs(0.9),
          r.percentileMs(0.99),
          r.percentileMs(1.0),
          r.missed());
    }
    out.println();
    out.flush();
  }

  /** nproc, CPU model, JDK, heap. */
  static String machine() {
    String model = "unknown";
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          model = line.substring(line.indexOf(':') + 1).trim();
          break;
        }
      }
    } catch (IOException e) {
      // Not Linux: the model stays unknown.
    }
    return String.format(
        "Machine: %d CPUs (%s), %s %s (%s), max heap %d MiB",
        Runtime.getRuntime().availableProcessors(),
        model,
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        System.getProperty("java.vendor"),
        Runtime.getRuntime().maxMemory() >> 20);
  }
}
