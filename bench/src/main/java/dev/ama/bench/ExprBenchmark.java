package dev.ama.bench;

import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.RealLiteral;
import dev.ama.rules.expr.CompiledExpr;
import dev.ama.rules.expr.ExprCompiler;
import dev.ama.rules.expr.ExprException;
import dev.ama.rules.expr.ValueProvider;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlContext;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlScript;
import org.apache.commons.jexl3.MapContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Five expressions evaluated by ama's compiled EXPRs and by Apache Commons JEXL 3 (a script created
 * once, a {@link MapContext}) with the same inputs: VAST integers {@code a, b, c, d, flags} and
 * REAL64 {@code t, limit}. ama reads them through a {@link ValueProvider} backed by an {@link
 * IdentityHashMap} keyed by the EXPR's own reference instances (the provider contract passes the
 * same instance at each evaluation, as an agent that resolves each reference once when a rule is
 * defined would); {@code predicateAmaEqualityMap} shows the predicate with a {@link HashMap} keyed
 * by reference equality instead, where hashing the four references dominates.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar ExprBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@Threads(1)
public class ExprBenchmark {
  private static ObjectRef var(String name) {
    return ObjectRef.of("example", "!bench", AriType.VAR, name);
  }

  private static ObjectRef op(String name) {
    return ObjectRef.of("ietf", "dtnma-agent", AriType.OPER, name);
  }

  private static final ObjectRef A = var("a");
  private static final ObjectRef B = var("b");
  private static final ObjectRef C = var("c");
  private static final ObjectRef D = var("d");
  private static final ObjectRef FLAGS = var("flags");
  private static final ObjectRef T = var("t");
  private static final ObjectRef LIMIT = var("limit");

  private static IntLiteral n(long v) {
    return IntLiteral.of(v);
  }

  /** {@code a > b && c + d * 2 < 100}. */
  static final AcLiteral PREDICATE =
      AcLiteral.of(
          A,
          B,
          op("compare-gt"),
          C,
          D,
          n(2),
          op("multiply"),
          op("add"),
          n(100),
          op("compare-lt"),
          op("bool-and"));

  /** {@code (a + b) * c - d / 2}. */
  static final AcLiteral ARITHMETIC =
      AcLiteral.of(A, B, op("add"), C, op("multiply"), D, n(2), op("divide"), op("sub"));

  /** {@code t * 1.8 + 32 > limit}. */
  static final AcLiteral REAL =
      AcLiteral.of(
          T, RealLiteral.of(1.8), op("multiply"), n(32), op("add"), LIMIT, op("compare-gt"));

  /** {@code !(a == b) || (c % 7 == 3 && d >= 0)}. */
  static final AcLiteral LOGIC =
      AcLiteral.of(
          A,
          B,
          op("compare-eq"),
          op("bool-not"),
          C,
          n(7),
          op("remainder"),
          n(3),
          op("compare-eq"),
          D,
          n(0),
          op("compare-ge"),
          op("bool-and"),
          op("bool-or"));

  /** {@code (flags & 12) != 0 && (a ^ b) < 256}. */
  static final AcLiteral BITWISE =
      AcLiteral.of(
          FLAGS,
          n(12),
          op("bit-and"),
          n(0),
          op("compare-ne"),
          A,
          B,
          op("bit-xor"),
          n(256),
          op("compare-lt"),
          op("bool-and"));

  private final Map<ObjectRef, Ari> values = new IdentityHashMap<>();
  private final ValueProvider provider = values::get;
  private final Map<ObjectRef, Ari> equalityValues = new HashMap<>();
  private final ValueProvider equalityProvider = equalityValues::get;
  private final JexlContext context = new MapContext();

  private CompiledExpr amaPredicate;
  private CompiledExpr amaArithmetic;
  private CompiledExpr amaReal;
  private CompiledExpr amaLogic;
  private CompiledExpr amaBitwise;

  // The same values by slot, in each expression's references() order, resolved once at setup.
  private Ari[] predicateSlots;
  private Ari[] arithmeticSlots;
  private Ari[] realSlots;
  private Ari[] logicSlots;
  private Ari[] bitwiseSlots;

