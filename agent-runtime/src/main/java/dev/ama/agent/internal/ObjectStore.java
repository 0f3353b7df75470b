package dev.ama.agent.internal;

import dev.ama.agent.ExecutionException;
import dev.ama.agent.ExecutionException.Code;
import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriId;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.NamespaceRef;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.Reference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every model the agent hosts and their objects, with reference resolution (by name or enum,
 * absolute or relative) and the dependencies of computed VARs. Not thread-safe: the agent's lock
 * guards it.
 */
final class ObjectStore {
  private final List<Namespace> namespaces = new ArrayList<>();

  /** VAR key → keys of the computed VARs that read it directly. */
  private final Map<String, Set<String>> dependents = new HashMap<>();

  void add(Namespace ns) {
    namespaces.add(ns);
  }

  List<Namespace> namespaces() {
    return namespaces;
  }

  /** The namespace an organisation and model identifier name (by name or enum), or null. */
  Namespace namespace(AriId org, AriId model) {
    for (Namespace ns : namespaces) {
      if (ns.matches(org, model)) {
        return ns;
      }
    }
    return null;
  }

  /** The namespace of a reference, relative ones taken in {@code context}; null when unknown. */
  Namespace namespaceOf(Reference ref, Namespace context) {
    AriId org = ref.org();
    AriId model = ref.model();
    if (model == null) {
      return context;
    }
    if (org == null) {
      org = AriId.of(context.org);
    }
    return namespace(org, model);
  }

  /** The enum of an organisation name, if some hosted model gives it one. */
  Long orgEnumOf(String org) {
    for (Namespace ns : namespaces) {
      if (ns.org.equals(org) && ns.orgEnum != null) {
        return ns.orgEnum;
      }
    }
    return null;
  }

  /** The name of an organisation enum, if some hosted model gives it. */
  String orgNameOf(long orgEnum) {
    for (Namespace ns : namespaces) {
      if (ns.orgEnum != null && ns.orgEnum == orgEnum) {
        return ns.org;
      }
    }
    return null;
  }

  /** The object a reference names, obsolete ones included; null when there is none. */
  Obj find(ObjectRef ref, Namespace context) {
    Namespace ns = namespaceOf(ref, context);
    return ns == null ? null : ns.find(ref.objectType(), ref.object());
  }

  /**
   * The object a reference names.
   *
   * @throws ExecutionException UNKNOWN_OBJECT when there is none, or it or its model is obsolete
   */
  Obj resolve(ObjectRef ref, Namespace context) throws ExecutionException {
    Namespace ns = namespaceOf(ref, context);
    if (ns == null) {
      throw new ExecutionException(
          Code.UNKNOWN_OBJECT, "no model " + ref.org() + "/" + ref.model() + " for " + text(ref));
    }
    if (ns.obsolete) {
      throw new ExecutionException(Code.UNKNOWN_OBJECT, "model " + ns + " is obsolete");
    }
    Obj o = ns.find(ref.objectType(), ref.object());
    if (o == null) {
      throw new ExecutionException(
          Code.UNKNOWN_OBJECT, ns + " has no " + ref.objectType() + " " + ref.object());
    }
    if (o.obsolete) {
      throw new ExecutionException(Code.UNKNOWN_OBJECT, o.key() + " is obsolete");
    }
    return o;
  }

  /** The reference's key (by names) even for an object not defined yet, or null. */
  String canonicalKey(ObjectRef ref, Namespace context) {
    Obj o = find(ref, context);
    if (o != null) {
      return o.key();
    }
    Namespace ns = namespaceOf(ref, context);
    String org;
    String model;
    if (ns != null) {
      org = ns.org;
      model = ns.model;
    } else if (ref.org() != null && ref.org().isText() && ref.model().isText()) {
      org = ref.org().text();
      model = ref.model().text();
    } else {
      return null;
    }
    return ref.object().isText()
        ? Obj.key(org, model, ref.objectType(), ref.object().text())
        : null;
  }

  /** The reference by names when it resolves, otherwise as given (without parameters). */
  ObjectRef canonicalRef(ObjectRef ref, Namespace context) {
    Obj o = find(ref, context);
    if (o != null) {
      return o.ref();
    }
    Namespace ns = namespaceOf(ref, context);
    if (ns != null && ref.object().isText()) {
      return new ObjectRef(
          AriId.of(ns.org), AriId.of(ns.model), null, ref.objectType(), ref.object(), null);
    }
    return ref.withParams(null);
  }

  /** An EXPR with its VAR references made absolute by names, as VarDefinitions compares them. */
  AcLiteral canonicalVars(AcLiteral expr, Namespace context) {
    List<Ari> items = new ArrayList<>(expr.items().size());
    for (Ari a : expr.items()) {
      items.add(
          a instanceof ObjectRef r && r.objectType() == AriType.VAR ? canonicalRef(r, context) : a);
    }
    return new AcLiteral(items);
  }

  /** Records that the computed VAR {@code var} reads the objects {@code reads}. */
  void dependsOn(String var, Iterable<String> reads) {
    for (String r : reads) {
      dependents.computeIfAbsent(r, k -> new LinkedHashSet<>()).add(var);
    }
  }

  /** Forgets what a computed VAR reads. */
  void forgetDependencies(String var) {
    for (Set<String> s : dependents.values()) {
      s.remove(var);
    }
  }

  /** The key and the keys of every computed VAR that reads it, directly or through others. */
  Set<String> affectedBy(String key) {
    Set<String> out = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    todo.add(key);
    while (!todo.isEmpty()) {
      String k = todo.poll();
      if (out.add(k)) {
        todo.addAll(dependents.getOrDefault(k, Set.of()));
      }
    }
    return out;
  }

  /** The namespace a NamespaceRef names, or null. */
  Namespace namespace(NamespaceRef ref) {
    return namespace(ref.org(), ref.model());
  }

  int odmCount() {
    int n = 0;
    for (Namespace ns : namespaces) {
      if (ns.odm) {
        n++;
      }
    }
    return n;
  }

  int liveObjectCount() {
    int n = 0;
    for (Namespace ns : namespaces) {
      if (ns.obsolete) {
        continue;
      }
      for (Map<String, Obj> m : ns.allTypes()) {
        for (Obj o : m.values()) {
          if (!o.obsolete) {
            n++;
          }
        }
      }
    }
    return n;
  }

  static String text(Ari ref) {
    return Texts.of(ref);
  }
}
