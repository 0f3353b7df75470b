package dev.ama.rules.expr;

import dev.ama.model.adm.StandardModels;
import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.AmLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriId;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.Params;
import dev.ama.model.ari.TblLiteral;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The VARs computed from expressions and the VARs each one reads, refusing any definition that
 * would close a cycle ({@code V1 -> V2 -> V1}).
 *
 * <p>VARs are identified by their reference without parameters, compared as given: callers should
 * pass references in one form (all by name or all by enum, see {@code Nicknames}). Thread-safe.
 */
public final class VarDefinitions {
  private final Map<ObjectRef, Set<ObjectRef>> dependsOn = new HashMap<>();

  /**
   * Defines (or redefines) a VAR as computed from an expression.
   *
   * @throws ExprException with code {@code CYCLE}, naming the cycle, when the VAR would depend on
   *     itself directly or through other VARs; the previous definition is then kept
   */
  public synchronized void define(ObjectRef var, AcLiteral expr) throws ExprException {
    ObjectRef key = key(var);
    Set<ObjectRef> deps = new LinkedHashSet<>();
    collectVars(expr, deps);
    for (ObjectRef dep : deps) {
      List<ObjectRef> path = new ArrayList<>();
      path.add(key);
      if (reaches(dep, key, path, new LinkedHashSet<>())) {
        List<String> names = new ArrayList<>();
        for (ObjectRef r : path) {
          names.add(r.object().toString());
        }
        throw new ExprException(
            ExprException.Code.CYCLE,
            "VAR " + key.object() + " would depend on itself: " + String.join(" -> ", names));
      }
    }
    dependsOn.put(key, deps);
  }

  /** Forgets a VAR's definition (it then depends on nothing). */
  public synchronized void remove(ObjectRef var) {
    dependsOn.remove(key(var));
  }

  /** The VARs a defined VAR reads directly (empty when it is not defined). */
  public synchronized Set<ObjectRef> dependencies(ObjectRef var) {
    return Set.copyOf(dependsOn.getOrDefault(key(var), Set.of()));
  }

  /** Depth-first search from {@code from} for {@code target}, extending {@code path} on success. */
  private boolean reaches(
      ObjectRef from, ObjectRef target, List<ObjectRef> path, Set<ObjectRef> seen) {
    path.add(from);
    if (from.equals(target)) {
      return true;
    }
    if (seen.add(from)) {
      for (ObjectRef next : dependsOn.getOrDefault(from, Set.of())) {
        if (reaches(next, target, path, seen)) {
          return true;
        }
      }
    }
    path.remove(path.size() - 1);
    return false;
  }

  private static ObjectRef key(ObjectRef var) {
    if (var.objectType() != AriType.VAR) {
      throw new IllegalArgumentException("not a VAR reference: " + var);
    }
    return var.withParams(null);
  }

  /**
   * The OPERs whose parameters hold references that are compared or copied, never read: a VAR there
   * is no dependency (an ACL-style {@code is-same-object(V)} inside V's own EXPR is fine).
   */
  private static final Set<String> REFERENCES_NOT_READ =
      Set.of("ref", "is-same-object", "is-same-ns", "match-type", "convert-type");

  /** Every VAR reference anywhere in a value that an evaluation may read, parameters included. */
  private static void collectVars(Ari value, Set<ObjectRef> out) {
    if (value instanceof ObjectRef ref) {
      if (ref.objectType() == AriType.VAR) {
        out.add(ref.withParams(null));
      }
      if (ref.objectType() == AriType.OPER && REFERENCES_NOT_READ.contains(operName(ref))) {
        return;
      }
      Params p = ref.params();
      if (p instanceof Params.Positional pos) {
        pos.values().forEach(v -> collectVars(v, out));
      } else if (p instanceof Params.Named named) {
        named.entries().values().forEach(v -> collectVars(v, out));
      }
    } else if (value instanceof AcLiteral ac) {
      ac.items().forEach(v -> collectVars(v, out));
    } else if (value instanceof AmLiteral am) {
      am.entries().values().forEach(v -> collectVars(v, out));
    } else if (value instanceof TblLiteral tbl) {
      tbl.cells().forEach(v -> collectVars(v, out));
    }
  }

  /** An OPER's name in the agent model (a name as given, an enum translated), or null. */
  private static String operName(ObjectRef ref) {
    AriId obj = ref.object();
    return obj.isText()
        ? obj.text()
        : StandardModels.DTNMA_AGENT.nameOf(AriType.OPER, obj.number()).orElse(null);
  }
}
