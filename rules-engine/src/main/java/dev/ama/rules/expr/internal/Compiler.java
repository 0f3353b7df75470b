package dev.ama.rules.expr.internal;

import dev.ama.model.adm.ModelIds;
import dev.ama.model.adm.StandardModels;
import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriId;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.AriTypeLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.Literal;
import dev.ama.model.ari.NamespaceRef;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.Params;
import dev.ama.model.ari.TextLiteral;
import dev.ama.rules.expr.CompiledExpr;
import dev.ama.rules.expr.ExprException;
import dev.ama.rules.expr.ExprException.Code;
import dev.ama.rules.expr.ValueProvider;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Replays a postfix EXPR on a stack of nodes, checking its shape once. */
public final class Compiler {
  private static final ModelIds AGENT = StandardModels.DTNMA_AGENT;

  /** How deep sub-expressions (eval targets, tbl-filter rows) may nest in one EXPR. */
  static final int MAX_NESTING = 32;

  private final Map<ObjectRef, Integer> references = new LinkedHashMap<>();

  /** The depth of the sub-expression being compiled (0: the EXPR itself). */
  private int nesting = -1;

  /** The highest bound label the expression being compiled uses, -1 for none. */
  private int maxLabel = -1;

  private Compiler() {}

  /** How a {@code /LABEL/n} item of an expression is read. */
  enum Labels {
    /** Refused: nothing binds labels here. */
    NONE,
    /** Column n of the row a tbl-filter is looking at. */
    ROW,
    /** Value n of the list given to {@link CompiledExpr#evaluate(ValueProvider, List)}. */
    BOUND
  }

  /** See {@link dev.ama.rules.expr.ExprCompiler#compile(AcLiteral)}. */
  public static CompiledExpr compile(AcLiteral expr) throws ExprException {
    return compile(expr, Labels.NONE);
  }

  /** See {@link dev.ama.rules.expr.ExprCompiler#compileWithLabels(AcLiteral)}. */
  public static CompiledExpr compileWithLabels(AcLiteral expr) throws ExprException {
    return compile(expr, Labels.BOUND);
  }

  private static CompiledExpr compile(AcLiteral expr, Labels labels) throws ExprException {
    Compiler c = new Compiler();
    Node root = c.expression(expr, labels);
    List<ObjectRef> refs = List.copyOf(c.references.keySet());
    return labels == Labels.BOUND ? new Labelled(expr, root, refs) : new Compiled(expr, root, refs);
  }

  /**
   * An eval target read at run time: compiled on its own (its references are read through the
   * provider), with bound labels when {@code labelled}. Null when it does not compile.
   */
  static EvalNodes.Target compileTarget(AcLiteral expr, boolean labelled) {
    Compiler c = new Compiler();
    try {
      Node root = c.expression(expr, labelled ? Labels.BOUND : Labels.NONE);
      return new EvalNodes.Target(root, c.maxLabel);
    } catch (ExprException e) {
      return null;
    }
  }

  private Node expression(AcLiteral expr, Labels labels) throws ExprException {
    if (nesting + 1 > MAX_NESTING) {
      throw new ExprException(
          Code.INVALID_PARAMETERS,
          "sub-expressions nest deeper than " + MAX_NESTING + " (eval targets, tbl-filter rows)");
    }
    nesting++;
    try {
      return stackUp(expr, labels);
    } finally {
      nesting--;
    }
  }

  private Node stackUp(AcLiteral expr, Labels labels) throws ExprException {
    Deque<Node> stack = new ArrayDeque<>();
    List<Ari> items = expr.items();
    for (int i = 0; i < items.size(); i++) {
      Ari item = items.get(i);
      if (item instanceof ObjectRef ref && ref.objectType() == AriType.OPER) {
        String name = operName(ref, i);
        stack.push(oper(name, ref, stack, i));
      } else if (item instanceof ObjectRef ref) {
        AriType t = ref.objectType();
        if (t != AriType.EDD && t != AriType.VAR && t != AriType.CONST) {
          throw new ExprException(
              Code.INVALID_ITEM,
              "item " + i + ": a " + t + " reference is not an operand (EDD, VAR or CONST)");
        }
        stack.push(reference(ref));
      } else if (isLabel(item)) {
        stack.push(label(item, labels, i));
      } else if (item instanceof Literal lit) {
        stack.push(new Leaves.Const(lit));
      } else {
        throw new ExprException(Code.INVALID_ITEM, "item " + i + ": " + item + " is no operand");
      }
    }
    if (stack.size() != 1) {
      throw new ExprException(
          Code.UNBALANCED,
          "the expression leaves " + stack.size() + " values on the stack, not exactly one");
    }
    return stack.pop();
  }

