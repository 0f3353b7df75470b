package dev.ama.transport.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORFactoryBuilder;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import dev.ama.transport.Bundle;
import dev.ama.transport.BundleDecodeException;
import dev.ama.transport.BundleDecodeException.Code;
import dev.ama.transport.BundleId;
import dev.ama.transport.BundleLimits;
import dev.ama.transport.Eid;
import dev.ama.transport.Priority;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;

/**
 * The CBOR shapes shared by {@link dev.ama.transport.BundleEncoder}, {@link
 * dev.ama.transport.BundleDecoder} and {@link FrameCodec}: writing a bundle, an EID and a bundle id
 * through Jackson's generator, and reading them back through Jackson's parser with every check the
 * decoders promise. The encoding itself is described on {@link dev.ama.transport.BundleEncoder}.
 *
 * <p>The reader looks at each item's initial byte in the input as well as at Jackson's token,
 * because Jackson hides distinctions the decoders must see (a tag before an item, an indefinite
 * length, a negative integer) and reads string contents before their declared length could be
 * checked.
 */
public final class BundleCbor {
  private BundleCbor() {}

  /** The bundle encoding's version, its first item. */
  public static final int VERSION = 1;

  /** EID scheme codes, as in RFC 9171 §4.2.5.1. */
  static final int SCHEME_DTN = 1;

  static final int SCHEME_IPN = 2;

  /** Deepest nesting of any valid frame (frame, ack list, id, EID, ipn numbers), plus slack. */
  private static final int MAX_DEPTH = 8;

  // Minimal integer heads and no self-describe tag are Jackson's defaults; say so anyway.
  private static final CBORFactory WRITER =
      CBORFactory.builder()
          .enable(CBORGenerator.Feature.WRITE_MINIMAL_INTS)
          .disable(CBORGenerator.Feature.WRITE_TYPE_HEADER)
          .build();

  private static final OffsetFactory READER =
      new OffsetFactory(
          CBORFactory.builder()
              // No maps here, and error offsets come from the reader, not from a copy of the input.
              .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
              .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
              .streamReadConstraints(
                  StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()));

  /** A buffer that grew beyond this is dropped after use, so one big bundle pins no memory. */
  private static final int KEEP_BUFFER_BYTES = 256 * 1024;

  private static final ThreadLocal<ByteArrayOutputStream> BUFFER =
      ThreadLocal.withInitial(() -> new ByteArrayOutputStream(4096));

  // ---------------------------------------------------------------- writing

  /** Writes one CBOR item. */
  @FunctionalInterface
  public interface Body {
    void write(CBORGenerator g) throws IOException;
  }

  /** The bytes {@code body} writes, collected in this thread's reused buffer. */
  public static byte[] encode(Body body) {
    ByteArrayOutputStream out = BUFFER.get();
    out.reset();
    try (CBORGenerator g = WRITER.createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      // A ByteArrayOutputStream does not fail; Jackson reports a wrong element count this way.
      throw new UncheckedIOException(e);
    }
    byte[] bytes = out.toByteArray();
    if (bytes.length > KEEP_BUFFER_BYTES) {
      BUFFER.remove();
    }
    return bytes;
  }

  /** Writes {@code b} as the 9-item bundle array. */
  public static void writeBundle(CBORGenerator g, Bundle b) throws IOException {
    BundleId id = b.id();
    g.writeStartArray(null, 9);
    g.writeNumber(VERSION);
    g.writeNumber(b.flags());
    writeEid(g, id.source());
    g.writeNumber(id.creationMillis());
    g.writeNumber(id.sequence());
    writeEid(g, b.destination());
    g.writeNumber(b.lifetime().toMillis());
    g.writeNumber(b.priority().ordinal());
    // payload() is a copy; Bundle does not hand out its array.
    byte[] payload = b.payload();
    g.writeBinary(payload, 0, payload.length);
    g.writeEndArray();
  }

