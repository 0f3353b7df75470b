package dev.ama.model.ari;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** A text string: untyped, typed TEXTSTR, or a LABEL given by name. */
public record TextLiteral(AriType type, String value) implements Literal {
  private static final Set<AriType> TYPES = EnumSet.of(AriType.TEXTSTR, AriType.LABEL);

  public TextLiteral {
    Checks.typeIn(type, TYPES);
    Objects.requireNonNull(value, "value");
    checkWellFormed(value);
  }

  /** Refuses unpaired surrogates: such a string has no UTF-8 form, so no CBOR form either. */
  static void checkWellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < s.length()
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          throw new IllegalArgumentException("unpaired surrogate at index " + i + " of text");
        }
      }
    }
  }

  /** An untyped text string. */
  public static TextLiteral of(String value) {
    return new TextLiteral(null, value);
  }
}
