package dev.ama.grammar.lang.internal;

import dev.ama.grammar.ari.AriTextDecoder;
import dev.ama.grammar.ari.internal.SegmentSyntax;
import dev.ama.grammar.ari.internal.SegmentSyntax.SegmentException;
import dev.ama.grammar.lang.LangException;
import dev.ama.grammar.lang.ObjectNames;
import dev.ama.grammar.lang.internal.antlr.AmaLangParser;
import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriDecodeException;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.BoolLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.Literal;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.RealLiteral;
import dev.ama.model.ari.TextLiteral;
import dev.ama.model.ari.TimeLiteral;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Turns an expression tree into postfix EXPR items, resolving names and checking the kinds of
 * operands it can know. Collects every problem before giving up.
 */
public final class ExprTreeCompiler {
  /** What the compiler knows of an operand's value. */
  enum Kind {
    INT,
    REAL,
    BOOL,
    TEXT,
    TP,
    TD,
    OTHER,
    UNKNOWN;

    boolean numeric() {
      return this == INT || this == REAL;
    }

    boolean known() {
      return this != UNKNOWN;
    }
  }

  private static final Map<String, String> BINARY =
      Map.ofEntries(
          Map.entry("*", "multiply"),
          Map.entry("/", "divide"),
          Map.entry("%", "remainder"),
          Map.entry("+", "add"),
          Map.entry("-", "sub"),
          Map.entry("<", "compare-lt"),
          Map.entry("<=", "compare-le"),
          Map.entry(">", "compare-gt"),
          Map.entry(">=", "compare-ge"),
          Map.entry("==", "compare-eq"),
          Map.entry("!=", "compare-ne"),
          Map.entry("===", "strict-eq"),
          Map.entry("!==", "strict-ne"),
          Map.entry("&", "bit-and"),
          Map.entry("^", "bit-xor"),
          Map.entry("|", "bit-or"),
          Map.entry("&&", "bool-and"),
          Map.entry("AND", "bool-and"),
          Map.entry("^^", "bool-xor"),
          Map.entry("XOR", "bool-xor"),
          Map.entry("||", "bool-or"),
          Map.entry("OR", "bool-or"));

  private static final Map<String, String> UNARY =
      Map.of("-", "negate", "!", "bool-not", "NOT", "bool-not", "~", "bit-not");

  private static final BigDecimal MS = new BigDecimal("0.001");

  private final ObjectNames names;
  private final int maxDepth;
  private final Problems problems;
  private final List<Ari> out = new ArrayList<>();

  public ExprTreeCompiler(ObjectNames names, String file, int maxDepth) {
    this.names = names;
    this.maxDepth = maxDepth;
    this.problems = new Problems(file);
  }

  /** The EXPR of the expression, or every problem found in it. */
  public AcLiteral compile(AmaLangParser.ExprContext expr) throws LangException {
    AcLiteral result = tryCompile(expr);
    if (result == null) {
      throw problems.toException();
    }
    return result;
  }

  /** The EXPR of the expression, or null with the problems left in {@link #problems()}. */
  public AcLiteral tryCompile(AmaLangParser.ExprContext expr) {
    emit(expr, 0);
    return problems.isEmpty() ? new AcLiteral(out) : null;
  }

  /** The problems found so far. */
  public Problems problems() {
    return problems;
  }

  /** The standard OPER of that name. */
  public static ObjectRef oper(String name) {
    return ObjectRef.of("ietf", "dtnma-agent", AriType.OPER, name);
  }

  private void problem(LangException.Code code, Token at, String message) {
    problems.add(code, at, message);
  }

  private void problem(LangException.Code code, ParserRuleContext at, String message) {
    problem(code, at.getStart(), message);
  }

