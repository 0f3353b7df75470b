package dev.ama.model.ari;

import dev.ama.model.ari.internal.FrozenList;
import java.util.List;
import java.util.Map;

/**
 * The actual parameters of an object reference: positional (an AC) or named (an AM). A reference
 * without parameters has none at all ({@code null}), which differs from an empty list.
 */
public sealed interface Params permits Params.Positional, Params.Named {

  /** Parameters given in order, e.g. {@code (1,2)}. */
  record Positional(List<Ari> values) implements Params {
    public static final Positional EMPTY = new Positional(List.of());

    public Positional {
      values = FrozenList.copyOf(values);
    }
  }

  /** Parameters given by name or index, e.g. {@code (period=/TD/PT1S)}. */
  record Named(AmLiteral map) implements Params {
    public Named(Map<Ari, Ari> entries) {
      this(new AmLiteral(entries));
    }

    /** The entries, in the order given. */
    public Map<Ari, Ari> entries() {
      return map.entries();
    }
  }

  /** Positional parameters. */
  static Params of(Ari... values) {
    return new Positional(List.of(values));
  }
}
