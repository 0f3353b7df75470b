package dev.ama.rules.expr.internal;

import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.AmLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.BoolLiteral;
import dev.ama.model.ari.BytesLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.NullLiteral;
import dev.ama.model.ari.RealLiteral;
import dev.ama.model.ari.TblLiteral;
import dev.ama.model.ari.TextLiteral;
import dev.ama.model.ari.TimeLiteral;
import java.math.BigInteger;

/**
 * Every evaluation rule, on ARI values. The nodes' fast paths handle the common cases on primitives
 * and must agree with these methods; everything else comes here. docs/expressions.md describes the
 * rules and where they come from.
 */
public final class Semantics {
  private Semantics() {}

  /** Arithmetic operators. */
  public static final int ADD = 0;

  public static final int SUB = 1;
  public static final int MUL = 2;
  public static final int DIV = 3;
  public static final int REM = 4;

  /** Ordering comparisons. */
  public static final int GT = 0;

  public static final int GE = 1;
  public static final int LT = 2;
  public static final int LE = 3;

  /** Bitwise operators. */
  public static final int AND = 0;

  public static final int OR = 1;
  public static final int XOR = 2;

  /** The numeric type index of a value, or -1 when it is not a number. */
  static int numType(Ari a) {
    if (a instanceof IntLiteral i) {
      return NumType.ofInt(i.type());
    }
    if (a instanceof RealLiteral r) {
      return NumType.ofReal(r.type());
    }
    return -1;
  }

  /** An integer value converted to an integer type, or null when out of its range. */
  private static BigInteger toInt(Ari a, int t) {
    BigInteger v = ((IntLiteral) a).bigValue();
    return NumType.inRange(v, t) ? v : null;
  }

  private static double toReal(Ari a, int t) {
    double v = a instanceof RealLiteral r ? r.value() : ((IntLiteral) a).bigValue().doubleValue();
    return NumType.round(v, t);
  }

  private static Ari integer(int t, BigInteger v) {
    return NumType.inRange(v, t) ? IntLiteral.of(NumType.ariType(t), v) : Ari.UNDEFINED;
  }

  /** add, sub, multiply, divide, remainder. */
  public static Ari arith(int op, Ari left, Ari right) {
    if (left.isUndefined() || right.isUndefined()) {
      return Ari.UNDEFINED;
    }
    if (left instanceof TimeLiteral || right instanceof TimeLiteral) {
      return TimeArith.arith(op, left, right);
    }
    int lt = numType(left);
    int rt = numType(right);
    if (lt < 0 || rt < 0) {
      return Ari.UNDEFINED;
    }
    int c = NumType.COMMON[lt][rt];
    if (NumType.isReal(c)) {
      double a = toReal(left, c);
      double b = toReal(right, c);
      if ((op == DIV || op == REM) && b == 0.0) {
        return Ari.UNDEFINED;
      }
      return new RealLiteral(NumType.ariType(c), NumType.round(realOp(op, a, b), c));
    }
    BigInteger a = toInt(left, c);
    BigInteger b = toInt(right, c);
    if (a == null || b == null) {
      return Ari.UNDEFINED;
    }
    if ((op == DIV || op == REM) && b.signum() == 0) {
      return Ari.UNDEFINED;
    }
    BigInteger r =
        switch (op) {
          case ADD -> a.add(b);
          case SUB -> a.subtract(b);
          case MUL -> a.multiply(b);
          case DIV -> a.divide(b);
          default -> a.remainder(b);
        };
    return integer(c, r);
  }

  /** The real result of an arithmetic operator (the divisor is not zero). */
  static double realOp(int op, double a, double b) {
    return switch (op) {
      case ADD -> a + b;
      case SUB -> a - b;
      case MUL -> a * b;
      case DIV -> a / b;
      default -> a % b;
    };
  }

  /** negate. */
  public static Ari negate(Ari v) {
    if (v instanceof TimeLiteral t) {
      return t.type() == AriType.TD ? TimeArith.negate(t) : Ari.UNDEFINED;
    }
    if (v instanceof RealLiteral r) {
      return new RealLiteral(r.type(), -r.value());
    }
    int t = numType(v);
    if (t < 0) {
      return Ari.UNDEFINED;
    }
    return integer(t, ((IntLiteral) v).bigValue().negate());
  }

