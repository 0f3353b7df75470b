package dev.ama.cli.node.internal;

import dev.ama.cli.node.NodeConfig;
import dev.ama.cli.node.NodeConfigException.Problem;
import dev.ama.cli.node.internal.YamlTree.ListNode;
import dev.ama.cli.node.internal.YamlTree.MapNode;
import dev.ama.cli.node.internal.YamlTree.Node;
import dev.ama.cli.node.internal.YamlTree.ScalarNode;
import dev.ama.transport.Eid;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed readers of {@link YamlTree} fields for ama's YAML files (node.yaml, sim scenarios): each
 * reader returns the value or, for a wrong one, null after recording a {@link Problem} with the
 * file, line, column, field and what to do, so that one read reports every problem together.
 * Relative paths resolve against the file's folder.
 */
public class YamlFields {
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|d|h|m|s)");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|KiB|MB|MiB|GB|GiB)?");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

  /** The file's name in messages. */
  protected final String file;

  /** The folder relative paths start from. */
  protected final Path base;

  private final List<Problem> problems = new ArrayList<>();
  private final Map<String, MapNode> maps = new HashMap<>();

  /** Readers for the file {@code source}. */
  protected YamlFields(Path source) {
    this.file = source.toString();
    Path parent = source.toAbsolutePath().getParent();
    this.base = parent == null ? Path.of(".").toAbsolutePath() : parent;
  }

  /** Every problem recorded so far, in the order found. */
  public List<Problem> problems() {
    return List.copyOf(problems);
  }

  /** Reads one item of a list. */
  protected interface ItemReader<T> {
    T read(Node n, String field);
  }

  protected <T> List<T> list(Node n, String field, ItemReader<T> reader, boolean required) {
    if (n == null) {
      if (required) {
        problem(null, field, "missing");
      }
      return null;
    }
    if (!(n instanceof ListNode l)) {
      problem(n, field, "expected a list, found " + n.kind() + " (write [a, b] or '- a' lines)");
      return null;
    }
    List<T> out = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < l.items().size(); i++) {
      T v = reader.read(l.items().get(i), field + "[" + i + "]");
      if (v == null) {
        ok = false;
      } else {
        out.add(v);
      }
    }
    return ok ? out : null;
  }

  protected MapNode map(Node n, String field) {
    if (n instanceof MapNode m) {
      return m;
    }
    problem(n, field, "expected a map of fields, found " + n.kind());
    return null;
  }

  protected void known(MapNode m, String field, String... names) {
    List<String> allowed = List.of(names);
    maps.put(field, m);
    for (Map.Entry<String, Node> e : m.entries().entrySet()) {
      if (!allowed.contains(e.getKey())) {
        problem(
            e.getValue(),
            (field.isEmpty() ? "" : field + ".") + e.getKey(),
            "unknown field: use one of " + String.join(", ", allowed));
      }
    }
  }

  protected String text(Node n, String field) {
    if (n == null) {
      return null;
    }
    if (n instanceof ScalarNode s) {
      if (s.text() == null || s.text().isBlank()) {
        problem(n, field, "empty: give a value or remove the field");
        return null;
      }
      return s.text();
    }
    problem(n, field, "expected a value, found " + n.kind());
    return null;
  }

  protected String requiredText(Node n, String field) {
    return text(n, field);
  }

  protected String name(Node n, String field, boolean required) {
    if (n == null) {
      if (required) {
        problem(null, field, "missing");
      }
      return null;
    }
    String t = text(n, field);
    if (t != null && !NAME.matcher(t).matches()) {
      problem(n, field, "'" + t + "' is not a name (letters, digits, _ . -; a letter first)");
      return null;
    }
    return t;
  }

  protected String oneOf(Node n, String field, List<String> values) {
    String t = text(n, field);
    if (t == null) {
      return null;
    }
    String lower = t.toLowerCase(Locale.ROOT);
    if (!values.contains(lower)) {
      problem(n, field, "'" + t + "' is not one of " + String.join(", ", values));
      return null;
    }
    return lower;
  }

  protected String eid(Node n, String field, boolean required) {
    if (n == null) {
      if (required) {
        problem(null, field, "missing: an endpoint such as ipn:1.1 or dtn://node/");
      }
      return null;
    }
    String t = text(n, field);
    if (t == null) {
      return null;
    }
    try {
      return Eid.of(t).toString();
    } catch (IllegalArgumentException e) {
      problem(n, field, "not an endpoint: " + e.getMessage() + " (e.g. ipn:1.1, dtn://node/)");
      return null;
    }
  }

  protected Boolean bool(Node n, String field) {
    String t = text(n, field);
    if (t == null) {
      return null;
    }
    return switch (t.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> {
        problem(n, field, "expected true or false, found '" + t + "'");
        yield null;
      }
    };
  }

  protected Long count(Node n, String field) {
    String t = text(n, field);
    if (t == null) {
      return null;
    }
    try {
      long v = Long.parseLong(t.replace("_", ""));
      if (v < 0) {
        problem(n, field, "must not be negative");
        return null;
      }
      return v;
    } catch (NumberFormatException e) {
      problem(n, field, "expected a whole number, found '" + t + "'");
      return null;
    }
  }

  protected Long size(Node n, String field) {
    String t = text(n, field);
    if (t == null) {
      return null;
    }
    Matcher m = SIZE.matcher(t.strip());
    if (!m.matches()) {
      problem(n, field, "expected a size such as 512MiB, 2GB or 1000000, found '" + t + "'");
      return null;
    }
    long unit =
        switch (m.group(2) == null ? "B" : m.group(2)) {
          case "KB" -> 1_000L;
          case "KiB" -> 1L << 10;
          case "MB" -> 1_000_000L;
          case "MiB" -> 1L << 20;
          case "GB" -> 1_000_000_000L;
          case "GiB" -> 1L << 30;
          default -> 1L;
        };
    try {
      return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
    } catch (ArithmeticException | NumberFormatException e) {
      problem(n, field, "too large: " + t);
      return null;
    }
  }

  /** Reads {@code 100ms}, {@code 1h30m}, {@code 2d} or ISO-8601 {@code PT1S}. */
  public static Duration parseDuration(String t) {
    String s = t.strip();
    if (s.startsWith("P") || s.startsWith("p")) {
      try {
        return Duration.parse(s.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    Matcher m = DURATION_PART.matcher(s);
    Duration total = Duration.ZERO;
    int at = 0;
    while (at < s.length()) {
      if (!m.find(at) || m.start() != at) {
        return null;
      }
      long v = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(v);
                case "s" -> Duration.ofSeconds(v);
                case "m" -> Duration.ofMinutes(v);
                case "h" -> Duration.ofHours(v);
                default -> Duration.ofDays(v);
              });
      at = m.end();
    }
    return at == 0 ? null : total;
  }

  protected Duration duration(Node n, String field) {
    String t = text(n, field);
    if (t == null) {
      return null;
    }
    Duration d;
    try {
      d = parseDuration(t);
    } catch (NumberFormatException | ArithmeticException e) {
      d = null;
    }
    if (d == null || d.isNegative()) {
      problem(n, field, "expected a duration such as 100ms, 30s, 1h30m or PT1S, found '" + t + "'");
      return null;
    }
    return d;
  }

  protected Path path(Node n, String field) {
    String t = text(n, field);
    if (t == null) {
      return null;
    }
    try {
      return base.resolve(t).normalize();
    } catch (InvalidPathException e) {
      problem(n, field, "not a valid path: " + e.getReason());
      return null;
    }
  }

  protected Path readablePath(Node n, String field) {
    Path p = path(n, field);
    if (p != null && !Files.isReadable(p)) {
      problem(
          n,
          field,
          "cannot read " + p + ": fix the path (relative paths start at the config's folder)");
      return null;
    }
    return p;
  }

  protected void problem(Node n, String field, String message) {
    if (n == null) {
      // A missing field: point at the map it belongs in.
      int dot = field.lastIndexOf('.');
      n = maps.get(dot < 0 ? "" : field.substring(0, dot));
    }
    problems.add(
        new Problem(file, n == null ? 0 : n.line(), n == null ? 0 : n.column(), field, message));
  }

  /**
   * Reads a {@code registry} section (node.yaml's, or a scenario's defaults for every center): null
   * when it is absent, wrong, or says {@code center: false}.
   *
   * @param self the center's own EID, refused as a peer; null when not known
   */
  protected NodeConfig.Registry registry(Node n, String self) {
    MapNode m = map(n, "registry");
    if (m == null) {
      return null;
    }
    known(
        m,
        "registry",
        "center",
        "peers",
        "heartbeat-timeout",
        "retention",
        "takeover-time",
        "guard",
        "delta-max-records",
        "push-threshold",
        "rules");
    Boolean center =
        m.entries().get("center") == null
            ? Boolean.TRUE
            : bool(m.entries().get("center"), "registry.center");
    List<NodeConfig.Peer> peers =
        list(m.entries().get("peers"), "registry.peers", (x, f) -> peer(x, f, self), false);
    Duration heartbeat =
        duration(m.entries().get("heartbeat-timeout"), "registry.heartbeat-timeout");
    Duration retention = duration(m.entries().get("retention"), "registry.retention");
    Duration takeover = null;
    Node takeoverNode = m.entries().get("takeover-time");
    if (takeoverNode != null && !"none".equals(text(takeoverNode, "registry.takeover-time"))) {
      takeover = duration(takeoverNode, "registry.takeover-time");
      if (takeover != null && takeover.isZero()) {
        problem(takeoverNode, "registry.takeover-time", "a takeover time is positive, or none");
        takeover = null;
      }
    }
    double share = 0.5;
    Duration window = Duration.ofMinutes(5);
    int minimum = 10;
    Node guardNode = m.entries().get("guard");
    if (guardNode != null) {
      MapNode g = map(guardNode, "registry.guard");
      if (g != null) {
        known(g, "registry.guard", "share", "window", "minimum");
        Node shareNode = g.entries().get("share");
        String shareText = text(shareNode, "registry.guard.share");
        if (shareText != null) {
          try {
            share = Double.parseDouble(shareText);
          } catch (NumberFormatException e) {
            share = Double.NaN;
          }
          if (!(share > 0 && share <= 1)) {
            problem(
                shareNode,
                "registry.guard.share",
                "a share above 0 and at most 1, found '" + shareText + "'");
          }
        }
        Duration w = duration(g.entries().get("window"), "registry.guard.window");
        if (w != null) {
          window = w;
        }
        Long min = count(g.entries().get("minimum"), "registry.guard.minimum");
        if (min != null) {
          minimum = (int) Math.min(min, Integer.MAX_VALUE);
        }
      }
    }
    Long deltaMax = count(m.entries().get("delta-max-records"), "registry.delta-max-records");
    if (deltaMax != null && deltaMax < 1) {
      problem(
          m.entries().get("delta-max-records"), "registry.delta-max-records", "at least 1 record");
    }
    Long threshold = count(m.entries().get("push-threshold"), "registry.push-threshold");
    Path rules = null;
    if (m.entries().get("rules") != null) {
      rules = readablePath(m.entries().get("rules"), "registry.rules");
    }
    if (peers != null && self != null) {
      List<String> seen = new ArrayList<>();
      for (int i = 0; i < peers.size(); i++) {
        String e = peers.get(i).eid();
        Node at = ((ListNode) m.entries().get("peers")).items().get(i);
        if (seen.contains(e)) {
          problem(at, "registry.peers[" + i + "]", "peer " + e + " is listed twice");
        }
        seen.add(e);
      }
    }
    if (center == null || !center) {
      return null;
    }
    return new NodeConfig.Registry(
        orEmptyList(peers),
        heartbeat == null ? Duration.ofSeconds(90) : heartbeat,
        retention == null ? Duration.ofDays(7) : retention,
        takeover,
        share,
        window,
        minimum,
        deltaMax == null ? 1000 : (int) Math.min(deltaMax, Integer.MAX_VALUE),
        threshold == null ? 100 : threshold,
        rules);
  }

  private NodeConfig.Peer peer(Node n, String field, String self) {
    MapNode m = map(n, field);
    if (m == null) {
      return null;
    }
    known(m, field, "eid", "groups");
    String eid = eid(m.entries().get("eid"), field + ".eid", true);
    List<String> groups =
        list(m.entries().get("groups"), field + ".groups", (x, f) -> name(x, f, true), false);
    if (eid != null && eid.equals(self)) {
      problem(n, field, "a center is not its own peer");
      return null;
    }
    return eid == null ? null : new NodeConfig.Peer(eid, orEmptyList(groups));
  }

  private static <T> List<T> orEmptyList(List<T> l) {
    return l == null ? List.of() : l;
  }
}
