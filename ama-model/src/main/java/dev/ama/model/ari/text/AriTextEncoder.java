package dev.ama.model.ari.text;

import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.AmLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriId;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.AriTypeLiteral;
import dev.ama.model.ari.BoolLiteral;
import dev.ama.model.ari.BytesLiteral;
import dev.ama.model.ari.ExecSetLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.Literal;
import dev.ama.model.ari.NamespaceRef;
import dev.ama.model.ari.NullLiteral;
import dev.ama.model.ari.ObjPatLiteral;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.Params;
import dev.ama.model.ari.RealLiteral;
import dev.ama.model.ari.Report;
import dev.ama.model.ari.RptSetLiteral;
import dev.ama.model.ari.TblLiteral;
import dev.ama.model.ari.TextLiteral;
import dev.ama.model.ari.TimeLiteral;
import dev.ama.model.ari.UndefinedLiteral;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Prints ARIs in the canonical text form of the reference implementation: {@code ari:} prefix at
 * the top (none for relative references), upper-case type names, identity-like text bare and other
 * text quoted and percent-encoded, byte strings as {@code h'..'}, times as {@code 20230102T030405Z}
 * and {@code PT1M40S}.
 *
 * <p>Where the reference has quirks that would make its own output unreadable, ama prints a form
 * that reads back to the same value; docs/ari-text.md lists each choice. Thread-safe.
 */
public final class AriTextEncoder {
  private static final Pattern IDENTITY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");
  private static final Pattern KEYWORD =
      Pattern.compile("(?i)undefined|null|true|false|nan|infinity");
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
  private static final long UNIX_SECONDS_AT_DTN_EPOCH = 946_684_800L;

  /** The canonical text of an ARI, with its {@code ari:} prefix. */
  public String encode(Ari ari) {
    StringBuilder sb = new StringBuilder(32);
    if (!(ari instanceof ObjectRef ref && ref.isRelative())) {
      sb.append("ari:");
    }
    ari(ari, sb);
    return sb.toString();
  }

  private void ari(Ari ari, StringBuilder sb) {
    if (ari instanceof Literal lit) {
      literal(lit, sb);
    } else if (ari instanceof ObjectRef ref) {
      objectRef(ref, sb);
    } else {
      NamespaceRef ns = (NamespaceRef) ari;
      sb.append("//");
      id(ns.org(), sb);
      sb.append('/');
      model(ns.model(), ns.revision(), sb);
      sb.append('/');
    }
  }

  private void literal(Literal lit, StringBuilder sb) {
    AriType type = lit.type();
    if (type == null) {
      primitive(lit, false, sb);
      return;
    }
    sb.append('/').append(type.name()).append('/');
    if (lit instanceof TimeLiteral t) {
      if (type == AriType.TP) {
        timePoint(t, sb);
      } else {
        timeDiff(t, sb);
      }
    } else if (lit instanceof AcLiteral ac) {
      list(ac.items(), sb);
    } else if (lit instanceof AmLiteral am) {
      map(am.entries(), sb);
    } else if (lit instanceof TblLiteral tbl) {
      sb.append("c=").append(tbl.columns()).append(';');
      for (int r = 0; r < tbl.rowCount(); r++) {
        list(tbl.row(r), sb);
      }
    } else if (lit instanceof ExecSetLiteral es) {
      sb.append("n=");
      ari(es.nonce(), sb);
      sb.append(';');
      list(es.targets(), sb);
    } else if (lit instanceof RptSetLiteral rs) {
      rptSet(rs, sb);
    } else if (lit instanceof AriTypeLiteral at) {
      sb.append(at.value().name());
    } else if (lit instanceof ObjPatLiteral op) {
      for (ObjPatLiteral.Part part : op.parts()) {
        objPatPart(part, sb);
      }
    } else {
      primitive(lit, true, sb);
    }
  }

  /** A bare primitive value; {@code typed} when a type name before it says what it is. */
  private void primitive(Literal lit, boolean typed, StringBuilder sb) {
    if (lit instanceof IntLiteral i) {
      sb.append(i.toDecimalString());
    } else if (lit instanceof TextLiteral t) {
      text(t.value(), typed, sb);
    } else if (lit instanceof BoolLiteral b) {
      sb.append(b.value());
    } else if (lit instanceof RealLiteral r) {
      sb.append(formatReal(r.value()));
    } else if (lit instanceof BytesLiteral b) {
      sb.append("h'").append(b.toHex()).append('\'');
    } else if (lit instanceof NullLiteral) {
      sb.append("null");
    } else if (lit instanceof UndefinedLiteral) {
      sb.append("undefined");
    } else {
      throw new IllegalStateException("not a primitive: " + lit);
    }
  }

