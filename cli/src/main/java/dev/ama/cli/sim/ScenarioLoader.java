package dev.ama.cli.sim;

import dev.ama.cli.node.NodeConfig;
import dev.ama.cli.node.NodeConfigException.Problem;
import dev.ama.cli.node.internal.YamlFields;
import dev.ama.cli.node.internal.YamlTree;
import dev.ama.cli.node.internal.YamlTree.MapNode;
import dev.ama.cli.node.internal.YamlTree.Node;
import dev.ama.cli.node.internal.YamlTree.YamlSyntaxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and checks a scenario: {@code scenario.yaml} in a scenario folder. Every problem is
 * reported together, with line, column, field and what to do; names must refer to declared centers
 * and managers, and every pair of peers needs a link.
 */
public final class ScenarioLoader extends YamlFields {
  /** The scenario file in a scenario folder. */
  public static final String FILE = "scenario.yaml";

  /** Scenario files larger than this are refused. */
  public static final long MAX_FILE_BYTES = 1 << 20;

  private static final Pattern RATE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(%?)/h");
  private static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  private ScenarioLoader(Path source) {
    super(source);
  }

  /**
   * Reads the scenario of a folder (its {@value #FILE}) or of a file.
   *
   * @throws ScenarioException listing every problem found
   */
  public static Scenario load(Path dirOrFile) throws ScenarioException {
    Path file = Files.isDirectory(dirOrFile) ? dirOrFile.resolve(FILE) : dirOrFile;
    String text;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw unreadable(file, "larger than " + MAX_FILE_BYTES + " bytes");
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw unreadable(
          file,
          "cannot read ("
              + e.getClass().getSimpleName()
              + "): give a scenario folder holding "
              + FILE
              + ", or the file itself");
    }
    return parse(text, file);
  }

  private static ScenarioException unreadable(Path file, String message) {
    return new ScenarioException(
        ScenarioException.Code.UNREADABLE,
        List.of(new Problem(file.toString(), 0, 0, "", message)));
  }

  /** Checks a scenario given as text; {@code source} names it and is the base of relative paths. */
  public static Scenario parse(String text, Path source) throws ScenarioException {
    ScenarioLoader l = new ScenarioLoader(source);
    Node root;
    try {
      root = YamlTree.parse(text);
    } catch (YamlSyntaxException e) {
      throw new ScenarioException(
          ScenarioException.Code.SYNTAX,
          List.of(new Problem(source.toString(), e.line(), e.column(), "", e.getMessage())));
    }
    Scenario s = l.scenario(root);
    if (!l.problems().isEmpty() || s == null) {
      throw new ScenarioException(ScenarioException.Code.INVALID, l.problems());
    }
    return s;
  }

  private Scenario scenario(Node root) {
    MapNode m = map(root, "");
    if (m == null) {
      return null;
    }
    known(
        m,
        "",
        "name",
        "seed",
        "start",
        "duration",
        "report-every",
        "centers",
        "managers",
        "links",
        "workload",
        "registry");
    Map<String, Node> e = m.entries();
    String name = name(e.get("name"), "name", true);
    Long seed = e.get("seed") == null ? Long.valueOf(1) : count(e.get("seed"), "seed");
    Instant start = DEFAULT_START;
    if (e.get("start") != null) {
      String t = text(e.get("start"), "start");
      try {
        start = t == null ? DEFAULT_START : Instant.parse(t);
      } catch (DateTimeParseException ex) {
        problem(e.get("start"), "start", "expected a UTC time such as 2026-01-01T00:00:00Z");
      }
    }
    Duration duration = positive(e.get("duration"), "duration", true);
    Duration reportEvery =
        e.get("report-every") == null
            ? Duration.ofMinutes(1)
            : positive(e.get("report-every"), "report-every", true);
    List<Scenario.Center> centers = list(e.get("centers"), "centers", this::center, true);
    List<Scenario.Manager> managers =
        e.get("managers") == null
            ? List.of()
            : list(e.get("managers"), "managers", this::manager, false);
    List<Scenario.Link> links =
        e.get("links") == null ? List.of() : list(e.get("links"), "links", this::link, false);
    Scenario.Workload workload = workload(e.get("workload"));
    NodeConfig.Registry rc =
        e.get("registry") == null ? defaults() : registry(e.get("registry"), null);
    if (name == null
        || seed == null
        || duration == null
        || reportEvery == null
        || centers == null
        || managers == null
        || links == null
        || workload == null
        || rc == null) {
      return null;
    }
    if (centers.isEmpty()) {
      problem(e.get("centers"), "centers", "a scenario has at least one center");
      return null;
    }
    Scenario.Registry registry =
        new Scenario.Registry(
            rc.heartbeatTimeout(),
            rc.retention(),
            rc.takeoverTime(),
            rc.guardShare(),
            rc.guardWindow(),
            rc.guardMinimum(),
            rc.deltaMaxRecords(),
            rc.pushThreshold(),
            rc.rules());
    Scenario s =
        new Scenario(
            name, seed, start, duration, reportEvery, centers, managers, links, workload, registry);
    checkReferences(s, e);
    return s;
  }

  private NodeConfig.Registry defaults() {
    return new NodeConfig.Registry(
        List.of(),
        Duration.ofSeconds(90),
        Duration.ofDays(7),
        null,
        0.5,
        Duration.ofMinutes(5),
        10,
        1000,
        100,
        null);
  }

  /** Names must be declared once, peers and links must name nodes, peers need a link. */
  private void checkReferences(Scenario s, Map<String, Node> e) {
    Map<String, String> eids = new LinkedHashMap<>();
    Set<String> centerNames = new HashSet<>();
    for (int i = 0; i < s.centers().size(); i++) {
      Scenario.Center c = s.centers().get(i);
      declare(eids, c.name(), c.eid(), item(e.get("centers"), i), "centers[" + i + "]");
      centerNames.add(c.name());
    }
    Set<String> managerNames = new HashSet<>();
    for (int i = 0; i < s.managers().size(); i++) {
      Scenario.Manager mg = s.managers().get(i);
      declare(eids, mg.name(), mg.eid(), item(e.get("managers"), i), "managers[" + i + "]");
      managerNames.add(mg.name());
    }
    Set<String> linked = new HashSet<>();
    for (int i = 0; i < s.links().size(); i++) {
      Scenario.Link l = s.links().get(i);
      String f = "links[" + i + "].between";
      Node at = item(e.get("links"), i);
      for (String end : List.of(l.a(), l.b())) {
        if (!eids.containsKey(end)) {
          problem(at, f, "'" + end + "' is not a center or manager of this scenario");
        }
      }
      if (l.a().equals(l.b())) {
        problem(at, f, "a link joins two different nodes");
      }
      if (!linked.add(key(l.a(), l.b()))) {
        problem(at, f, "a second link between " + l.a() + " and " + l.b());
      }
    }
    for (int i = 0; i < s.centers().size(); i++) {
      Scenario.Center c = s.centers().get(i);
      Node at = item(e.get("centers"), i);
      Set<String> seen = new HashSet<>();
      for (Scenario.Peer p : c.peers()) {
        String f = "centers[" + i + "].peers";
        if (!centerNames.contains(p.center())) {
          problem(at, f, "'" + p.center() + "' is not a center of this scenario");
        } else if (p.center().equals(c.name())) {
          problem(at, f, "a center is not its own peer");
        } else if (!linked.contains(key(c.name(), p.center()))) {
          problem(at, f, "no link between " + c.name() + " and its peer " + p.center());
        }
        if (!seen.add(p.center())) {
          problem(at, f, "peer " + p.center() + " is listed twice");
        }
      }
    }
    for (int i = 0; i < s.managers().size(); i++) {
      Scenario.Manager mg = s.managers().get(i);
      Node at = item(e.get("managers"), i);
      for (String c : mg.collect()) {
        if (!centerNames.contains(c)) {
          problem(at, "managers[" + i + "].collect", "'" + c + "' is not a center");
        }
      }
      for (String other : mg.shareWith()) {
        if (!managerNames.contains(other) || other.equals(mg.name())) {
          problem(at, "managers[" + i + "].share-with", "'" + other + "' is not another manager");
        }
      }
    }
    List<String> skills = s.workload().skills();
    for (String r : s.workload().restricted().keySet()) {
      if (!skills.contains(r)) {
        problem(
            e.get("workload"),
            "workload.restricted",
            "'" + r + "' is not in workload.skills: restrict skills of the vocabulary");
      }
    }
  }

  private static String key(String a, String b) {
    return a.compareTo(b) < 0 ? a + "\n" + b : b + "\n" + a;
  }

  private void declare(Map<String, String> eids, String name, String eid, Node at, String field) {
    if (eids.containsKey(name)) {
      problem(at, field + ".name", "the name " + name + " is used twice");
    } else if (eids.containsValue(eid)) {
      problem(at, field + ".eid", "the endpoint " + eid + " is used twice");
    }
    eids.put(name, eid);
  }

  private static Node item(Node list, int i) {
    return list instanceof YamlTree.ListNode l && i < l.items().size() ? l.items().get(i) : list;
  }

  private Scenario.Center center(Node n, String field) {
    MapNode m = map(n, field);
    if (m == null) {
      return null;
    }
    known(m, field, "name", "eid", "agents", "peers");
    String name = name(m.entries().get("name"), field + ".name", true);
    String eid = eid(m.entries().get("eid"), field + ".eid", true);
    Long agents = count(m.entries().get("agents"), field + ".agents");
    List<Scenario.Peer> peers =
        m.entries().get("peers") == null
            ? List.of()
            : list(m.entries().get("peers"), field + ".peers", this::peerOf, false);
    if (name == null || eid == null || peers == null) {
      return null;
    }
    if (agents != null && agents > 10_000_000) {
      problem(m.entries().get("agents"), field + ".agents", "at most 10,000,000 per center");
      return null;
    }
    return new Scenario.Center(name, eid, agents == null ? 0 : agents.intValue(), peers);
  }

  private Scenario.Peer peerOf(Node n, String field) {
    if (n instanceof YamlTree.ScalarNode) {
      String c = name(n, field, true);
      return c == null ? null : new Scenario.Peer(c, List.of());
    }
    MapNode m = map(n, field);
    if (m == null) {
      return null;
    }
    known(m, field, "center", "groups");
    String c = name(m.entries().get("center"), field + ".center", true);
    List<String> groups =
        m.entries().get("groups") == null
            ? List.of()
            : list(m.entries().get("groups"), field + ".groups", (x, f) -> name(x, f, true), false);
    return c == null || groups == null ? null : new Scenario.Peer(c, groups);
  }

  private Scenario.Manager manager(Node n, String field) {
    MapNode m = map(n, field);
    if (m == null) {
      return null;
    }
    known(m, field, "name", "eid", "collect", "share-with");
    String name = name(m.entries().get("name"), field + ".name", true);
    String eid = eid(m.entries().get("eid"), field + ".eid", true);
    List<String> collect = names(m.entries().get("collect"), field + ".collect");
    List<String> share = names(m.entries().get("share-with"), field + ".share-with");
    if (name == null || eid == null || collect == null || share == null) {
      return null;
    }
    return new Scenario.Manager(name, eid, collect, share);
  }

  private List<String> names(Node n, String field) {
    return n == null ? List.of() : list(n, field, (x, f) -> name(x, f, true), false);
  }

  private Scenario.Link link(Node n, String field) {
    MapNode m = map(n, field);
    if (m == null) {
      return null;
    }
    known(m, field, "between", "delay", "rate", "loss", "down");
    List<String> ends = names(m.entries().get("between"), field + ".between");
    if (m.entries().get("between") == null) {
      problem(null, field + ".between", "missing: the two nodes it joins, [a, b]");
      return null;
    }
    if (ends != null && ends.size() != 2) {
      problem(m.entries().get("between"), field + ".between", "exactly two nodes: [a, b]");
      return null;
    }
    Duration delay =
        m.entries().get("delay") == null
            ? Duration.ZERO
            : duration(m.entries().get("delay"), field + ".delay");
    Long rate =
        m.entries().get("rate") == null
            ? Long.valueOf(0)
            : size(m.entries().get("rate"), field + ".rate");
    double loss = 0;
    Node lossNode = m.entries().get("loss");
    if (lossNode != null) {
      String t = text(lossNode, field + ".loss");
      try {
        loss = t == null ? 0 : Double.parseDouble(t);
      } catch (NumberFormatException e) {
        loss = Double.NaN;
      }
      if (!(loss >= 0 && loss < 1)) {
        problem(lossNode, field + ".loss", "a share of frames from 0 up to (not including) 1");
        return null;
      }
    }
    List<Scenario.Outage> outages =
        m.entries().get("down") == null
            ? List.of()
            : list(m.entries().get("down"), field + ".down", this::outage, false);
    if (ends == null || delay == null || rate == null || outages == null) {
      return null;
    }
    return new Scenario.Link(ends.get(0), ends.get(1), delay, rate, loss, outages);
  }

  private Scenario.Outage outage(Node n, String field) {
    MapNode m = map(n, field);
    if (m == null) {
      return null;
    }
    known(m, field, "from", "for");
    Duration from = duration(m.entries().get("from"), field + ".from");
    Duration length = positive(m.entries().get("for"), field + ".for", true);
    if (m.entries().get("from") == null) {
      problem(null, field + ".from", "missing: when the outage starts, e.g. 20m");
    }
    return from == null || length == null ? null : new Scenario.Outage(from, length);
  }

  private Scenario.Workload workload(Node n) {
    if (n == null) {
      return new Scenario.Workload(
          Duration.ofSeconds(30),
          List.of("relay", "storage", "telemetry", "imaging", "routing"),
          Map.of(),
          2,
          Scenario.Rate.NONE,
          Scenario.Rate.NONE,
          Scenario.Rate.NONE,
          Scenario.Rate.NONE,
          Scenario.Rate.NONE,
          0);
    }
    MapNode m = map(n, "workload");
    if (m == null) {
      return null;
    }
    known(
        m,
        "workload",
        "heartbeat",
        "skills",
        "restricted",
        "skills-per-agent",
        "join",
        "leave",
        "vanish",
        "flap",
        "skill-change",
        "duplicates");
    Map<String, Node> e = m.entries();
    Duration heartbeat =
        e.get("heartbeat") == null
            ? Duration.ofSeconds(30)
            : positive(e.get("heartbeat"), "workload.heartbeat", true);
    List<String> skills =
        e.get("skills") == null
            ? List.of("relay", "storage", "telemetry", "imaging", "routing")
            : names(e.get("skills"), "workload.skills");
    Map<String, String> restricted = new LinkedHashMap<>();
    if (e.get("restricted") != null) {
      MapNode r = map(e.get("restricted"), "workload.restricted");
      if (r != null) {
        for (Map.Entry<String, Node> g : r.entries().entrySet()) {
          List<String> which = names(g.getValue(), "workload.restricted." + g.getKey());
          if (which != null) {
            which.forEach(skill -> restricted.put(skill, g.getKey()));
          }
        }
      }
    }
    Long perAgent =
        e.get("skills-per-agent") == null
            ? Long.valueOf(2)
            : count(e.get("skills-per-agent"), "workload.skills-per-agent");
    Long duplicates =
        e.get("duplicates") == null
            ? Long.valueOf(0)
            : count(e.get("duplicates"), "workload.duplicates");
    Scenario.Rate join = rate(e.get("join"), "workload.join");
    Scenario.Rate leave = rate(e.get("leave"), "workload.leave");
    Scenario.Rate vanish = rate(e.get("vanish"), "workload.vanish");
    Scenario.Rate flap = rate(e.get("flap"), "workload.flap");
    Scenario.Rate change = rate(e.get("skill-change"), "workload.skill-change");
    if (heartbeat == null
        || skills == null
        || perAgent == null
        || duplicates == null
        || join == null
        || leave == null
        || vanish == null
        || flap == null
        || change == null) {
      return null;
    }
    if (skills.isEmpty() || perAgent < 1 || perAgent > skills.size()) {
      problem(
          e.get("skills-per-agent"),
          "workload.skills-per-agent",
          "between 1 and the number of skills (" + skills.size() + ")");
      return null;
    }
    return new Scenario.Workload(
        heartbeat,
        skills,
        restricted,
        perAgent.intValue(),
        join,
        leave,
        vanish,
        flap,
        change,
        (int) Math.min(duplicates, 1_000_000));
  }

  private Scenario.Rate rate(Node n, String field) {
    if (n == null) {
      return Scenario.Rate.NONE;
    }
    String t = text(n, field);
    if (t == null) {
      return null;
    }
    Matcher m = RATE.matcher(t.replace(" ", ""));
    if (!m.matches()) {
      problem(n, field, "expected events per hour per center, such as 20/h, or a share, 1%/h");
      return null;
    }
    double v = Double.parseDouble(m.group(1));
    boolean share = !m.group(2).isEmpty();
    return new Scenario.Rate(share ? v / 100 : v, share);
  }

  private Duration positive(Node n, String field, boolean required) {
    if (n == null) {
      if (required) {
        problem(null, field, "missing: a duration such as 30s, 20m or 1h");
      }
      return null;
    }
    Duration d = duration(n, field);
    if (d != null && d.isZero()) {
      problem(n, field, "must be longer than zero");
      return null;
    }
    return d;
  }
}
