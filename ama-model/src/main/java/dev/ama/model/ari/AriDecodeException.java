package dev.ama.model.ari;

/**
 * An ARI could not be decoded from CBOR or text. Says what is wrong ({@link #code()}, {@link
 * #detail()}) and where ({@link #offset()}: a byte offset in CBOR, a character offset in text).
 */
public final class AriDecodeException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The kinds of decoding failure. */
  public enum Code {
    /** Not well-formed CBOR, or not a complete item. */
    MALFORMED_CBOR,
    /** Text that does not follow the ARI text syntax. */
    SYNTAX,
    /** Bytes or text left over after the one item asked for. */
    TRAILING_DATA,
    /** A well-formed item of a kind that is not allowed where it stands. */
    UNEXPECTED_ITEM,
    /** A type code or name that ARI does not define, or not allowed where it stands. */
    UNKNOWN_TYPE,
    /** A value of the right kind that is out of range or inconsistent. */
    INVALID_VALUE,
    /** Input beyond a configured limit (size, nesting, item count, string length). */
    LIMIT_EXCEEDED
  }

  /** What an offset counts. */
  public enum Unit {
    BYTE,
    CHARACTER
  }

  private final Code code;
  private final long offset;
  private final Unit unit;
  private final String detail;

  /**
   * @param detail what is wrong; control characters and line separators in it (which often come
   *     from the input itself) are escaped, so that the message is always one line
   */
  public AriDecodeException(Code code, Unit unit, long offset, String detail) {
    super(format(unit, offset, oneLine(detail)));
    this.code = code;
    this.unit = unit;
    this.offset = offset;
    this.detail = oneLine(detail);
  }

  /** {@code s} with every control character and line or paragraph separator escaped. */
  private static String oneLine(String s) {
    if (s == null) {
      return "(no detail)";
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
            sb.append(String.format("\\u%04X", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }

  private static String format(Unit unit, long offset, String detail) {
    if (offset < 0) {
      return detail;
    }
    return (unit == Unit.BYTE ? "at byte " : "at character ") + offset + ": " + detail;
  }

  /** What kind of failure this is. */
  public Code code() {
    return code;
  }

  /** Where the failure was found (0-based), or -1 when the position is not known. */
  public long offset() {
    return offset;
  }

  /** What {@link #offset()} counts. */
  public Unit unit() {
    return unit;
  }

  /** What is wrong, without the position. */
  public String detail() {
    return detail;
  }
}
