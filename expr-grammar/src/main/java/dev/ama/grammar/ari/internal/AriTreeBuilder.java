package dev.ama.grammar.ari.internal;

import dev.ama.grammar.ari.internal.SegmentSyntax.SegmentException;
import dev.ama.grammar.ari.internal.antlr.AriTextParser;
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
import dev.ama.model.ari.ObjPatLiteral;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.Params;
import dev.ama.model.ari.RealLiteral;
import dev.ama.model.ari.Report;
import dev.ama.model.ari.RptSetLiteral;
import dev.ama.model.ari.TblLiteral;
import dev.ama.model.ari.TextLiteral;
import dev.ama.model.ari.TimeLiteral;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Builds ARI values from an {@link AriTextParser} tree. Every problem becomes an {@link
 * AriDecodeException} with the character offset of the part at fault.
 */
public final class AriTreeBuilder {
  private static final Pattern OBJPAT_INTERVAL = Pattern.compile("(-?[0-9]+)?\\.\\.(-?[0-9]+)?");
  private static final Pattern OBJPAT_VALUE = Pattern.compile("-?[0-9]+");

  private final int baseOffset;
  private final int maxDepth;
  private int depth;

  /**
   * @param baseOffset characters before the parsed text (a stripped {@code ari:} prefix), added to
   *     every reported offset
   * @param maxDepth deepest nesting of values accepted
   */
  public AriTreeBuilder(int baseOffset, int maxDepth) {
    this.baseOffset = baseOffset;
    this.maxDepth = maxDepth;
  }

  /** The ARI of a whole text. */
  public Ari build(AriTextParser.TextContext ctx) throws AriDecodeException {
    return ari(ctx.ari());
  }

  private AriDecodeException error(Code code, Token at, String detail) {
    return new AriDecodeException(
        code, AriDecodeException.Unit.CHARACTER, baseOffset + at.getStartIndex(), detail);
  }

  private AriDecodeException error(Code code, ParserRuleContext at, String detail) {
    return error(code, at.getStart(), detail);
  }

  private Ari ari(AriTextParser.AriContext ctx) throws AriDecodeException {
    if (++depth > maxDepth) {
      throw error(Code.LIMIT_EXCEEDED, ctx, "nesting deeper than " + maxDepth + " levels");
    }
    try {
      AriTextParser.ItemContext item = ctx.item();
      if (item instanceof AriTextParser.UntypedLiteralContext u) {
        return untyped(u.segment());
      }
      if (item instanceof AriTextParser.TypedLiteralContext t) {
        return typed(t);
      }
      if (item instanceof AriTextParser.AbsoluteRefContext a) {
        return absoluteRef(a);
      }
      return relativeRef((AriTextParser.RelativeRefContext) item);
    } finally {
      depth--;
    }
  }

  private String decoded(AriTextParser.SegmentContext seg) throws AriDecodeException {
    try {
      return SegmentSyntax.percentDecode(seg.getText());
    } catch (SegmentException e) {
      throw error(Code.SYNTAX, seg, e.getMessage());
    }
  }

  private Literal untyped(AriTextParser.SegmentContext seg) throws AriDecodeException {
    String s = decoded(seg);
    if (SegmentSyntax.hasAriPrefix(s, 0)) {
      s = s.substring(4); // a nested "ari:" prefix glued to its value by the lexer
    }
    try {
      return SegmentSyntax.untyped(s);
    } catch (SegmentException e) {
      throw error(Code.SYNTAX, seg, e.getMessage());
    } catch (IllegalArgumentException e) {
      // Quoted text whose escapes spell an unpaired surrogate ("\\uD800"): not a valid string.
      throw error(Code.INVALID_VALUE, seg, e.getMessage());
    }
  }

  // ---- typed literals ----