  /** A leaf reading a value object through the provider (or its slot). */
  private Node reference(ObjectRef ref) {
    int slot = references.computeIfAbsent(ref, r -> references.size());
    return new Leaves.Ref(ref, slot);
  }

  private static boolean isLabel(Ari item) {
    return (item instanceof IntLiteral l && l.type() == AriType.LABEL)
        || (item instanceof TextLiteral t && t.type() == AriType.LABEL);
  }

  /** The leaf for a LABEL item: only integer labels, and only where something binds them. */
  private Node label(Ari item, Labels labels, int i) throws ExprException {
    if (labels == Labels.NONE) {
      throw new ExprException(
          Code.INVALID_ITEM,
          "item " + i + ": label " + item + " outside a filter (nothing binds labels here)");
    }
    if (!(item instanceof IntLiteral l)
        || l.negative()
        || !l.fitsLong()
        || l.longValue() > Integer.MAX_VALUE) {
      throw new ExprException(
          Code.INVALID_ITEM, "item " + i + ": label " + item + " is not a non-negative integer");
    }
    int n = (int) l.longValue();
    if (labels == Labels.ROW) {
      return new Leaves.Label(n);
    }
    maxLabel = Math.max(maxLabel, n);
    return new Leaves.BoundLabel(n);
  }

  private static String operName(ObjectRef ref, int index) throws ExprException {
    boolean relative = ref.org() == null && ref.model() == null;
    boolean agent =
        relative
            || (matches(ref.org(), AGENT.org(), AGENT.orgEnum())
                && matches(ref.model(), AGENT.model(), AGENT.modelEnum()));
    if (!agent) {
      throw new ExprException(
          Code.UNKNOWN_OPER,
          "item " + index + ": " + ref.org() + "/" + ref.model() + " is not ietf/dtnma-agent");
    }
    AriId obj = ref.object();
    String name =
        obj.isText()
            ? (AGENT.enumOf(AriType.OPER, obj.text()).isPresent() ? obj.text() : null)
            : AGENT.nameOf(AriType.OPER, obj.number()).orElse(null);
    if (name == null) {
      throw new ExprException(
          Code.UNKNOWN_OPER, "item " + index + ": ietf-dtnma-agent has no OPER " + obj);
    }
    return name;
  }

  private static boolean matches(AriId id, String name, long number) {
    return id != null && (id.isText() ? id.text().equals(name) : id.number() == number);
  }

  /** The number of operands an OPER takes from the stack. */
  private static int arity(String name, Params params) throws ExprException {
    return switch (name) {
      case "ref", "eval" -> 0;
      case "nary-eval" -> operandCount(params);
      case "negate",
              "bit-not",
              "bool-not",
              "is-undefined",
              "is-not-undefined",
              "is-truthy",
              "predicate-all",
              "predicate-any",
              "predicate-none",
              "list-get",
              "map-get",
              "tbl-get",
              "tbl-filter",
              "is-org-private",
              "match-org-int-range",
              "is-model-odm",
              "match-model-int-range",
              "is-same-ns",
              "match-object-type",
              "match-object-int-range",
              "is-same-object",
              "match-regexp",
              "match-type",
              "convert-type",
              "unary-eval" ->
          1;
      default -> 2;
    };
  }

