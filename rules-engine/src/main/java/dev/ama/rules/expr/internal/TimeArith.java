package dev.ama.rules.expr.internal;

import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.RealLiteral;
import dev.ama.model.ari.TimeLiteral;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Arithmetic on time points (TP) and time differences (TD), exact to the nanosecond. A result that
 * the value model cannot hold (more than a {@code long} of seconds, or a fraction beyond ±292
 * years) is undefined.
 */
final class TimeArith {
  private TimeArith() {}

  private static final BigInteger BILLION = BigInteger.valueOf(1_000_000_000L);

  static BigInteger nanos(TimeLiteral t) {
    return BigInteger.valueOf(t.seconds()).multiply(BILLION).add(BigInteger.valueOf(t.nanos()));
  }

  static Ari time(AriType type, BigInteger nanos) {
    BigInteger[] qr = nanos.divideAndRemainder(BILLION);
    BigInteger secs = qr[0];
    BigInteger rem = qr[1];
    if (rem.signum() < 0) {
      secs = secs.subtract(BigInteger.ONE);
      rem = rem.add(BILLION);
    }
    if (secs.bitLength() > 63) {
      return Ari.UNDEFINED;
    }
    try {
      return new TimeLiteral(type, secs.longValue(), rem.intValue());
    } catch (IllegalArgumentException e) {
      return Ari.UNDEFINED;
    }
  }

  static int compare(TimeLiteral a, TimeLiteral b) {
    int c = Long.compare(a.seconds(), b.seconds());
    return c != 0 ? c : Integer.compare(a.nanos(), b.nanos());
  }

  static Ari negate(TimeLiteral t) {
    return time(AriType.TD, nanos(t).negate());
  }

  private static boolean is(Ari a, AriType type) {
    return a instanceof TimeLiteral t && t.type() == type;
  }

  static Ari arith(int op, Ari left, Ari right) {
    boolean ltp = is(left, AriType.TP);
    boolean ltd = is(left, AriType.TD);
    boolean rtp = is(right, AriType.TP);
    boolean rtd = is(right, AriType.TD);
    switch (op) {
      case Semantics.ADD:
        if ((ltp && rtd) || (ltd && rtp)) {
          return time(AriType.TP, sum(left, right));
        }
        if (ltd && rtd) {
          return time(AriType.TD, sum(left, right));
        }
        return Ari.UNDEFINED;
      case Semantics.SUB:
        if (ltp && rtd) {
          return time(AriType.TP, diff(left, right));
        }
        if ((ltp && rtp) || (ltd && rtd)) {
          return time(AriType.TD, diff(left, right));
        }
        return Ari.UNDEFINED;
      case Semantics.MUL:
        if (ltd && Semantics.numType(right) >= 0) {
          return scale(nanos((TimeLiteral) left), right);
        }
        if (rtd && Semantics.numType(left) >= 0) {
          return scale(nanos((TimeLiteral) right), left);
        }
        return Ari.UNDEFINED;
      case Semantics.DIV:
        return ltd && Semantics.numType(right) >= 0
            ? divide(nanos((TimeLiteral) left), right)
            : Ari.UNDEFINED;
      default:
        if (ltd && rtd) {
          BigInteger d = nanos((TimeLiteral) right);
          return d.signum() == 0
              ? Ari.UNDEFINED
              : time(AriType.TD, nanos((TimeLiteral) left).remainder(d));
        }
        return Ari.UNDEFINED;
    }
  }

  private static BigInteger sum(Ari a, Ari b) {
    return nanos((TimeLiteral) a).add(nanos((TimeLiteral) b));
  }

  private static BigInteger diff(Ari a, Ari b) {
    return nanos((TimeLiteral) a).subtract(nanos((TimeLiteral) b));
  }

  private static Ari scale(BigInteger nanos, Ari factor) {
    if (factor instanceof IntLiteral i) {
      return time(AriType.TD, nanos.multiply(i.bigValue()));
    }
    double f = ((RealLiteral) factor).value();
    if (!Double.isFinite(f)) {
      return Ari.UNDEFINED;
    }
    BigDecimal r = new BigDecimal(nanos).multiply(new BigDecimal(f));
    return time(AriType.TD, r.setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact());
  }

  private static Ari divide(BigInteger nanos, Ari divisor) {
    if (divisor instanceof IntLiteral i) {
      BigInteger d = i.bigValue();
      return d.signum() == 0 ? Ari.UNDEFINED : time(AriType.TD, nanos.divide(d));
    }
    double f = ((RealLiteral) divisor).value();
    if (f == 0.0 || Double.isNaN(f)) {
      return Ari.UNDEFINED;
    }
    if (Double.isInfinite(f)) {
      return time(AriType.TD, BigInteger.ZERO);
    }
    BigDecimal q = new BigDecimal(nanos).divide(new BigDecimal(f), MathContext.DECIMAL128);
    return time(AriType.TD, q.setScale(0, RoundingMode.DOWN).toBigIntegerExact());
  }
}
