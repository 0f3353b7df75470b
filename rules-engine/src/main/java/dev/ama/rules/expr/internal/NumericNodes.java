package dev.ama.rules.expr.internal;

import static dev.ama.rules.expr.internal.Frame.BOOL;
import static dev.ama.rules.expr.internal.Frame.INT;
import static dev.ama.rules.expr.internal.Frame.REAL;
import static dev.ama.rules.expr.internal.Frame.UNDEF;

import dev.ama.model.ari.Ari;
import dev.ama.model.ari.IntLiteral;
import dev.ama.rules.expr.ValueProvider;

/**
 * Arithmetic, comparison and bitwise operators. Each has a fast path for integers that fit a {@code
 * long} and for reals, held as primitives in the frame; anything else (an overflow to check
 * exactly, a time, a value of another kind) goes to {@link Semantics}, which gives the same
 * answers.
 */
final class NumericNodes {
  private NumericNodes() {}

  static boolean isNumber(int kind) {
    return kind == INT || kind == REAL;
  }

  static IntLiteral intLiteral(int type, long v) {
    return IntLiteral.of(NumType.ariType(type), v);
  }

  /** add, sub, multiply, divide, remainder. */
  static final class Arith extends Node.BinaryOp {
    Arith(int op, Node left, Node right) {
      super(op, left, right);
    }

    @Override
    void eval(ValueProvider values, Frame f) {
      left.eval(values, f);
      int lk = f.kind;
      int lt = f.type;
      long ll = f.l;
      double ld = f.d;
      Ari lo = f.obj;
      right.eval(values, f);
      int rk = f.kind;
      if (lk == INT && rk == INT) {
        integers(f, lt, ll, f.type, f.l);
      } else if (isNumber(lk) && isNumber(rk)) {
        int c = NumType.COMMON[lt][f.type];
        double a = NumType.round(lk == INT ? (double) ll : ld, c);
        double b = NumType.round(rk == INT ? (double) f.l : f.d, c);
        if ((op == Semantics.DIV || op == Semantics.REM) && b == 0.0) {
          f.undefined();
        } else {
          f.real(c, NumType.round(Semantics.realOp(op, a, b), c));
        }
      } else if (lk == UNDEF || rk == UNDEF) {
        f.undefined();
      } else {
        Ari r = f.get();
        f.set(Semantics.arith(op, Frame.toAri(lk, lt, ll, ld, lo), r));
      }
    }

    private void integers(Frame f, int lt, long a, int rt, long b) {
      int c = NumType.COMMON[lt][rt];
      if (NumType.isReal(c)) {
        double x = NumType.round((double) a, c);
        double y = NumType.round((double) b, c);
        if ((op == Semantics.DIV || op == Semantics.REM) && y == 0.0) {
          f.undefined();
        } else {
          f.real(c, NumType.round(Semantics.realOp(op, x, y), c));
        }
        return;
      }
      if (!NumType.inRange(a, c) || !NumType.inRange(b, c)) {
        f.undefined();
        return;
      }
      long r;
      switch (op) {
        case Semantics.ADD -> {
          r = a + b;
          if (((a ^ r) & (b ^ r)) < 0) {
            slow(f, lt, a, rt, b);
            return;
          }
        }
        case Semantics.SUB -> {
          r = a - b;
          if (((a ^ b) & (a ^ r)) < 0) {
            slow(f, lt, a, rt, b);
            return;
          }
        }
        case Semantics.MUL -> {
          long hi = Math.multiplyHigh(a, b);
          r = a * b;
          if ((hi != 0 || r < 0) && (hi != -1 || r >= 0)) {
            slow(f, lt, a, rt, b);
            return;
          }
        }
        case Semantics.DIV -> {
          if (b == 0) {
            f.undefined();
            return;
          }
          if (a == Long.MIN_VALUE && b == -1) {
            slow(f, lt, a, rt, b);
            return;
          }
          r = a / b;
        }
        default -> {
          if (b == 0) {
            f.undefined();
            return;
          }
          r = a % b;
        }
      }
      if (NumType.inRange(r, c)) {
        f.integer(c, r);
      } else {
        f.undefined();
      }
    }

    private void slow(Frame f, int lt, long a, int rt, long b) {
      f.set(Semantics.arith(op, intLiteral(lt, a), intLiteral(rt, b)));
    }
  }

  /** compare-gt, -ge, -lt, -le. */
  static final class Compare extends Node.BinaryOp {
    Compare(int op, Node left, Node right) {
      super(op, left, right);
    }