  private Node oper(String name, ObjectRef ref, Deque<Node> stack, int index) throws ExprException {
    int arity = arity(name, ref.params());
    if (stack.size() < arity) {
      throw new ExprException(
          Code.MISSING_OPERAND,
          "item "
              + index
              + ": OPER "
              + name
              + " takes "
              + arity
              + " operand(s), the stack holds "
              + stack.size());
    }
    Params params = ref.params();
    if (name.equals("nary-eval")) {
      // Label 0 is the bottom-most of the popped values.
      Node[] operands = new Node[arity];
      for (int i = arity - 1; i >= 0; i--) {
        operands[i] = stack.pop();
      }
      return eval(name, params, operands);
    }
    Node right = arity >= 1 ? stack.pop() : null;
    Node left = arity == 2 ? stack.pop() : null;
    return switch (name) {
      case "eval" -> eval(name, params, new Node[0]);
      case "unary-eval" -> eval(name, params, new Node[] {right});
      case "match-regexp" -> {
        Ari[] p = params(name, params, 1, "regexp");
        if (!(p[0] instanceof TextLiteral t) || t.type() == AriType.LABEL) {
          throw new ExprException(Code.INVALID_PARAMETERS, name + ": regexp must be text");
        }
        try {
          yield new TypeNodes.MatchRegexp(IRegexp.compile(t.value()), right);
        } catch (IRegexp.SyntaxException e) {
          throw new ExprException(Code.INVALID_PARAMETERS, name + ": " + e.getMessage());
        }
      }
      case "match-type", "convert-type" -> {
        Ari[] p = params(name, params, 1, "desired");
        Ari d = p[0];
        boolean typeLike =
            d instanceof AriTypeLiteral
                || (d instanceof IntLiteral i && i.type() != AriType.LABEL)
                || (d instanceof TextLiteral t && t.type() != AriType.LABEL)
                || (d instanceof ObjectRef r && r.objectType() == AriType.TYPEDEF);
        if (!typeLike) {
          throw new ExprException(
              Code.INVALID_PARAMETERS,
              name + ": desired must be an ARITYPE (or its code or name) or a TYPEDEF reference");
        }
        Types.Type type = Types.of(d);
        yield name.equals("match-type")
            ? new TypeNodes.MatchType(type, right)
            : new TypeNodes.ConvertType(type, right);
      }
      case "ref" -> {
        Ari[] p = params(name, params, 1, "ref");
        if (!(p[0] instanceof ObjectRef) && !(p[0] instanceof NamespaceRef)) {
          throw new ExprException(
              Code.INVALID_PARAMETERS, "ref: ref must be an object or namespace reference");
        }
        yield new Leaves.Const(p[0]);
      }
      case "is-org-private" -> {
        noParams(name, params);
        yield new RefNodes.IsPrivate(false, right);
      }
      case "is-model-odm" -> {
        noParams(name, params);
        yield new RefNodes.IsPrivate(true, right);
      }
      case "match-org-int-range" -> intRange(name, RefNodes.ORG, params, right);
      case "match-model-int-range" -> intRange(name, RefNodes.MODEL, params, right);
      case "match-object-int-range" -> intRange(name, RefNodes.OBJECT, params, right);
      case "is-same-ns" -> {
        Ari[] p = params(name, params, 1, "desired");
        if (!(p[0] instanceof NamespaceRef ns)) {
          throw new ExprException(
              Code.INVALID_PARAMETERS, name + ": desired must be a namespace reference");
        }
        yield new RefNodes.IsSameNs(ns, right);
      }
      case "match-object-type" -> {
        Ari[] p = params(name, params, 1, "desired");
        yield new RefNodes.MatchObjectType(objectType(name, p[0]), right);
      }
      case "is-same-object" -> {
        Ari[] p = params(name, params, 1, "desired");
        if (!(p[0] instanceof ObjectRef desired)
            || desired.org() == null
            || desired.model() == null) {
          throw new ExprException(
              Code.INVALID_PARAMETERS,
              name + ": desired must be an object reference with its organisation and model");
        }
        yield new RefNodes.IsSameObject(desired, right);
      }
      case "predicate-all", "predicate-any", "predicate-none" -> predicate(name, params, right);
      case "list-get" -> {
        Ari[] p = params(name, params, 1, "index");
        yield new ContainerNodes.ListGet(index(name, "index", p[0]), right);
      }
      case "map-get" -> {
        Ari[] p = params(name, params, 1, "key");
        yield new ContainerNodes.MapGet(mapKey(name, p[0]), right);
      }
      case "tbl-get" -> {
        Ari[] p = params(name, params, 2, "row", "column");
        yield new ContainerNodes.TblGet(
            index(name, "row", p[0]), index(name, "column", p[1]), right);
      }
      case "tbl-filter" -> tblFilter(params, right);
      default -> {
        noParams(name, params);
        yield simple(name, left, right);
      }
    };
  }

