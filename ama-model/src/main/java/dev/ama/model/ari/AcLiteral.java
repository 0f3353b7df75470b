package dev.ama.model.ari;

import dev.ama.model.ari.internal.FrozenList;
import java.util.List;

/** An ARI collection (AC): an ordered list of ARIs, e.g. {@code ari:/AC/(1,2)}. */
public record AcLiteral(List<Ari> items) implements Literal {
  /** The empty collection. */
  public static final AcLiteral EMPTY = new AcLiteral(List.of());

  public AcLiteral {
    items = FrozenList.copyOf(items);
  }

  /** A collection of these items. */
  public static AcLiteral of(Ari... items) {
    return new AcLiteral(List.of(items));
  }

  @Override
  public AriType type() {
    return AriType.AC;
  }
}
