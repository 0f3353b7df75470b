package dev.ama.bench;

import dev.ama.agent.registry.H2RegistryStore;
import dev.ama.agent.registry.RegistryCenter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One registry center with a million records (issue 6): load time and file size of its H2 store,
 * heap used after the load, lookup latency by skill, by name and by id, and the time to bootstrap a
 * new peer over loopback TCP (target at most 60 s), beside a baseline in the same run: the same
 * records copied store to store in one process, no encoding and no network.
 *
 * <p>A plain {@code main} rather than JMH: the figures are one-off wall times of minutes (a load, a
 * bootstrap) and percentiles of single lookups on one big fixture that takes a minute to build;
 * JMH's forks and iterations would rebuild or reuse it without telling. Prints a Markdown table on
 * standard output.
 *
 * <p>Run: {@code java -Xmx2g -cp bench/target/benchmarks.jar dev.ama.bench.RegistryScaleBenchmark
 * [--records 1000000] [--lookups 2000] [--delta 10000] [--seed 42] [--phases
 * load,lookup,copy,bootstrap] [--dir DIR]}; the stores go to a fresh temporary folder (removed at
 * the end) unless {@code --dir} names one.
 */
public final class RegistryScaleBenchmark {
  static final List<String> PHASES = List.of("load", "lookup", "copy", "bootstrap");