  private Literal typed(AriTextParser.TypedLiteralContext ctx) throws AriDecodeException {
    AriTextParser.SegmentContext nameSeg = ctx.segment();
    String name = decoded(nameSeg);
    AriType type = typeByNameOrCode(name, nameSeg, true);
    AriTextParser.TypedBodyContext body = ctx.typedBody();
    try {
      switch (type) {
        case AC:
          return new AcLiteral(items(singleGroup(body, type)));
        case AM:
          return new AmLiteral(mapEntries(singleGroup(body, type)));
        case TBL:
          return table(body);
        case EXECSET:
          return execSet(body);
        case RPTSET:
          return rptSet(body);
        case OBJPAT:
          return objPat(body);
        default:
          return primitive(type, body);
      }
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw error(Code.INVALID_VALUE, ctx, type + ": " + e.getMessage());
    }
  }

  /** Any type at all, by name or code (the value of an ARITYPE literal). */
  private AriType anyType(String name, ParserRuleContext at) throws AriDecodeException {
    AriType type = lookupType(name);
    if (type == null) {
      throw error(Code.UNKNOWN_TYPE, at, "unknown type " + name);
    }
    return type;
  }

  private static AriType lookupType(String name) {
    if (SegmentSyntax.isInteger(name)) {
      try {
        return AriType.fromCode(SegmentSyntax.integer(null, name).longValue()).orElse(null);
      } catch (SegmentException | ArithmeticException e) {
        return null;
      }
    }
    return AriType.fromName(name).orElse(null);
  }

  private AriType typeByNameOrCode(String name, ParserRuleContext at, boolean literal)
      throws AriDecodeException {
    AriType type = lookupType(name);
    if (type == null) {
      throw error(
          Code.UNKNOWN_TYPE, at, "unknown " + (literal ? "literal" : "object") + " type " + name);
    }
    if (literal && !type.isValueType()) {
      throw error(Code.UNKNOWN_TYPE, at, type + " is not a literal type a value can have");
    }
    if (!literal && !type.isObjectKind()) {
      throw error(Code.UNKNOWN_TYPE, at, type + " is not an object type");
    }
    return type;
  }