  private Kind emit(AmaLangParser.ExprContext e, int depth) {
    if (depth > maxDepth) {
      problem(
          LangException.Code.SYNTAX, e, "expression nested deeper than " + maxDepth + " levels");
      return Kind.UNKNOWN;
    }
    if (e instanceof AmaLangParser.ParensContext p) {
      return emit(p.expr(), depth + 1);
    }
    if (e instanceof AmaLangParser.AtomContext a) {
      return operand(a.operand());
    }
    if (e instanceof AmaLangParser.UnaryContext u) {
      Kind k = emit(u.expr(), depth + 1);
      String op = u.op.getText();
      out.add(oper(UNARY.get(op)));
      return unaryKind(op, k, u);
    }
    AmaLangParser.BinaryContext b = (AmaLangParser.BinaryContext) e;
    Kind left = emit(b.expr(0), depth + 1);
    Kind right = emit(b.expr(1), depth + 1);
    String op = b.op.getText();
    out.add(oper(BINARY.get(op)));
    return binaryKind(op, left, right, b);
  }

  private Kind unaryKind(String op, Kind k, ParserRuleContext at) {
    switch (op) {
      case "-":
        if (k.known() && !k.numeric() && k != Kind.TD) {
          mismatch(at, "negation needs a number or a time difference, not " + k);
        }
        return k;
      case "~":
        if (k.known() && k != Kind.INT) {
          mismatch(at, "bitwise not needs an integer, not " + k);
        }
        return Kind.INT;
      default:
        return Kind.BOOL;
    }
  }

  private Kind binaryKind(String op, Kind l, Kind r, AmaLangParser.BinaryContext at) {
    boolean known = l.known() && r.known();
    switch (op) {
      case "+":
      case "-":
      case "*":
      case "/":
      case "%":
        return arithmetic(op, l, r, at);
      case "<":
      case "<=":
      case ">":
      case ">=":
        if (known && !(l.numeric() && r.numeric()) && l != r) {
          mismatch(at, "cannot compare " + l + " with " + r + " by order");
        } else if (known && (l == Kind.BOOL || l == Kind.OTHER)) {
          mismatch(at, "cannot order " + l + " values");
        }
        return Kind.BOOL;
      case "&":
      case "|":
      case "^":
        if ((l.known() && l != Kind.INT) || (r.known() && r != Kind.INT)) {
          mismatch(at, "bitwise " + op + " needs integers, not " + l + " and " + r);
        }
        return Kind.INT;
      default:
        return Kind.BOOL;
    }
  }

  private Kind arithmetic(String op, Kind l, Kind r, AmaLangParser.BinaryContext at) {
    if (l.numeric() && r.numeric()) {
      return l == Kind.REAL || r == Kind.REAL ? Kind.REAL : Kind.INT;
    }
    if (!l.known() || !r.known()) {
      // One side unknown: only a side that can never take part in arithmetic is an error.
      Kind k = l.known() ? l : r;
      if (k == Kind.BOOL || k == Kind.TEXT || k == Kind.OTHER) {
        mismatch(at, "'" + op + "' needs numbers or times, not " + k);
      }
      return Kind.UNKNOWN;
    }
    Kind time = null;
    switch (op) {
      case "+":
        if ((l == Kind.TP && r == Kind.TD) || (l == Kind.TD && r == Kind.TP)) {
          time = Kind.TP;
        } else if (l == Kind.TD && r == Kind.TD) {
          time = Kind.TD;
        }
        break;
      case "-":
        if (l == Kind.TP && r == Kind.TD) {
          time = Kind.TP;
        } else if ((l == Kind.TP && r == Kind.TP) || (l == Kind.TD && r == Kind.TD)) {
          time = Kind.TD;
        }
        break;
      case "*":
        if ((l == Kind.TD && r.numeric()) || (l.numeric() && r == Kind.TD)) {
          time = Kind.TD;
        }
        break;
      case "/":
        if (l == Kind.TD && r.numeric()) {
          time = Kind.TD;
        }
        break;
      default:
        break;
    }
    if (time == null) {
      mismatch(at, "'" + op + "' does not apply to " + l + " and " + r);
      return Kind.UNKNOWN;
    }
    return time;
  }

  private void mismatch(ParserRuleContext at, String message) {
    problem(LangException.Code.TYPE_MISMATCH, at, message);
  }

