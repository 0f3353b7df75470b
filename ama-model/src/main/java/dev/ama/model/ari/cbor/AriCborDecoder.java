package dev.ama.model.ari.cbor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.AmLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriDecodeException;
import dev.ama.model.ari.AriDecodeException.Code;
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
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.Params;
import dev.ama.model.ari.RealLiteral;
import dev.ama.model.ari.Report;
import dev.ama.model.ari.RptSetLiteral;
import dev.ama.model.ari.TblLiteral;
import dev.ama.model.ari.TextLiteral;
import dev.ama.model.ari.TimeLiteral;
import dev.ama.model.ari.cbor.internal.OffsetCborFactory;
import dev.ama.model.ari.internal.FrozenList;
import java.io.IOException;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes ARIs from CBOR, checking structure and {@link CborLimits} as it goes. Every failure is an
 * {@link AriDecodeException} with the byte offset where it was found; nothing else escapes for any
 * input.
 *
 * <p>Jackson's streaming parser reads the items; the decoder also looks at each item's initial byte
 * in the input, because Jackson folds some CBOR distinctions away (bignum tags and simple values
 * read as plain integers, integer map keys read as names) that ARI must see. Thread-safe.
 */
public final class AriCborDecoder {
  private final CborLimits limits;
  private final OffsetCborFactory factory;

  /** A decoder with {@link CborLimits#DEFAULTS}. */
  public AriCborDecoder() {
    this(CborLimits.DEFAULTS);
  }

