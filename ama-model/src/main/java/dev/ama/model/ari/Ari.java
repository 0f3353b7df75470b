package dev.ama.model.ari;

/**
 * An Application Resource Identifier: a literal value or a reference to a namespace or an object.
 *
 * <p>Every implementation is immutable and compares by value. Build values with the static
 * factories of the implementing types, e.g. {@link IntLiteral#of(long)}, {@link
 * ObjectRef#builder()}.
 */
public sealed interface Ari permits Literal, Reference {

  /** The undefined value, the result of anything that could not be computed. */
  Literal UNDEFINED = UndefinedLiteral.INSTANCE;

  /** True for literal values, false for references. */
  boolean isLiteral();

  /** True when this ARI is the undefined value. */
  default boolean isUndefined() {
    return this == UNDEFINED;
  }
}