  /** Writes {@code id} as {@code [source EID, creation ms, sequence]}. */
  public static void writeBundleId(CBORGenerator g, BundleId id) throws IOException {
    g.writeStartArray(null, 3);
    writeEid(g, id.source());
    g.writeNumber(id.creationMillis());
    g.writeNumber(id.sequence());
    g.writeEndArray();
  }

  /**
   * Writes {@code eid} as BPv7 does: {@code [1, "//node/demux"]}, {@code [1, 0]}, {@code [2,
   * [n…]]}.
   */
  public static void writeEid(CBORGenerator g, Eid eid) throws IOException {
    String uri = eid.toString();
    g.writeStartArray(null, 2);
    if (eid.isNone()) {
      g.writeNumber(SCHEME_DTN);
      g.writeNumber(0);
    } else if (uri.startsWith("dtn:")) {
      g.writeNumber(SCHEME_DTN);
      g.writeString(uri.substring(4));
    } else {
      g.writeNumber(SCHEME_IPN);
      int dot1 = uri.indexOf('.', 4);
      int dot2 = uri.indexOf('.', dot1 + 1);
      g.writeStartArray(null, dot2 < 0 ? 2 : 3);
      g.writeNumberUnsigned(Long.parseUnsignedLong(uri, 4, dot1, 10));
      if (dot2 < 0) {
        g.writeNumberUnsigned(Long.parseUnsignedLong(uri, dot1 + 1, uri.length(), 10));
      } else {
        g.writeNumberUnsigned(Long.parseUnsignedLong(uri, dot1 + 1, dot2, 10));
        g.writeNumberUnsigned(Long.parseUnsignedLong(uri, dot2 + 1, uri.length(), 10));
      }
      g.writeEndArray();
    }
    g.writeEndArray();
  }

  /** The encoded size of {@link #writeBundleId}'s output, without encoding it. */
  public static int bundleIdSize(BundleId id) {
    return 1 + eidSize(id.source()) + headSize(id.creationMillis()) + headSize(id.sequence());
  }

  /** The encoded size of {@link #writeEid}'s output. */
  static int eidSize(Eid eid) {
    String uri = eid.toString();
    if (eid.isNone()) {
      return 3;
    }
    if (uri.startsWith("dtn:")) {
      int n = utf8Length(uri, 4);
      return 2 + headSize(n) + n;
    }
    int size = 3;
    int from = 4;
    while (true) {
      int dot = uri.indexOf('.', from);
      int end = dot < 0 ? uri.length() : dot;
      size += headSize(Long.parseUnsignedLong(uri, from, end, 10));
      if (dot < 0) {
        return size;
      }
      from = dot + 1;
    }
  }

  /** The size of a CBOR head whose argument is {@code v}, read as unsigned. */
  public static int headSize(long v) {
    if (Long.compareUnsigned(v, 24) < 0) {
      return 1;
    } else if (Long.compareUnsigned(v, 0xFF) <= 0) {
      return 2;
    } else if (Long.compareUnsigned(v, 0xFFFF) <= 0) {
      return 3;
    } else if (Long.compareUnsigned(v, 0xFFFF_FFFFL) <= 0) {
      return 5;
    }
    return 9;
  }

