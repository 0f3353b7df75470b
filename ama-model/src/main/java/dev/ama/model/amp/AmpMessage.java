package dev.ama.model.amp;

import dev.ama.model.ari.Ari;
import dev.ama.model.ari.ExecSetLiteral;
import dev.ama.model.ari.Literal;
import dev.ama.model.ari.RptSetLiteral;
import dev.ama.model.ari.internal.FrozenList;
import java.util.List;

/**
 * One AMP message: EXECSETs and RPTSETs in order.
 *
 * @param items each an {@link ExecSetLiteral} or a {@link RptSetLiteral}
 */
public record AmpMessage(List<Ari> items) {
  /** The protocol version byte every message starts with. */
  public static final int VERSION = 1;

  public AmpMessage {
    items = FrozenList.copyOf(items);
    for (int i = 0; i < items.size(); i++) {
      String problem = problem(items.get(i), i);
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
    }
  }

  /** What is wrong with {@code item} as item {@code index} of a message, or {@code null}. */
  static String problem(Ari item, int index) {
    if (item instanceof ExecSetLiteral || item instanceof RptSetLiteral) {
      return null;
    }
    String kind =
        item instanceof Literal l && l.type() != null
            ? l.type().toString()
            : item.getClass().getSimpleName();
    return "item "
        + index
        + " of the AMP message is a "
        + kind
        + "; only EXECSETs and RPTSETs travel in AMP messages";
  }

  /** A message of these items. */
  public static AmpMessage of(Ari... items) {
    return new AmpMessage(List.of(items));
  }
}