  private Literal primitive(AriType type, AriTextParser.TypedBodyContext body)
      throws AriDecodeException {
    AriTextParser.SegmentContext seg = body.segment();
    if (seg == null) {
      throw error(Code.SYNTAX, body.getStart(), type + " needs a value after /" + type + "/");
    }
    String s = decoded(seg);
    try {
      switch (type) {
        case NULL:
          if (!s.equalsIgnoreCase("null")) {
            throw new SegmentException(
                "NULL accepts only null, not '" + SegmentSyntax.quote(s) + "'");
          }
          return NullLiteral.TYPED;
        case BOOL:
          if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return BoolLiteral.typed(s.equalsIgnoreCase("true"));
          }
          throw new SegmentException(
              "BOOL accepts only true or false, not '" + SegmentSyntax.quote(s) + "'");
        case BYTE:
        case INT:
        case UINT:
        case VAST:
        case UVAST:
          return SegmentSyntax.integer(type, s);
        case REAL32:
        case REAL64:
          return new RealLiteral(type, SegmentSyntax.real(s));
        case TEXTSTR:
          {
            TextLiteral t = SegmentSyntax.textOrNull(type, s);
            if (t == null) {
              throw new SegmentException(
                  "TEXTSTR needs a name or quoted text, not '" + SegmentSyntax.quote(s) + "'");
            }
            return t;
          }
        case LABEL:
          return SegmentSyntax.label(s);
        case BYTESTR:
        case CBOR:
          {
            BytesLiteral b = SegmentSyntax.bytesOrNull(type, s);
            if (b == null) {
              throw new SegmentException(
                  type + " needs h'..', b64'..' or '..', not '" + SegmentSyntax.quote(s) + "'");
            }
            return b;
          }
        case TP:
          return SegmentSyntax.timePoint(s);
        case TD:
          return SegmentSyntax.timeDiff(s);
        case ARITYPE:
          return new AriTypeLiteral(anyType(s, seg));
        default:
          throw error(Code.UNKNOWN_TYPE, seg, type + " is not a literal type");
      }
    } catch (SegmentException e) {
      throw error(Code.SYNTAX, seg, e.getMessage());
    }
  }

  private AriTextParser.GroupContext singleGroup(AriTextParser.TypedBodyContext body, AriType type)
      throws AriDecodeException {
    if (body.segment() != null || !body.keyed().isEmpty() || body.group().size() != 1) {
      throw error(Code.SYNTAX, bodyStart(body), type + " needs exactly one (…) group");
    }
    return body.group(0);
  }

  private Token bodyStart(AriTextParser.TypedBodyContext body) {
    return body.getStart();
  }

  private List<Ari> items(AriTextParser.GroupContext g) throws AriDecodeException {
    List<Ari> out = new ArrayList<>(g.groupItem().size());
    for (AriTextParser.GroupItemContext item : g.groupItem()) {
      if (!(item instanceof AriTextParser.PlainItemContext plain)) {
        throw error(Code.SYNTAX, item, "expected an ARI, not a key=value entry");
      }
      out.add(ari(plain.ari()));
    }
    return out;
  }

  private Map<Ari, Ari> mapEntries(AriTextParser.GroupContext g) throws AriDecodeException {
    Map<Ari, Ari> out = new LinkedHashMap<>();
    for (AriTextParser.GroupItemContext item : g.groupItem()) {
      if (!(item instanceof AriTextParser.MapEntryContext e)) {
        throw error(Code.SYNTAX, item, "expected a key=value entry");
      }
      Ari key = ari(e.ari(0));
      if (!AmLiteral.isValidKey(key)) {
        throw error(
            Code.INVALID_VALUE, e.ari(0), "a map key is an untyped integer or text, not " + key);
      }
      // As in the reference, a repeated key keeps its last value.
      out.put(key, ari(e.ari(1)));
    }
    return out;
  }

  /** The {@code key=value;} parameters before the groups, keys lower-cased, each at most once. */
  private Map<String, AriTextParser.KeyedContext> keyed(
      List<AriTextParser.KeyedContext> list, AriType type, String... allowed)
      throws AriDecodeException {
    Map<String, AriTextParser.KeyedContext> out = new LinkedHashMap<>();
    for (AriTextParser.KeyedContext k : list) {
      String key = decoded(k.segment()).toLowerCase(Locale.ROOT);
      if (!List.of(allowed).contains(key)) {
        throw error(
            Code.SYNTAX,
            k,
            type
                + " has no parameter "
                + key
                + "= (it takes "
                + String.join("=, ", allowed)
                + "=)");
      }
      if (out.put(key, k) != null) {
        throw error(Code.SYNTAX, k, type + " parameter " + key + "= given twice");
      }
    }
    return out;
  }

  private AriTextParser.KeyedContext required(
      Map<String, AriTextParser.KeyedContext> keys, String key, AriType type, ParserRuleContext at)
      throws AriDecodeException {
    AriTextParser.KeyedContext k = keys.get(key);
    if (k == null) {
      throw error(Code.SYNTAX, at, type + " needs its " + key + "= parameter");
    }
    return k;
  }

  private TblLiteral table(AriTextParser.TypedBodyContext body) throws AriDecodeException {
    Map<String, AriTextParser.KeyedContext> keys = keyed(body.keyed(), AriType.TBL, "c");
    AriTextParser.KeyedContext c = required(keys, "c", AriType.TBL, body);
    Ari count = ari(c.ari());
    if (!(count instanceof IntLiteral ci)
        || ci.negative()
        || !ci.fitsLong()
        || ci.longValue() > Integer.MAX_VALUE) {
      throw error(Code.INVALID_VALUE, c.ari(), "TBL c= is an unsigned column count, not " + count);
    }
    int columns = (int) ci.longValue();
    List<Ari> cells = new ArrayList<>();
    for (AriTextParser.GroupContext row : body.group()) {
      List<Ari> r = items(row);
      if (columns == 0 && r.isEmpty()) {
        continue; // c=0;()() is the reference's spelling of an empty table
      }
      if (r.size() != columns) {
        throw error(
            Code.INVALID_VALUE, row, "a TBL row of " + r.size() + " items where c=" + columns);
      }
      cells.addAll(r);
    }
    return new TblLiteral(columns, cells);
  }

  private Ari nonce(AriTextParser.KeyedContext k, AriType type) throws AriDecodeException {
    Ari n = ari(k.ari());
    boolean ok =
        n instanceof NullLiteral nl && !nl.isTyped()
            || n instanceof IntLiteral i && !i.isTyped() && !i.negative()
            || n instanceof BytesLiteral b && !b.isTyped();
    if (!ok) {
      throw error(
          Code.INVALID_VALUE,
          k.ari(),
          type + " nonce must be null, an unsigned integer or a byte string");
    }
    return n;
  }

  private ExecSetLiteral execSet(AriTextParser.TypedBodyContext body) throws AriDecodeException {
    Map<String, AriTextParser.KeyedContext> keys = keyed(body.keyed(), AriType.EXECSET, "n");
    Ari nonce = nonce(required(keys, "n", AriType.EXECSET, body), AriType.EXECSET);
    if (body.group().size() != 1) {
      throw error(Code.SYNTAX, body, "EXECSET needs one (…) group of targets after n=…;");
    }
    return new ExecSetLiteral(nonce, items(body.group(0)));
  }

  private RptSetLiteral rptSet(AriTextParser.TypedBodyContext body) throws AriDecodeException {
    Map<String, AriTextParser.KeyedContext> keys = keyed(body.keyed(), AriType.RPTSET, "n", "r");
    Ari nonce = nonce(required(keys, "n", AriType.RPTSET, body), AriType.RPTSET);
    TimeLiteral ref = time(required(keys, "r", AriType.RPTSET, body), AriType.TP);
    if (body.group().size() != 1) {
      throw error(Code.SYNTAX, body, "RPTSET needs one (…) group of reports after r=…;");
    }
    List<Report> reports = new ArrayList<>();
    for (AriTextParser.GroupItemContext item : body.group(0).groupItem()) {
      if (!(item instanceof AriTextParser.StructuredItemContext s)) {
        throw error(Code.SYNTAX, item, "a report is t=…;s=…;(items)");
      }
      Map<String, AriTextParser.KeyedContext> rk = keyed(s.keyed(), AriType.RPTSET, "t", "s");
      TimeLiteral t = time(required(rk, "t", AriType.RPTSET, s), AriType.TD);
      AriTextParser.KeyedContext sk = required(rk, "s", AriType.RPTSET, s);
      Ari source = ari(sk.ari());
      if (!(source instanceof ObjectRef)) {
        throw error(Code.INVALID_VALUE, sk.ari(), "a report source s= is an object reference");
      }
      reports.add(new Report(t, source, items(s.group())));
    }
    return new RptSetLiteral(nonce, ref, reports);
  }

  /** A time parameter: a typed TP/TD, or any number read as seconds. */
  private TimeLiteral time(AriTextParser.KeyedContext k, AriType type) throws AriDecodeException {
    Ari v = ari(k.ari());
    try {
      if (v instanceof TimeLiteral t) {
        if (t.type() != type) {
          throw error(Code.INVALID_VALUE, k.ari(), "expected a " + type + ", not a " + t.type());
        }
        return t;
      }
      if (v instanceof IntLiteral i) {
        return SegmentSyntax.timeFromSeconds(type, new BigDecimal(i.bigValue()));
      }
      if (v instanceof RealLiteral r && Double.isFinite(r.value())) {
        return SegmentSyntax.timeFromSeconds(type, new BigDecimal(r.value()));
      }
    } catch (SegmentException | ArithmeticException | IllegalArgumentException e) {
      throw error(Code.INVALID_VALUE, k.ari(), e.getMessage());
    }
    throw error(
        Code.INVALID_VALUE, k.ari(), "expected a " + type + " or a number of seconds, not " + v);
  }

  private ObjPatLiteral objPat(AriTextParser.TypedBodyContext body) throws AriDecodeException {
    if (body.segment() != null || !body.keyed().isEmpty() || body.group().size() != 4) {
      throw error(
          Code.SYNTAX, body, "OBJPAT needs four (…) groups: organisation, model, type, object");
    }
    ObjPatLiteral.Part[] parts = new ObjPatLiteral.Part[4];
    for (int i = 0; i < 4; i++) {
      parts[i] = objPatPart(body.group(i));
    }
    return new ObjPatLiteral(parts[0], parts[1], parts[2], parts[3]);
  }

  private ObjPatLiteral.Part objPatPart(AriTextParser.GroupContext g) throws AriDecodeException {
    List<String> raw = new ArrayList<>();
    for (AriTextParser.GroupItemContext item : g.groupItem()) {
      if (item instanceof AriTextParser.PlainItemContext p
          && p.ari().ARI_PREFIX() == null
          && p.ari().item() instanceof AriTextParser.UntypedLiteralContext u) {
        raw.add(decoded(u.segment()));
      } else {
        throw error(Code.SYNTAX, item, "an OBJPAT part holds *, a name, or integers and intervals");
      }
    }
    if (raw.isEmpty()) {
      throw error(Code.SYNTAX, g, "an OBJPAT part is never empty");
    }
    if (raw.size() == 1 && raw.get(0).equals("*")) {
      return ObjPatLiteral.Any.INSTANCE;
    }
    List<ObjPatLiteral.Range> ranges = new ArrayList<>();
    for (String s : raw) {
      try {
        if (OBJPAT_VALUE.matcher(s).matches()) {
          ranges.add(ObjPatLiteral.Range.of(Math.toIntExact(Long.parseLong(s))));
          continue;
        }
        var m = OBJPAT_INTERVAL.matcher(s);
        if (m.matches()) {
          int lo =
              m.group(1) == null ? Integer.MIN_VALUE : Math.toIntExact(Long.parseLong(m.group(1)));
          int hi =
              m.group(2) == null ? Integer.MAX_VALUE : Math.toIntExact(Long.parseLong(m.group(2)));
          ranges.add(new ObjPatLiteral.Range(lo, hi));
          continue;
        }
      } catch (NumberFormatException | ArithmeticException e) {
        throw error(Code.INVALID_VALUE, g, "OBJPAT value " + s + " is outside the 32-bit domain");
      } catch (IllegalArgumentException e) {
        throw error(Code.INVALID_VALUE, g, "OBJPAT interval " + s + " is empty");
      }
      if (raw.size() == 1 && !s.isEmpty() && s.chars().noneMatch(c -> c == '*')) {
        return new ObjPatLiteral.Name(s);
      }
      throw error(
          Code.SYNTAX,
          g,
          "'" + SegmentSyntax.quote(s) + "' is not an OBJPAT value, interval or name");
    }
    return new ObjPatLiteral.Ranges(ranges);
  }

  // ---- references ----

  private AriId idSegment(AriTextParser.SegmentContext seg, String what) throws AriDecodeException {
    String s = decoded(seg);
    if (s.isEmpty()) {
      throw error(Code.SYNTAX, seg, what + " is empty");
    }
    char c = s.charAt(0);
    if (c == '-' || c == '+' || Character.isDigit(c)) {
      try {
        IntLiteral i = SegmentSyntax.integer(null, s);
        return AriId.of(i.longValue());
      } catch (SegmentException | ArithmeticException e) {
        throw error(
            Code.INVALID_VALUE,
            seg,
            what
                + " '"
                + SegmentSyntax.quote(s)
                + "' starts like a number but is not a 64-bit integer");
      }
    }
    return AriId.of(s);
  }

  /** A model segment with its optional {@code @revision}. */
  private Object[] modelSegment(AriTextParser.SegmentContext seg) throws AriDecodeException {
    String s = decoded(seg);
    int at = s.indexOf('@');
    LocalDate rev = null;
    String name = s;
    if (at >= 0) {
      name = s.substring(0, at);
      try {
        rev = SegmentSyntax.revision(s.substring(at + 1));
      } catch (SegmentException e) {
        throw error(Code.INVALID_VALUE, seg, e.getMessage());
      }
    }
    if (name.isEmpty()) {
      throw error(Code.SYNTAX, seg, "model is empty");
    }
    char c = name.charAt(0);
    AriId id;
    if (c == '-' || c == '+' || Character.isDigit(c)) {
      try {
        id = AriId.of(SegmentSyntax.integer(null, name).longValue());
      } catch (SegmentException | ArithmeticException e) {
        throw error(
            Code.INVALID_VALUE,
            seg,
            "model '"
                + SegmentSyntax.quote(name)
                + "' starts like a number but is not a 64-bit integer");
      }
    } else {
      id = AriId.of(name);
    }
    return new Object[] {id, rev};
  }

  private Params params(AriTextParser.GroupContext g) throws AriDecodeException {
    if (g == null) {
      return null;
    }
    List<AriTextParser.GroupItemContext> items = g.groupItem();
    if (!items.isEmpty() && items.get(0) instanceof AriTextParser.MapEntryContext) {
      return new Params.Named(new AmLiteral(mapEntries(g)));
    }
    return new Params.Positional(items(g));
  }

  private Ari absoluteRef(AriTextParser.AbsoluteRefContext ctx) throws AriDecodeException {
    List<AriTextParser.SegmentContext> segs = ctx.segment();
    if (segs.size() == 2) {
      if (ctx.group() != null) {
        throw error(Code.SYNTAX, ctx.group(), "a namespace reference takes no parameters");
      }
      Object[] model = modelSegment(segs.get(1));
      return new NamespaceRef(
          idSegment(segs.get(0), "organisation"), (AriId) model[0], (LocalDate) model[1]);
    }
    if (segs.size() != 4 || ctx.SLASH().size() != 3) {
      throw error(
          Code.SYNTAX,
          ctx,
          "a reference is //org/model/ (namespace) or //org/model/TYPE/object, not "
              + segs.size()
              + " segments");
    }
    Object[] model = modelSegment(segs.get(1));
    return objectRef(
        idSegment(segs.get(0), "organisation"),
        (AriId) model[0],
        (LocalDate) model[1],
        segs.get(2),
        segs.get(3),
        ctx.group());
  }

  private Ari relativeRef(AriTextParser.RelativeRefContext ctx) throws AriDecodeException {
    List<AriTextParser.SegmentContext> segs = ctx.segment();
    String first = decoded(segs.get(0));
    if (first.equals(".") && segs.size() == 3 && ctx.SLASH().size() == 2) {
      return objectRef(null, null, null, segs.get(1), segs.get(2), ctx.group());
    }
    if (first.equals("..") && segs.size() == 4 && ctx.SLASH().size() == 3) {
      Object[] model = modelSegment(segs.get(1));
      return objectRef(
          null, (AriId) model[0], (LocalDate) model[1], segs.get(2), segs.get(3), ctx.group());
    }
    throw error(
        Code.SYNTAX,
        ctx,
        "expected a reference ./TYPE/object or ../model/TYPE/object, or a literal /TYPE/value");
  }

  private ObjectRef objectRef(
      AriId org,
      AriId model,
      LocalDate rev,
      AriTextParser.SegmentContext typeSeg,
      AriTextParser.SegmentContext objSeg,
      AriTextParser.GroupContext group)
      throws AriDecodeException {
    AriType type = typeByNameOrCode(decoded(typeSeg), typeSeg, false);
    AriId object = idSegment(objSeg, "object");
    return new ObjectRef(org, model, rev, type, object, params(group));
  }
}