  private static int utf8Length(String s, int from) {
    int n = 0;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  // ---------------------------------------------------------------- reading

  /** Reads one top-level item. */
  @FunctionalInterface
  public interface Step<T> {
    T read(Reader r) throws IOException, BundleDecodeException;
  }

  /**
   * Reads exactly one item from {@code len} bytes at {@code off} with {@code step}, then refuses
   * trailing bytes. Every failure, whatever its source, is a {@link BundleDecodeException} whose
   * offset counts from {@code off}.
   *
   * @throws IndexOutOfBoundsException if the range is not inside {@code in}
   */
  public static <T> T decode(BundleLimits limits, byte[] in, int off, int len, Step<T> step)
      throws BundleDecodeException {
    Objects.checkFromIndexSize(off, len, in.length);
    if (len > limits.maxFrameBytes()) {
      throw new BundleDecodeException(
          Code.LIMIT_EXCEEDED,
          0,
          "input of " + len + " bytes is over the limit of " + limits.maxFrameBytes());
    }
    if (len == 0) {
      throw new BundleDecodeException(Code.MALFORMED, 0, "empty input");
    }
    OffsetParser parser = null;
    try (OffsetParser p = (OffsetParser) READER.createParser(in, off, len)) {
      parser = p;
      Reader r = new Reader(p, in, off, len, limits);
      T value = step.read(r);
      int end = p.inputOffset();
      if (end < len) {
        throw new BundleDecodeException(
            Code.TRAILING_DATA, end, (len - end) + " bytes after the end of the item");
      }
      return value;
    } catch (StreamConstraintsException e) {
      throw new BundleDecodeException(
          Code.LIMIT_EXCEEDED, offsetOf(e, parser), firstLine(e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      throw new BundleDecodeException(
          Code.MALFORMED, offsetOf(e, parser), firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new BundleDecodeException(Code.MALFORMED, 0, firstLine(e.getMessage()));
    } catch (RuntimeException e) {
      // Input from a peer must never take a node down; the fuzz tests look for this message.
      throw new BundleDecodeException(
          Code.MALFORMED,
          parser == null ? 0 : parser.inputOffset(),
          "decoder failure: " + e.getClass().getSimpleName());
    }
  }

  private static long offsetOf(JsonProcessingException e, OffsetParser p) {
    if (e.getLocation() == null || p == null) {
      return p == null ? 0 : p.inputOffset();
    }
    return Math.max(0, e.getLocation().getByteOffset() - p.start);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "malformed CBOR";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /**
   * One decoding pass over a byte range. Each method reads the next item and checks it; errors
   * carry the offset of the offending item.
   */
  public static final class Reader {
    private final OffsetParser p;
    private final byte[] in;
    private final int base;
    private final int length;
    private final BundleLimits limits;
    // Offset of the current item and its initial byte.
    private int at;
    private int initial;
    // Bytes in the current item's head, set by headArgument().
    private int headLength;

    Reader(OffsetParser p, byte[] in, int base, int length, BundleLimits limits) {
      this.p = p;
      this.in = in;
      this.base = base;
      this.length = length;
      this.limits = limits;
    }

    /** An exception at the current item. */
    public BundleDecodeException error(Code code, String detail) {
      return new BundleDecodeException(code, at, detail);
    }

    private JsonToken next(String what) throws IOException, BundleDecodeException {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new BundleDecodeException(Code.MALFORMED, length, "input ends before " + what);
      }
      at = p.tokenOffset();
      if (t != JsonToken.END_ARRAY && t != JsonToken.END_OBJECT) {
        initial = in[base + at] & 0xFF;
        if (initial >>> 5 == 6 || p.getCurrentTag() >= 0) {
          throw error(Code.UNEXPECTED_ITEM, "a CBOR tag on " + what + " (the encoding has none)");
        }
      }
      return t;
    }

    /** Reads the head of a definite-length array of exactly {@code n} items. */
    public void array(String what, int n) throws IOException, BundleDecodeException {
      long size = arrayHead(what, n, Code.UNEXPECTED_ITEM);
      if (size != n) {
        throw error(
            Code.UNEXPECTED_ITEM,
            what + " is an array of " + n + " items, not " + Long.toUnsignedString(size));
      }
    }

    /**
     * Reads the head of a definite-length array of at most {@code max} items, a limit.
     *
     * @return the number of items
     */
    public int arrayUpTo(String what, int max) throws IOException, BundleDecodeException {
      long size = arrayHead(what, max, Code.LIMIT_EXCEEDED);
      if (Long.compareUnsigned(size, max) > 0) {
        throw error(
            Code.LIMIT_EXCEEDED,
            what + " has " + Long.toUnsignedString(size) + " items, over the limit of " + max);
      }
      // Every item takes at least one byte: a bigger count is a lie, found before any allocation.
      if (size > length - p.inputOffset()) {
        throw error(Code.MALFORMED, what + " declares " + size + " items but the input ends first");
      }
      return (int) size;
    }

    /**
     * Reads an array head. A count above {@code max} in a 4- or 8-byte head is refused with {@code
     * tooMany} before Jackson sees it, since Jackson fails on counts of 2^31 or more itself.
     */
    private long arrayHead(String what, int max, Code tooMany)
        throws IOException, BundleDecodeException {
      int next = p.inputOffset();
      if (next < length && ((in[base + next] & 0xFF) == 0x9A || (in[base + next] & 0xFF) == 0x9B)) {
        at = next;
        initial = in[base + next] & 0xFF;
        long size = headArgument();
        if (Long.compareUnsigned(size, max) > 0) {
          throw error(
              tooMany, what + " has " + Long.toUnsignedString(size) + " items, more than " + max);
        }
      }
      JsonToken t = next(what);
      if (t != JsonToken.START_ARRAY) {
        throw error(Code.UNEXPECTED_ITEM, what + " must be an array, not " + kind());
      }
      if ((initial & 0x1F) == 31) {
        throw error(
            Code.UNEXPECTED_ITEM,
            what + " is an indefinite-length array (the encoding uses definite lengths)");
      }
      return headArgument();
    }

    /** Reads the end of the current array. */
    public void endArray(String what) throws IOException, BundleDecodeException {
      // A definite-length array ends after its count; Jackson reports that as END_ARRAY.
      if (p.nextToken() != JsonToken.END_ARRAY) {
        throw new BundleDecodeException(
            Code.UNEXPECTED_ITEM, p.tokenOffset(), what + " has more items than it declares");
      }
    }

    /** Reads an unsigned integer (up to 2^64−1) and returns its 64 bits. */
    public long u64(String what) throws IOException, BundleDecodeException {
      return u64Here(next(what), what);
    }

    /** Reads an unsigned integer of at most {@code max}; a larger one is an invalid value. */
    public long uint(String what, long max) throws IOException, BundleDecodeException {
      long v = u64(what);
      if (Long.compareUnsigned(v, max) > 0) {
        throw error(Code.INVALID_VALUE, what + " " + Long.toUnsignedString(v) + " is over " + max);
      }
      return v;
    }

    private long u64Here(JsonToken t, String what) throws IOException, BundleDecodeException {
      int major = initial >>> 5;
      if (major == 1) {
        throw error(Code.INVALID_VALUE, what + " is negative");
      }
      if (major != 0 || t != JsonToken.VALUE_NUMBER_INT) {
        throw error(Code.UNEXPECTED_ITEM, what + " must be an unsigned integer, not " + kind());
      }
      // Above 2^63-1 Jackson gives a BigInteger; its low 64 bits are the unsigned value.
      return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
          ? p.getBigIntegerValue().longValue()
          : p.getLongValue();
    }

    /** Reads an EID; {@code dtn:none} is refused unless {@code noneAllowed}. */
    public Eid eid(String what, boolean noneAllowed) throws IOException, BundleDecodeException {
      array(what, 2);
      int start = at;
      long scheme = u64(what + "'s scheme");
      Eid eid;
      if (scheme == SCHEME_DTN) {
        JsonToken t = next(what + "'s SSP");
        if (initial >>> 5 == 3 && t == JsonToken.VALUE_STRING) {
          String ssp = text(what, limits.maxEidLength() - 4);
          if (ssp.equals("none")) {
            throw error(Code.INVALID_VALUE, what + ": dtn:none is encoded as 0, not as text");
          }
          eid = parse("dtn:" + ssp);
        } else if (initial >>> 5 <= 1) {
          long ssp = u64Here(t, what + "'s SSP");
          if (ssp != 0) {
            throw error(
                Code.INVALID_VALUE,
                what + ": a dtn SSP is text or 0 (dtn:none), not " + Long.toUnsignedString(ssp));
          }
          eid = Eid.NONE;
        } else {
          throw error(
              Code.UNEXPECTED_ITEM, what + "'s dtn SSP must be a text string or 0, not " + kind());
        }
      } else if (scheme == SCHEME_IPN) {
        long n = arrayHead(what + "'s ipn numbers", 3, Code.UNEXPECTED_ITEM);
        if (n != 2 && n != 3) {
          throw error(
              Code.UNEXPECTED_ITEM,
              what + ": an ipn SSP is an array of 2 or 3 numbers, not " + Long.toUnsignedString(n));
        }
        StringBuilder sb = new StringBuilder(24).append("ipn:");
        for (int i = 0; i < n; i++) {
          sb.append(i == 0 ? "" : ".").append(Long.toUnsignedString(u64(what + "'s ipn number")));
        }
        endArray(what + "'s ipn numbers");
        eid = parse(sb.toString());
      } else {
        throw error(
            Code.INVALID_VALUE,
            what
                + " has scheme code "
                + Long.toUnsignedString(scheme)
                + "; only 1 (dtn) and 2 (ipn) are known");
      }
      endArray(what);
      if (eid.toString().length() > limits.maxEidLength()) {
        throw new BundleDecodeException(
            Code.LIMIT_EXCEEDED,
            start,
            what + " is longer than the limit of " + limits.maxEidLength() + " characters");
      }
      if (!noneAllowed && eid.isNone()) {
        throw new BundleDecodeException(Code.INVALID_VALUE, start, what + " is dtn:none");
      }
      return eid;
    }

    private Eid parse(String text) throws BundleDecodeException {
      try {
        return Eid.of(text);
      } catch (IllegalArgumentException e) {
        throw error(Code.INVALID_VALUE, e.getMessage());
      }
    }

    /** The current text string, its declared length in bytes checked before it is read. */
    private String text(String what, int maxBytes) throws IOException, BundleDecodeException {
      stringHead(what, maxBytes);
      return p.getText();
    }

    /** Reads a byte string of at most {@code maxBytes}, checking its length before reading it. */
    public byte[] bytes(String what, int maxBytes) throws IOException, BundleDecodeException {
      JsonToken t = next(what);
      if (initial >>> 5 != 2 || t != JsonToken.VALUE_EMBEDDED_OBJECT) {
        throw error(Code.UNEXPECTED_ITEM, what + " must be a byte string, not " + kind());
      }
      stringHead(what, maxBytes);
      return p.getBinaryValue();
    }

    private void stringHead(String what, int maxBytes) throws BundleDecodeException {
      if ((initial & 0x1F) == 31) {
        throw error(
            Code.UNEXPECTED_ITEM,
            what + " is an indefinite-length string (the encoding uses definite lengths)");
      }
      long n = headArgument();
      if (Long.compareUnsigned(n, maxBytes) > 0) {
        throw error(
            Code.LIMIT_EXCEEDED,
            what + " of " + Long.toUnsignedString(n) + " bytes is over the limit of " + maxBytes);
      }
      int left = length - at - headLength;
      if (n > left) {
        throw error(
            Code.MALFORMED, what + " declares " + n + " bytes but only " + left + " remain");
      }
    }

    /** Reads a bundle: the 9-item array. */
    public Bundle bundle() throws IOException, BundleDecodeException {
      array("a bundle", 9);
      int start = at;
      long version = u64("the version");
      if (version != VERSION) {
        throw error(
            Code.INVALID_VALUE,
            "bundle encoding version " + Long.toUnsignedString(version) + " is not " + VERSION);
      }
      int flags = (int) uint("the flags", Integer.MAX_VALUE);
      Eid source = eid("the source EID", true);
      long creation = uint("the creation time", Long.MAX_VALUE);
      long sequence = uint("the sequence number", Long.MAX_VALUE);
      Eid destination = eid("the destination EID", false);
      long lifetime = uint("the lifetime", Long.MAX_VALUE);
      if (lifetime == 0) {
        throw error(Code.INVALID_VALUE, "the lifetime is 0 ms");
      }
      long priority = u64("the priority");
      if (Long.compareUnsigned(priority, 2) > 0) {
        throw error(
            Code.INVALID_VALUE,
            "priority "
                + Long.toUnsignedString(priority)
                + " is not 0 (bulk), 1 (normal) or 2 (expedited)");
      }
      byte[] payload = bytes("the payload", limits.maxPayloadBytes());
      endArray("a bundle");
      try {
        return new Bundle(
            new BundleId(source, creation, sequence),
            destination,
            Duration.ofMillis(lifetime),
            Priority.ofCode((int) priority),
            flags,
            payload);
      } catch (IllegalArgumentException e) {
        // The checks above should leave nothing for the constructors to refuse.
        throw new BundleDecodeException(Code.INVALID_VALUE, start, e.getMessage());
      }
    }

    /** Reads a bundle id: {@code [source EID, creation ms, sequence]}. */
    public BundleId bundleId() throws IOException, BundleDecodeException {
      array("a bundle id", 3);
      int start = at;
      Eid source = eid("the source EID", true);
      long creation = uint("the creation time", Long.MAX_VALUE);
      long sequence = uint("the sequence number", Long.MAX_VALUE);
      endArray("a bundle id");
      try {
        return new BundleId(source, creation, sequence);
      } catch (IllegalArgumentException e) {
        throw new BundleDecodeException(Code.INVALID_VALUE, start, e.getMessage());
      }
    }

    /** The argument of the current item's head, read from the input (unsigned). */
    private long headArgument() throws BundleDecodeException {
      int ai = initial & 0x1F;
      headLength = 1;
      if (ai < 24) {
        return ai;
      }
      int size = ai == 24 ? 1 : ai == 25 ? 2 : ai == 26 ? 4 : ai == 27 ? 8 : -1;
      if (size < 0) {
        throw error(Code.MALFORMED, "reserved additional information " + ai + " in a CBOR head");
      }
      if (at + 1 + size > length) {
        throw error(Code.MALFORMED, "input ends inside a CBOR head");
      }
      headLength = 1 + size;
      long v = 0;
      for (int i = 1; i <= size; i++) {
        v = v << 8 | (in[base + at + i] & 0xFF);
      }
      return v;
    }

    /** What the current item is, for messages. */
    private String kind() {
      return switch (initial >>> 5) {
        case 0 -> "an unsigned integer";
        case 1 -> "a negative integer";
        case 2 -> "a byte string";
        case 3 -> "a text string";
        case 4 -> "an array";
        case 5 -> "a map";
        case 6 -> "a tagged item";
        default -> "a simple value or float";
      };
    }
  }

  // ---------------------------------------------------------------- Jackson plumbing

  /** A factory whose byte-array parsers tell token offsets without allocating a location. */
  private static final class OffsetFactory extends CBORFactory {
    private static final long serialVersionUID = 1L;

    OffsetFactory(CBORFactoryBuilder builder) {
      super(builder);
    }

    @Override
    protected CBORParser _createParser(byte[] data, int offset, int len, IOContext ctxt)
        throws IOException {
      _streamReadConstraints.validateDocumentLength(len);
      return new OffsetParser(
          ctxt,
          _parserFeatures,
          _formatParserFeatures,
          _byteSymbolCanonicalizer.makeChildOrPlaceholder(_factoryFeatures),
          data,
          offset,
          offset + len);
    }
  }

  /** A parser over a byte range that reports offsets from the start of the range. */
  static final class OffsetParser extends CBORParser {
    final int start;

    OffsetParser(
        IOContext ctxt,
        int parserFeatures,
        int formatFeatures,
        ByteQuadsCanonicalizer symbols,
        byte[] data,
        int start,
        int end) {
      super(ctxt, parserFeatures, formatFeatures, null, symbols, null, data, start, end, false);
      this.start = start;
    }

    /** The offset of the current token's first byte. */
    int tokenOffset() {
      return (int) (_tokenInputTotal - start);
    }

    /** The offset of the next byte to read. */
    int inputOffset() {
      return _inputPtr - start;
    }
  }
}
