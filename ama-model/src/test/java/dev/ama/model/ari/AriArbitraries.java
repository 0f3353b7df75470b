package dev.ama.model.ari;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random ARI values of every kind, for property tests. Shared with expr-grammar's tests through
 * ama-model's test jar.
 */
public final class AriArbitraries {
  private AriArbitraries() {}

  private static final AriType[] INT_TYPES = {
    AriType.BYTE, AriType.INT, AriType.UINT, AriType.VAST, AriType.UVAST
  };
  private static final AriType[] OBJECT_TYPES = {
    AriType.IDENT,
    AriType.CONST,
    AriType.CTRL,
    AriType.EDD,
    AriType.OPER,
    AriType.SBR,
    AriType.TBR,
    AriType.VAR,
    AriType.TYPEDEF
  };

  /**
   * Any ARI up to a nesting depth.
   *
   * @param textReadable leave out the values whose text form does not read back: empty text
   *     (refused in text input, as by the reference implementation) and empty named parameters
   *     (printed "()", which reads as an empty parameter list)
   */
  public static Arbitrary<Ari> aris(int depth, boolean textReadable) {
    if (depth <= 0) {
      return Arbitraries.oneOf(primitives(textReadable), objectRefs(0, textReadable));
    }
    Arbitrary<Ari> inner = Arbitraries.lazy(() -> aris(depth - 1, textReadable));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, primitives(textReadable)),
        net.jqwik.api.Tuple.of(2, objectRefs(depth, textReadable)),
        net.jqwik.api.Tuple.of(1, namespaceRefs()),
        net.jqwik.api.Tuple.of(1, inner.list().ofMaxSize(4).map(AcLiteral::new)),
        net.jqwik.api.Tuple.of(1, maps(inner, textReadable)),
        net.jqwik.api.Tuple.of(1, tables(inner)),
        net.jqwik.api.Tuple.of(1, execSets(inner)),
        net.jqwik.api.Tuple.of(1, rptSets(inner, textReadable)),
        net.jqwik.api.Tuple.of(1, objPats()));
  }

  /** Untyped and typed primitive literals. */
  public static Arbitrary<Ari> primitives(boolean textReadable) {
    return Arbitraries.oneOf(
        Arbitraries.just(Ari.UNDEFINED),
        Arbitraries.of(NullLiteral.UNTYPED, NullLiteral.TYPED),
        Arbitraries.of(true, false)
            .flatMap(b -> Arbitraries.of(BoolLiteral.of(b), BoolLiteral.typed(b))),
        integers()
            .flatMap(v -> Arbitraries.of(INT_TYPES).injectNull(0.3).map(t -> IntLiteral.of(t, v))),
        labels(textReadable),
        reals(),
        texts(textReadable)
            .flatMap(s -> Arbitraries.of(TextLiteral.of(s), new TextLiteral(AriType.TEXTSTR, s))),
        bytes(),
        times(),
        Arbitraries.of(AriType.values()).map(AriTypeLiteral::new));
  }

  /** Integers over the whole CBOR domain, weighted to the edges. */
  public static Arbitrary<BigInteger> integers() {
    BigInteger two64 = BigInteger.ONE.shiftLeft(64);
    return Arbitraries.oneOf(
        Arbitraries.longs().map(BigInteger::valueOf),
        Arbitraries.bigIntegers().between(two64.negate(), two64.subtract(BigInteger.ONE)),
        Arbitraries.of(
            BigInteger.ZERO,
            BigInteger.valueOf(23),
            BigInteger.valueOf(24),
            BigInteger.valueOf(-24),
            BigInteger.valueOf(-25),
            BigInteger.valueOf(Long.MAX_VALUE),
            BigInteger.valueOf(Long.MIN_VALUE),
            two64.subtract(BigInteger.ONE),
            two64.negate()));
  }

  private static Arbitrary<Ari> labels(boolean textReadable) {
    return Arbitraries.oneOf(
        Arbitraries.longs().map(v -> IntLiteral.of(AriType.LABEL, v)),
        texts(textReadable).map(s -> new TextLiteral(AriType.LABEL, s)));
  }

  private static Arbitrary<Ari> reals() {
    Arbitrary<Double> doubles =
        Arbitraries.oneOf(
            Arbitraries.doubles(),
            Arbitraries.floats().map(Float::doubleValue),
            Arbitraries.of(
                0.0,
                -0.0,
                1.0,
                10.0,
                0.1,
                1e21,
                1e-7,
                65504.0,
                5.960464477539063e-8,
                Double.NaN,
                Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY,
                Double.MIN_VALUE,
                Double.MAX_VALUE));
    return doubles.flatMap(
        d ->
            Arbitraries.of(AriType.REAL32, AriType.REAL64)
                .injectNull(0.3)
                .map(t -> new RealLiteral(t, d)));
  }

  /** Text: identifier-like, keyword-like, and any Unicode (paired surrogates only). */
  public static Arbitrary<String> texts(boolean textReadable) {
    Arbitrary<String> identity =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withChars("_-.09AZ")
            .ofMinLength(1)
            .ofMaxLength(8)
            .filter(s -> Character.isLetter(s.charAt(0)) || s.charAt(0) == '_');
    Arbitrary<String> any =
        Arbitraries.strings()
            .withCharRange('\u0000', '\uD7FF')
            .withCharRange('\uE000', '\uFFFF')
            .withChars("\"\\'%()=,;/ ")
            .ofMaxLength(12);
    Arbitrary<String> astral = Arbitraries.of("\uD834\uDD1E", "a\uD83D\uDE00b");
    Arbitrary<String> keywords =
        Arbitraries.of("true", "null", "undefined", "NaN", "Infinity", "ari", "10");
    Arbitrary<String> all = Arbitraries.oneOf(identity, any, astral, keywords);
    return textReadable ? all.filter(s -> !s.isEmpty()) : all;
  }

  private static Arbitrary<Ari> bytes() {
    return Arbitraries.bytes()
        .array(byte[].class)
        .ofMaxSize(12)
        .flatMap(
            b ->
                Arbitraries.of(AriType.BYTESTR, AriType.CBOR)
                    .injectNull(0.4)
                    .map(t -> BytesLiteral.of(t, b)));
  }

  /** TP and TD values: whole seconds over the full range, and fractions within ±292 years. */
  public static Arbitrary<TimeLiteral> times() {
    Arbitrary<AriType> type = Arbitraries.of(AriType.TP, AriType.TD);
    Arbitrary<TimeLiteral> whole =
        Combinators.combine(type, Arbitraries.longs()).as((t, s) -> new TimeLiteral(t, s, 0));
    Arbitrary<TimeLiteral> fraction =
        Combinators.combine(
                type,
                Arbitraries.longs().between(-9_223_372_035L, 9_223_372_035L),
                Arbitraries.integers().between(0, 999_999_999))
            .as(TimeLiteral::new);
    return Arbitraries.oneOf(whole, fraction);
  }

  private static Arbitrary<Ari> maps(Arbitrary<Ari> values, boolean textReadable) {
    Arbitrary<Ari> keys =
        Arbitraries.oneOf(
            integers().map(v -> (Ari) IntLiteral.of(null, v)),
            texts(textReadable).map(TextLiteral::of));
    return Arbitraries.maps(keys, values).ofMaxSize(4).map(AmLiteral::new);
  }

  private static Arbitrary<Ari> tables(Arbitrary<Ari> cells) {
    return Arbitraries.integers()
        .between(0, 3)
        .flatMap(
            cols ->
                Arbitraries.integers()
                    .between(0, cols == 0 ? 0 : 3)
                    .flatMap(
                        rows ->
                            cells.list().ofSize(cols * rows).map(c -> new TblLiteral(cols, c))));
  }

  private static Arbitrary<Ari> nonces() {
    return Arbitraries.oneOf(
        Arbitraries.just(NullLiteral.UNTYPED),
        Arbitraries.longs().greaterOrEqual(0).map(v -> (Ari) IntLiteral.of(v)),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(8).map(BytesLiteral::of));
  }

  private static Arbitrary<Ari> execSets(Arbitrary<Ari> targets) {
    return Combinators.combine(nonces(), targets.list().ofMaxSize(3)).as(ExecSetLiteral::new);
  }

  private static Arbitrary<Ari> rptSets(Arbitrary<Ari> items, boolean textReadable) {
    Arbitrary<Report> report =
        Combinators.combine(
                times().map(t -> new TimeLiteral(AriType.TD, t.seconds(), t.nanos())),
                objectRefs(0, textReadable),
                items.list().ofMaxSize(3))
            .as(Report::new);
    return Combinators.combine(
            nonces(),
            times().map(t -> new TimeLiteral(AriType.TP, t.seconds(), t.nanos())),
            report.list().ofMaxSize(3))
        .as(RptSetLiteral::new);
  }

  private static Arbitrary<ObjPatLiteral.Part> objPatParts() {
    Arbitrary<ObjPatLiteral.Range> range =
        Arbitraries.integers()
            .flatMap(
                lo ->
                    Arbitraries.integers()
                        .between(lo, lo > Integer.MAX_VALUE - 100 ? Integer.MAX_VALUE : lo + 100)
                        .map(hi -> new ObjPatLiteral.Range(lo, hi)));
    Arbitrary<ObjPatLiteral.Range> open =
        Arbitraries.of(
            new ObjPatLiteral.Range(Integer.MIN_VALUE, -1),
            new ObjPatLiteral.Range(5, Integer.MAX_VALUE),
            new ObjPatLiteral.Range(Integer.MIN_VALUE, Integer.MAX_VALUE));
    return Arbitraries.oneOf(
        Arbitraries.just(ObjPatLiteral.Any.INSTANCE),
        identifiers().map(ObjPatLiteral.Name::new),
        Arbitraries.oneOf(range, open)
            .list()
            .ofMinSize(1)
            .ofMaxSize(3)
            .map(ObjPatLiteral.Ranges::new));
  }

  private static Arbitrary<Ari> objPats() {
    return objPatParts()
        .list()
        .ofSize(4)
        .map(p -> new ObjPatLiteral(p.get(0), p.get(1), p.get(2), p.get(3)));
  }

  /** Names as models and objects have them: identifiers, ODM names, and 64-bit enums. */
  private static Arbitrary<String> identifiers() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withChars("-_")
        .ofMinLength(1)
        .ofMaxLength(10)
        .filter(s -> Character.isLetter(s.charAt(0)));
  }

  private static Arbitrary<AriId> ids() {
    return Arbitraries.oneOf(
        identifiers().map(AriId::of),
        identifiers().map(s -> AriId.of("!" + s)),
        Arbitraries.longs().map(AriId::of));
  }

  /** Object references: absolute, relative, with or without revision and parameters. */
  public static Arbitrary<ObjectRef> objectRefs(int depth, boolean textReadable) {
    Arbitrary<LocalDate> revision =
        Arbitraries.integers()
            .between(0, 20_000)
            .map(d -> LocalDate.of(2000, 1, 1).plusDays(d))
            .injectNull(0.6);
    Arbitrary<Params> params =
        depth <= 0
            ? Arbitraries.just((Params) null)
            : Arbitraries.oneOf(
                    Arbitraries.lazy(() -> aris(depth - 1, textReadable))
                        .list()
                        .ofMaxSize(3)
                        .map(l -> (Params) new Params.Positional(l)),
                    maps(Arbitraries.lazy(() -> aris(depth - 1, textReadable)), textReadable)
                        // Empty named parameters print as "()", which reads as an empty list.
                        .filter(m -> !textReadable || !((AmLiteral) m).entries().isEmpty())
                        .map(m -> (Params) new Params.Named((AmLiteral) m)))
                .injectNull(0.4);
    Arbitrary<Integer> form = Arbitraries.of(0, 0, 0, 1, 2); // absolute, ./, ../
    return Combinators.combine(
            form, ids(), ids(), revision, Arbitraries.of(OBJECT_TYPES), ids(), params)
        .as(
            (f, org, model, rev, type, obj, p) ->
                switch (f) {
                  case 0 -> new ObjectRef(org, model, rev, type, obj, p);
                  case 1 -> new ObjectRef(null, null, null, type, obj, p);
                  default -> new ObjectRef(null, model, rev, type, obj, p);
                });
  }

  private static Arbitrary<Ari> namespaceRefs() {
    return Combinators.combine(
            ids(),
            ids(),
            Arbitraries.integers()
                .between(0, 9000)
                .map(d -> LocalDate.of(2000, 1, 1).plusDays(d))
                .injectNull(0.5))
        .as(NamespaceRef::new);
  }

  /** A helper for tests that build maps by hand. */
  static Map<Ari, Ari> mapOf(Object... kv) {
    Map<Ari, Ari> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((Ari) kv[i], (Ari) kv[i + 1]);
    }
    return m;
  }

  /** A helper for tests that build lists by hand. */
  static List<Ari> listOf(Ari... items) {
    return new ArrayList<>(List.of(items));
  }
}
