package dev.ama.model.adm;

import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.AmLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriId;
import dev.ama.model.ari.ExecSetLiteral;
import dev.ama.model.ari.NamespaceRef;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.Params;
import dev.ama.model.ari.Report;
import dev.ama.model.ari.RptSetLiteral;
import dev.ama.model.ari.TblLiteral;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Translates the identifiers in ARIs between names and integer enums ("nicknames"), using the
 * {@link ModelIds} it knows. Every reference inside a value is translated, however deep (AC, AM,
 * TBL, EXECSET, RPTSET, parameters). Identifiers of unknown models stay as they are.
 */
public final class Nicknames {
  private final Map<String, Long> orgEnums = new HashMap<>();
  private final Map<Long, String> orgNames = new HashMap<>();
  private final Map<String, ModelIds> byNames = new HashMap<>();
  private final Map<String, ModelIds> byEnums = new HashMap<>();

  private Nicknames(Collection<ModelIds> models) {
    for (ModelIds m : models) {
      if (!m.hasEnums()) {
        // Known by name only: its object names still translate, its namespace stays text.
        if (byNames.put(m.org() + "/" + m.model(), m) != null) {
          throw new IllegalArgumentException("model " + m + " given twice");
        }
        continue;
      }
      Long prevEnum = orgEnums.put(m.org(), m.orgEnum());
      if (prevEnum != null && prevEnum != m.orgEnum()) {
        throw new IllegalArgumentException(
            "organisation " + m.org() + " has two enums: " + prevEnum + " and " + m.orgEnum());
      }
      orgNames.put(m.orgEnum(), m.org());
      if (byNames.put(m.org() + "/" + m.model(), m) != null) {
        throw new IllegalArgumentException("model " + m + " given twice");
      }
      // An enum must name one model, or translating enums back to names would be a guess.
      if (byEnums.put(m.org() + "/" + m.modelEnum(), m) != null) {
        throw new IllegalArgumentException(
            "models of " + m.org() + " share the enum " + m.modelEnum() + ": " + m);
      }
    }
  }

  /** Nicknames for the given models. */
  public static Nicknames of(Collection<ModelIds> models) {
    return new Nicknames(models);
  }

  /**
   * Nicknames for the models every ama agent hosts: the standard ones ({@link StandardModels#ALL})
   * and ama's own ({@link AmaModels#ALL}).
   */
  public static Nicknames standard() {
    return Holder.STANDARD;
  }

  private static final class Holder {
    static final Nicknames STANDARD = of(AmaModels.hostedByEveryAgent());
  }

  /** The model named by an organisation and model identifier, each a name or an enum. */
  public Optional<ModelIds> model(AriId org, AriId model) {
    if (org == null || model == null) {
      return Optional.empty();
    }
    String orgName = org.isText() ? org.text() : orgNames.get(org.number());
    if (orgName == null) {
      return Optional.empty();
    }
    if (model.isText()) {
      return Optional.ofNullable(byNames.get(orgName + "/" + model.text()));
    }
    return Optional.ofNullable(byEnums.get(orgName + "/" + model.number()));
  }

  /** The ARI with every known name replaced by its enum. */
  public Ari toEnums(Ari ari) {
    return map(ari, true);
  }

  /** The ARI with every known enum replaced by its name. */
  public Ari toNames(Ari ari) {
    return map(ari, false);
  }

  private Ari map(Ari ari, boolean toEnums) {
    UnaryOperator<Ari> deep = a -> map(a, toEnums);
    if (ari instanceof ObjectRef ref) {
      Optional<ModelIds> m = model(ref.org(), ref.model());
      AriId org = ref.org();
      AriId model = ref.model();
      AriId object = ref.object();
      if (m.isPresent()) {
        ModelIds ids = m.get();
        if (ids.hasEnums()) {
          org = toEnums ? AriId.of(ids.orgEnum()) : AriId.of(ids.org());
          model = toEnums ? AriId.of(ids.modelEnum()) : AriId.of(ids.model());
        }
        if (toEnums && object.isText()) {
          object = ids.enumOf(ref.objectType(), object.text()).map(AriId::of).orElse(object);
        } else if (!toEnums && !object.isText()) {
          object = ids.nameOf(ref.objectType(), object.number()).map(AriId::of).orElse(object);
        }
      } else {
        org = mapOrg(org, toEnums);
      }
      return new ObjectRef(
          org, model, ref.revision(), ref.objectType(), object, mapParams(ref.params(), deep));
    }
    if (ari instanceof NamespaceRef ns) {
      Optional<ModelIds> m = model(ns.org(), ns.model());
      if (m.isEmpty()) {
        return new NamespaceRef(mapOrg(ns.org(), toEnums), ns.model(), ns.revision());
      }
      ModelIds ids = m.get();
      if (!ids.hasEnums()) {
        return ns;
      }
      return toEnums
          ? new NamespaceRef(AriId.of(ids.orgEnum()), AriId.of(ids.modelEnum()), ns.revision())
          : new NamespaceRef(AriId.of(ids.org()), AriId.of(ids.model()), ns.revision());
    }
    if (ari instanceof AcLiteral ac) {
      return new AcLiteral(mapAll(ac.items(), deep));
    }
    if (ari instanceof AmLiteral am) {
      return new AmLiteral(mapValues(am.entries(), deep));
    }
    if (ari instanceof TblLiteral tbl) {
      return new TblLiteral(tbl.columns(), mapAll(tbl.cells(), deep));
    }
    if (ari instanceof ExecSetLiteral es) {
      return new ExecSetLiteral(es.nonce(), mapAll(es.targets(), deep));
    }
    if (ari instanceof RptSetLiteral rs) {
      List<Report> reports = new ArrayList<>(rs.reports().size());
      for (Report r : rs.reports()) {
        reports.add(new Report(r.relativeTime(), deep.apply(r.source()), mapAll(r.items(), deep)));
      }
      return new RptSetLiteral(rs.nonce(), rs.referenceTime(), reports);
    }
    return ari;
  }

  private AriId mapOrg(AriId org, boolean toEnums) {
    if (org == null) {
      return null;
    }
    if (toEnums && org.isText() && orgEnums.containsKey(org.text())) {
      return AriId.of(orgEnums.get(org.text()));
    }
    if (!toEnums && !org.isText() && orgNames.containsKey(org.number())) {
      return AriId.of(orgNames.get(org.number()));
    }
    return org;
  }

  private static Params mapParams(Params p, UnaryOperator<Ari> deep) {
    if (p instanceof Params.Positional pos) {
      return new Params.Positional(mapAll(pos.values(), deep));
    }
    if (p instanceof Params.Named named) {
      return new Params.Named(mapValues(named.entries(), deep));
    }
    return null;
  }

  private static List<Ari> mapAll(List<Ari> items, UnaryOperator<Ari> deep) {
    List<Ari> out = new ArrayList<>(items.size());
    for (Ari a : items) {
      out.add(deep.apply(a));
    }
    return out;
  }

  private static Map<Ari, Ari> mapValues(Map<Ari, Ari> entries, UnaryOperator<Ari> deep) {
    Map<Ari, Ari> out = new LinkedHashMap<>();
    entries.forEach((k, v) -> out.put(k, deep.apply(v)));
    return out;
  }
}
