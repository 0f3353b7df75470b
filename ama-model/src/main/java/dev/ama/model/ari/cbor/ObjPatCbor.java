package dev.ama.model.ari.cbor;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ama.model.ari.AriDecodeException;
import dev.ama.model.ari.AriDecodeException.Code;
import dev.ama.model.ari.ObjPatLiteral;
import dev.ama.model.ari.ObjPatLiteral.Part;
import dev.ama.model.ari.ObjPatLiteral.Range;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The CBOR form of OBJPAT parts: {@code true} for the wildcard, a text name, an integer for a
 * single value, or an interval list {@code [start|null, len0, gap0, len1, …, lenN|null]} where
 * {@code len} is {@code high − low}, {@code gap} is the number of values skipped minus one, and
 * {@code null} marks an open end of the 32-bit domain.
 */
final class ObjPatCbor {
  private ObjPatCbor() {}

  static void write(ObjPatLiteral op, AriCborEncoder.Writer w) throws IOException {
    w.arrayHead(4);
    for (Part part : op.parts()) {
      writePart(part, w);
    }
  }

  private static void writePart(Part part, AriCborEncoder.Writer w) throws IOException {
    if (part instanceof ObjPatLiteral.Any) {
      w.writeBoolean(true);
    } else if (part instanceof ObjPatLiteral.Name n) {
      w.writeString(n.name());
    } else {
      ObjPatLiteral.Ranges rs = (ObjPatLiteral.Ranges) part;
      List<Range> ranges = rs.ranges();
      if (rs.isSingle()) {
        w.integer(ranges.get(0).low());
        return;
      }
      w.arrayHead(2 * ranges.size());
      Range first = ranges.get(0);
      if (first.low() == Integer.MIN_VALUE) {
        w.writeNull();
      } else {
        w.integer(first.low());
      }
      for (int i = 0; i < ranges.size(); i++) {
        Range r = ranges.get(i);
        if (i > 0) {
          long gap = (long) r.low() - ranges.get(i - 1).high() - 2;
          w.integer(gap);
        }
        if (i == ranges.size() - 1 && r.high() == Integer.MAX_VALUE) {
          w.writeNull();
        } else {
          w.integer((long) r.high() - r.low());
        }
      }
    }
  }

  static ObjPatLiteral read(AriCborDecoder.Reader r, int at, int n)
      throws IOException, AriDecodeException {
    if (n != 4) {
      throw AriCborDecoder.error(Code.UNEXPECTED_ITEM, at, "an OBJPAT has 4 parts, not " + n);
    }
    Part[] parts = new Part[4];
    for (int i = 0; i < 4; i++) {
      parts[i] = readPart(r);
    }
    return new ObjPatLiteral(parts[0], parts[1], parts[2], parts[3]);
  }

  private static Part readPart(AriCborDecoder.Reader r) throws IOException, AriDecodeException {
    JsonToken t = r.nextItem("an OBJPAT part");
    int at = r.offset();
    if (r.majorAt(at) == 6) {
      throw AriCborDecoder.error(Code.UNEXPECTED_ITEM, at, "unexpected CBOR tag in an OBJPAT part");
    }
    if (t == JsonToken.VALUE_TRUE) {
      return ObjPatLiteral.Any.INSTANCE;
    }
    if (t == JsonToken.VALUE_STRING && r.majorAt(at) == 3) {
      String s = r.textAt(at);
      if (s.isEmpty()) {
        throw AriCborDecoder.error(Code.INVALID_VALUE, at, "an OBJPAT name is never empty");
      }
      return new ObjPatLiteral.Name(s);
    }
    if (t == JsonToken.VALUE_NUMBER_INT && r.majorAt(at) <= 1) {
      return ObjPatLiteral.Ranges.of(int32(r, at));
    }
    if (t != JsonToken.START_ARRAY) {
      throw AriCborDecoder.error(
          Code.UNEXPECTED_ITEM,
          at,
          "an OBJPAT part is true, a name, an integer or an interval list");
    }
    int n = r.enterArray(at, "OBJPAT interval list");
    if (n < 2 || n % 2 != 0) {
      throw AriCborDecoder.error(
          Code.INVALID_VALUE, at, "an OBJPAT interval list has an even number of items, not " + n);
    }
    List<Range> ranges = new ArrayList<>(n / 2);
    Long start = nullableInt(r, "the interval start");
    long pos = start == null ? Integer.MIN_VALUE : start;
    for (int i = 0; i < n / 2; i++) {
      if (i > 0) {
        Long gap = nullableInt(r, "an interval gap");
        if (gap == null || gap < 0) {
          throw AriCborDecoder.error(
              Code.INVALID_VALUE, r.offset(), "an interval gap is a non-negative integer");
        }
        pos = pos + gap + 2;
      }
      Long len = nullableInt(r, "an interval length");
      boolean last = i == n / 2 - 1;
      if ((len == null && !last) || (len != null && len < 0)) {
        throw AriCborDecoder.error(
            Code.INVALID_VALUE,
            r.offset(),
            "an interval length is a non-negative integer (null only last)");
      }
      long high = len == null ? Integer.MAX_VALUE : pos + len;
      if (pos < Integer.MIN_VALUE || high > Integer.MAX_VALUE) {
        throw AriCborDecoder.error(
            Code.INVALID_VALUE, at, "OBJPAT interval outside the 32-bit domain");
      }
      ranges.add(new Range((int) pos, (int) high));
      pos = high;
    }
    r.leaveArray(at);
    return new ObjPatLiteral.Ranges(ranges);
  }

  private static Long nullableInt(AriCborDecoder.Reader r, String what)
      throws IOException, AriDecodeException {
    JsonToken t = r.nextItem(what);
    int at = r.offset();
    if (t == JsonToken.VALUE_NULL && r.majorAt(at) != 6) {
      return null;
    }
    if (t != JsonToken.VALUE_NUMBER_INT
        || r.majorAt(at) > 1
        || r.parser().getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw AriCborDecoder.error(Code.UNEXPECTED_ITEM, at, what + " must be an integer or null");
    }
    return r.parser().getLongValue();
  }

  private static int int32(AriCborDecoder.Reader r, int at) throws IOException, AriDecodeException {
    JsonParser p = r.parser();
    if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
        || p.getLongValue() < Integer.MIN_VALUE
        || p.getLongValue() > Integer.MAX_VALUE) {
      throw AriCborDecoder.error(Code.INVALID_VALUE, at, "OBJPAT value outside the 32-bit domain");
    }
    return (int) p.getLongValue();
  }
}