  private static Node simple(String name, Node left, Node right) throws ExprException {
    return switch (name) {
      case "negate" -> new NumericNodes.Negate(right);
      case "add" -> new NumericNodes.Arith(Semantics.ADD, left, right);
      case "sub" -> new NumericNodes.Arith(Semantics.SUB, left, right);
      case "multiply" -> new NumericNodes.Arith(Semantics.MUL, left, right);
      case "divide" -> new NumericNodes.Arith(Semantics.DIV, left, right);
      case "remainder" -> new NumericNodes.Arith(Semantics.REM, left, right);
      case "bit-not" -> new NumericNodes.BitNot(right);
      case "bit-and" -> new NumericNodes.Bitwise(Semantics.AND, left, right);
      case "bit-or" -> new NumericNodes.Bitwise(Semantics.OR, left, right);
      case "bit-xor" -> new NumericNodes.Bitwise(Semantics.XOR, left, right);
      case "bool-not" -> new LogicNodes.Not(right);
      case "bool-and" -> new LogicNodes.Binary(LogicNodes.AND, left, right);
      case "bool-or" -> new LogicNodes.Binary(LogicNodes.OR, left, right);
      case "bool-xor" -> new LogicNodes.Binary(LogicNodes.XOR, left, right);
      case "strict-eq" -> new LogicNodes.StrictEq(false, left, right);
      case "strict-ne" -> new LogicNodes.StrictEq(true, left, right);
      case "compare-eq" -> new NumericNodes.LooseEq(false, left, right);
      case "compare-ne" -> new NumericNodes.LooseEq(true, left, right);
      case "compare-gt" -> new NumericNodes.Compare(Semantics.GT, left, right);
      case "compare-ge" -> new NumericNodes.Compare(Semantics.GE, left, right);
      case "compare-lt" -> new NumericNodes.Compare(Semantics.LT, left, right);
      case "compare-le" -> new NumericNodes.Compare(Semantics.LE, left, right);
      case "is-undefined" -> new LogicNodes.IsUndefined(true, right);
      case "is-not-undefined" -> new LogicNodes.IsUndefined(false, right);
      case "is-truthy" -> new LogicNodes.Truthy(right);
      // An OPER the agent model's identifiers name but ama has no evaluator for (none today).
      default ->
          throw new ExprException(
              Code.UNSUPPORTED_OPER, "OPER " + name + " is not supported by ama");
    };
  }

  private Node predicate(String name, Params params, Node operand) throws ExprException {
    Ari[] p = params(name, params, 1, "operators");
    if (!(p[0] instanceof AcLiteral ops)) {
      throw new ExprException(
          Code.INVALID_PARAMETERS, name + ": operators must be an AC of OPER references");
    }
    Node[] nodes = new Node[ops.items().size()];
    for (int i = 0; i < nodes.length; i++) {
      Ari item = ops.items().get(i);
      if (!(item instanceof ObjectRef ref) || ref.objectType() != AriType.OPER) {
        throw new ExprException(
            Code.INVALID_PARAMETERS, name + ": operator " + i + " is not an OPER reference");
      }
      String sub = operName(ref, i);
      if (arity(sub, ref.params()) != 1) {
        throw new ExprException(
            Code.INVALID_PARAMETERS, name + ": operator " + sub + " is not unary");
      }
      Deque<Node> stack = new ArrayDeque<>();
      stack.push(new Leaves.Bound());
      nodes[i] = oper(sub, ref, stack, i);
    }
    int mode =
        switch (name) {
          case "predicate-all" -> LogicNodes.ALL;
          case "predicate-any" -> LogicNodes.ANY;
          default -> LogicNodes.NONE;
        };
    return new LogicNodes.Predicate(mode, operand, nodes);
  }

  private Node tblFilter(Params params, Node operand) throws ExprException {
    String name = "tbl-filter";
    Ari[] p = params(name, params, 1, "rows", "columns");
    if (!(p[0] instanceof AcLiteral rows)) {
      throw new ExprException(Code.INVALID_PARAMETERS, name + ": rows must be an EXPR");
    }
    Node filter = expression(rows, Labels.ROW);
    int[] columns = null;
    if (p[1] != null) {
      if (!(p[1] instanceof AcLiteral cols)) {
        throw new ExprException(Code.INVALID_PARAMETERS, name + ": columns must be an AC");
      }
      columns = new int[cols.items().size()];
      for (int i = 0; i < columns.length; i++) {
        long c = index(name, "columns", cols.items().get(i));
        if (c > Integer.MAX_VALUE) {
          throw new ExprException(Code.INVALID_PARAMETERS, name + ": column " + c);
        }
        columns[i] = (int) c;
      }
    }
    return new ContainerNodes.TblFilter(filter, columns, operand);
  }

