package dev.ama.model.ari;

/** An ARI that names something rather than being a value: a namespace or an object. */
public sealed interface Reference extends Ari permits ObjectRef, NamespaceRef {

  /** The organisation, or {@code null} in a reference relative to its context. */
  AriId org();

  /** The model (ADM or ODM), or {@code null} in a reference relative to its context. */
  AriId model();

  /** The model revision the reference asks for, or {@code null} for any. */
  java.time.LocalDate revision();

  @Override
  default boolean isLiteral() {
    return false;
  }
}