  /** The settings of one run. */
  record Settings(int records, int lookups, int delta, long seed, List<String> phases, Path dir) {
    static Settings parse(String[] args) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("records", "1000000");
      m.put("lookups", "2000");
      m.put("delta", "10000");
      m.put("seed", "42");
      m.put("phases", String.join(",", PHASES));
      m.put("dir", "");
      for (int i = 0; i < args.length; i++) {
        String key = args[i].startsWith("--") ? args[i].substring(2) : null;
        if (key == null || !m.containsKey(key) || i + 1 >= args.length) {
          throw new IllegalArgumentException(
              "unknown or incomplete option " + args[i] + "; options: --" + m.keySet());
        }
        m.put(key, args[++i]);
      }
      List<String> phases = new ArrayList<>();
      for (String p : m.get("phases").split(",")) {
        String q = p.trim().toLowerCase(Locale.ROOT);
        if (!PHASES.contains(q)) {
          throw new IllegalArgumentException("unknown phase " + p + "; phases: " + PHASES);
        }
        phases.add(q);
      }
      return new Settings(
          Integer.parseInt(m.get("records")),
          Integer.parseInt(m.get("lookups")),
          Integer.parseInt(m.get("delta")),
          Long.parseLong(m.get("seed")),
          phases,
          m.get("dir").isEmpty() ? null : Path.of(m.get("dir")));
    }
  }

  /** Every figure of one run; a phase not run leaves its figures null. */
  record Result(
      Settings settings,
      RegistryScale.Load load,
      long fileBytes,
      long heapBytes,
      List<RegistryScale.Latencies> lookups,
      RegistryScale.Transfer copy,
      RegistryScale.Transfer bootstrap,
      long newcomerRecords,
      long newcomerFileBytes) {}

  private RegistryScaleBenchmark() {}

  public static void main(String[] args) throws Exception {
    Settings s = Settings.parse(args);
    Path dir = s.dir() != null ? s.dir() : Files.createTempDirectory("ama-bench-registry");
    try {
      print(run(s, dir, System.err), System.out);
    } finally {
      if (s.dir() == null) {
        delete(dir);
      }
    }
  }

  /**
   * Runs the phases of {@code s} in {@code dir} (which must exist; without the load phase it must
   * hold a loaded store {@code source}), telling {@code progress} each phase's figures as it ends.
   */
  static Result run(Settings s, Path dir, PrintStream progress) throws Exception {
    RegistryScale.Load load = null;
    long file = 0;
    long heap = 0;
    List<RegistryScale.Latencies> lookups = new ArrayList<>();
    RegistryScale.Transfer copy = null;
    RegistryScale.Transfer boot = null;
    long newcomerRecords = 0;
    long newcomerFile = 0;
    if (s.phases().contains("load")) {
      try (H2RegistryStore store = RegistryScale.open(dir, "source")) {
        load = RegistryScale.load(store, s.records(), s.seed());
      }
      file = RegistryScale.fileSize(dir, "source");
      progress.printf(
          Locale.ROOT,
          "load: %,d records in %.1f s (CPU %.1f s), %s%n",
          load.records(),
          load.nanos() / 1e9,
          load.cpuNanos() / 1e9,
          mb(file));
    }
    try (H2RegistryStore store = RegistryScale.open(dir, "source")) {
      RegistryCenter center =
          RegistryScale.center(RegistryScale.SOURCE, store, RegistryScale.NEWCOMER, s.delta());
      heap = heapAfterGc();
      progress.println("heap after GC: " + mb(heap));
      if (s.phases().contains("lookup")) {
        // A warm-up round so that the JIT and H2's page cache settle before the samples.
        RegistryScale.lookupBySkill(center, Math.min(500, s.lookups()), 0, s.seed() + 1);
        lookups.add(RegistryScale.lookupBySkill(center, s.lookups(), 0, s.seed() + 2));
        lookups.add(RegistryScale.lookupBySkill(center, s.lookups(), 1000, s.seed() + 3));
        lookups.add(RegistryScale.lookupByName(center, s.records(), s.lookups(), s.seed() + 4));
        lookups.add(RegistryScale.getById(center, s.records(), s.lookups(), s.seed() + 5));
        for (RegistryScale.Latencies l : lookups) {
          progress.printf(
              Locale.ROOT,
              "lookup %s: median %.2f ms, p99 %.2f ms%n",
              l.what(),
              l.percentileMs(0.5),
              l.percentileMs(0.99));
        }
      }
      if (s.phases().contains("copy")) {
        try (H2RegistryStore to = RegistryScale.open(dir, "copy")) {
          copy = RegistryScale.copy(store, to, s.delta());
        }
        progress.printf(Locale.ROOT, "copy: %.1f s%n", copy.nanos() / 1e9);
      }
      if (s.phases().contains("bootstrap")) {
        Path nodes = Files.createDirectories(dir.resolve("nodes"));
        try (H2RegistryStore fresh = RegistryScale.open(dir, "newcomer")) {
          RegistryCenter newcomer =
              RegistryScale.center(RegistryScale.NEWCOMER, fresh, RegistryScale.SOURCE, s.delta());
          boot = RegistryScale.bootstrap(center, newcomer, nodes);
          progress.printf(Locale.ROOT, "bootstrap: %.1f s%n", boot.nanos() / 1e9);
          newcomerRecords = fresh.count();
        }
        newcomerFile = RegistryScale.fileSize(dir, "newcomer");
      }
    }
    return new Result(s, load, file, heap, lookups, copy, boot, newcomerRecords, newcomerFile);
  }

  /** Heap used after a full collection (twice, so that finalisable garbage goes too). */
  static long heapAfterGc() {
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  static void print(Result r, PrintStream out) {
    out.printf(
        Locale.ROOT,
        "Registry at scale: %,d records, %d lookups per kind, deltas of %,d records%n%n",
        r.settings().records(),
        r.settings().lookups(),
        r.settings().delta());
    out.printf(
        Locale.ROOT,
        "Machine: %d cores, load average %.1f at the end%n%n",
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    out.println("| figure | value |");
    out.println("|---|---:|");
    if (r.load() != null) {
      double secs = r.load().nanos() / 1e9;
      row(out, "load (putAll in calls of 10,000)", String.format(Locale.ROOT, "%.1f s", secs));
      row(
          out,
          "load rate",
          String.format(Locale.ROOT, "%,.0f records/s", r.load().records() / secs));
      row(
          out,
          "load: process CPU time (all threads)",
          String.format(Locale.ROOT, "%.1f s", r.load().cpuNanos() / 1e9));
      row(out, "file size after close", mb(r.fileBytes()));
      row(
          out,
          "file bytes per record",
          String.format(Locale.ROOT, "%,.0f", (double) r.fileBytes() / r.load().records()));
    }
    row(out, "heap used after GC, center open", mb(r.heapBytes()));
    for (RegistryScale.Latencies l : r.lookups()) {
      row(
          out,
          "lookup " + l.what() + ": median / p99",
          String.format(
              Locale.ROOT,
              "%.2f / %.2f ms (%,d records returned)",
              l.percentileMs(0.5),
              l.percentileMs(0.99),
              l.found()));
    }
    if (r.copy() != null) {
      transfer(out, "baseline: store-to-store copy in one process", r.copy());
    }
    if (r.bootstrap() != null) {
      transfer(out, "bootstrap of a new peer over loopback TCP", r.bootstrap());
      row(out, "bootstrap: bytes on the wire (deltas + acks payloads)", mb(r.bootstrap().bytes()));
      row(out, "bootstrap: messages", String.format(Locale.ROOT, "%,d", r.bootstrap().messages()));
      row(out, "new peer holds", String.format(Locale.ROOT, "%,d records", r.newcomerRecords()));
      row(out, "new peer's file size after close", mb(r.newcomerFileBytes()));
    }
  }

  private static void transfer(PrintStream out, String what, RegistryScale.Transfer t) {
    row(
        out,
        what,
        String.format(
            Locale.ROOT,
            "%.1f s (process CPU %.1f s), %,d records, %,.0f records/s",
            t.nanos() / 1e9,
            t.cpuNanos() / 1e9,
            t.records(),
            t.recordsPerSecond()));
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%,.1f MB", bytes / 1e6);
  }

  private static void row(PrintStream out, String k, String v) {
    out.println("| " + k + " | " + v + " |");
  }

  static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
