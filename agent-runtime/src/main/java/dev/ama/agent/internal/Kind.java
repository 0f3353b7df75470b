package dev.ama.agent.internal;

import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.BoolLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.NamespaceRef;
import dev.ama.model.ari.NullLiteral;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.RealLiteral;
import dev.ama.model.ari.TblLiteral;
import dev.ama.model.ari.TextLiteral;
import dev.ama.model.ari.TimeLiteral;

/**
 * The kinds of parameter values the built-in controls take, after the YANG types. A value kind
 * ({@link #isValue()}) takes a value, so an object reference or an EXPR given in its place is
 * evaluated first (AMA's parameterised procedure calls); the other kinds take references or
 * expressions as they are.
 */
enum Kind {
  ANY(true),
  BOOL(true),
  UVAST(true),
  /** An entry-id: a UINT. */
  UINT(true),
  /** id-int: any integer of 64 bits. */
  ID_INT(true),
  /** id-text and TEXTSTR. */
  TEXT(true),
  TD(true),
  TD_OR_NULL(true),
  TP(true),
  /** TP or TD. */
  TIME(true),
  ULIST_UINT(true),
  ULIST_TEXT(true),
  /** A permission-list: IDENT references. */
  ULIST_IDENT(true),
  TBL(true),
  NAMESPACE(false),
  SEMTYPE(false),
  EXEC_TGT(false),
  EXEC_TGT_OR_NULL(false),
  EVAL_TGT(false),
  RPT_TGT(false),
  EXPR(false),
  VAR_REF(false),
  CONST_REF(false),
  IDENT_REF(false),
  IDENT_OR_NULL(false),
  RULE_REF(false),
  VALUE_OBJ(false),
  /** A rule or a template (value-producing object), as set-report-options takes it. */
  OPTIONS_TARGET(false);

  private final boolean value;

  Kind(boolean value) {
    this.value = value;
  }

  /** True when an object reference or EXPR in this place is evaluated to a value first. */
  boolean isValue() {
    return value;
  }

  /** The value conformed to this kind (untyped numbers typed as needed), or {@code null}. */
  Ari conform(Ari v) {
    return switch (this) {
      case ANY -> v;
      case BOOL -> v instanceof BoolLiteral ? v : null;
      case UVAST -> unsigned(v, 64);
      case UINT -> unsigned(v, 32);
      case ID_INT ->
          v instanceof IntLiteral i && i.fitsLong() && i.type() != AriType.LABEL ? v : null;
      case TEXT -> v instanceof TextLiteral t && t.type() != AriType.LABEL ? v : null;
      case TD -> time(v, AriType.TD);
      case TD_OR_NULL -> v instanceof NullLiteral ? v : time(v, AriType.TD);
      case TP -> time(v, AriType.TP);
      case TIME -> v instanceof TimeLiteral ? v : null;
      case ULIST_UINT -> list(v, UINT);
      case ULIST_TEXT -> list(v, TEXT);
      case ULIST_IDENT -> list(v, IDENT_REF);
      case TBL -> v instanceof TblLiteral ? v : null;
      case NAMESPACE -> v instanceof NamespaceRef ? v : null;
      case SEMTYPE -> v.isUndefined() || v instanceof NullLiteral ? null : v;
      case EXEC_TGT -> execTarget(v);
      case EXEC_TGT_OR_NULL -> v instanceof NullLiteral ? v : execTarget(v);
      case EVAL_TGT -> v.isUndefined() ? null : v;
      case RPT_TGT -> v instanceof AcLiteral || valueObj(v) ? v : null;
      case EXPR -> v instanceof AcLiteral ? v : null;
      case VAR_REF -> ref(v, AriType.VAR);
      case CONST_REF -> ref(v, AriType.CONST);
      case IDENT_REF -> ref(v, AriType.IDENT);
      case IDENT_OR_NULL -> v instanceof NullLiteral ? v : ref(v, AriType.IDENT);
      case RULE_REF ->
          v instanceof ObjectRef r
                  && (r.objectType() == AriType.SBR || r.objectType() == AriType.TBR)
              ? v
              : null;
      case VALUE_OBJ -> valueObj(v) ? v : null;
      case OPTIONS_TARGET ->
          valueObj(v)
                  || (v instanceof ObjectRef r
                      && (r.objectType() == AriType.SBR || r.objectType() == AriType.TBR))
              ? v
              : null;
    };
  }

