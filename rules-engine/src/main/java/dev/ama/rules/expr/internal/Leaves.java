package dev.ama.rules.expr.internal;

import dev.ama.model.ari.Ari;
import dev.ama.model.ari.ObjectRef;
import dev.ama.rules.expr.ValueProvider;
import java.util.List;

/** The operands: constants, provider references, and the values bound by enclosing operators. */
final class Leaves {
  private Leaves() {}

  /** A literal, classified once at compile time. */
  static final class Const extends Node {
    private final int kind;
    private final int type;
    private final long l;
    private final double d;
    private final Ari obj;

    Const(Ari value) {
      Frame f = new Frame();
      f.set(value);
      this.kind = f.kind;
      this.type = f.type;
      this.l = f.l;
      this.d = f.d;
      this.obj = f.obj;
    }

    @Override
    void eval(ValueProvider values, Frame f) {
      f.kind = kind;
      f.type = type;
      f.l = l;
      f.d = d;
      f.obj = obj;
    }
  }

  /** An EDD, VAR or CONST value, read from the provider at each evaluation. */
  static final class Ref extends Node {
    private final ObjectRef ref;
    private final int slot;

    Ref(ObjectRef ref, int slot) {
      this.ref = ref;
      this.slot = slot;
    }

    @Override
    void eval(ValueProvider values, Frame f) {
      Ari[] slots = f.slots;
      f.set(slots != null ? slots[slot] : values.value(ref));
    }
  }

  /** The value predicate-all/any/none pass to their operators. */
  static final class Bound extends Node {
    @Override
    void eval(ValueProvider values, Frame f) {
      f.set(f.bound);
    }
  }

  /** A {@code /LABEL/n} item of a tbl-filter row filter: column n of the current row. */
  static final class Label extends Node {
    private final int column;

    Label(int column) {
      this.column = column;
    }

    @Override
    void eval(ValueProvider values, Frame f) {
      List<Ari> row = f.row;
      f.set(row != null && column < row.size() ? row.get(column) : Ari.UNDEFINED);
    }
  }

  /**
   * A {@code /LABEL/n} item of an expression compiled with labels: value n of the list given to the
   * evaluation, as a value (a reference stays a reference), or undefined when there is none.
   */
  static final class BoundLabel extends Node {
    private final int index;

    BoundLabel(int index) {
      this.index = index;
    }

    @Override
    void eval(ValueProvider values, Frame f) {
      List<Ari> labels = f.labels;
      f.set(labels != null && index < labels.size() ? labels.get(index) : Ari.UNDEFINED);
    }
  }
}
