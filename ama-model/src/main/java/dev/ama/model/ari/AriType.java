package dev.ama.model.ari;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The ARI type codes (ARITYPE): literal types (non-negative codes) and object types (negative
 * codes).
 *
 * <p>Codes and names are those of draft-ietf-dtn-ari. Retired codes (-5, -7, -9) have no constant,
 * so a message that uses one is rejected.
 */
public enum AriType {
  NULL(0),
  BOOL(1),
  BYTE(2),
  INT(4),
  UINT(5),
  VAST(6),
  UVAST(7),
  REAL32(8),
  REAL64(9),
  TEXTSTR(10),
  BYTESTR(11),
  TP(12),
  TD(13),
  LABEL(14),
  CBOR(15),
  ARITYPE(16),
  AC(17),
  AM(18),
  TBL(19),
  EXECSET(20),
  RPTSET(21),
  OBJPAT(24),
  /** Catch-all for any literal type; valid only where a type is named, never as a value's type. */
  LITERAL(255),
  IDENT(-1),
  CONST(-2),
  CTRL(-3),
  EDD(-4),
  OPER(-6),
  SBR(-8),
  TBR(-10),
  VAR(-11),
  TYPEDEF(-12),
  /** Catch-all for any namespace; valid only where a type is named. */
  NAMESPACE(-255),
  /** Catch-all for any object type; valid only where a type is named. */
  OBJECT(-256);

  // Codes run from -256 to 255: a table indexed by code + 256 avoids boxing on the decode path.
  private static final AriType[] BY_CODE = new AriType[512];
  private static final Map<String, AriType> BY_NAME = new HashMap<>();

  static {
    for (AriType t : values()) {
      BY_CODE[t.code + 256] = t;
      BY_NAME.put(t.name(), t);
    }
  }

  private final int code;

  AriType(int code) {
    this.code = code;
  }

  /** The integer code used in the CBOR form. */
  public int code() {
    return code;
  }

  /** True for the literal types (code ≥ 0), including the {@link #LITERAL} catch-all. */
  public boolean isLiteral() {
    return code >= 0;
  }

  /**
   * True for the object types that a reference may name: IDENT, CONST, CTRL, EDD, OPER, SBR, TBR,
   * VAR and TYPEDEF (not the catch-alls).
   */
  public boolean isObjectKind() {
    return code < 0 && code > -255;
  }

  /**
   * True for the literal types that a typed literal value may carry (every literal type except the
   * {@link #LITERAL} catch-all).
   */
  public boolean isValueType() {
    return code >= 0 && this != LITERAL;
  }

  /** The type with this code, if there is one. */
  public static Optional<AriType> fromCode(long code) {
    return Optional.ofNullable(byCode(code));
  }

  /** The type with this code, or {@code null} if there is none. */
  public static AriType byCode(long code) {
    return code < -256 || code > 255 ? null : BY_CODE[(int) code + 256];
  }

  /** The type with this name, case-insensitive ({@code int} and {@code INT} alike). */
  public static Optional<AriType> fromName(String name) {
    AriType t = BY_NAME.get(name);
    if (t == null) {
      t = BY_NAME.get(name.toUpperCase(Locale.ROOT));
    }
    return Optional.ofNullable(t);
  }
}