  private void rptSet(RptSetLiteral rs, StringBuilder sb) {
    sb.append("n=");
    ari(rs.nonce(), sb);
    sb.append(";r=/TP/");
    timePoint(rs.referenceTime(), sb);
    sb.append(";(");
    List<Report> reports = rs.reports();
    for (int i = 0; i < reports.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      Report r = reports.get(i);
      sb.append("t=/TD/");
      timeDiff(r.relativeTime(), sb);
      sb.append(";s=");
      ari(r.source(), sb);
      sb.append(';');
      list(r.items(), sb);
    }
    sb.append(')');
  }

  private void objectRef(ObjectRef ref, StringBuilder sb) {
    if (ref.org() != null) {
      sb.append("//");
      id(ref.org(), sb);
      sb.append('/');
      model(ref.model(), ref.revision(), sb);
    } else if (ref.model() != null) {
      sb.append("..");
      sb.append('/');
      model(ref.model(), ref.revision(), sb);
    } else {
      sb.append('.');
    }
    sb.append('/').append(ref.objectType().name()).append('/');
    id(ref.object(), sb);
    Params p = ref.params();
    if (p instanceof Params.Positional pos) {
      list(pos.values(), sb);
    } else if (p instanceof Params.Named named) {
      map(named.entries(), sb);
    }
  }

  private void model(AriId model, LocalDate revision, StringBuilder sb) {
    id(model, sb);
    if (revision != null) {
      sb.append('@').append(revision);
    }
  }

  /**
   * An identifier segment: raw as the reference prints it, escaping only what would break parsing.
   */
  private void id(AriId id, StringBuilder sb) {
    if (!id.isText()) {
      sb.append(id.number());
      return;
    }
    byte[] utf8 = id.text().getBytes(StandardCharsets.UTF_8);
    for (byte b : utf8) {
      int c = b & 0xFF;
      if (isUnreserved(c) || c == '!' || c == '*' || c == '+' || c == ':') {
        sb.append((char) c);
      } else {
        percent(c, sb);
      }
    }
  }

