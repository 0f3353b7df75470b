package dev.ama.rules.expr.internal;

import dev.ama.model.adm.ModelIds;
import dev.ama.model.adm.StandardModels;
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
import dev.ama.model.ari.RealLiteral;
import dev.ama.model.ari.RptSetLiteral;
import dev.ama.model.ari.TblLiteral;
import dev.ama.model.ari.TextLiteral;
import dev.ama.model.ari.TimeLiteral;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The types match-type and convert-type know: every built-in ARI type ({@code /ARITYPE/…}) and
 * every TYPEDEF of {@code //ietf/amm-base/}. docs/expressions.md gives the matching and conversion
 * rules; a value is never undefined here (the OPERs give undefined for an undefined operand first).
 */
final class Types {
  private Types() {}

  /** A type: whether a value matches it, and the value converted to it (undefined on failure). */
  interface Type {
    boolean matches(Ari v);

    Ari convert(Ari v);
  }

  /** The type named by an OPER's {@code desired} parameter, or null when ama does not know it. */
  static Type of(Ari desired) {
    if (desired instanceof AriTypeLiteral t) {
      return builtin(t.value());
    }
    if (desired instanceof IntLiteral i && i.fitsLong()) {
      AriType t = AriType.byCode(i.longValue());
      return t == null ? null : builtin(t);
    }
    if (desired instanceof TextLiteral t) {
      return AriType.fromName(t.value()).map(Types::builtin).orElse(null);
    }
    if (desired instanceof ObjectRef ref && ref.objectType() == AriType.TYPEDEF) {
      ModelIds m = Identity.model(ref.org(), ref.model());
      if (m != StandardModels.AMM_BASE) {
        return null;
      }
      AriId obj = ref.object();
      String name =
          obj.isText() ? obj.text() : m.nameOf(AriType.TYPEDEF, obj.number()).orElse(null);
      return name == null ? null : TYPEDEFS.get(name);
    }
    return null;
  }

  private static final Map<AriType, Type> BUILTIN = new HashMap<>();

  static {
    for (AriType t : AriType.values()) {
      BUILTIN.put(t, new Builtin(t));
    }
  }

  static Type builtin(AriType t) {
    return BUILTIN.get(t);
  }

  private static final Map<String, Type> TYPEDEFS = new HashMap<>();

  static {
    Type integer = union(AriType.BYTE, AriType.INT, AriType.UINT, AriType.VAST, AriType.UVAST);
    Type floating = union(AriType.REAL32, AriType.REAL64);
    Type numeric = new Union(List.of(integer, floating));
    Type time = union(AriType.TP, AriType.TD);
    Type primitive =
        new Union(
            List.of(
                numeric,
                builtin(AriType.TEXTSTR),
                builtin(AriType.BYTESTR),
                builtin(AriType.BOOL),
                builtin(AriType.NULL)));
    Type valueObj = union(AriType.CONST, AriType.EDD, AriType.VAR);
    Type exprItem = new Union(List.of(builtin(AriType.LITERAL), valueObj, builtin(AriType.OPER)));
    Type expr = new UList(exprItem);
    Type execItem = new Union(List.of(builtin(AriType.CTRL), valueObj));
    Type mac = new UList(execItem);
    Type rpttItem = new Union(List.of(valueObj, expr));
    Type rptt = new UList(rpttItem);
    TYPEDEFS.put("type-ref", union(AriType.ARITYPE, AriType.TYPEDEF));
    TYPEDEFS.put("integer", integer);
    TYPEDEFS.put("float", floating);
    TYPEDEFS.put("numeric", numeric);
    TYPEDEFS.put("numeric-or-time", new Union(List.of(numeric, time)));
    TYPEDEFS.put("primitive", primitive);
    TYPEDEFS.put("time", time);
    TYPEDEFS.put("simple", new Union(List.of(time, primitive)));
    TYPEDEFS.put("nested", union(AriType.AC, AriType.AM, AriType.TBL));
    TYPEDEFS.put("any", union(AriType.LITERAL, AriType.OBJECT));
    TYPEDEFS.put("value-obj", valueObj);
    TYPEDEFS.put("nonce", union(AriType.BYTESTR, AriType.UVAST, AriType.NULL));
    TYPEDEFS.put("id-text", new IdText());
    TYPEDEFS.put("id-int", builtin(AriType.INT));
    TYPEDEFS.put("counter32", builtin(AriType.UINT));
    TYPEDEFS.put("counter64", builtin(AriType.UVAST));
    TYPEDEFS.put("gauge32", builtin(AriType.INT));
    TYPEDEFS.put("gauge64", builtin(AriType.VAST));
    TYPEDEFS.put("timestamp", builtin(AriType.TP));
    TYPEDEFS.put("eval-tgt", new Union(List.of(valueObj, expr)));
    TYPEDEFS.put("expr-item", exprItem);
    TYPEDEFS.put("expr", expr);
    TYPEDEFS.put("exec-tgt", new Union(List.of(execItem, mac)));
    TYPEDEFS.put("exec-item", execItem);
    TYPEDEFS.put("mac", mac);
    TYPEDEFS.put("rpt-tgt", new Union(List.of(valueObj, rptt)));
    TYPEDEFS.put("rptt-item", rpttItem);
    TYPEDEFS.put("rptt", rptt);
  }

  private static Type union(AriType... types) {
    List<Type> members = new ArrayList<>();
    for (AriType t : types) {
      members.add(builtin(t));
    }
    return new Union(members);
  }

  /** An integer literal that is a number (not a LABEL). */
  private static boolean isNumberInt(Ari v) {
    return v instanceof IntLiteral i && i.type() != AriType.LABEL;
  }

  private static boolean fitsReal32(double d) {
    return !Double.isFinite(d) || Math.abs(d) <= Float.MAX_VALUE;
  }

  /** A built-in ARI type, or one of the catch-alls LITERAL, OBJECT and NAMESPACE. */
  private record Builtin(AriType t) implements Type {
    @Override
    public boolean matches(Ari v) {
      return switch (t) {
        case LITERAL -> v instanceof Literal;
        case OBJECT -> v instanceof ObjectRef;
        case NAMESPACE -> v instanceof NamespaceRef;
        case IDENT, CONST, CTRL, EDD, OPER, SBR, TBR, VAR, TYPEDEF ->
            v instanceof ObjectRef ref && ref.objectType() == t;
        case NULL -> v instanceof NullLiteral;
        case BOOL -> v instanceof BoolLiteral;
        case BYTE, INT, UINT, VAST, UVAST ->
            v instanceof IntLiteral i
                && (i.type() == null || i.type() == t)
                && NumType.inRange(i.bigValue(), NumType.ofInt(t));
        case REAL32, REAL64 ->
            v instanceof RealLiteral r
                && (r.type() == null || r.type() == t)
                && (t == AriType.REAL64 || fitsReal32(r.value()));
        case TEXTSTR -> v instanceof TextLiteral s && s.type() != AriType.LABEL;
        case LABEL ->
            (v instanceof IntLiteral i && i.type() == AriType.LABEL)
                || (v instanceof TextLiteral s && s.type() == AriType.LABEL);
        case BYTESTR -> v instanceof BytesLiteral b && b.type() != AriType.CBOR;
        case CBOR -> v instanceof BytesLiteral b && b.type() == AriType.CBOR;
        case TP, TD -> v instanceof TimeLiteral time && time.type() == t;
        case ARITYPE -> v instanceof AriTypeLiteral;
        case AC -> v instanceof AcLiteral;
        case AM -> v instanceof AmLiteral;
        case TBL -> v instanceof TblLiteral;
        case EXECSET -> v instanceof ExecSetLiteral;
        case RPTSET -> v instanceof RptSetLiteral;
        case OBJPAT -> v instanceof ObjPatLiteral;
      };
    }

    @Override
    public Ari convert(Ari v) {
      return switch (t) {
        case BYTE, INT, UINT, VAST, UVAST -> toInteger(v);
        case REAL32, REAL64 -> toReal(v);
        case BOOL -> {
          if (v instanceof BoolLiteral b) {
            yield BoolLiteral.typed(b.value());
          }
          // Numbers convert by truthiness; nothing else does (see docs/expressions.md).
          yield Semantics.numType(v) >= 0 ? BoolLiteral.typed(Semantics.truthy(v)) : Ari.UNDEFINED;
        }
        case NULL -> v instanceof NullLiteral ? NullLiteral.TYPED : Ari.UNDEFINED;
        case TEXTSTR ->
            matches(v)
                ? new TextLiteral(AriType.TEXTSTR, ((TextLiteral) v).value())
                : Ari.UNDEFINED;
        case BYTESTR ->
            matches(v)
                ? BytesLiteral.of(AriType.BYTESTR, ((BytesLiteral) v).bytes())
                : Ari.UNDEFINED;
        default -> matches(v) ? v : Ari.UNDEFINED;
      };
    }

    /** An integer or an integral real within the type's range, typed. */
    private Ari toInteger(Ari v) {
      int nt = NumType.ofInt(t);
      BigInteger x = null;
      if (isNumberInt(v)) {
        x = ((IntLiteral) v).bigValue();
      } else if (v instanceof RealLiteral r && Double.isFinite(r.value())) {
        BigDecimal d = new BigDecimal(r.value());
        if (d.signum() == 0 || d.stripTrailingZeros().scale() <= 0) {
          x = d.toBigIntegerExact();
        }
      }
      return x != null && NumType.inRange(x, nt) ? IntLiteral.of(t, x) : Ari.UNDEFINED;
    }

    /** A number as the real type holds it; a finite value beyond REAL32's range fails. */
    private Ari toReal(Ari v) {
      double d;
      if (isNumberInt(v)) {
        d = ((IntLiteral) v).bigValue().doubleValue();
      } else if (v instanceof RealLiteral r) {
        d = r.value();
      } else {
        return Ari.UNDEFINED;
      }
      if (t == AriType.REAL32) {
        if (!fitsReal32(d)) {
          return Ari.UNDEFINED;
        }
        d = (double) (float) d;
      }
      return new RealLiteral(t, d);
    }
  }

  /**
   * A union: a value matches when it matches a member. Conversion gives the value converted to the
   * first member it matches, else to the first member that converts it.
   */
  private record Union(List<Type> members) implements Type {
    @Override
    public boolean matches(Ari v) {
      for (Type m : members) {
        if (m.matches(v)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public Ari convert(Ari v) {
      for (Type m : members) {
        if (m.matches(v)) {
          return m.convert(v);
        }
      }
      for (Type m : members) {
        Ari c = m.convert(v);
        if (!c.isUndefined()) {
          return c;
        }
      }
      return Ari.UNDEFINED;
    }
  }

  /** A uniform list: an AC whose every item is of the item type. */
  private record UList(Type item) implements Type {
    @Override
    public boolean matches(Ari v) {
      if (!(v instanceof AcLiteral ac)) {
        return false;
      }
      for (Ari a : ac.items()) {
        if (!item.matches(a)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public Ari convert(Ari v) {
      if (!(v instanceof AcLiteral ac)) {
        return Ari.UNDEFINED;
      }
      List<Ari> out = new ArrayList<>(ac.items().size());
      for (Ari a : ac.items()) {
        Ari c = item.convert(a);
        if (c.isUndefined()) {
          return Ari.UNDEFINED;
        }
        out.add(c);
      }
      return new AcLiteral(out);
    }
  }

  /** amm-base id-text: a TEXTSTR restricted to object-name syntax. */
  private static final class IdText implements Type {
    private static final Pattern NAME = Pattern.compile("!?[A-Za-z_][0-9A-Za-z_\\-.]*");

    @Override
    public boolean matches(Ari v) {
      return builtin(AriType.TEXTSTR).matches(v)
          && NAME.matcher(((TextLiteral) v).value()).matches();
    }

    @Override
    public Ari convert(Ari v) {
      return matches(v) ? builtin(AriType.TEXTSTR).convert(v) : Ari.UNDEFINED;
    }
  }
}
