package dev.ama.model.ari;

/** The undefined value (CBOR simple value 23). Always untyped; use {@link Ari#UNDEFINED}. */
public final class UndefinedLiteral implements Literal {
  static final UndefinedLiteral INSTANCE = new UndefinedLiteral();

  private UndefinedLiteral() {}

  @Override
  public AriType type() {
    return null;
  }

  @Override
  public String toString() {
    return "undefined";
  }
}