    @Override
    void eval(ValueProvider values, Frame f) {
      left.eval(values, f);
      int lk = f.kind;
      int lt = f.type;
      long ll = f.l;
      double ld = f.d;
      Ari lo = f.obj;
      right.eval(values, f);
      int rk = f.kind;
      if (lk == INT && rk == INT) {
        int c = NumType.COMMON[lt][f.type];
        if (NumType.isReal(c)) {
          f.bool(
              Semantics.realOrdered(
                  op, NumType.round((double) ll, c), NumType.round((double) f.l, c)));
        } else if (NumType.inRange(ll, c) && NumType.inRange(f.l, c)) {
          f.bool(Semantics.ordered(op, Long.compare(ll, f.l)));
        } else {
          f.undefined();
        }
      } else if (isNumber(lk) && isNumber(rk)) {
        int c = NumType.COMMON[lt][f.type];
        double a = NumType.round(lk == INT ? (double) ll : ld, c);
        double b = NumType.round(rk == INT ? (double) f.l : f.d, c);
        f.bool(Semantics.realOrdered(op, a, b));
      } else if (lk == UNDEF || rk == UNDEF) {
        f.undefined();
      } else {
        Ari r = f.get();
        f.set(Semantics.compare(op, Frame.toAri(lk, lt, ll, ld, lo), r));
      }
    }
  }

  /** compare-eq and compare-ne (loose equality). */
  static final class LooseEq extends Node {
    private final boolean negated;
    private final Node left;
    private final Node right;

    LooseEq(boolean negated, Node left, Node right) {
      this.negated = negated;
      this.left = left;
      this.right = right;
    }

    @Override
    void eval(ValueProvider values, Frame f) {
      left.eval(values, f);
      int lk = f.kind;
      int lt = f.type;
      long ll = f.l;
      double ld = f.d;
      Ari lo = f.obj;
      right.eval(values, f);
      int rk = f.kind;
      if (lk == UNDEF || rk == UNDEF) {
        f.undefined();
      } else if (lk == INT && rk == INT) {
        int c = NumType.COMMON[lt][f.type];
        boolean eq;
        if (NumType.isReal(c)) {
          eq = NumType.round((double) ll, c) == NumType.round((double) f.l, c);
        } else {
          eq = NumType.inRange(ll, c) && NumType.inRange(f.l, c) && ll == f.l;
        }
        f.bool(eq != negated);
      } else if (isNumber(lk) && isNumber(rk)) {
        int c = NumType.COMMON[lt][f.type];
        double a = NumType.round(lk == INT ? (double) ll : ld, c);
        double b = NumType.round(rk == INT ? (double) f.l : f.d, c);
        f.bool((a == b) != negated);
      } else if (lk == BOOL && rk == BOOL) {
        f.bool((ll == f.l) != negated);
      } else {
        Ari r = f.get();
        f.bool(Semantics.looselyEqual(Frame.toAri(lk, lt, ll, ld, lo), r) != negated);
      }
    }
  }

  /** bit-and, bit-or, bit-xor. */
  static final class Bitwise extends Node.BinaryOp {
    Bitwise(int op, Node left, Node right) {
      super(op, left, right);
    }

    @Override
    void eval(ValueProvider values, Frame f) {
      left.eval(values, f);
      int lk = f.kind;
      int lt = f.type;
      long ll = f.l;
      double ld = f.d;
      Ari lo = f.obj;
      right.eval(values, f);
      int rk = f.kind;
      if (lk == INT && rk == INT) {
        int c = NumType.COMMON[lt][f.type];
        long b = f.l;
        if (!NumType.inRange(ll, c) || !NumType.inRange(b, c)) {
          f.undefined();
          return;
        }
        long r =
            switch (op) {
              case Semantics.AND -> ll & b;
              case Semantics.OR -> ll | b;
              default -> ll ^ b;
            };
        f.integer(c, r);
      } else if (lk == UNDEF || rk == UNDEF) {
        f.undefined();
      } else {
        Ari r = f.get();
        f.set(Semantics.bitwise(op, Frame.toAri(lk, lt, ll, ld, lo), r));
      }
    }
  }

  /** negate. */
  static final class Negate extends Node {
    private final Node operand;

    Negate(Node operand) {
      this.operand = operand;
    }

    @Override
    void eval(ValueProvider values, Frame f) {
      operand.eval(values, f);
      switch (f.kind) {
        case INT -> {
          int t = f.type;
          long v = f.l;
          if (v == Long.MIN_VALUE) {
            f.set(Semantics.negate(intLiteral(t, v)));
          } else if (NumType.inRange(-v, t)) {
            f.integer(t, -v);
          } else {
            f.undefined();
          }
        }
        case REAL -> f.real(f.type, -f.d);
        case UNDEF -> f.undefined();
        default -> f.set(Semantics.negate(f.get()));
      }
    }
  }

  /** bit-not. */
  static final class BitNot extends Node {
    private final Node operand;

    BitNot(Node operand) {
      this.operand = operand;
    }

    @Override
    void eval(ValueProvider values, Frame f) {
      operand.eval(values, f);
      if (f.kind == INT && f.type != NumType.UVAST) {
        int t = f.type;
        long r = Semantics.unsigned(t) ? NumType.MAX[t] - f.l : ~f.l;
        if (NumType.inRange(r, t)) {
          f.integer(t, r);
        } else {
          f.undefined();
        }
      } else if (f.kind == UNDEF || f.kind == REAL) {
        f.undefined();
      } else {
        f.set(Semantics.bitNot(f.get()));
      }
    }
  }
}