  /** A decoder with the given limits. */
  public AriCborDecoder(CborLimits limits) {
    this.limits = limits;
    this.factory =
        new OffsetCborFactory(
            CBORFactory.builder()
                .enable(CBORParser.Feature.READ_UNDEFINED_AS_EMBEDDED_OBJECT)
                // Per-parser setup that ARI decoding does not use: map keys are few and short,
                // and error offsets come from the decoder, not from a copy of the input.
                .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .streamReadConstraints(
                    StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxDepth() + 1)
                        .maxStringLength(limits.maxStringBytes())
                        .maxDocumentLength(limits.maxBytes())
                        .build()));
  }

  /** The limits this decoder enforces. */
  public CborLimits limits() {
    return limits;
  }

  /** Decodes exactly one ARI from all of {@code bytes}. */
  public Ari decode(byte[] bytes) throws AriDecodeException {
    return decode(bytes, 0, bytes.length);
  }

  /** Decodes exactly one ARI from {@code length} bytes at {@code offset}. */
  public Ari decode(byte[] bytes, int offset, int length) throws AriDecodeException {
    List<Ari> items = decode(bytes, offset, length, true);
    return items.get(0);
  }

  /** Decodes a CBOR sequence of zero or more ARIs (RFC 8742). */
  public List<Ari> decodeSequence(byte[] bytes, int offset, int length) throws AriDecodeException {
    return decode(bytes, offset, length, false);
  }

  private List<Ari> decode(byte[] bytes, int offset, int length, boolean exactlyOne)
      throws AriDecodeException {
    if (length > limits.maxBytes()) {
      throw new AriDecodeException(
          Code.LIMIT_EXCEEDED,
          AriDecodeException.Unit.BYTE,
          0,
          "input of " + length + " bytes is over the limit of " + limits.maxBytes());
    }
    if (exactlyOne && length == 0) {
      throw error(Code.MALFORMED_CBOR, 0, "no CBOR item in empty input");
    }
    OffsetCborFactory.OffsetParser parser = null;
    try (OffsetCborFactory.OffsetParser p =
        (OffsetCborFactory.OffsetParser) factory.createParser(bytes, offset, length)) {
      parser = p;
      Reader r = new Reader(p, bytes, offset, length, limits);
      List<Ari> out = new ArrayList<>(exactlyOne ? 1 : 4);
      int end = 0;
      JsonToken t;
      while ((t = r.next()) != null) {
        if (exactlyOne && !out.isEmpty()) {
          throw error(
              Code.TRAILING_DATA,
              r.tokenOffset(),
              (length - r.tokenOffset()) + " bytes after the end of the ARI");
        }
        out.add(r.ari(t));
        end = p.inputOffset();
      }
      if (end < length) {
        // Jackson ends the input quietly when it ends after a tag, before the tagged item.
        throw error(Code.MALFORMED_CBOR, end, "input ends after a CBOR tag, before its item");
      }
      return out;
    } catch (StreamConstraintsException e) {
      throw error(Code.LIMIT_EXCEEDED, offsetOf(e, parser), e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw error(Code.MALFORMED_CBOR, offsetOf(e, parser), firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw error(Code.MALFORMED_CBOR, -1, String.valueOf(e.getMessage()));
    }
  }

  private static long offsetOf(JsonProcessingException e, OffsetCborFactory.OffsetParser p) {
    if (e.getLocation() == null) {
      return -1;
    }
    long abs = e.getLocation().getByteOffset();
    return p == null ? abs : p.relative(abs);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "malformed CBOR";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  static AriDecodeException error(Code code, long offset, String detail) {
    return new AriDecodeException(code, AriDecodeException.Unit.BYTE, offset, detail);
  }

  /** One decoding pass: the parser, the raw input and the running counts. */
  static final class Reader {
    private final OffsetCborFactory.OffsetParser p;
    private final byte[] in;
    private final int base;
    private final int length;
    private final CborLimits limits;
    private int depth;
    private int itemsLeft;
    private final int maxDepth;
    // Offset and first byte of the current item, read once per token.
    private int offset;
    private int initial;

    Reader(OffsetCborFactory.OffsetParser p, byte[] in, int base, int length, CborLimits limits) {
      this.p = p;
      this.in = in;
      this.base = base;
      this.length = length;
      this.limits = limits;
      this.itemsLeft = limits.maxTotalItems();
      this.maxDepth = limits.maxDepth();
    }

    JsonToken next() throws IOException, AriDecodeException {
      JsonToken t = p.nextToken();
      if (t != null && t != JsonToken.END_ARRAY && t != JsonToken.END_OBJECT) {
        offset = p.tokenOffset();
        initial = in[base + offset] & 0xFF;
        if (--itemsLeft < 0) {
          throw error(
              Code.LIMIT_EXCEEDED, offset, "more than " + limits.maxTotalItems() + " data items");
        }
      }
      return t;
    }

    /** The offset of the current item (the last token that was not an END). */
    int tokenOffset() {
      return offset;
    }

    /** The CBOR major type of the item at {@code at}, read from the input itself. */
    private int major(int at) {
      return at == offset ? initial >>> 5 : (in[base + at] & 0xFF) >>> 5;
    }

    private JsonToken expectNext(String what) throws IOException, AriDecodeException {
      JsonToken t = next();
      if (t == null) {
        throw error(Code.MALFORMED_CBOR, length, "input ends before " + what);
      }
      return t;
    }

    /** Any ARI, starting at token {@code t}. */
    Ari ari(JsonToken t) throws IOException, AriDecodeException {
      int at = tokenOffset();
      if (t == JsonToken.START_ARRAY) {
        return array(at);
      }
      if (t == JsonToken.START_OBJECT) {
        throw error(
            Code.UNEXPECTED_ITEM,
            at,
            "a map is allowed only as the value of a typed AM or as named parameters");
      }
      return primitive(t, at);
    }

    /** An untyped primitive value. */
    Literal primitive(JsonToken t, int at) throws IOException, AriDecodeException {
      int major = major(at);
      if (major == 6) {
        throw error(Code.UNEXPECTED_ITEM, at, "unexpected CBOR tag " + tagAt(at));
      }
      switch (t) {
        case VALUE_NUMBER_INT:
          if (major > 1) {
            throw error(Code.UNEXPECTED_ITEM, at, "unsupported CBOR simple value " + p.getText());
          }
          return integer(null);
        case VALUE_NUMBER_FLOAT:
          return RealLiteral.of(p.getDoubleValue());
        case VALUE_STRING:
          return TextLiteral.of(text(at));
        case VALUE_TRUE:
          return BoolLiteral.TRUE;
        case VALUE_FALSE:
          return BoolLiteral.FALSE;
        case VALUE_NULL:
          return NullLiteral.UNTYPED;
        case VALUE_EMBEDDED_OBJECT:
          if (major == 2) {
            return BytesLiteral.of(bytes(at));
          }
          if ((in[base + at] & 0xFF) == 0xF7) {
            return Ari.UNDEFINED;
          }
          throw error(Code.UNEXPECTED_ITEM, at, "unsupported CBOR item");
        case END_ARRAY:
        case END_OBJECT:
        default:
          throw error(Code.UNEXPECTED_ITEM, at, "unexpected " + t);
      }
    }

    private String tagAt(int at) {
      int tag = p.getCurrentTag();
      if (tag >= 0) {
        return Integer.toString(tag);
      }
      // Jackson consumes bignum tags (2, 3) itself; read the tag number from the input.
      int ai = in[base + at] & 0x1F;
      return ai < 24 ? Integer.toString(ai) : "(" + ai + ")";
    }

    private IntLiteral integer(AriType type) throws IOException {
      if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        BigInteger v = p.getBigIntegerValue();
        return IntLiteral.of(type, v);
      }
      return IntLiteral.of(type, p.getLongValue());
    }

    private String text(int at) throws IOException, AriDecodeException {
      stringHead(at, "text string");
      return wellFormed(p.getText(), at);
    }

    private byte[] bytes(int at) throws IOException, AriDecodeException {
      stringHead(at, "byte string");
      return p.getBinaryValue();
    }

    /**
     * Checks the head of the string at {@code at} before its content is read: ARI uses definite
     * lengths, and the length it declares, in bytes, must be within the limit.
     */
    private void stringHead(int at, String what) throws AriDecodeException {
      if ((in[base + at] & 0x1F) == 31) {
        throw error(
            Code.UNEXPECTED_ITEM, at, "indefinite-length " + what + " (ARI uses definite lengths)");
      }
      long n = headArgument(at);
      if (Long.compareUnsigned(n, limits.maxStringBytes()) > 0) {
        throw error(
            Code.LIMIT_EXCEEDED,
            at,
            what
                + " of "
                + Long.toUnsignedString(n)
                + " bytes is over the limit of "
                + limits.maxStringBytes());
      }
    }

    /**
     * Refuses a string with an unpaired surrogate, which Jackson produces from invalid UTF-8 (an
     * encoded surrogate, or a code point above U+10FFFF) and which no ARI text value may hold.
     */
    private static String wellFormed(String s, int at) throws AriDecodeException {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)
            && i + 1 < s.length()
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else if (Character.isSurrogate(c)) {
          throw error(
              Code.INVALID_VALUE,
              at,
              "text string is not valid UTF-8 (it encodes a surrogate or a code point above"
                  + " U+10FFFF)");
        }
      }
      return s;
    }

    /** Enters an array or map at {@code at}, checking depth and the declared size. */
    private int enter(int at, String what) throws AriDecodeException {
      if (++depth > maxDepth) {
        throw error(
            Code.LIMIT_EXCEEDED, at, "nesting deeper than " + limits.maxDepth() + " levels");
      }
      if (major(at) == 6) {
        throw error(Code.UNEXPECTED_ITEM, at, "unexpected CBOR tag " + tagAt(at) + " on " + what);
      }
      int n = p.getParsingContext().getExpectedLength();
      if (n < 0) {
        if ((in[base + at] & 0x1F) == 31) {
          throw error(
              Code.UNEXPECTED_ITEM,
              at,
              "indefinite-length " + what + " (ARI uses definite lengths)");
        }
        // Jackson reports a 4-byte length of 2^31 or more as -1, like an indefinite one.
        throw error(
            Code.LIMIT_EXCEEDED,
            at,
            what
                + " of "
                + Long.toUnsignedString(headArgument(at))
                + " items is over the limit of "
                + limits.maxContainerItems());
      }
      if (n > limits.maxContainerItems()) {
        throw error(
            Code.LIMIT_EXCEEDED,
            at,
            what + " of " + n + " items is over the limit of " + limits.maxContainerItems());
      }
      if (n > length - at) {
        throw error(
            Code.MALFORMED_CBOR, at, what + " declares " + n + " items but the input ends first");
      }
      return n;
    }

    private void leave(JsonToken end, int at) throws IOException, AriDecodeException {
      JsonToken t = next();
      if (t != end) {
        throw error(Code.MALFORMED_CBOR, at, "container does not end where its size says");
      }
      depth--;
    }

    private Ari array(int at) throws IOException, AriDecodeException {
      int n = enter(at, "array");
      Ari result;
      if (n == 2) {
        result = typedLiteral(at);
      } else if (n >= 4 && n <= 6) {
        result = reference(at, n);
      } else {
        throw error(
            Code.UNEXPECTED_ITEM,
            at,
            "an ARI array holds 2 items (a typed literal) or 4 to 6 (a reference), not " + n);
      }
      leave(JsonToken.END_ARRAY, at);
      return result;
    }

    /** The items of an array, each an ARI; the START_ARRAY token is current. */
    private List<Ari> ariItems(int at, String what) throws IOException, AriDecodeException {
      int n = enter(at, what);
      Object[] items = new Object[n];
      for (int i = 0; i < n; i++) {
        items[i] = ari(expectNext("the end of the " + what));
      }
      leave(JsonToken.END_ARRAY, at);
      return FrozenList.handOver(items);
    }

    private Literal typedLiteral(int at) throws IOException, AriDecodeException {
      JsonToken t = expectNext("the literal type");
      int codeAt = tokenOffset();
      if (t != JsonToken.VALUE_NUMBER_INT || major(codeAt) > 1) {
        throw error(
            Code.UNEXPECTED_ITEM,
            codeAt,
            "a 2-item ARI array is a typed literal and starts with an integer type code");
      }
      long code =
          p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
              ? Long.MAX_VALUE
              : p.getLongValue();
      AriType type = AriType.byCode(code);
      if (type == null) {
        throw error(Code.UNKNOWN_TYPE, codeAt, "unknown literal type code " + code);
      }
      if (!type.isValueType()) {
        throw error(Code.UNKNOWN_TYPE, codeAt, type + " is not a literal type a value can have");
      }
      JsonToken vt = expectNext("the literal value");
      int vat = tokenOffset();
      try {
        return typedValue(type, vt, vat);
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw error(Code.INVALID_VALUE, vat, type + ": " + e.getMessage());
      }
    }

    private AriDecodeException wrongKind(AriType type, int at, String expected) {
      return error(Code.UNEXPECTED_ITEM, at, type + " value must be " + expected);
    }

    private Literal typedValue(AriType type, JsonToken t, int at)
        throws IOException, AriDecodeException {
      if (major(at) == 6) {
        throw error(Code.UNEXPECTED_ITEM, at, "unexpected CBOR tag " + tagAt(at));
      }
      boolean isInt = t == JsonToken.VALUE_NUMBER_INT && major(at) <= 1;
      switch (type) {
        case NULL:
          if (t != JsonToken.VALUE_NULL) {
            throw wrongKind(type, at, "null");
          }
          return NullLiteral.TYPED;
        case BOOL:
          if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
            throw wrongKind(type, at, "true or false");
          }
          return BoolLiteral.typed(t == JsonToken.VALUE_TRUE);
        case BYTE:
        case INT:
        case UINT:
        case VAST:
        case UVAST:
          if (!isInt) {
            throw wrongKind(type, at, "an integer");
          }
          return integer(type);
        case REAL32:
        case REAL64:
          if (t != JsonToken.VALUE_NUMBER_FLOAT) {
            throw wrongKind(type, at, "a floating-point number");
          }
          return new RealLiteral(type, p.getDoubleValue());
        case TEXTSTR:
          if (t != JsonToken.VALUE_STRING) {
            throw wrongKind(type, at, "a text string");
          }
          return new TextLiteral(type, text(at));
        case LABEL:
          if (t == JsonToken.VALUE_STRING) {
            return new TextLiteral(type, text(at));
          }
          if (!isInt) {
            throw wrongKind(type, at, "a text string or an integer");
          }
          return integer(type);
        case BYTESTR:
        case CBOR:
          if (t != JsonToken.VALUE_EMBEDDED_OBJECT || major(at) != 2) {
            throw wrongKind(type, at, "a byte string");
          }
          return BytesLiteral.of(type, bytes(at));
        case TP:
        case TD:
          return time(type, t, at);
        case ARITYPE:
          return aritype(t, at, isInt);
        case AC:
          if (t != JsonToken.START_ARRAY) {
            throw wrongKind(type, at, "an array");
          }
          return new AcLiteral(ariItems(at, "AC"));
        case AM:
          if (t != JsonToken.START_OBJECT) {
            throw wrongKind(type, at, "a map");
          }
          return map(at);
        case TBL:
          if (t != JsonToken.START_ARRAY) {
            throw wrongKind(type, at, "an array");
          }
          return table(at);
        case EXECSET:
          if (t != JsonToken.START_ARRAY) {
            throw wrongKind(type, at, "an array");
          }
          return execSet(at);
        case RPTSET:
          if (t != JsonToken.START_ARRAY) {
            throw wrongKind(type, at, "an array");
          }
          return rptSet(at);
        case OBJPAT:
          if (t != JsonToken.START_ARRAY) {
            throw wrongKind(type, at, "an array");
          }
          int n = enter(at, "OBJPAT");
          Literal op = ObjPatCbor.read(this, at, n);
          leave(JsonToken.END_ARRAY, at);
          return op;
        default:
          throw error(Code.UNKNOWN_TYPE, at, type + " is not a literal type");
      }
    }

    private Literal aritype(JsonToken t, int at, boolean isInt)
        throws IOException, AriDecodeException {
      if (!isInt) {
        throw wrongKind(AriType.ARITYPE, at, "an integer type code");
      }
      long code =
          p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
              ? Long.MAX_VALUE
              : p.getLongValue();
      return new AriTypeLiteral(
          AriType.fromCode(code)
              .orElseThrow(() -> error(Code.UNKNOWN_TYPE, at, "unknown type code " + code)));
    }

    /** A TP or TD value: integer seconds or a decimal fraction [exponent, mantissa]. */
    TimeLiteral time(AriType type, JsonToken t, int at) throws IOException, AriDecodeException {
      if (t == JsonToken.VALUE_NUMBER_INT && major(at) <= 1) {
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          throw error(Code.INVALID_VALUE, at, type + " seconds out of the 64-bit range");
        }
        return new TimeLiteral(type, p.getLongValue(), 0);
      }
      if (t != JsonToken.START_ARRAY) {
        throw wrongKind(type, at, "an integer or a decimal fraction [exponent, mantissa]");
      }
      int n = enter(at, "decimal fraction");
      if (n != 2) {
        throw error(Code.UNEXPECTED_ITEM, at, "a decimal fraction has 2 items, not " + n);
      }
      long exponent = decimalPart();
      long mantissa = decimalPart();
      leave(JsonToken.END_ARRAY, at);
      if (exponent < -9 || exponent > 9) {
        throw error(
            Code.INVALID_VALUE,
            at,
            "decimal fraction exponent " + exponent + " is outside -9 to 9");
      }
      try {
        return TimeLiteral.ofDecimal(type, (int) exponent, mantissa);
      } catch (ArithmeticException | IllegalArgumentException e) {
        throw error(Code.INVALID_VALUE, at, type + " out of range: " + e.getMessage());
      }
    }

    private long decimalPart() throws IOException, AriDecodeException {
      JsonToken pt = expectNext("the end of the decimal fraction");
      int pat = tokenOffset();
      if (pt != JsonToken.VALUE_NUMBER_INT || major(pat) > 1) {
        throw error(Code.UNEXPECTED_ITEM, pat, "a decimal fraction holds two integers");
      }
      if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        throw error(Code.INVALID_VALUE, pat, "decimal fraction part out of the 64-bit range");
      }
      return p.getLongValue();
    }

    private AmLiteral map(int at) throws IOException, AriDecodeException {
      Map<Ari, Ari> entries = entries(at);
      return new AmLiteral(entries);
    }

    /** The entries of a map whose START_OBJECT is current. */
    private Map<Ari, Ari> entries(int at) throws IOException, AriDecodeException {
      int n = enter(at, "map");
      Map<Ari, Ari> entries = new LinkedHashMap<>(Math.max(4, n * 2));
      for (int i = 0; i < n; i++) {
        JsonToken kt = expectNext("the end of the map");
        int kat = tokenOffset();
        Ari key = mapKey(kt, kat);
        Ari value = ari(expectNext("the value of key " + key));
        if (entries.put(key, value) != null) {
          throw error(Code.INVALID_VALUE, kat, "duplicate map key " + key);
        }
      }
      leave(JsonToken.END_OBJECT, at);
      return entries;
    }

    /**
     * The argument of the CBOR head at {@code at}, read from the input (Jackson already checked
     * it).
     */
    private long headArgument(int at) throws AriDecodeException {
      int ai = in[base + at] & 0x1F;
      if (ai < 24) {
        return ai;
      }
      int n = ai == 24 ? 1 : ai == 25 ? 2 : ai == 26 ? 4 : ai == 27 ? 8 : -1;
      if (n < 0 || at + n >= length) {
        throw error(Code.MALFORMED_CBOR, at, "bad integer head");
      }
      long v = 0;
      for (int i = 1; i <= n; i++) {
        v = (v << 8) | (in[base + at + i] & 0xFF);
      }
      return v;
    }

    /** A map key: Jackson reports every key as a name, so the input byte tells its real kind. */
    private Ari mapKey(JsonToken t, int at) throws IOException, AriDecodeException {
      if (t != JsonToken.FIELD_NAME) {
        throw error(Code.MALFORMED_CBOR, at, "expected a map key");
      }
      int major = major(at);
      if (major == 3) {
        stringHead(at, "map key");
        return TextLiteral.of(wellFormed(p.currentName(), at));
      }
      if (major <= 1) {
        // Jackson's name for an integer key is wrong beyond the long range; read the head itself.
        return new IntLiteral(null, major == 1, headArgument(at));
      }
      throw error(Code.UNEXPECTED_ITEM, at, "a map key must be an integer or a text string");
    }

    private TblLiteral table(int at) throws IOException, AriDecodeException {
      int n = enter(at, "TBL");
      if (n < 1) {
        throw error(Code.UNEXPECTED_ITEM, at, "a TBL starts with its column count");
      }
      JsonToken ct = expectNext("the column count");
      int cat = tokenOffset();
      if (ct != JsonToken.VALUE_NUMBER_INT
          || major(cat) != 0
          || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
          || p.getLongValue() > limits.maxContainerItems()) {
        throw error(
            Code.INVALID_VALUE, cat, "a TBL column count is an unsigned integer within limits");
      }
      int columns = (int) p.getLongValue();
      int cells = n - 1;
      if (columns == 0 ? cells != 0 : cells % columns != 0) {
        throw error(
            Code.INVALID_VALUE,
            at,
            "TBL of " + columns + " columns holds " + cells + " cells, not whole rows");
      }
      Object[] items = new Object[cells];
      for (int i = 0; i < cells; i++) {
        items[i] = ari(expectNext("the end of the TBL"));
      }
      leave(JsonToken.END_ARRAY, at);
      return new TblLiteral(columns, FrozenList.handOver(items));
    }

    private Ari nonce(String where) throws IOException, AriDecodeException {
      JsonToken t = expectNext("the nonce");
      int at = tokenOffset();
      Ari nonce = ari(t);
      boolean ok =
          nonce instanceof NullLiteral n && !n.isTyped()
              || nonce instanceof IntLiteral i && !i.isTyped() && !i.negative()
              || nonce instanceof BytesLiteral b && !b.isTyped();
      if (!ok) {
        throw error(
            Code.INVALID_VALUE,
            at,
            where + " nonce must be null, an unsigned integer or a byte string");
      }
      return nonce;
    }

    private ExecSetLiteral execSet(int at) throws IOException, AriDecodeException {
      int n = enter(at, "EXECSET");
      if (n < 1) {
        throw error(Code.UNEXPECTED_ITEM, at, "an EXECSET starts with its nonce");
      }
      Ari nonce = nonce("EXECSET");
      Object[] targets = new Object[n - 1];
      for (int i = 1; i < n; i++) {
        targets[i - 1] = ari(expectNext("the end of the EXECSET"));
      }
      leave(JsonToken.END_ARRAY, at);
      return new ExecSetLiteral(nonce, FrozenList.handOver(targets));
    }

    private RptSetLiteral rptSet(int at) throws IOException, AriDecodeException {
      int n = enter(at, "RPTSET");
      if (n < 2) {
        throw error(Code.UNEXPECTED_ITEM, at, "an RPTSET starts with its nonce and reference time");
      }
      Ari nonce = nonce("RPTSET");
      JsonToken rt = expectNext("the reference time");
      TimeLiteral ref = time(AriType.TP, rt, tokenOffset());
      Object[] reports = new Object[n - 2];
      for (int i = 2; i < n; i++) {
        JsonToken t = expectNext("the end of the RPTSET");
        int rat = tokenOffset();
        if (t != JsonToken.START_ARRAY) {
          throw error(Code.UNEXPECTED_ITEM, rat, "a report is an array");
        }
        reports[i - 2] = report(rat);
      }
      leave(JsonToken.END_ARRAY, at);
      return new RptSetLiteral(nonce, ref, FrozenList.handOver(reports));
    }

    private Report report(int at) throws IOException, AriDecodeException {
      int n = enter(at, "report");
      if (n < 2) {
        throw error(Code.UNEXPECTED_ITEM, at, "a report starts with its time and source");
      }
      JsonToken tt = expectNext("the report time");
      TimeLiteral rel = time(AriType.TD, tt, tokenOffset());
      Ari source = ari(expectNext("the report source"));
      Object[] items = new Object[n - 2];
      for (int i = 2; i < n; i++) {
        items[i - 2] = ari(expectNext("the end of the report"));
      }
      leave(JsonToken.END_ARRAY, at);
      return new Report(rel, source, FrozenList.handOver(items));
    }

    /** An identifier segment: text, integer, or (for relative references) null. */
    private AriId id(JsonToken t, int at, String what, boolean nullable)
        throws IOException, AriDecodeException {
      if (major(at) == 6) {
        throw error(Code.UNEXPECTED_ITEM, at, "unexpected CBOR tag " + tagAt(at) + " in " + what);
      }
      if (t == JsonToken.VALUE_STRING) {
        String s = text(at);
        if (s.isEmpty()) {
          throw error(Code.INVALID_VALUE, at, what + " name is empty");
        }
        return AriId.of(s);
      }
      if (t == JsonToken.VALUE_NUMBER_INT && major(at) <= 1) {
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          throw error(Code.INVALID_VALUE, at, what + " enum out of the 64-bit range");
        }
        return AriId.of(p.getLongValue());
      }
      if (t == JsonToken.VALUE_NULL && nullable) {
        return null;
      }
      throw error(
          Code.UNEXPECTED_ITEM,
          at,
          what + " must be a text name or an integer enum" + (nullable ? " or null" : ""));
    }

    /** An object or namespace reference of {@code n} items (4 to 6). */
    private Ari reference(int at, int n) throws IOException, AriDecodeException {
      JsonToken t = expectNext("the organisation");
      AriId org = id(t, tokenOffset(), "organisation", true);
      t = expectNext("the model");
      AriId model = id(t, tokenOffset(), "model", true);
      t = expectNext("the object type");
      int typeAt = tokenOffset();
      LocalDate revision = null;
      int rest = n - 2;
      if (major(typeAt) == 6) {
        revision = revision(t, typeAt);
        t = expectNext("the object type");
        typeAt = tokenOffset();
        rest--;
      }
      final int tat = typeAt;
      if (rest != 2 && rest != 3) {
        throw error(Code.UNEXPECTED_ITEM, at, "a reference of " + n + " items has no revision");
      }
      if (org != null && model == null) {
        throw error(Code.INVALID_VALUE, at, "a reference with an organisation needs a model");
      }
      if (t == JsonToken.VALUE_NULL) {
        JsonToken ot = expectNext("the object");
        int oat = tokenOffset();
        if (ot != JsonToken.VALUE_NULL || major(oat) == 6 || rest != 2) {
          throw error(
              Code.UNEXPECTED_ITEM, oat, "a namespace reference has a null type and a null object");
        }
        if (org == null) {
          throw error(Code.INVALID_VALUE, at, "a namespace reference needs an organisation");
        }
        return new NamespaceRef(org, model, revision);
      }
      if (t != JsonToken.VALUE_NUMBER_INT || major(tat) > 1) {
        throw error(Code.UNEXPECTED_ITEM, tat, "the object type must be an integer code");
      }
      long code =
          p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
              ? Long.MAX_VALUE
              : p.getLongValue();
      AriType type = AriType.byCode(code);
      if (type == null) {
        throw error(Code.UNKNOWN_TYPE, tat, "unknown object type code " + code);
      }
      if (!type.isObjectKind()) {
        throw error(Code.UNKNOWN_TYPE, tat, type + " is not an object type");
      }
      t = expectNext("the object");
      AriId object = id(t, tokenOffset(), "object", false);
      Params params = null;
      if (rest == 3) {
        t = expectNext("the parameters");
        int pat = tokenOffset();
        if (t == JsonToken.START_ARRAY) {
          params = new Params.Positional(ariItems(pat, "parameter list"));
        } else if (t == JsonToken.START_OBJECT) {
          params = new Params.Named(new AmLiteral(entries(pat)));
        } else {
          throw error(Code.UNEXPECTED_ITEM, pat, "parameters are an array or a map");
        }
      }
      return new ObjectRef(org, model, revision, type, object, params);
    }

    private LocalDate revision(JsonToken t, int at) throws IOException, AriDecodeException {
      if (p.getCurrentTag() != AriCborEncoder.TAG_FULL_DATE || t != JsonToken.VALUE_STRING) {
        throw error(
            Code.UNEXPECTED_ITEM,
            at,
            "a revision is a text date with tag 1004, not tag " + tagAt(at));
      }
      String s = p.getText();
      try {
        if (s.length() != 10) {
          throw new DateTimeParseException("not YYYY-MM-DD", s, 0);
        }
        return LocalDate.parse(s);
      } catch (DateTimeParseException e) {
        throw error(Code.INVALID_VALUE, at, "revision '" + s + "' is not a YYYY-MM-DD date");
      }
    }

    // Package-level helpers for ObjPatCbor.

    JsonToken nextItem(String what) throws IOException, AriDecodeException {
      return expectNext(what);
    }

    int offset() {
      return tokenOffset();
    }

    int majorAt(int offset) {
      return major(offset);
    }

    CBORParser parser() {
      return p;
    }

    String textAt(int at) throws IOException, AriDecodeException {
      return text(at);
    }

    int enterArray(int at, String what) throws AriDecodeException {
      return enter(at, what);
    }

    void leaveArray(int at) throws IOException, AriDecodeException {
      leave(JsonToken.END_ARRAY, at);
    }
  }
}
