package dev.ama.grammar.lang.internal;

import dev.ama.grammar.lang.Definition;
import dev.ama.model.ari.AriId;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.NamespaceRef;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What earlier compilations defined on the same agent: the names a source may use, the enums it
 * must not reuse, the highest access entry id, and the highest number of an anonymous rule ({@code
 * prod-N}, {@code if-N}). Immutable.
 */
public final class PriorDefinitions {
  private static final Pattern ANONYMOUS = Pattern.compile("(?:prod|if)-([0-9]{1,9})");

  private final List<Definition> definitions;
  private final Map<String, Definition> byKey = new HashMap<>();
  private final Map<String, Long> highestEnum = new HashMap<>();
  private final int highestAnonymous;

  public PriorDefinitions(Collection<Definition> definitions, Map<String, Long> reservedEnums) {
    this.definitions = List.copyOf(definitions);
    int anonymous = 0;
    highestEnum.putAll(reservedEnums);
    for (Definition d : this.definitions) {
      byKey.put(key(d.namespace(), d.kind(), d.name()), d);
      highestEnum.merge(kindKey(d.namespace(), d.kind()), d.enumValue(), Math::max);
      Matcher m = ANONYMOUS.matcher(d.name());
      if (d.role() == Definition.Role.RULE && m.matches()) {
        anonymous = Math.max(anonymous, Integer.parseInt(m.group(1)));
      }
    }
    this.highestAnonymous = anonymous;
  }

  /** Nothing defined before. */
  public static PriorDefinitions none() {
    return new PriorDefinitions(List.of(), Map.of());
  }

  /** The key of a namespace and object kind, for reserved enums. */
  public static String kindKey(NamespaceRef ns, AriType kind) {
    return nsKey(ns.org(), ns.model()) + "/" + kind;
  }

  private static String nsKey(AriId org, AriId model) {
    return org + "/" + model;
  }

  private static String key(NamespaceRef ns, AriType kind, String name) {
    return kindKey(ns, kind) + "/" + name;
  }

  public List<Definition> all() {
    return definitions;
  }

  /** The earlier definition of this object, if there was one. */
  public Optional<Definition> find(NamespaceRef ns, AriType kind, String name) {
    return Optional.ofNullable(byKey.get(key(ns, kind, name)));
  }

  /** The highest enum taken for this kind in this namespace, 0 when none. */
  public long highestEnum(NamespaceRef ns, AriType kind) {
    return highestEnum.getOrDefault(kindKey(ns, kind), 0L);
  }

  /** Whether a prior definition holds this access entry id. */
  public boolean usesAccessId(long id) {
    for (Definition d : definitions) {
      if (d.accessId() == id) {
        return true;
      }
    }
    return false;
  }

  public int highestAnonymous() {
    return highestAnonymous;
  }
}
