package dev.ama.agent.internal;

import dev.ama.model.adm.ModelIds;
import dev.ama.model.ari.AriId;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.NamespaceRef;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** One model the agent hosts: an ADM (fixed) or an ODM (created at run time). */
final class Namespace {
  final String org;
  Long orgEnum;
  final String model;
  Long modelEnum;
  final LocalDate revision;
  final boolean odm;
  final ModelIds ids;
  boolean obsolete;
  private final Map<AriType, Map<String, Obj>> byName = new EnumMap<>(AriType.class);
  private final Map<AriType, Map<Long, Obj>> byEnum = new EnumMap<>(AriType.class);

  Namespace(
      String org,
      Long orgEnum,
      String model,
      Long modelEnum,
      LocalDate revision,
      boolean odm,
      ModelIds ids) {
    this.org = org;
    this.orgEnum = orgEnum;
    this.model = model;
    this.modelEnum = modelEnum;
    this.revision = revision;
    this.odm = odm;
    this.ids = ids;
  }

  /** The namespace by names. */
  NamespaceRef ref() {
    return new NamespaceRef(AriId.of(org), AriId.of(model), null);
  }

  String key() {
    return "//" + org + "/" + model + "/";
  }

  boolean matches(AriId orgId, AriId modelId) {
    return matches(orgId, org, orgEnum) && matches(modelId, model, modelEnum);
  }

  static boolean matches(AriId id, String name, Long number) {
    return id.isText() ? id.text().equals(name) : number != null && number == id.number();
  }

  /** The object of that type with this name or enum, obsolete ones included. */
  Obj find(AriType type, AriId id) {
    if (id.isText()) {
      return byName.getOrDefault(type, Map.of()).get(id.text());
    }
    return byEnum.getOrDefault(type, Map.of()).get(id.number());
  }

  Obj byName(AriType type, String name) {
    return byName.getOrDefault(type, Map.of()).get(name);
  }

  Obj byEnum(AriType type, long e) {
    return byEnum.getOrDefault(type, Map.of()).get(e);
  }

  void put(Obj o) {
    byName.computeIfAbsent(o.type, t -> new LinkedHashMap<>()).put(o.name, o);
    if (o.enumValue != null) {
      byEnum.computeIfAbsent(o.type, t -> new HashMap<>()).put(o.enumValue, o);
    }
  }

  /** Replaces an object by another with the same identifiers. */
  void replace(Obj o) {
    put(o);
  }

  /** Every object of a type, in definition order, obsolete ones included. */
  Iterable<Obj> objects(AriType type) {
    return byName.getOrDefault(type, Map.of()).values();
  }

  Iterable<Map<String, Obj>> allTypes() {
    return byName.values();
  }

  @Override
  public String toString() {
    return key();
  }
}
