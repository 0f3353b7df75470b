package dev.ama.grammar.lang;

import dev.ama.model.adm.ModelIds;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.ObjectRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves the short names operators write ({@code num-msg-rx}, {@code V1}, {@code report-on}) to
 * full object references, against the models a compiler is given: the standard ADMs plus any the
 * caller adds (an agent's ODMs, a file's own definitions). Values (EDD, VAR, CONST) and actions
 * (CTRL, macros) are separate name spaces, as where they may stand differs.
 */
public final class ObjectNames {
  /** The object kinds whose value an expression can read. */
  public static final List<AriType> VALUE_KINDS = List.of(AriType.EDD, AriType.VAR, AriType.CONST);

  private final Map<String, List<ObjectRef>> byName = new LinkedHashMap<>();
  private final Map<String, List<ObjectRef>> actions = new LinkedHashMap<>();

  private ObjectNames() {}

  /** Names of the value objects (EDD, VAR, CONST) of these models. */
  public static ObjectNames of(Collection<ModelIds> models) {
    ObjectNames n = new ObjectNames();
    for (ModelIds m : models) {
      for (AriType kind : VALUE_KINDS) {
        for (String name : m.objects(kind).keySet()) {
          n.add(name, ObjectRef.of(m.org(), m.model(), kind, name));
        }
      }
      for (String name : m.objects(AriType.CTRL).keySet()) {
        n.actions
            .computeIfAbsent(name, k -> new ArrayList<>())
            .add(ObjectRef.of(m.org(), m.model(), AriType.CTRL, name));
      }
    }
    return n;
  }

  /** These names plus one more value object (EDD, VAR, CONST) under its own short name. */
  public ObjectNames with(String name, ObjectRef ref) {
    ObjectNames n = copy();
    n.add(name, ref);
    return n;
  }

  /** These names plus one more action (a macro) under its own short name. */
  public ObjectNames withAction(String name, ObjectRef ref) {
    ObjectNames n = copy();
    List<ObjectRef> refs = n.actions.computeIfAbsent(name, k -> new ArrayList<>());
    if (!refs.contains(ref)) {
      refs.add(ref);
    }
    return n;
  }

  private ObjectNames copy() {
    ObjectNames n = new ObjectNames();
    byName.forEach((k, v) -> n.byName.put(k, new ArrayList<>(v)));
    actions.forEach((k, v) -> n.actions.put(k, new ArrayList<>(v)));
    return n;
  }

  /** Every control (CTRL, or macro defined in the source) with this short name. */
  public List<ObjectRef> resolveAction(String name) {
    return List.copyOf(actions.getOrDefault(name, List.of()));
  }

  /** Adds a name; the same object named twice (defined again) stays one, not an ambiguity. */
  private void add(String name, ObjectRef ref) {
    List<ObjectRef> refs = byName.computeIfAbsent(name, k -> new ArrayList<>());
    if (!refs.contains(ref)) {
      refs.add(ref);
    }
  }

  /** Every object with this short name (none, one, or several when it is ambiguous). */
  public List<ObjectRef> resolve(String name) {
    return List.copyOf(byName.getOrDefault(name, List.of()));
  }
}
