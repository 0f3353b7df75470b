package dev.ama.model.ari;

/**
 * A literal ARI: a primitive value, optionally tagged with a literal {@link AriType}, or a typed
 * container (AC, AM, TBL, EXECSET, RPTSET, OBJPAT).
 *
 * <p>Like the reference implementations, a typed literal is checked for the primitive kind its type
 * requires (a BOOL holds a boolean, a TP a time) but not for range: {@code /BYTE/-1} and {@code
 * /UVAST/-1} are carried faithfully. Range checks belong to the AMM type checker, which knows the
 * context.
 */
public sealed interface Literal extends Ari
    permits UndefinedLiteral,
        NullLiteral,
        BoolLiteral,
        IntLiteral,
        RealLiteral,
        TextLiteral,
        BytesLiteral,
        TimeLiteral,
        AriTypeLiteral,
        AcLiteral,
        AmLiteral,
        TblLiteral,
        ExecSetLiteral,
        RptSetLiteral,
        ObjPatLiteral {

  /** This literal's type, or {@code null} for an untyped primitive. */
  AriType type();

  /** True when this literal carries a type code (its CBOR form is {@code [type, value]}). */
  default boolean isTyped() {
    return type() != null;
  }

  @Override
  default boolean isLiteral() {
    return true;
  }
}
