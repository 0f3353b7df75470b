package dev.ama.model.ari;

/** The null value, untyped ({@code ari:null}) or typed ({@code ari:/NULL/null}). */
public record NullLiteral(AriType type) implements Literal {
  /** The untyped null. */
  public static final NullLiteral UNTYPED = new NullLiteral(null);

  /** The typed {@code /NULL/null}. */
  public static final NullLiteral TYPED = new NullLiteral(AriType.NULL);

  public NullLiteral {
    Checks.typeIn(type, AriType.NULL);
  }
}