  /** compare-gt/ge/lt/le: numbers after promotion, or two TPs, or two TDs. */
  public static Ari compare(int op, Ari left, Ari right) {
    if (left instanceof TimeLiteral a && right instanceof TimeLiteral b) {
      if (a.type() != b.type()) {
        return Ari.UNDEFINED;
      }
      return BoolLiteral.of(ordered(op, TimeArith.compare(a, b)));
    }
    int lt = numType(left);
    int rt = numType(right);
    if (lt < 0 || rt < 0) {
      return Ari.UNDEFINED;
    }
    int c = NumType.COMMON[lt][rt];
    if (NumType.isReal(c)) {
      return BoolLiteral.of(realOrdered(op, toReal(left, c), toReal(right, c)));
    }
    BigInteger a = toInt(left, c);
    BigInteger b = toInt(right, c);
    if (a == null || b == null) {
      return Ari.UNDEFINED;
    }
    return BoolLiteral.of(ordered(op, a.compareTo(b)));
  }

  static boolean ordered(int op, int cmp) {
    return switch (op) {
      case GT -> cmp > 0;
      case GE -> cmp >= 0;
      case LT -> cmp < 0;
      default -> cmp <= 0;
    };
  }

  static boolean realOrdered(int op, double a, double b) {
    return switch (op) {
      case GT -> a > b;
      case GE -> a >= b;
      case LT -> a < b;
      default -> a <= b;
    };
  }

  /**
   * compare-eq: numbers equal after promotion (a value outside the common type differs from every
   * value in it), other primitives equal in kind and value whatever their type tags, anything else
   * equal as ARI values. Undefined when either side is.
   */
  public static Ari looseEquals(Ari left, Ari right) {
    if (left.isUndefined() || right.isUndefined()) {
      return Ari.UNDEFINED;
    }
    return BoolLiteral.of(looselyEqual(left, right));
  }

  static boolean looselyEqual(Ari left, Ari right) {
    int lt = numType(left);
    int rt = numType(right);
    if (lt >= 0 && rt >= 0) {
      int c = NumType.COMMON[lt][rt];
      if (NumType.isReal(c)) {
        return toReal(left, c) == toReal(right, c);
      }
      BigInteger a = toInt(left, c);
      BigInteger b = toInt(right, c);
      return a != null && a.equals(b);
    }
    if (left instanceof BoolLiteral a && right instanceof BoolLiteral b) {
      return a.value() == b.value();
    }
    if (left instanceof TextLiteral a && right instanceof TextLiteral b) {
      boolean aLabel = a.type() == AriType.LABEL;
      boolean bLabel = b.type() == AriType.LABEL;
      return aLabel == bLabel && a.value().equals(b.value());
    }
    if (left instanceof BytesLiteral a && right instanceof BytesLiteral b) {
      return java.util.Arrays.equals(a.bytes(), b.bytes());
    }
    if (left instanceof NullLiteral && right instanceof NullLiteral) {
      return true;
    }
    return left.equals(right);
  }

  /** strict-eq: the same ARI value, type tags included. Undefined when either side is. */
  public static Ari strictEquals(Ari left, Ari right) {
    if (left.isUndefined() || right.isUndefined()) {
      return Ari.UNDEFINED;
    }
    return BoolLiteral.of(left.equals(right));
  }

  /** bit-and/or/xor: integers only, after promotion. */
  public static Ari bitwise(int op, Ari left, Ari right) {
    int lt = numType(left);
    int rt = numType(right);
    if (lt < 0 || rt < 0 || NumType.isReal(lt) || NumType.isReal(rt)) {
      return Ari.UNDEFINED;
    }
    int c = NumType.COMMON[lt][rt];
    BigInteger a = toInt(left, c);
    BigInteger b = toInt(right, c);
    if (a == null || b == null) {
      return Ari.UNDEFINED;
    }
    BigInteger r =
        switch (op) {
          case AND -> a.and(b);
          case OR -> a.or(b);
          default -> a.xor(b);
        };
    return integer(c, r);
  }

  /** bit-not: within the type's width (unsigned types flip their own bits only). */
  public static Ari bitNot(Ari v) {
    int t = numType(v);
    if (t < 0 || NumType.isReal(t)) {
      return Ari.UNDEFINED;
    }
    BigInteger x = ((IntLiteral) v).bigValue();
    BigInteger r = unsigned(t) ? NumType.max(t).subtract(x) : x.not();
    return integer(t, r);
  }

  static boolean unsigned(int t) {
    return t == NumType.BYTE || t == NumType.UINT || t == NumType.UVAST;
  }

  /**
   * Truthiness (is-truthy, conditions, filters): false for undefined, null, false, zero and NaN,
   * empty text, bytes and containers, and a zero TD or TP; true otherwise.
   */
  public static boolean truthy(Ari v) {
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
    if (v instanceof TimeLiteral t) {
      return t.seconds() != 0 || t.nanos() != 0;
    }
    if (v instanceof AcLiteral ac) {
      return !ac.items().isEmpty();
    }
    if (v instanceof AmLiteral am) {
      return !am.entries().isEmpty();
    }
    if (v instanceof TblLiteral tbl) {
      return tbl.rowCount() > 0;
    }
    return true;
  }
}
