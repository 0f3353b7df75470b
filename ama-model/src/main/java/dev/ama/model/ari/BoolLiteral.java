package dev.ama.model.ari;

import java.util.EnumSet;
import java.util.Set;

/** A boolean, untyped or typed BOOL. */
public record BoolLiteral(AriType type, boolean value) implements Literal {
  private static final Set<AriType> TYPES = EnumSet.of(AriType.BOOL);

  public static final BoolLiteral TRUE = new BoolLiteral(null, true);
  public static final BoolLiteral FALSE = new BoolLiteral(null, false);

  public BoolLiteral {
    Checks.typeIn(type, TYPES);
  }

  /** The untyped boolean. */
  public static BoolLiteral of(boolean value) {
    return value ? TRUE : FALSE;
  }

  /** A typed {@code /BOOL/} value. */
  public static BoolLiteral typed(boolean value) {
    return new BoolLiteral(AriType.BOOL, value);
  }
}
