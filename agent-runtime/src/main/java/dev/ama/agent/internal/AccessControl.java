package dev.ama.agent.internal;

import dev.ama.agent.AclGroup;
import dev.ama.agent.ExecutionException;
import dev.ama.agent.ExecutionException.Code;
import dev.ama.agent.Permission;
import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.BoolLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.Params;
import dev.ama.model.ari.TextLiteral;
import dev.ama.rules.expr.CompiledExpr;
import dev.ama.rules.expr.ExprCompiler;
import dev.ama.rules.expr.ExprException;
import dev.ama.rules.expr.Truthiness;
import dev.ama.rules.expr.ValueProvider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The access-control list of ietf-dtnma-agent-acl: groups (member filters over a manager's endpoint
 * ID) and access entries (target filters over object references, with permissions).
 *
 * <p>Decision for (manager, target, permission): the entries whose target filter matches decide —
 * permitted iff one of them names a group the manager belongs to (or names no group: every group)
 * and grants the permission; when no entry matches, the default-access VAR decides. The agent
 * itself (group 0: rules, start-up) may do everything. Not thread-safe: the agent's lock guards it.
 */
final class AccessControl {
  record Group(
      long id,
      String name,
      AcLiteral members,
      CompiledExpr filter,
      Instant addedAt,
      Instant updatedAt) {}

  record Entry(
      long id,
      List<Long> groupIds,
      AcLiteral objects,
      CompiledExpr filter,
      AcLiteral permissionRefs,
      Set<Permission> permissions,
      Instant addedAt,
      Instant updatedAt) {}

  private final TreeMap<Long, Group> groups = new TreeMap<>();
  private final TreeMap<Long, Entry> entries = new TreeMap<>();
  private final Map<String, Set<Long>> membership = new HashMap<>();
  private final Map<String, List<Entry>> matching = new HashMap<>();
  private final Supplier<Set<Permission>> defaultAccess;
  private ValueProvider values = ref -> Ari.UNDEFINED;

  AccessControl(Supplier<Set<Permission>> defaultAccess) {
    this.defaultAccess = defaultAccess;
  }

  /** How filters read objects, should one read any. */
  void values(ValueProvider v) {
    this.values = v;
  }

  // ---- groups ----

  /** The standard member filter for EID patterns where {@code *} is any run of characters. */
  static AcLiteral memberFilter(List<String> patterns) {
    if (patterns.isEmpty()) {
      return AcLiteral.of(BoolLiteral.FALSE);
    }
    List<Ari> items = new ArrayList<>();
    for (int i = 0; i < patterns.size(); i++) {
      items.add(IntLiteral.of(AriType.LABEL, 0));
      items.add(
          ObjectRef.of("ietf", "dtnma-agent", AriType.OPER, "match-regexp")
              .withParams(new Params.Positional(List.of(TextLiteral.of(regexp(patterns.get(i)))))));
      if (i > 0) {
        items.add(ObjectRef.of("ietf", "dtnma-agent", AriType.OPER, "bool-or"));
      }
    }
    return new AcLiteral(items);
  }

