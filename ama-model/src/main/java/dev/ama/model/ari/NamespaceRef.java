package dev.ama.model.ari;

import java.time.LocalDate;
import java.util.Objects;

/** A reference to a whole model (namespace): {@code //org/model[@revision]/}. */
public record NamespaceRef(AriId org, AriId model, LocalDate revision) implements Reference {
  public NamespaceRef {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(model, "model");
  }

  /** The namespace {@code //org/model/}. */
  public static NamespaceRef of(String org, String model) {
    return new NamespaceRef(AriId.of(org), AriId.of(model), null);
  }
}
