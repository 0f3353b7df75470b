package dev.ama.agent;

import dev.ama.model.adm.ModelIds;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An application's ADM hosted by the agent: the model's identifiers, and Java code for its EDDs and
 * CTRLs and the values of its CONSTs. Every object the {@link ModelIds} lists is hosted; VARs it
 * lists start with the value given by {@link Builder#variable}, or undefined.
 */
public final class Adm {
  private final ModelIds ids;
  private final Map<String, EddProvider> edds;
  private final Map<String, CtrlHandler> ctrls;
  private final Map<String, Ari> constants;
  private final Map<String, Ari> variables;

  private Adm(Builder b) {
    this.ids = b.ids;
    this.edds = Collections.unmodifiableMap(new LinkedHashMap<>(b.edds));
    this.ctrls = Collections.unmodifiableMap(new LinkedHashMap<>(b.ctrls));
    this.constants = Collections.unmodifiableMap(new LinkedHashMap<>(b.constants));
    this.variables = Collections.unmodifiableMap(new LinkedHashMap<>(b.variables));
  }

  /** A builder for the ADM whose identifiers are {@code ids}. */
  public static Builder builder(ModelIds ids) {
    return new Builder(ids);
  }

  /** The model's identifiers. */
  public ModelIds ids() {
    return ids;
  }

  /** The EDD providers by object name. */
  public Map<String, EddProvider> edds() {
    return edds;
  }

  /** The CTRL handlers by object name. */
  public Map<String, CtrlHandler> ctrls() {
    return ctrls;
  }

  /** The CONST values by object name. */
  public Map<String, Ari> constants() {
    return constants;
  }

  /** The initial VAR values by object name. */
  public Map<String, Ari> variables() {
    return variables;
  }

  /** Builds an {@link Adm}; {@link #build()} checks every name against the model. */
  public static final class Builder {
    private final ModelIds ids;
    private final Map<String, EddProvider> edds = new LinkedHashMap<>();
    private final Map<String, CtrlHandler> ctrls = new LinkedHashMap<>();
    private final Map<String, Ari> constants = new LinkedHashMap<>();
    private final Map<String, Ari> variables = new LinkedHashMap<>();

    private Builder(ModelIds ids) {
      this.ids = Objects.requireNonNull(ids, "ids");
    }

    /** The provider of the EDD {@code name}. */
    public Builder edd(String name, EddProvider provider) {
      edds.put(name, Objects.requireNonNull(provider, "provider"));
      return this;
    }

    /** The handler of the CTRL {@code name}. */
    public Builder ctrl(String name, CtrlHandler handler) {
      ctrls.put(name, Objects.requireNonNull(handler, "handler"));
      return this;
    }

    /** The value of the CONST {@code name}. */
    public Builder constant(String name, Ari value) {
      constants.put(name, Objects.requireNonNull(value, "value"));
      return this;
    }

    /** The initial value of the VAR {@code name} (and what var-reset returns it to). */
    public Builder variable(String name, Ari value) {
      variables.put(name, Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * The ADM.
     *
     * @throws IllegalStateException naming every object the model does not define, and every EDD or
     *     CTRL of the model that has no Java code
     */
    public Adm build() {
      List<String> problems = new ArrayList<>();
      check(AriType.EDD, edds.keySet(), problems);
      check(AriType.CTRL, ctrls.keySet(), problems);
      check(AriType.CONST, constants.keySet(), problems);
      check(AriType.VAR, variables.keySet(), problems);
      for (String n : ids.objects(AriType.EDD).keySet()) {
        if (!edds.containsKey(n)) {
          problems.add("EDD " + n + " has no provider");
        }
      }
      for (String n : ids.objects(AriType.CTRL).keySet()) {
        if (!ctrls.containsKey(n)) {
          problems.add("CTRL " + n + " has no handler");
        }
      }
      for (String n : ids.objects(AriType.CONST).keySet()) {
        if (!constants.containsKey(n)) {
          problems.add("CONST " + n + " has no value");
        }
      }
      if (!problems.isEmpty()) {
        throw new IllegalStateException("ADM " + ids + ": " + String.join("; ", problems));
      }
      return new Adm(this);
    }

    private void check(AriType type, Iterable<String> names, List<String> problems) {
      for (String n : names) {
        if (ids.enumOf(type, n).isEmpty()) {
          problems.add("the model defines no " + type + " " + n);
        }
      }
    }
  }
}
