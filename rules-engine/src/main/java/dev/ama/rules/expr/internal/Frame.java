package dev.ama.rules.expr.internal;

import dev.ama.model.ari.Ari;
import dev.ama.model.ari.BoolLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.RealLiteral;
import java.util.List;

/**
 * The result register of an evaluation, one per thread. A node writes its result here; its parent
 * copies the fields into locals before evaluating the next child, so nested evaluations (a provider
 * that itself evaluates an expression on the same thread) cannot disturb it.
 *
 * <p>Booleans, integers that fit a {@code long} and reals are held as primitives ({@code kind},
 * {@code type}, {@code l}, {@code d}); {@code obj} holds the ARI itself when there is one already
 * (a constant or a provider's value), so passing a value through never rebuilds it.
 */
public final class Frame {
  static final int UNDEF = 0;
  static final int BOOL = 1;
  static final int INT = 2;
  static final int REAL = 3;
  static final int OBJ = 4;

  private static final ThreadLocal<Frame> CURRENT = ThreadLocal.withInitial(Frame::new);

  int kind;
  int type;
  long l;
  double d;
  Ari obj;

  /** The values of the expression's references, when evaluated from slots; else null. */
  Ari[] slots;

  /** The value bound by predicate-all/any/none for their operators. */
  Ari bound;

  /** The row bound by tbl-filter for its LABEL items. */
  List<Ari> row;

  /** The values bound to the LABEL items of an expression compiled with labels; else null. */
  List<Ari> labels;

  /** How many run-time eval targets enclose the node being evaluated. */
  int evalDepth;

  static Frame current() {
    return CURRENT.get();
  }

  void undefined() {
    kind = UNDEF;
    obj = null;
  }

  void bool(boolean v) {
    kind = BOOL;
    l = v ? 1 : 0;
    obj = null;
  }

  void integer(int t, long v) {
    kind = INT;
    type = t;
    l = v;
    obj = null;
  }

  void real(int t, double v) {
    kind = REAL;
    type = t;
    d = v;
    obj = null;
  }

  /** Holds any ARI value, classified for the fast paths. */
  void set(Ari a) {
    obj = a;
    if (a == null || a.isUndefined()) {
      kind = UNDEF;
      obj = null;
    } else if (a instanceof IntLiteral i) {
      int t = NumType.ofInt(i.type());
      if (t >= 0 && i.fitsLong()) {
        kind = INT;
        type = t;
        l = i.longValue();
      } else {
        kind = OBJ;
      }
    } else if (a instanceof RealLiteral r) {
      kind = REAL;
      type = NumType.ofReal(r.type());
      d = r.value();
    } else if (a instanceof BoolLiteral b) {
      kind = BOOL;
      l = b.value() ? 1 : 0;
    } else {
      kind = OBJ;
    }
  }

  /** The held value as an ARI. */
  Ari get() {
    return toAri(kind, type, l, d, obj);
  }

  static Ari toAri(int kind, int type, long l, double d, Ari obj) {
    if (obj != null) {
      return obj;
    }
    return switch (kind) {
      case BOOL -> BoolLiteral.of(l != 0);
      case INT -> IntLiteral.of(NumType.ariType(type), l);
      case REAL -> new RealLiteral(NumType.ariType(type), d);
      default -> Ari.UNDEFINED;
    };
  }
}