  private Kind operand(AmaLangParser.OperandContext o) {
    Token t = o.getStart();
    String text = t.getText();
    try {
      if (o instanceof AmaLangParser.NumberContext) {
        return number(text);
      }
      if (o instanceof AmaLangParser.DurationContext) {
        out.add(duration(text));
        return Kind.TD;
      }
      if (o instanceof AmaLangParser.TimePointContext) {
        out.add(SegmentSyntax.timePoint(text));
        return Kind.TP;
      }
      if (o instanceof AmaLangParser.TextContext) {
        out.add(TextLiteral.of(SegmentSyntax.unescape(text.substring(1, text.length() - 1))));
        return Kind.TEXT;
      }
      if (o instanceof AmaLangParser.BoolContext) {
        out.add(BoolLiteral.of(text.equalsIgnoreCase("true")));
        return Kind.BOOL;
      }
      if (o instanceof AmaLangParser.FullRefContext) {
        Ari ref = new AriTextDecoder().decode("ari:" + text);
        out.add(ref);
        return Kind.UNKNOWN;
      }
      if (o instanceof AmaLangParser.AriLiteralContext) {
        Ari ari = new AriTextDecoder().decode(text.substring(1, text.length() - 1));
        out.add(ari);
        return kindOf(ari);
      }
      return name(text, t);
    } catch (SegmentException
        | AriDecodeException
        | IllegalArgumentException
        | ArithmeticException e) {
      problem(
          LangException.Code.INVALID_LITERAL,
          t,
          "'" + SegmentSyntax.quote(text) + "': " + e.getMessage());
      return Kind.UNKNOWN;
    }
  }

  private Kind number(String text) throws SegmentException {
    String digits = text.replace("_", "");
    if (digits.matches("[0-9]+|0[xX][0-9a-fA-F]+|0[bB][01]+")) {
      out.add(SegmentSyntax.integer(null, digits));
      return Kind.INT;
    }
    out.add(RealLiteral.of(Double.parseDouble(digits)));
    return Kind.REAL;
  }

  private static TimeLiteral duration(String text) throws SegmentException {
    if (text.startsWith("P")) {
      return SegmentSyntax.timeDiff(text);
    }
    int i = 0;
    while (i < text.length()
        && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '_' || text.charAt(i) == '.')) {
      i++;
    }
    BigDecimal amount = new BigDecimal(text.substring(0, i).replace("_", ""));
    String unit = text.substring(i).replaceFirst("^_", "");
    BigDecimal seconds =
        switch (unit) {
          case "ms", "milliseconds" -> amount.multiply(MS);
          case "s", "second", "seconds" -> amount;
          case "m", "minute", "minutes" -> amount.multiply(BigDecimal.valueOf(60));
          case "h", "hour", "hours" -> amount.multiply(BigDecimal.valueOf(3600));
          case "d", "day", "days" -> amount.multiply(BigDecimal.valueOf(86_400));
          default -> throw new IllegalArgumentException("unknown time unit " + unit);
        };
    return SegmentSyntax.timeFromSeconds(AriType.TD, seconds);
  }

  private Kind name(String text, Token t) {
    List<ObjectRef> refs = names.resolve(text);
    if (refs.isEmpty()) {
      problem(
          LangException.Code.UNKNOWN_NAME,
          t,
          "unknown name '" + text + "': no EDD, VAR or CONST of a known model has it");
      return Kind.UNKNOWN;
    }
    if (refs.size() > 1) {
      problem(
          LangException.Code.AMBIGUOUS_NAME,
          t,
          "'"
              + text
              + "' is ambiguous; write one of: "
              + refs.stream()
                  .map(r -> r.org() + "/" + r.model() + "/" + r.objectType() + "/" + r.object())
                  .map(s -> "//" + s)
                  .collect(Collectors.joining(", ")));
      return Kind.UNKNOWN;
    }
    out.add(refs.get(0));
    return Kind.UNKNOWN;
  }

  private static Kind kindOf(Ari ari) {
    if (!(ari instanceof Literal lit)) {
      return Kind.UNKNOWN;
    }
    if (lit instanceof IntLiteral) {
      return Kind.INT;
    }
    if (lit instanceof RealLiteral) {
      return Kind.REAL;
    }
    if (lit instanceof BoolLiteral) {
      return Kind.BOOL;
    }
    if (lit instanceof TextLiteral) {
      return Kind.TEXT;
    }
    if (lit instanceof TimeLiteral tl) {
      return tl.type() == AriType.TP ? Kind.TP : Kind.TD;
    }
    return Kind.OTHER;
  }
}