  private void list(List<Ari> items, StringBuilder sb) {
    sb.append('(');
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      ari(items.get(i), sb);
    }
    sb.append(')');
  }

  private void map(Map<Ari, Ari> entries, StringBuilder sb) {
    sb.append('(');
    boolean first = true;
    for (Map.Entry<Ari, Ari> e : entries.entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      ari(e.getKey(), sb);
      sb.append('=');
      ari(e.getValue(), sb);
    }
    sb.append(')');
  }

  private void objPatPart(ObjPatLiteral.Part part, StringBuilder sb) {
    sb.append('(');
    if (part instanceof ObjPatLiteral.Any) {
      sb.append('*');
    } else if (part instanceof ObjPatLiteral.Name n) {
      id(AriId.of(n.name()), sb);
    } else {
      List<ObjPatLiteral.Range> ranges = ((ObjPatLiteral.Ranges) part).ranges();
      for (int i = 0; i < ranges.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        ObjPatLiteral.Range r = ranges.get(i);
        if (r.low() == r.high()) {
          sb.append(r.low());
          continue;
        }
        if (r.low() != Integer.MIN_VALUE) {
          sb.append(r.low());
        }
        sb.append("..");
        if (r.high() != Integer.MAX_VALUE) {
          sb.append(r.high());
        }
      }
    }
    sb.append(')');
  }

  /**
   * Text: bare when it looks like an identifier (and, untyped, is no keyword that would read back
   * as another value), otherwise quoted with backslash escapes and percent-encoded.
   */
  private void text(String s, boolean typed, StringBuilder sb) {
    if (IDENTITY.matcher(s).matches() && (typed || !KEYWORD.matcher(s).matches())) {
      sb.append(s);
      return;
    }
    StringBuilder q = new StringBuilder(s.length() + 8);
    q.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        case '\b' -> q.append("\\b");
        case '\f' -> q.append("\\f");
        case '\n' -> q.append("\\n");
        case '\r' -> q.append("\\r");
        case '\t' -> q.append("\\t");
        default -> {
          if (c >= 0x20 && c < 0x7F) {
            q.append(c);
          } else {
            q.append("\\u")
                .append(HEX[(c >> 12) & 0xF])
                .append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF])
                .append(HEX[c & 0xF]);
          }
        }
      }
    }
    q.append('"');
    for (int i = 0; i < q.length(); i++) {
      char c = q.charAt(i);
      if (isUnreserved(c) || c == '\'') {
        sb.append(c);
      } else {
        percent(c, sb);
      }
    }
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }

  private static void percent(int c, StringBuilder sb) {
    sb.append('%').append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
  }

  /**
   * A float in the shortest decimal that reads back exactly, always with a point ({@code 10.},
   * {@code 0.255}, {@code -0.}); exponent form ({@code 1e+21}, {@code 1.5e-07}) outside
   * 10<sup>-6</sup> to 10<sup>21</sup>.
   */
  public static String formatReal(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "Infinity" : "-Infinity";
    }
    if (v == 0) {
      return (1 / v < 0) ? "-0." : "0.";
    }
    BigDecimal bd = new BigDecimal(Double.toString(v)).stripTrailingZeros();
    int exponent = bd.precision() - bd.scale() - 1;
    if (exponent >= -6 && exponent < 21) {
      String plain = bd.toPlainString();
      return plain.indexOf('.') < 0 ? plain + "." : plain;
    }
    String digits = bd.unscaledValue().abs().toString();
    StringBuilder sb = new StringBuilder(digits.length() + 8);
    if (bd.signum() < 0) {
      sb.append('-');
    }
    sb.append(digits.charAt(0));
    if (digits.length() > 1) {
      sb.append('.').append(digits, 1, digits.length());
    }
    sb.append('e').append(exponent < 0 ? '-' : '+');
    int abs = Math.abs(exponent);
    if (abs < 10) {
      sb.append('0');
    }
    return sb.append(abs).toString();
  }

  /** {@code YYYYMMDDTHHMMSS[.f]Z}; years outside 0000–9999 print as decimal seconds instead. */
  private static void timePoint(TimeLiteral t, StringBuilder sb) {
    long secs = t.seconds();
    // 0000-01-01 to 9999-12-31 relative to the DTN epoch, well inside long arithmetic.
    if (secs >= -63_082_281_600L && secs < 253_402_300_800L - UNIX_SECONDS_AT_DTN_EPOCH) {
      LocalDateTime dt =
          LocalDateTime.ofEpochSecond(secs + UNIX_SECONDS_AT_DTN_EPOCH, 0, ZoneOffset.UTC);
      sb.append(
          String.format(
              Locale.ROOT,
              "%04d%02d%02dT%02d%02d%02d",
              dt.getYear(),
              dt.getMonthValue(),
              dt.getDayOfMonth(),
              dt.getHour(),
              dt.getMinute(),
              dt.getSecond()));
      fraction(t.nanos(), sb);
      sb.append('Z');
    } else {
      sb.append(t.toBigDecimal().stripTrailingZeros().toPlainString());
    }
  }

  /** ISO 8601 duration with days as the largest unit and a {@code T} always present. */
  private static void timeDiff(TimeLiteral t, StringBuilder sb) {
    long secs = t.seconds();
    int nanos = t.nanos();
    if (secs == 0 && nanos == 0) {
      sb.append("PT0S");
      return;
    }
    long mag; // magnitude in whole seconds, read as unsigned (−Long.MIN_VALUE does not fit a long)
    if (secs < 0) {
      sb.append('-');
      if (nanos > 0) {
        mag = -(secs + 1);
        nanos = 1_000_000_000 - nanos;
      } else {
        mag = -secs;
      }
    } else {
      mag = secs;
    }
    long days = Long.divideUnsigned(mag, 86_400);
    long rest = Long.remainderUnsigned(mag, 86_400);
    sb.append('P');
    if (days > 0) {
      sb.append(days).append('D');
    }
    sb.append('T');
    long h = rest / 3600;
    long m = (rest % 3600) / 60;
    long s = rest % 60;
    if (h > 0) {
      sb.append(h).append('H');
    }
    if (m > 0) {
      sb.append(m).append('M');
    }
    if (s > 0 || nanos > 0) {
      sb.append(s);
      fraction(nanos, sb);
      sb.append('S');
    }
  }

  private static void fraction(int nanos, StringBuilder sb) {
    if (nanos == 0) {
      return;
    }
    String f = String.format(Locale.ROOT, "%09d", nanos);
    int end = f.length();
    while (f.charAt(end - 1) == '0') {
      end--;
    }
    sb.append('.').append(f, 0, end);
  }
}
