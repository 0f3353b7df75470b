package dev.ama.cli;

import dev.ama.cli.sim.Scenario;
import dev.ama.cli.sim.ScenarioException;
import dev.ama.cli.sim.ScenarioLoader;
import dev.ama.cli.sim.SimProgress;
import dev.ama.cli.sim.SimSummary;
import dev.ama.cli.sim.SimSummaryJson;
import dev.ama.cli.sim.Simulation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ama sim SCENARIO_DIR}: a whole deployment in one process, in virtual time. */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    versionProvider = AmaCommand.Version.class,
    description = {
      "Simulate a deployment in virtual time: registry centers (real agents",
      "running the sync rules) and managers on simulated links with delays, rates",
      "and outages; agents register, heartbeat, change skills and disappear.",
      "Deterministic for a seed. Progress on standard error, a summary at the end",
      "(docs/sim.md).",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  ama sim examples/three-centers",
      "  ama sim examples/three-centers --seed 7 --json summary.json",
      "",
      "Exit codes: 0 done, 1 the scenario is wrong, 2 usage error."
    })
public final class SimCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "SCENARIO_DIR",
      description = "A folder holding scenario.yaml (or the YAML file itself).")
  Path scenarioDir;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the summary as JSON.")
  Path json;

  @Option(names = "--seed", paramLabel = "N", description = "Override the scenario's seed.")
  Long seed;

  @Option(
      names = "--duration",
      paramLabel = "DURATION",
      description = "Override the scenario's duration (e.g. 30m, 2h).")
  String duration;

  @Option(names = "--quiet", description = "No progress, only the summary.")
  boolean quiet;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Scenario s;
    try {
      s = ScenarioLoader.load(scenarioDir);
    } catch (ScenarioException e) {
      e.problems().forEach(p -> err.println("error: " + p));
      err.println(e.problems().size() + " problem(s): fix them and run again");
      err.flush();
      return 1;
    }
    if (seed != null || duration != null) {
      Duration d = s.duration();
      if (duration != null) {
        d = dev.ama.cli.node.internal.YamlFields.parseDuration(duration);
        if (d == null || d.isZero() || d.isNegative()) {
          err.println("error: --duration: expected a duration such as 30m or 2h: " + duration);
          err.flush();
          return 2;
        }
      }
      s =
          new Scenario(
              s.name(),
              seed == null ? s.seed() : seed,
              s.start(),
              d,
              s.reportEvery(),
              s.centers(),
              s.managers(),
              s.links(),
              s.workload(),
              s.registry());
    }
    Path work;
    try {
      work = Files.createTempDirectory("ama-sim-");
    } catch (IOException e) {
      err.println("error: cannot create a work folder in the temp directory: " + e.getMessage());
      err.flush();
      return 1;
    }
    SimSummary summary;
    boolean terminal = System.console() != null;
    long[] lastLine = {-1};
    try (Simulation sim = Simulation.create(s, work)) {
      summary =
          sim.run(
              p -> {
                if (!quiet) {
                  progress(err, p, terminal, lastLine);
                }
              });
      if (!quiet && terminal) {
        err.println();
      }
      err.flush();
    } catch (ScenarioException e) {
      e.problems().forEach(p -> err.println("error: " + p));
      err.flush();
      return 1;
    } finally {
      deleteTree(work, err);
    }
    print(out, summary);
    if (json != null) {
      try {
        SimSummaryJson.write(summary, json);
        out.println("summary written to " + json);
      } catch (IOException e) {
        err.println("error: cannot write " + json + ": " + e.getMessage());
        err.flush();
        out.flush();
        return 1;
      }
    }
    out.flush();
    return 0;
  }

  private static void progress(PrintWriter err, SimProgress p, boolean terminal, long[] last) {
    String line =
        String.format(
            Locale.ROOT,
            "[%s / %s] events %,d  wire %s%s",
            clock(p.elapsed()),
            clock(p.duration()),
            p.events(),
            bytes(p.wireBytes()),
            p.linksDown().isEmpty() ? "" : "  down: " + String.join(", ", p.linksDown()));
    if (terminal) {
      err.print("\r" + line + "   ");
      err.flush();
      return;
    }
    // Not a terminal (a log, CI): one line per tenth of the run.
    long tenth = Math.max(1, p.duration().toSeconds() / 10);
    long step = p.elapsed().toSeconds() / tenth;
    if (step != last[0]) {
      last[0] = step;
      err.println(line);
      err.flush();
    }
  }

  private static void print(PrintWriter out, SimSummary s) {
    out.printf(
        Locale.ROOT,
        "%nScenario %s (seed %d): %s of virtual time (+%s drain) in %.1f s wall, %,d events%n",
        s.scenario(),
        s.seed(),
        clock(s.duration()),
        clock(s.drained()),
        s.wallTime().toMillis() / 1000.0,
        s.events());
    SimSummary.Workload w = s.workload();
    out.printf(
        Locale.ROOT,
        "Agents: %,d registered at the start; then %,d joined, %,d left, %,d vanished, %,d flapped, %,d skill changes, %,d"
            + " heartbeats (local only), %,d told to move%n",
        w.initial(),
        w.joins(),
        w.leaves(),
        w.vanished(),
        w.flaps(),
        w.skillChanges(),
        w.heartbeats(),
        w.moved());
    out.printf(Locale.ROOT, "%nLinks%n");
    out.printf(
        Locale.ROOT,
        "  %-28s %12s %12s %9s %7s %9s%n",
        "link",
        "a->b",
        "b->a",
        "frames",
        "lost",
        "down");
    for (SimSummary.LinkTraffic l : s.links()) {
      out.printf(
          Locale.ROOT,
          "  %-28s %12s %12s %,9d %,7d %9s%n",
          l.name(),
          bytes(l.bytesAtoB()),
          bytes(l.bytesBtoA()),
          l.frames(),
          l.framesLost(),
          clock(l.down()));
    }
    out.printf(Locale.ROOT, "  %-28s %25s %,9d%n", "total", bytes(s.wireBytes()), s.frames());
    if (s.steadyFrom() != null) {
      Duration steady = s.duration().minus(s.steadyFrom());
      out.printf(
          Locale.ROOT,
          "  steady state (after the start-up sync, %s in): %s for %,d record versions, %s/s%n",
          clock(s.steadyFrom()),
          bytes(s.steadyWireBytes()),
          s.steadyVersions(),
          steady.isZero() || steady.isNegative()
              ? "-"
              : bytes(s.steadyWireBytes() * 1000 / Math.max(1, steady.toMillis())));
    }
    out.printf(Locale.ROOT, "%nPayload handed to the transports, by kind%n");
    for (Map.Entry<String, Long> e : s.payloadBytes().entrySet()) {
      out.printf(
          Locale.ROOT,
          "  %-20s %12s in %,d messages%n",
          e.getKey(),
          bytes(e.getValue()),
          s.payloadMessages().getOrDefault(e.getKey(), 0L));
    }
    out.printf(Locale.ROOT, "%nOutages%n");
    if (s.outages().isEmpty()) {
      out.println("  none");
    }
    for (SimSummary.OutageRecovery r : s.outages()) {
      out.printf(
          Locale.ROOT,
          "  %-28s %s-%s: %,d versions behind at heal, caught up %s%n",
          r.link(),
          clock(r.from()),
          clock(r.to()),
          r.versionsBehind(),
          r.caughtUpAfter() == null ? "NOT before the end" : "after " + clock(r.caughtUpAfter()));
    }
    out.printf(
        Locale.ROOT,
        "  after the workload stopped: %s%n",
        s.convergedAfterDrain() == null
            ? "centers did NOT agree within " + clock(Simulation.DRAIN_LIMIT)
            : "every center held every version issued until then after "
                + clock(s.convergedAfterDrain()));
    out.printf(Locale.ROOT, "%nCenters%n");
    out.printf(
        Locale.ROOT,
        "  %-14s %-10s %8s %8s %9s %7s %9s %10s %5s%n",
        "center",
        "eid",
        "online",
        "offline",
        "records",
        "behind",
        "conflicts",
        "taken over",
        "guard");
    for (SimSummary.CenterState c : s.centers()) {
      out.printf(
          Locale.ROOT,
          "  %-14s %-10s %,8d %,8d %,9d %,7d %,9d %,10d %5s%n",
          c.name(),
          c.eid(),
          c.ownOnline(),
          c.ownOffline(),
          c.records(),
          c.versionsBehind(),
          c.conflicts(),
          c.takenOver(),
          c.guardHeld() ? "held" : "-");
    }
    if (!s.managers().isEmpty()) {
      out.printf(Locale.ROOT, "%nManagers (online agents: truth %,d)%n", s.onlineTruth());
      for (SimSummary.ManagerState m : s.managers()) {
        out.printf(
            Locale.ROOT,
            "  %-14s %-10s %,6d reports from centers, %,5d fused reports from managers, online"
                + " estimate %,d%n",
            m.name(),
            m.eid(),
            m.reports(),
            m.fusedReports(),
            m.onlineEstimate());
      }
    }
  }

  static String clock(Duration d) {
    if (d == null) {
      return "-";
    }
    long s = d.toSeconds();
    return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  }

  static String bytes(long n) {
    if (n < 10_000) {
      return n + " B";
    }
    if (n < 10_000_000) {
      return String.format(Locale.ROOT, "%.1f kB", n / 1000.0);
    }
    return String.format(Locale.ROOT, "%.1f MB", n / 1_000_000.0);
  }

  private static void deleteTree(Path root, PrintWriter err) {
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // A leftover temp folder is harmless; say where it is.
      err.println("note: could not remove the work folder " + root + ": " + e.getMessage());
      err.flush();
    }
  }
}
