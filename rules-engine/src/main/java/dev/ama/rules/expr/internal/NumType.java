package dev.ama.rules.expr.internal;

import dev.ama.model.ari.AriType;
import java.math.BigInteger;

/**
 * The numeric types as small indexes, with the promotion table.
 *
 * <p>Indexes: untyped integer 0, untyped real 1, then BYTE, UINT, INT, UVAST, VAST, REAL32, REAL64
 * (2 to 8), which is also the AMM's rank order of the typed ones.
 */
final class NumType {
  private NumType() {}

  static final int U_INT = 0;
  static final int U_REAL = 1;
  static final int BYTE = 2;
  static final int UINT = 3;
  static final int INT = 4;
  static final int UVAST = 5;
  static final int VAST = 6;
  static final int REAL32 = 7;
  static final int REAL64 = 8;
  static final int COUNT = 9;

  private static final AriType[] TYPES = {
    null,
    null,
    AriType.BYTE,
    AriType.UINT,
    AriType.INT,
    AriType.UVAST,
    AriType.VAST,
    AriType.REAL32,
    AriType.REAL64
  };

  /** Smallest and largest value of each integer index, as longs (UVAST: up to Long.MAX_VALUE). */
  static final long[] MIN = {Long.MIN_VALUE, 0, 0, 0, Integer.MIN_VALUE, 0, Long.MIN_VALUE, 0, 0};

  static final long[] MAX = {
    Long.MAX_VALUE, 0, 255, 0xFFFF_FFFFL, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, 0, 0
  };

  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
  private static final BigInteger[] BIG_MIN = {
    TWO_64.negate(),
    null,
    BigInteger.ZERO,
    BigInteger.ZERO,
    BigInteger.valueOf(Integer.MIN_VALUE),
    BigInteger.ZERO,
    BigInteger.valueOf(Long.MIN_VALUE),
    null,
    null
  };
  private static final BigInteger[] BIG_MAX = {
    TWO_64.subtract(BigInteger.ONE),
    null,
    BigInteger.valueOf(255),
    BigInteger.valueOf(0xFFFF_FFFFL),
    BigInteger.valueOf(Integer.MAX_VALUE),
    TWO_64.subtract(BigInteger.ONE),
    BigInteger.valueOf(Long.MAX_VALUE),
    null,
    null
  };

  /** COMMON[left][right]: the type both operands are converted to. */
  static final int[][] COMMON = new int[COUNT][COUNT];

  static {
    for (int a = 0; a < COUNT; a++) {
      for (int b = 0; b < COUNT; b++) {
        COMMON[a][b] = common(a, b);
      }
    }
  }

  private static int common(int a, int b) {
    boolean ua = a <= U_REAL;
    boolean ub = b <= U_REAL;
    if (ua && ub) {
      return a == U_REAL || b == U_REAL ? U_REAL : U_INT;
    }
    if (ua || ub) {
      int typed = ua ? b : a;
      int untyped = ua ? a : b;
      // An untyped real never narrows to an integer type: it widens the result to REAL64.
      return untyped == U_REAL && !isReal(typed) ? REAL64 : typed;
    }
    if (a == b) {
      return a;
    }
    int lo = Math.min(a, b);
    int hi = Math.max(a, b);
    // INT and UVAST have no common range but VAST's.
    return lo == INT && hi == UVAST ? VAST : hi;
  }

  static boolean isReal(int t) {
    return t == U_REAL || t == REAL32 || t == REAL64;
  }

  /** The ARI type of an index ({@code null} for the untyped ones). */
  static AriType ariType(int t) {
    return TYPES[t];
  }

  /** The index of an integer literal's type, or -1 for LABEL. */
  static int ofInt(AriType type) {
    if (type == null) {
      return U_INT;
    }
    return switch (type) {
      case BYTE -> BYTE;
      case UINT -> UINT;
      case INT -> INT;
      case UVAST -> UVAST;
      case VAST -> VAST;
      default -> -1;
    };
  }

  /** The index of a real literal's type. */
  static int ofReal(AriType type) {
    if (type == null) {
      return U_REAL;
    }
    return type == AriType.REAL32 ? REAL32 : REAL64;
  }

  static boolean inRange(long v, int t) {
    return v >= MIN[t] && v <= MAX[t];
  }

  static boolean inRange(BigInteger v, int t) {
    return v.compareTo(BIG_MIN[t]) >= 0 && v.compareTo(BIG_MAX[t]) <= 0;
  }

  /** The largest value of an integer type, exactly. */
  static BigInteger max(int t) {
    return BIG_MAX[t];
  }

  /** A real value as the real type holds it (REAL32 rounds to single precision). */
  static double round(double v, int t) {
    return t == REAL32 ? (double) (float) v : v;
  }
}
