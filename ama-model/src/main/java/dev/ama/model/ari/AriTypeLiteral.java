package dev.ama.model.ari;

import java.util.Objects;

/** An ARITYPE literal: names one of the {@link AriType} codes, e.g. {@code ari:/ARITYPE/INT}. */
public record AriTypeLiteral(AriType value) implements Literal {
  public AriTypeLiteral {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public AriType type() {
    return AriType.ARITYPE;
  }
}