  private static void noParams(String name, Params params) throws ExprException {
    boolean none =
        params == null
            || (params instanceof Params.Positional pos && pos.values().isEmpty())
            || (params instanceof Params.Named named && named.entries().isEmpty());
    if (!none) {
      throw new ExprException(Code.INVALID_PARAMETERS, "OPER " + name + " takes no parameters");
    }
  }

  /**
   * The actual parameters by formal name: positional in order, or named by name or index. The first
   * {@code required} formals must be given; the others may be absent (null).
   */
  private static Ari[] params(String oper, Params params, int required, String... formals)
      throws ExprException {
    Ari[] out = new Ari[formals.length];
    if (params instanceof Params.Positional pos) {
      if (pos.values().size() > formals.length) {
        throw new ExprException(
            Code.INVALID_PARAMETERS,
            oper + " takes " + formals.length + " parameter(s), not " + pos.values().size());
      }
      for (int i = 0; i < pos.values().size(); i++) {
        out[i] = pos.values().get(i);
      }
    } else if (params instanceof Params.Named named) {
      for (Map.Entry<Ari, Ari> e : named.entries().entrySet()) {
        int at = formalIndex(e.getKey(), formals);
        if (at < 0) {
          throw new ExprException(
              Code.INVALID_PARAMETERS, oper + " has no parameter " + e.getKey());
        }
        out[at] = e.getValue();
      }
    }
    for (int i = 0; i < required; i++) {
      if (out[i] == null) {
        throw new ExprException(
            Code.INVALID_PARAMETERS,
            oper + " needs its parameter(s) " + String.join(", ", formals));
      }
    }
    return out;
  }

  /**
   * eval, unary-eval, nary-eval: the target compiled now when it is inline, or read and compiled at
   * run time when it is a value object; the operands are bound to its labels 0, 1, …
   */
  private Node eval(String name, Params params, Node[] operands) throws ExprException {
    Ari target =
        name.equals("nary-eval")
            ? params(name, params, 2, "operand-count", "target")[1]
            : params(name, params, 1, "target")[0];
    boolean labelled = !name.equals("eval");
    if (target instanceof AcLiteral inline) {
      int saved = maxLabel;
      maxLabel = -1;
      Node body;
      try {
        body = expression(inline, labelled ? Labels.BOUND : Labels.NONE);
      } catch (ExprException e) {
        String why = e.getMessage().substring(e.code().name().length() + 2);
        throw new ExprException(e.code(), name + " target: " + why);
      }
      int used = maxLabel;
      maxLabel = saved;
      return operands.length == 0
          ? body
          : new EvalNodes.Inline(operands, new EvalNodes.Target(body, used));
    }
    if (target instanceof ObjectRef ref
        && (ref.objectType() == AriType.CONST
            || ref.objectType() == AriType.EDD
            || ref.objectType() == AriType.VAR)) {
      return new EvalNodes.Dynamic(reference(ref), operands, labelled);
    }
    throw new ExprException(
        Code.INVALID_PARAMETERS,
        name + ": target must be an EXPR or a reference to a CONST, EDD or VAR");
  }

  /** nary-eval's operand-count: a non-negative integer (the stack then bounds it). */
  private static int operandCount(Params params) throws ExprException {
    Ari n = params("nary-eval", params, 2, "operand-count", "target")[0];
    if (n instanceof IntLiteral i
        && i.type() != AriType.LABEL
        && !i.negative()
        && i.fitsLong()
        && i.longValue() <= Integer.MAX_VALUE) {
      return (int) i.longValue();
    }
    throw new ExprException(
        Code.INVALID_PARAMETERS, "nary-eval: operand-count must be an integer from 0 to 2^31-1");
  }

  private static Node intRange(String name, int part, Params params, Node operand)
      throws ExprException {
    Ari[] p = params(name, params, 2, "min-value", "max-value");
    return new RefNodes.MatchIntRange(
        part, idInt(name, "min-value", p[0]), idInt(name, "max-value", p[1]), operand);
  }

  /** An id-int parameter: an integer within INT's range. */
  private static long idInt(String oper, String param, Ari value) throws ExprException {
    if (value instanceof IntLiteral i
        && i.type() != AriType.LABEL
        && i.fitsLong()
        && i.longValue() >= Integer.MIN_VALUE
        && i.longValue() <= Integer.MAX_VALUE) {
      return i.longValue();
    }
    throw new ExprException(
        Code.INVALID_PARAMETERS, oper + ": " + param + " must be an integer within INT's range");
  }