  static boolean valueObj(Ari v) {
    return v instanceof ObjectRef r
        && (r.objectType() == AriType.CONST
            || r.objectType() == AriType.VAR
            || r.objectType() == AriType.EDD);
  }

  private static Ari execTarget(Ari v) {
    if (v instanceof AcLiteral) {
      return v;
    }
    if (v instanceof ObjectRef r && (r.objectType() == AriType.CTRL || valueObj(r))) {
      return v;
    }
    return null;
  }

  private static Ari ref(Ari v, AriType type) {
    return v instanceof ObjectRef r && r.objectType() == type ? v : null;
  }

  private static Ari time(Ari v, AriType type) {
    return v instanceof TimeLiteral t && t.type() == type ? v : null;
  }

  private static Ari unsigned(Ari v, int bits) {
    if (!(v instanceof IntLiteral i) || i.negative() || i.type() == AriType.LABEL) {
      return null;
    }
    if (bits == 32 && (!i.fitsLong() || i.longValue() > 0xFFFF_FFFFL)) {
      return null;
    }
    return v;
  }

  private static Ari list(Ari v, Kind item) {
    if (!(v instanceof AcLiteral ac)) {
      return null;
    }
    for (Ari a : ac.items()) {
      if (item.conform(a) == null) {
        return null;
      }
    }
    return v;
  }

  /**
   * A value conformed to a declared literal type ({@code type-use(/ARITYPE/T)}): typed values of T,
   * untyped values that fit T (typed as T), integers where a real is declared. {@code null} when
   * the value does not conform. {@code LITERAL} (any) and object types take anything.
   */
  static Ari conformToType(AriType t, Ari v) {
    if (t == null || t == AriType.LITERAL || !t.isValueType() || v.isUndefined()) {
      return v;
    }
    if (v instanceof ObjectRef || v instanceof NamespaceRef) {
      return null;
    }
    AriType vt = ((dev.ama.model.ari.Literal) v).type();
    if (vt == t) {
      return v;
    }
    switch (t) {
      case BOOL:
        return v instanceof BoolLiteral b && vt == null ? BoolLiteral.typed(b.value()) : null;
      case BYTE, UINT, INT, UVAST, VAST:
        if (v instanceof IntLiteral i && vt != AriType.LABEL && fits(i, t)) {
          return new IntLiteral(t, i.negative(), i.argument());
        }
        return null;
      case REAL32, REAL64:
        if (v instanceof RealLiteral r && (vt == null || vt == AriType.REAL32)) {
          return new RealLiteral(t, r.value());
        }
        if (v instanceof IntLiteral i) {
          return new RealLiteral(t, i.bigValue().doubleValue());
        }
        return null;
      case TEXTSTR:
        return v instanceof TextLiteral s && vt == null ? new TextLiteral(t, s.value()) : null;
      default:
        return null;
    }
  }

  private static boolean fits(IntLiteral i, AriType t) {
    java.math.BigInteger v = i.bigValue();
    java.math.BigInteger min;
    java.math.BigInteger max;
    switch (t) {
      case BYTE -> {
        min = java.math.BigInteger.ZERO;
        max = java.math.BigInteger.valueOf(255);
      }
      case UINT -> {
        min = java.math.BigInteger.ZERO;
        max = java.math.BigInteger.valueOf(0xFFFF_FFFFL);
      }
      case INT -> {
        min = java.math.BigInteger.valueOf(Integer.MIN_VALUE);
        max = java.math.BigInteger.valueOf(Integer.MAX_VALUE);
      }
      case UVAST -> {
        min = java.math.BigInteger.ZERO;
        max = java.math.BigInteger.ONE.shiftLeft(64).subtract(java.math.BigInteger.ONE);
      }
      default -> {
        min = java.math.BigInteger.valueOf(Long.MIN_VALUE);
        max = java.math.BigInteger.valueOf(Long.MAX_VALUE);
      }
    }
    return v.compareTo(min) >= 0 && v.compareTo(max) <= 0;
  }
}
