package dev.ama.grammar.ari.internal;

import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.BoolLiteral;
import dev.ama.model.ari.BytesLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.Literal;
import dev.ama.model.ari.NullLiteral;
import dev.ama.model.ari.RealLiteral;
import dev.ama.model.ari.TextLiteral;
import dev.ama.model.ari.TimeLiteral;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one percent-decoded value segment as the literal it spells, by the reference
 * implementation's rules. Every method throws {@link SegmentException} with a one-line reason.
 */
public final class SegmentSyntax {
  private SegmentSyntax() {}

  /** A segment that does not spell what its place requires. */
  public static final class SegmentException extends Exception {
    private static final long serialVersionUID = 1L;

    SegmentException(String message) {
      super(message, null, false, false);
    }
  }

  private static final Pattern INTEGER =
      Pattern.compile("([+-]?)(?:0[bB]([01]+)|0[xX]([0-9A-Fa-f]+)|([0-9]+))");
  private static final Pattern DECIMAL_FLOAT =
      Pattern.compile("[+-]?(?:[0-9]+\\.[0-9]*|\\.[0-9]+|[0-9]+)(?:[eE][+-]?[0-9]+)?");
  // No two adjacent repetitions of hex digits: "[0-9A-Fa-f]+\\.?[0-9A-Fa-f]*" backtracks
  // quadratically on a long run of hex digits that does not match (20,000 took 7 s).
  private static final Pattern HEX_FLOAT =
      Pattern.compile(
          "([+-]?0[xX](?:[0-9A-Fa-f]+(?:\\.[0-9A-Fa-f]*)?|\\.[0-9A-Fa-f]+))([pP][+-]?[0-9]+)?");
  private static final Pattern SPECIAL_FLOAT = Pattern.compile("(?i)([+-]?)(infinity|nan)");
  private static final Pattern IDENTITY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");
  private static final Pattern LABEL_INT = Pattern.compile("-?(?:0|[1-9][0-9]*)");
  private static final Pattern DECIMAL_SECONDS = Pattern.compile("([+-]?)([0-9]+)(?:\\.([0-9]*))?");
  private static final Pattern ISO_TP =
      Pattern.compile(
          "([0-9]{4})-?([0-9]{2})-?([0-9]{2})T([0-9]{2}):?([0-9]{2}):?([0-9]{2})(?:\\.([0-9]+))?Z");
  private static final Pattern ISO_TD =
      Pattern.compile(
          "([+-]?)P(?:([0-9]+)D)?T(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+)(?:\\.([0-9]+))?S)?");
  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
  private static final BigInteger NANOS = BigInteger.valueOf(1_000_000_000L);
  private static final long UNIX_SECONDS_AT_DTN_EPOCH = 946_684_800L;

  /**
   * Most significant digits read as a number: far beyond any 64-bit value, and few enough for
   * {@link BigInteger}, whose parsing time grows with the square of the length (a million digits
   * took 16 s).
   */
  private static final int MAX_DIGITS = 1000;

  private static boolean isHexDigit(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** A segment as quoted in a message: long ones are cut, so a huge input gives a short message. */
  public static String quote(String s) {
    return s.length() <= 48 ? s : s.substring(0, 40) + "…(" + s.length() + " chars)";
  }

  /** True when {@code s} starts with the {@code ari:} prefix, in any ASCII case. */
  public static boolean hasAriPrefix(String s, int from) {
    if (s.length() - from < 4) {
      return false;
    }
    return (s.charAt(from) | 0x20) == 'a'
        && (s.charAt(from + 1) | 0x20) == 'r'
        && (s.charAt(from + 2) | 0x20) == 'i'
        && s.charAt(from + 3) == ':';
  }

  /** Decodes {@code %XX} escapes and reads the result as UTF-8. */
  public static String percentDecode(String raw) throws SegmentException {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          throw new SegmentException("incomplete percent escape");
        }
        out.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.write(c);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(out.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new SegmentException("percent escapes are not valid UTF-8");
    }
  }

