package dev.ama.model.ari;

import java.util.EnumSet;
import java.util.Set;

/** The null value, untyped ({@code ari:null}) or typed ({@code ari:/NULL/null}). */
public record NullLiteral(AriType type) implements Literal {
  private static final Set<AriType> TYPES = EnumSet.of(AriType.NULL);

  /** The untyped null. */
  public static final NullLiteral UNTYPED = new NullLiteral(null);

  /** The typed {@code /NULL/null}. */
  public static final NullLiteral TYPED = new NullLiteral(AriType.NULL);

  public NullLiteral {
    Checks.typeIn(type, TYPES);
  }
}
