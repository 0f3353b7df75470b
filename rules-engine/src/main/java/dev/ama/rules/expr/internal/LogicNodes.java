package dev.ama.rules.expr.internal;

import static dev.ama.rules.expr.internal.Frame.BOOL;
import static dev.ama.rules.expr.internal.Frame.UNDEF;

import dev.ama.model.ari.Ari;
import dev.ama.rules.expr.ValueProvider;

/** Boolean operators, strict equality, and the predicates about undefinedness and truth. */
final class LogicNodes {
  private LogicNodes() {}

  static final int AND = 0;
  static final int OR = 1;
  static final int XOR = 2;

  /**
   * bool-and, bool-or, bool-xor: both operands must be booleans, else the result is undefined. Both
   * are always evaluated, so an undefined right operand makes {@code false && undefined} undefined.
   */
  static final class Binary extends Node.BinaryOp {
    Binary(int op, Node left, Node right) {
      super(op, left, right);
    }

    @Override
    void eval(ValueProvider values, Frame f) {
      left.eval(values, f);
      int lk = f.kind;
      long a = f.l;
      right.eval(values, f);
      if (lk != BOOL || f.kind != BOOL) {
        f.undefined();
        return;
      }
      long b = f.l;
      f.bool(
          switch (op) {
            case AND -> (a & b) != 0;
            case OR -> (a | b) != 0;
            default -> (a ^ b) != 0;
          });
    }
  }

  /** bool-not. */
  static final class Not extends Node {
    private final Node operand;

    Not(Node operand) {
      this.operand = operand;
    }

    @Override
    void eval(ValueProvider values, Frame f) {
      operand.eval(values, f);
      if (f.kind == BOOL) {
        f.bool(f.l == 0);
      } else {
        f.undefined();
      }
    }
  }

  /** strict-eq and strict-ne. */
  static final class StrictEq extends Node {
    private final boolean negated;
    private final Node left;
    private final Node right;

    StrictEq(boolean negated, Node left, Node right) {
      this.negated = negated;
      this.left = left;
      this.right = right;
    }

    @Override
    void eval(ValueProvider values, Frame f) {
      left.eval(values, f);
      Ari a = f.get();
      right.eval(values, f);
      Ari r = Semantics.strictEquals(a, f.get());
      if (r.isUndefined()) {
        f.undefined();
      } else {
        f.bool(Semantics.truthy(r) != negated);
      }
    }
  }

  /** is-undefined and is-not-undefined: never undefined themselves. */
  static final class IsUndefined extends Node {
    private final boolean wanted;
    private final Node operand;

    IsUndefined(boolean wanted, Node operand) {
      this.wanted = wanted;
      this.operand = operand;
    }

    @Override
    void eval(ValueProvider values, Frame f) {
      operand.eval(values, f);
      f.bool((f.kind == UNDEF) == wanted);
    }
  }

  /** is-truthy: undefined is not truthy. */
  static final class Truthy extends Node {
    private final Node operand;

    Truthy(Node operand) {
      this.operand = operand;
    }

    @Override
    void eval(ValueProvider values, Frame f) {
      operand.eval(values, f);
      f.bool(truthy(f));
    }
  }

  /** The truthiness of the value in the frame, without building an ARI for primitives. */
  static boolean truthy(Frame f) {
    return switch (f.kind) {
      case UNDEF -> false;
      case BOOL, Frame.INT -> f.l != 0;
      case Frame.REAL -> f.d != 0.0 && !Double.isNaN(f.d);
      default -> Semantics.truthy(f.obj);
    };
  }

  static final int ALL = 0;
  static final int ANY = 1;
  static final int NONE = 2;

  /**
   * predicate-all, -any, -none: passes the operand to each unary operator of the {@code operators}
   * parameter (compiled over a {@link Leaves.Bound} leaf) and combines their truthiness.
   */
  static final class Predicate extends Node {
    private final int mode;
    private final Node operand;
    private final Node[] operators;

    Predicate(int mode, Node operand, Node[] operators) {
      this.mode = mode;
      this.operand = operand;
      this.operators = operators;
    }

    @Override
    void eval(ValueProvider values, Frame f) {
      operand.eval(values, f);
      Ari value = f.get();
      Ari saved = f.bound;
      int truthyCount = 0;
      try {
        for (Node op : operators) {
          f.bound = value;
          op.eval(values, f);
          if (truthy(f)) {
            truthyCount++;
          }
        }
      } finally {
        f.bound = saved;
      }
      f.bool(
          switch (mode) {
            case ALL -> truthyCount == operators.length;
            case ANY -> truthyCount > 0;
            default -> truthyCount == 0;
          });
    }
  }
}