  /**
   * An ARITYPE parameter: an ARITYPE literal, an integer code or a name; null for a code or name
   * that is no ARI type (the OPER's result is then undefined, YANG).
   */
  private static AriType objectType(String oper, Ari value) throws ExprException {
    if (value instanceof AriTypeLiteral t) {
      return t.value();
    }
    if (value instanceof IntLiteral i && i.type() != AriType.LABEL) {
      return i.fitsLong() ? AriType.byCode(i.longValue()) : null;
    }
    if (value instanceof TextLiteral t && t.type() != AriType.LABEL) {
      return AriType.fromName(t.value()).orElse(null);
    }
    throw new ExprException(
        Code.INVALID_PARAMETERS, oper + ": desired must be an ARITYPE, a type code or a type name");
  }

  private static int formalIndex(Ari key, String[] formals) {
    if (key instanceof TextLiteral t) {
      for (int i = 0; i < formals.length; i++) {
        if (formals[i].equals(t.value())) {
          return i;
        }
      }
    } else if (key instanceof IntLiteral i && !i.negative() && i.argument() < formals.length) {
      return (int) i.argument();
    }
    return -1;
  }

  private static long index(String oper, String param, Ari value) throws ExprException {
    if (value instanceof IntLiteral i
        && i.type() != AriType.LABEL
        && !i.negative()
        && i.fitsLong()) {
      return i.longValue();
    }
    throw new ExprException(
        Code.INVALID_PARAMETERS, oper + ": " + param + " must be a non-negative integer");
  }

  private static Ari mapKey(String oper, Ari key) throws ExprException {
    if (key instanceof IntLiteral i && i.type() != AriType.LABEL) {
      return new IntLiteral(null, i.negative(), i.argument());
    }
    if (key instanceof TextLiteral t && t.type() != AriType.LABEL) {
      return TextLiteral.of(t.value());
    }
    throw new ExprException(
        Code.INVALID_PARAMETERS, oper + ": key must be an integer or a text string");
  }

  /**
   * The compiled form of an EXPR without labels: a tree of nodes evaluated on the calling thread's
   * frame. Its evaluation is exactly the tree's, nothing added for the labelled form.
   */
  private record Compiled(AcLiteral source, Node root, List<ObjectRef> references)
      implements CompiledExpr {
    @Override
    public Ari evaluate(ValueProvider values) {
      return run(root, values, null);
    }

    @Override
    public Ari evaluate(Ari[] values) {
      checkSlots(references, values);
      return run(root, null, values);
    }

    /** No label items here (eval targets bind their own), so the labels are not needed. */
    @Override
    public Ari evaluate(ValueProvider values, List<Ari> labels) {
      return run(root, values, null);
    }

    @Override
    public String toString() {
      return "CompiledExpr" + source.items();
    }
  }

  /** The compiled form of a labelled EXPR: the labels are bound on the frame around the tree. */
  private record Labelled(AcLiteral source, Node root, List<ObjectRef> references)
      implements CompiledExpr {
    @Override
    public Ari evaluate(ValueProvider values) {
      return evaluate(values, null);
    }

    @Override
    public Ari evaluate(Ari[] values) {
      checkSlots(references, values);
      return withLabels(null, () -> run(root, null, values));
    }

    @Override
    public Ari evaluate(ValueProvider values, List<Ari> labels) {
      return withLabels(labels, () -> run(root, values, null));
    }

    /** Binds the labels (none: null) for one evaluation, restoring an enclosing one's. */
    private static Ari withLabels(List<Ari> labels, java.util.function.Supplier<Ari> evaluation) {
      Frame f = Frame.current();
      List<Ari> saved = f.labels;
      f.labels = labels;
      try {
        return evaluation.get();
      } finally {
        f.labels = saved;
      }
    }

    @Override
    public String toString() {
      return "CompiledExpr(labelled)" + source.items();
    }
  }

  private static void checkSlots(List<ObjectRef> references, Ari[] values) {
    if (values.length != references.size()) {
      throw new IllegalArgumentException(
          "expected " + references.size() + " values, one per reference, not " + values.length);
    }
  }

  /** Evaluates on this thread's frame, restoring its slots for an evaluation this one is in. */
  private static Ari run(Node root, ValueProvider values, Ari[] slots) {
    Frame f = Frame.current();
    Ari[] saved = f.slots;
    f.slots = slots;
    try {
      root.eval(values, f);
      Ari result = f.get();
      f.obj = null;
      return result;
    } finally {
      f.slots = saved;
    }
  }
}
