package dev.ama.model.ari;

/** A boolean, untyped or typed BOOL. */
public record BoolLiteral(AriType type, boolean value) implements Literal {
  public static final BoolLiteral TRUE = new BoolLiteral(null, true);
  public static final BoolLiteral FALSE = new BoolLiteral(null, false);

  public BoolLiteral {
    Checks.typeIn(type, AriType.BOOL);
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
