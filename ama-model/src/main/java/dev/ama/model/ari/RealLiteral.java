package dev.ama.model.ari;

import java.util.EnumSet;
import java.util.Set;

/**
 * A floating-point value, untyped or typed REAL32 or REAL64.
 *
 * <p>As in the reference implementations the value is held as a double whatever its type, and the
 * CBOR encoder writes the shortest of half, single and double precision that keeps it exactly.
 * Equality compares bit patterns, so {@code -0.0} differs from {@code 0.0} and NaN equals NaN.
 */
public record RealLiteral(AriType type, double value) implements Literal {
  private static final Set<AriType> TYPES = EnumSet.of(AriType.REAL32, AriType.REAL64);

  public RealLiteral {
    Checks.typeIn(type, TYPES);
  }

  /** An untyped float. */
  public static RealLiteral of(double value) {
    return new RealLiteral(null, value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RealLiteral r
        && r.type == type
        && Double.doubleToLongBits(r.value) == Double.doubleToLongBits(value);
  }

  @Override
  public int hashCode() {
    return 31 * (type == null ? 0 : type.hashCode()) + Double.hashCode(value);
  }
}