  /** An untyped literal: keyword, integer, float, text or byte string. */
  public static Literal untyped(String s) throws SegmentException {
    switch (s.toLowerCase(Locale.ROOT)) {
      case "undefined":
        return Ari.UNDEFINED;
      case "null":
        return NullLiteral.UNTYPED;
      case "true":
        return BoolLiteral.TRUE;
      case "false":
        return BoolLiteral.FALSE;
      default:
        break;
    }
    if (INTEGER.matcher(s).matches()) {
      return integer(null, s);
    }
    Double d = floatOrNull(s);
    if (d != null) {
      return RealLiteral.of(d);
    }
    TextLiteral text = textOrNull(null, s);
    if (text != null) {
      return text;
    }
    BytesLiteral bytes = bytesOrNull(null, s);
    if (bytes != null) {
      return bytes;
    }
    throw new SegmentException("'" + quote(s) + "' is not a literal value");
  }

  /** An integer in decimal, hexadecimal ({@code 0x}) or binary ({@code 0b}), with a sign. */
  public static IntLiteral integer(AriType type, String s) throws SegmentException {
    Matcher m = INTEGER.matcher(s);
    if (!m.matches()) {
      throw new SegmentException("'" + quote(s) + "' is not an integer");
    }
    BigInteger v;
    if (m.group(2) != null) {
      v = digits(m.group(2), 2);
    } else if (m.group(3) != null) {
      v = digits(m.group(3), 16);
    } else {
      v = digits(m.group(4), 10);
    }
    boolean negative = "-".equals(m.group(1));
    // The CBOR integer domain: -2^64 to 2^64-1.
    if (v.compareTo(TWO_64) > 0 || (!negative && v.equals(TWO_64))) {
      throw new SegmentException("integer " + s + " is beyond 64 bits");
    }
    if (negative) {
      v = v.negate();
    }
    return IntLiteral.of(type, v);
  }

  /** The value of a run of digits, refused when it has more than {@link #MAX_DIGITS}. */
  private static BigInteger digits(String digits, int radix) throws SegmentException {
    int zeros = 0;
    while (zeros < digits.length() && digits.charAt(zeros) == '0') {
      zeros++;
    }
    if (digits.length() - zeros > MAX_DIGITS) {
      throw new SegmentException(
          "a number of "
              + (digits.length() - zeros)
              + " digits is too long (at most "
              + MAX_DIGITS
              + ")");
    }
    return new BigInteger(digits, radix);
  }

  /** True when the segment is an integer. */
  public static boolean isInteger(String s) {
    return INTEGER.matcher(s).matches();
  }

  private static Double floatOrNull(String s) {
    Matcher sp = SPECIAL_FLOAT.matcher(s);
    if (sp.matches()) {
      if (sp.group(2).equalsIgnoreCase("nan")) {
        return Double.NaN;
      }
      return "-".equals(sp.group(1)) ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (DECIMAL_FLOAT.matcher(s).matches() && !INTEGER.matcher(s).matches()) {
      return Double.parseDouble(s);
    }
    Matcher hx = HEX_FLOAT.matcher(s);
    if (hx.matches() && (s.contains(".") || hx.group(2) != null)) {
      // Java requires the binary exponent that the ARI text form leaves optional.
      return Double.parseDouble(hx.group(2) == null ? s + "p0" : s);
    }
    return null;
  }

  /** A float, or a plain integer read as one (REAL32 and REAL64 accept both). */
  public static double real(String s) throws SegmentException {
    Double d = floatOrNull(s);
    if (d != null) {
      return d;
    }
    if (INTEGER.matcher(s).matches()) {
      return integer(null, s).bigValue().doubleValue();
    }
    throw new SegmentException("'" + quote(s) + "' is not a number");
  }

  /** Text: an identifier or a quoted string; null when the segment is neither. */
  public static TextLiteral textOrNull(AriType type, String s) throws SegmentException {
    if (IDENTITY.matcher(s).matches()) {
      return new TextLiteral(type, s);
    }
    if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') {
      String body = unescape(s.substring(1, s.length() - 1));
      if (body.isEmpty()) {
        throw new SegmentException(
            "empty quoted text is not accepted (the reference implementation cannot encode it)");
      }
      return new TextLiteral(type, body);
    }
    return null;
  }