  /** An I-Regexp matching the glob: literal characters escaped, {@code *} as {@code .*}. */
  static String regexp(String glob) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < glob.length(); ) {
      int cp = glob.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '*') {
        sb.append(".*");
      } else if ("\\.^|?+()[]{}-".indexOf(cp) >= 0) {
        sb.append('\\').appendCodePoint(cp);
      } else {
        sb.appendCodePoint(cp);
      }
    }
    return sb.toString();
  }

  static CompiledExpr compileFilter(AcLiteral filter) throws ExecutionException {
    try {
      return ExprCompiler.compileWithLabels(filter);
    } catch (ExprException e) {
      throw new ExecutionException(
          Code.BAD_PARAMETERS, "the filter " + Texts.of(filter) + " is no EXPR: " + e.getMessage());
    }
  }

  /** A configured group, with its patterns made a member filter. */
  void configure(AclGroup g, Instant now) throws ExecutionException {
    ensureGroup(g.id(), g.name(), now);
    ensureMembers(g.id(), memberFilter(g.members()), now);
  }

  /** Creates or renames a group; true when something changed. */
  boolean ensureGroup(long id, String name, Instant now) throws ExecutionException {
    checkGroupId(id);
    Group g = groups.get(id);
    if (g != null && g.name.equals(name)) {
      return false;
    }
    groups.put(
        id,
        g == null
            ? new Group(id, name, AcLiteral.of(BoolLiteral.FALSE), null, now, now)
            : new Group(id, name, g.members, g.filter, g.addedAt, now));
    membership.clear();
    return true;
  }

  /** Sets a group's member filter; true when something changed. */
  boolean ensureMembers(long id, AcLiteral members, Instant now) throws ExecutionException {
    checkGroupId(id);
    Group g = groups.get(id);
    if (g == null) {
      throw new ExecutionException(Code.UNKNOWN_OBJECT, "no access group " + id);
    }
    if (g.members.equals(members) && g.filter != null) {
      return false;
    }
    CompiledExpr filter = compileFilter(members);
    groups.put(id, new Group(id, g.name, members, filter, g.addedAt, now));
    membership.clear();
    return true;
  }

  /** Discards a group; true when there was one. */
  boolean discardGroup(long id) {
    boolean had = groups.remove(id) != null;
    membership.clear();
    return had;
  }

  private static void checkGroupId(long id) throws ExecutionException {
    if (id == 0) {
      throw new ExecutionException(
          Code.BAD_PARAMETERS, "group 0 is the agent itself and cannot be changed");
    }
  }

  /** The groups a manager belongs to (cached until the groups change). */
  Set<Long> groupsOf(String manager) {
    Set<Long> cached = membership.get(manager);
    if (cached != null) {
      return cached;
    }
    Set<Long> out = new LinkedHashSet<>();
    List<Ari> label = List.of(TextLiteral.of(manager));
    for (Group g : groups.values()) {
      if (g.filter != null && Truthiness.isTruthy(g.filter.evaluate(values, label))) {
        out.add(g.id);
      }
    }
    Set<Long> result = Set.copyOf(out);
    if (membership.size() > 10_000) {
      membership.clear();
    }
    membership.put(manager, result);
    return result;
  }

  List<Group> groups() {
    return List.copyOf(groups.values());
  }

  // ---- entries ----

  /** Creates or replaces an access entry; true when something changed. */
  boolean ensureAccess(
      long id, List<Long> groupIds, AcLiteral objects, AcLiteral permissionRefs, Instant now)
      throws ExecutionException {
    Set<Permission> perms = EnumSet.noneOf(Permission.class);
    for (Ari a : permissionRefs.items()) {
      ObjectRef r = (ObjectRef) a;
      boolean acl =
          r.model() != null
              && (r.model().isText()
                  ? r.model().text().equals("dtnma-agent-acl")
                  : r.model().number() == 2);
      Permission p = acl ? Permission.fromIdent(r.object()).orElse(null) : null;
      if (p == null) {
        throw new ExecutionException(
            Code.BAD_PARAMETERS, Texts.of(r) + " is not a permission ietf-dtnma-agent-acl defines");
      }
      perms.add(p);
    }
    Entry old = entries.get(id);
    if (old != null
        && old.groupIds.equals(groupIds)
        && old.objects.equals(objects)
        && old.permissions.equals(perms)) {
      return false;
    }
    CompiledExpr filter = compileFilter(objects);
    entries.put(
        id,
        new Entry(
            id,
            List.copyOf(groupIds),
            objects,
            filter,
            permissionRefs,
            Set.copyOf(perms),
            old == null ? now : old.addedAt,
            now));
    matching.clear();
    return true;
  }

  boolean discardAccess(long id) {
    boolean had = entries.remove(id) != null;
    matching.clear();
    return had;
  }

  List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  /**
   * Whether {@code manager} may do {@code permission} on the target (an object or namespace
   * reference by names, without parameters), the agent itself excepted by the caller.
   */
  boolean permitted(String manager, Ari target, String targetKey, Permission permission) {
    List<Entry> match = matching.get(targetKey);
    if (match == null) {
      match = new ArrayList<>();
      List<Ari> label = List.of(target);
      for (Entry e : entries.values()) {
        if (Truthiness.isTruthy(e.filter.evaluate(values, label))) {
          match.add(e);
        }
      }
      if (matching.size() > 100_000) {
        matching.clear();
      }
      matching.put(targetKey, match);
    }
    if (match.isEmpty()) {
      return defaultAccess.get().contains(permission);
    }
    Set<Long> mine = groupsOf(manager);
    for (Entry e : match) {
      if (!e.permissions.contains(permission)) {
        continue;
      }
      if (e.groupIds.isEmpty()) {
        return true;
      }
      for (Long g : e.groupIds) {
        if (mine.contains(g)) {
          return true;
        }
      }
    }
    return false;
  }
}
