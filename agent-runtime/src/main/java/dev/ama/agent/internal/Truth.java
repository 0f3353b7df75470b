package dev.ama.agent.internal;

import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.AmLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.BoolLiteral;
import dev.ama.model.ari.BytesLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.NullLiteral;
import dev.ama.model.ari.RealLiteral;
import dev.ama.model.ari.TblLiteral;
import dev.ama.model.ari.TextLiteral;
import dev.ama.model.ari.TimeLiteral;

/** Truthiness, as docs/expressions.md defines it for is-truthy and conditions. */
final class Truth {
  private Truth() {}

  static boolean truthy(Ari v) {
    if (v == null || v.isUndefined() || v instanceof NullLiteral) {
      return false;
    }
    if (v instanceof BoolLiteral b) {
      return b.value();
    }
    if (v instanceof IntLiteral i) {
      return i.negative() || i.argument() != 0;
    }
    if (v instanceof RealLiteral r) {
      return r.value() != 0.0 && !Double.isNaN(r.value());
    }
    if (v instanceof TextLiteral t) {
      return !t.value().isEmpty();
    }
    if (v instanceof BytesLiteral b) {
      return b.length() > 0;
    }
    if (v instanceof AcLiteral ac) {
      return !ac.items().isEmpty();
    }
    if (v instanceof AmLiteral am) {
      return !am.entries().isEmpty();
    }
    if (v instanceof TblLiteral t) {
      return t.rowCount() > 0;
    }
    if (v instanceof TimeLiteral t) {
      return t.seconds() != 0 || t.nanos() != 0;
    }
    return true;
  }
}
