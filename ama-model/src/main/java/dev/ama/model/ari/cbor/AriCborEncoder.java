package dev.ama.model.ari.cbor;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.AmLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriId;
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
import dev.ama.model.ari.cbor.internal.HalfFloat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Encodes ARIs to their CBOR form (draft-ietf-dtn-ari), byte for byte as the reference
 * implementations do: definite lengths, shortest integer heads, and the shortest float width (half,
 * single, double) that keeps the value exactly.
 *
 * <p>Jackson's streaming generator writes the primitives; the encoder writes container heads itself
 * because ARI needs items that Jackson's generator has no call for (half floats, undefined,
 * negative integers below −2<sup>63</sup>). Thread-safe; encoding a value cannot fail except on the
 * output stream.
 */
public final class AriCborEncoder {
  static final int TAG_FULL_DATE = 1004;

  private static final CBORFactory FACTORY =
      CBORFactory.builder().disable(CBORGenerator.Feature.WRITE_TYPE_HEADER).build();

  /** The encoded bytes of one ARI. */
  public byte[] encode(Ari ari) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    encode(ari, out);
    return out.toByteArray();
  }

  /** Writes the encoded bytes of one ARI. */
  public void encode(Ari ari, OutputStream out) {
    try (CBORGenerator g = FACTORY.createGenerator(out)) {
      new Writer(g).ari(ari);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The encoded bytes of several ARIs one after the other (a CBOR sequence, RFC 8742). */
  public byte[] encodeSequence(List<? extends Ari> aris) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * Math.max(1, aris.size()));
    try (CBORGenerator g = FACTORY.createGenerator(out)) {
      Writer w = new Writer(g);
      for (Ari a : aris) {
        w.ari(a);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Writes ARIs through a generator kept at its root level: every item is a root value to Jackson,
   * and array and map heads are written here, so Jackson never checks element counts it cannot see.
   */
  static final class Writer {
    private final CBORGenerator g;
    private final byte[] head = new byte[9];

    Writer(CBORGenerator g) {
      this.g = g;
    }

    void ari(Ari ari) throws IOException {
      if (ari instanceof Literal lit) {
        literal(lit);
      } else if (ari instanceof ObjectRef ref) {
        objectRef(ref);
      } else {
        namespaceRef((NamespaceRef) ari);
      }
    }

    private void literal(Literal lit) throws IOException {
      if (lit.type() == null) {
        primitive(lit);
        return;
      }
      arrayHead(2);
      g.writeNumber(lit.type().code());
      if (lit instanceof TimeLiteral t) {
        time(t);
      } else if (lit instanceof AcLiteral ac) {
        items(ac.items());
      } else if (lit instanceof AmLiteral am) {
        map(am.entries());
      } else if (lit instanceof TblLiteral tbl) {
        arrayHead(1 + tbl.cells().size());
        g.writeNumber(tbl.columns());
        for (Ari cell : tbl.cells()) {
          ari(cell);
        }
      } else if (lit instanceof ExecSetLiteral es) {
        arrayHead(1 + es.targets().size());
        ari(es.nonce());
        for (Ari t : es.targets()) {
          ari(t);
        }
      } else if (lit instanceof RptSetLiteral rs) {
        rptSet(rs);
      } else if (lit instanceof AriTypeLiteral at) {
        g.writeNumber(at.value().code());
      } else if (lit instanceof ObjPatLiteral op) {
        ObjPatCbor.write(op, this);
      } else {
        primitive(lit);
      }
    }

    /** The bare value of a primitive literal, without its type. */
    private void primitive(Literal lit) throws IOException {
      if (lit instanceof IntLiteral i) {
        integer(i.negative(), i.argument());
      } else if (lit instanceof TextLiteral t) {
        g.writeString(t.value());
      } else if (lit instanceof BoolLiteral b) {
        g.writeBoolean(b.value());
      } else if (lit instanceof RealLiteral r) {
        real(r.value());
      } else if (lit instanceof BytesLiteral b) {
        byte[] bytes = b.bytes();
        g.writeBinary(bytes, 0, bytes.length);
      } else if (lit instanceof NullLiteral) {
        g.writeNull();
      } else if (lit instanceof UndefinedLiteral) {
        g.writeRaw((byte) 0xF7);
      } else {
        throw new IllegalStateException("not a primitive: " + lit);
      }
    }

    private void rptSet(RptSetLiteral rs) throws IOException {
      List<Report> reports = rs.reports();
      arrayHead(2 + reports.size());
      ari(rs.nonce());
      time(rs.referenceTime());
      for (Report r : reports) {
        arrayHead(2 + r.items().size());
        time(r.relativeTime());
        ari(r.source());
        for (Ari item : r.items()) {
          ari(item);
        }
      }
    }

    private void objectRef(ObjectRef ref) throws IOException {
      int n = 4 + (ref.revision() != null ? 1 : 0) + (ref.params() != null ? 1 : 0);
      arrayHead(n);
      id(ref.org());
      id(ref.model());
      revision(ref.revision());
      g.writeNumber(ref.objectType().code());
      id(ref.object());
      Params p = ref.params();
      if (p instanceof Params.Positional pos) {
        items(pos.values());
      } else if (p instanceof Params.Named named) {
        map(named.entries());
      }
    }

    private void namespaceRef(NamespaceRef ref) throws IOException {
      arrayHead(ref.revision() != null ? 5 : 4);
      id(ref.org());
      id(ref.model());
      revision(ref.revision());
      g.writeNull();
      g.writeNull();
    }

    private void revision(LocalDate revision) throws IOException {
      if (revision != null) {
        g.writeTag(TAG_FULL_DATE);
        g.writeString(revision.toString());
      }
    }

    private void id(AriId id) throws IOException {
      if (id == null) {
        g.writeNull();
      } else if (id.isText()) {
        g.writeString(id.text());
      } else {
        g.writeNumber(id.number());
      }
    }

    void items(List<Ari> items) throws IOException {
      arrayHead(items.size());
      for (Ari a : items) {
        ari(a);
      }
    }

    private void map(Map<Ari, Ari> entries) throws IOException {
      head(5, entries.size());
      for (Map.Entry<Ari, Ari> e : entries.entrySet()) {
        ari(e.getKey());
        ari(e.getValue());
      }
    }

    /** TP and TD: whole seconds as an integer, otherwise the shortest decimal fraction. */
    private void time(TimeLiteral t) throws IOException {
      if (t.nanos() == 0) {
        g.writeNumber(t.seconds());
        return;
      }
      long mantissa = t.totalNanos();
      int exponent = -9;
      while (mantissa % 10 == 0) {
        mantissa /= 10;
        exponent++;
      }
      arrayHead(2);
      g.writeNumber(exponent);
      g.writeNumber(mantissa);
    }

    void integer(boolean negative, long argument) throws IOException {
      if (argument >= 0) {
        g.writeNumber(negative ? -1 - argument : argument);
      } else {
        head(negative ? 1 : 0, argument);
      }
    }

    void integer(long value) throws IOException {
      g.writeNumber(value);
    }

    void real(double d) throws IOException {
      float f = (float) d;
      if (f == d || Double.isNaN(d)) {
        int half = HalfFloat.exactBits(f);
        if (half >= 0) {
          head[0] = (byte) 0xF9;
          head[1] = (byte) (half >>> 8);
          head[2] = (byte) half;
          g.writeBytes(head, 0, 3);
        } else {
          g.writeNumber(f);
        }
      } else {
        g.writeNumber(d);
      }
    }

    void arrayHead(int size) throws IOException {
      head(4, size);
    }

    void writeBoolean(boolean b) throws IOException {
      g.writeBoolean(b);
    }

    void writeString(String s) throws IOException {
      g.writeString(s);
    }

    void writeNull() throws IOException {
      g.writeNull();
    }

    /** A CBOR head: major type and an unsigned argument, in its shortest form. */
    private void head(int major, long argument) throws IOException {
      int mt = major << 5;
      if (argument >= 0 && argument < 24) {
        g.writeRaw((byte) (mt | (int) argument));
        return;
      }
      int len;
      if (argument >= 0 && argument <= 0xFF) {
        head[0] = (byte) (mt | 24);
        len = 1;
      } else if (argument >= 0 && argument <= 0xFFFF) {
        head[0] = (byte) (mt | 25);
        len = 2;
      } else if (argument >= 0 && argument <= 0xFFFFFFFFL) {
        head[0] = (byte) (mt | 26);
        len = 4;
      } else {
        head[0] = (byte) (mt | 27);
        len = 8;
      }
      for (int i = 0; i < len; i++) {
        head[len - i] = (byte) (argument >>> (8 * i));
      }
      g.writeBytes(head, 0, len + 1);
    }
  }
}
