package dev.ama.model.ari;

import java.util.Objects;

/** A text string: untyped, typed TEXTSTR, or a LABEL given by name. */
public record TextLiteral(AriType type, String value) implements Literal {
  public TextLiteral {
    Checks.typeIn(type, AriType.TEXTSTR, AriType.LABEL);
    Objects.requireNonNull(value, "value");
  }

  /** An untyped text string. */
  public static TextLiteral of(String value) {
    return new TextLiteral(null, value);
  }
}