  private JexlScript jexlPredicate;
  private JexlScript jexlArithmetic;
  private JexlScript jexlReal;
  private JexlScript jexlLogic;
  private JexlScript jexlBitwise;

  @Setup
  public void setUp() throws ExprException {
    long[] ints = {50, 30, 40, 20, 13};
    String[] names = {"a", "b", "c", "d", "flags"};
    ObjectRef[] refs = {A, B, C, D, FLAGS};
    for (int i = 0; i < ints.length; i++) {
      values.put(refs[i], IntLiteral.of(AriType.VAST, ints[i]));
      context.set(names[i], ints[i]);
    }
    values.put(T, new RealLiteral(AriType.REAL64, 21.5));
    values.put(LIMIT, new RealLiteral(AriType.REAL64, 68.0));
    context.set("t", 21.5);
    context.set("limit", 68.0);
    equalityValues.putAll(values);

    amaPredicate = ExprCompiler.compile(PREDICATE);
    amaArithmetic = ExprCompiler.compile(ARITHMETIC);
    amaReal = ExprCompiler.compile(REAL);
    amaLogic = ExprCompiler.compile(LOGIC);
    amaBitwise = ExprCompiler.compile(BITWISE);
    predicateSlots = slots(amaPredicate);
    arithmeticSlots = slots(amaArithmetic);
    realSlots = slots(amaReal);
    logicSlots = slots(amaLogic);
    bitwiseSlots = slots(amaBitwise);

    JexlEngine jexl = new JexlBuilder().strict(true).silent(false).create();
    jexlPredicate = jexl.createScript("a > b && c + d * 2 < 100");
    jexlArithmetic = jexl.createScript("(a + b) * c - d / 2");
    jexlReal = jexl.createScript("t * 1.8 + 32 > limit");
    jexlLogic = jexl.createScript("!(a == b) || (c % 7 == 3 && d >= 0)");
    jexlBitwise = jexl.createScript("(flags & 12) != 0 && (a ^ b) < 256");
  }

  @Benchmark
  public Ari predicateAma() {
    return amaPredicate.evaluate(provider);
  }

  /** The values of an expression's references in its slot order. */
  Ari[] slots(CompiledExpr expr) {
    return expr.references().stream().map(values::get).toArray(Ari[]::new);
  }

  @Benchmark
  public Ari predicateAmaSlots() {
    return amaPredicate.evaluate(predicateSlots);
  }

  @Benchmark
  public Ari arithmeticAmaSlots() {
    return amaArithmetic.evaluate(arithmeticSlots);
  }

  @Benchmark
  public Ari realAmaSlots() {
    return amaReal.evaluate(realSlots);
  }

  @Benchmark
  public Ari logicAmaSlots() {
    return amaLogic.evaluate(logicSlots);
  }

  @Benchmark
  public Ari bitwiseAmaSlots() {
    return amaBitwise.evaluate(bitwiseSlots);
  }

  @Benchmark
  public Ari predicateAmaEqualityMap() {
    return amaPredicate.evaluate(equalityProvider);
  }

  @Benchmark
  public Object predicateJexl() {
    return jexlPredicate.execute(context);
  }

  @Benchmark
  public Ari arithmeticAma() {
    return amaArithmetic.evaluate(provider);
  }

  @Benchmark
  public Object arithmeticJexl() {
    return jexlArithmetic.execute(context);
  }

  @Benchmark
  public Ari realAma() {
    return amaReal.evaluate(provider);
  }

  @Benchmark
  public Object realJexl() {
    return jexlReal.execute(context);
  }

  @Benchmark
  public Ari logicAma() {
    return amaLogic.evaluate(provider);
  }

  @Benchmark
  public Object logicJexl() {
    return jexlLogic.execute(context);
  }

  @Benchmark
  public Ari bitwiseAma() {
    return amaBitwise.evaluate(provider);
  }

  @Benchmark
  public Object bitwiseJexl() {
    return jexlBitwise.execute(context);
  }
}
