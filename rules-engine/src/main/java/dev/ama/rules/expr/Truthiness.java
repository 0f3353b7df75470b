package dev.ama.rules.expr;

import dev.ama.model.ari.Ari;
import dev.ama.rules.expr.internal.Semantics;

/**
 * The one truthiness rule of ama, as docs/expressions.md defines it for {@code is-truthy}, SBR
 * conditions, {@code if-then-else} and ACL filters, so that every caller decides alike.
 */
public final class Truthiness {
  private Truthiness() {}

  /**
   * False for undefined, null, false, zero and NaN, empty text, bytes and containers, and a zero TD
   * or TP; true otherwise.
   */
  public static boolean isTruthy(Ari value) {
    return Semantics.truthy(value);
  }
}