  /** A LABEL: text, or a decimal integer without a plus sign or leading zeros. */
  public static Literal label(String s) throws SegmentException {
    if (LABEL_INT.matcher(s).matches()) {
      return integer(AriType.LABEL, s);
    }
    TextLiteral t = textOrNull(AriType.LABEL, s);
    if (t == null) {
      throw new SegmentException(
          "'" + quote(s) + "' is not a LABEL (a name, quoted text or a decimal integer)");
    }
    return t;
  }

  /** A byte string {@code 'text'}, {@code h'hex'} or {@code b64'base64'}; null when none. */
  public static BytesLiteral bytesOrNull(AriType type, String s) throws SegmentException {
    if (!s.endsWith("'") || s.length() < 2) {
      return null;
    }
    if (s.startsWith("'")) {
      return BytesLiteral.of(
          type, unescape(s.substring(1, s.length() - 1)).getBytes(StandardCharsets.UTF_8));
    }
    // The closing quote must not be the opening one: "h'" alone is no byte string.
    if (s.startsWith("h'") && s.length() >= 3) {
      String hex = stripWhitespace(s.substring(2, s.length() - 1));
      try {
        return BytesLiteral.of(type, HexFormat.of().parseHex(hex));
      } catch (IllegalArgumentException e) {
        throw new SegmentException("h'" + quote(hex) + "' is not an even number of hex digits");
      }
    }
    if (s.startsWith("b64'") && s.length() >= 5) {
      String b64 = stripWhitespace(s.substring(4, s.length() - 1));
      try {
        boolean url = b64.indexOf('-') >= 0 || b64.indexOf('_') >= 0;
        return BytesLiteral.of(
            type, (url ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(b64));
      } catch (IllegalArgumentException e) {
        throw new SegmentException("b64'" + quote(b64) + "' is not base64");
      }
    }
    return null;
  }

  private static String stripWhitespace(String s) {
    return s.replaceAll("\\s+", "");
  }

  /**
   * Backslash escapes: {@code \b \f \n \r \t \\uXXXX}; any other escaped character stands for
   * itself.
   */
  public static String unescape(String s) throws SegmentException {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (++i >= s.length()) {
        throw new SegmentException("text ends with a lone backslash");
      }
      char e = s.charAt(i);
      switch (e) {
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          if (i + 4 >= s.length()) {
            throw new SegmentException("\\u needs four hex digits");
          }
          String hex = s.substring(i + 1, i + 5);
          if (!hex.chars().allMatch(SegmentSyntax::isHexDigit)) {
            throw new SegmentException("\\u needs four hex digits");
          }
          try {
            sb.append((char) Integer.parseInt(hex, 16));
          } catch (NumberFormatException ex) {
            throw new SegmentException("\\u needs four hex digits");
          }
          i += 4;
        }
        default -> sb.append(e);
      }
    }
    return sb.toString();
  }

  /** A TP: an ISO date-time in UTC or decimal seconds since the DTN epoch. */
  public static TimeLiteral timePoint(String s) throws SegmentException {
    Matcher m = ISO_TP.matcher(s);
    if (m.matches()) {
      long unix;
      try {
        unix =
            LocalDateTime.of(
                    Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)),
                    Integer.parseInt(m.group(5)),
                    Integer.parseInt(m.group(6)))
                .toEpochSecond(ZoneOffset.UTC);
      } catch (DateTimeException e) {
        throw new SegmentException("'" + quote(s) + "' is not a valid date and time");
      }
      BigInteger nanos =
          BigInteger.valueOf(unix - UNIX_SECONDS_AT_DTN_EPOCH)
              .multiply(NANOS)
              .add(BigInteger.valueOf(fractionNanos(m.group(7))));
      return fromTotalNanos(AriType.TP, nanos);
    }
    return decimalSeconds(AriType.TP, s);
  }

  /** A TD: an ISO duration ({@code PT1M40S}, {@code -P1DT}) or decimal seconds. */
  public static TimeLiteral timeDiff(String s) throws SegmentException {
    Matcher m = ISO_TD.matcher(s);
    if (m.matches()) {
      BigInteger secs = BigInteger.ZERO;
      secs = secs.add(part(m.group(2)).multiply(BigInteger.valueOf(86_400)));
      secs = secs.add(part(m.group(3)).multiply(BigInteger.valueOf(3_600)));
      secs = secs.add(part(m.group(4)).multiply(BigInteger.valueOf(60)));
      secs = secs.add(part(m.group(5)));
      BigInteger nanos = secs.multiply(NANOS).add(BigInteger.valueOf(fractionNanos(m.group(6))));
      if ("-".equals(m.group(1))) {
        nanos = nanos.negate();
      }
      return fromTotalNanos(AriType.TD, nanos);
    }
    if (s.contains("P")) {
      throw new SegmentException(
          "'" + quote(s) + "' is not an ISO duration (the T is required: P1DT, PT1S)");
    }
    return decimalSeconds(AriType.TD, s);
  }

  private static BigInteger part(String digits) throws SegmentException {
    return digits == null ? BigInteger.ZERO : digits(digits, 10);
  }

  private static long fractionNanos(String frac) throws SegmentException {
    if (frac == null || frac.isEmpty()) {
      return 0;
    }
    if (frac.length() > 9) {
      throw new SegmentException("more than 9 fraction digits (times have nanosecond resolution)");
    }
    StringBuilder padded = new StringBuilder(frac);
    while (padded.length() < 9) {
      padded.append('0');
    }
    return Long.parseLong(padded.toString());
  }

  private static TimeLiteral decimalSeconds(AriType type, String s) throws SegmentException {
    Matcher m = DECIMAL_SECONDS.matcher(s);
    if (!m.matches()) {
      throw new SegmentException(
          "'" + quote(s) + "' is not a " + (type == AriType.TP ? "time point" : "time difference"));
    }
    BigInteger nanos =
        digits(m.group(2), 10).multiply(NANOS).add(BigInteger.valueOf(fractionNanos(m.group(3))));
    if ("-".equals(m.group(1))) {
      nanos = nanos.negate();
    }
    return fromTotalNanos(type, nanos);
  }

  /**
   * A time from a number of seconds given as a numeric literal (RPTSET {@code r=}, report {@code
   * t=}).
   */
  public static TimeLiteral timeFromSeconds(AriType type, BigDecimal seconds)
      throws SegmentException {
    BigDecimal scaled = seconds.movePointRight(9);
    BigInteger nanos;
    try {
      nanos = scaled.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw new SegmentException("more than nanosecond precision: " + seconds.toPlainString());
    }
    return fromTotalNanos(type, nanos);
  }

  /**
   * A time from its total nanoseconds. Whole seconds keep any 64-bit value; a value with a fraction
   * is carried as a 64-bit nanosecond count and, as in the reference implementation, wraps when it
   * does not fit (so {@code -9223372036.854775809} reads as {@code 9223372036.854775807}).
   */
  static TimeLiteral fromTotalNanos(AriType type, BigInteger nanos) throws SegmentException {
    BigInteger[] qr = nanos.divideAndRemainder(NANOS);
    if (qr[1].signum() == 0) {
      if (qr[0].bitLength() > 63) {
        throw new SegmentException("time of " + qr[0] + " s is beyond 64 bits of seconds");
      }
      return new TimeLiteral(type, qr[0].longValue(), 0);
    }
    long wrapped = nanos.longValue(); // two's-complement truncation: the reference's wrap
    return TimeLiteral.ofDecimal(type, -9, wrapped);
  }

  /** A revision date, {@code YYYY-MM-DD} or {@code YYYYMMDD}. */
  public static LocalDate revision(String s) throws SegmentException {
    String iso =
        s.length() == 8 && s.chars().allMatch(Character::isDigit)
            ? s.substring(0, 4) + "-" + s.substring(4, 6) + "-" + s.substring(6)
            : s;
    try {
      if (iso.length() != 10) {
        throw new DateTimeException("length");
      }
      return LocalDate.parse(iso);
    } catch (DateTimeException e) {
      throw new SegmentException("revision '" + quote(s) + "' is not a YYYY-MM-DD date");
    }
  }
}
