package dev.ama.rules.expr.internal;

import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.rules.expr.ValueProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * eval, unary-eval and nary-eval. An inline target is compiled with the EXPR around it; a target
 * read from a value object is compiled when first seen and cached, and evaluated at most {@link
 * #MAX_DEPTH} run-time targets deep, so an EXPR that evaluates itself ends as undefined.
 */
final class EvalNodes {
  private EvalNodes() {}

  /** How many run-time eval targets may be nested in one evaluation. */
  static final int MAX_DEPTH = 16;

  /** Reads nothing: the provider for run-time targets when the EXPR is evaluated from slots. */
  private static final ValueProvider NO_VALUES = ref -> Ari.UNDEFINED;

  /** A compiled target and the highest label it uses (-1: none). */
  record Target(Node root, int maxLabel) {}

  /** Evaluates the operands into the list the target's labels read, in order. */
  private static List<Ari> bind(Node[] operands, ValueProvider values, Frame f) {
    List<Ari> bound = new ArrayList<>(operands.length);
    for (Node n : operands) {
      n.eval(values, f);
      bound.add(f.get());
    }
    return bound;
  }

  /** unary-eval and nary-eval with an inline target (eval's is the target's own tree). */
  static final class Inline extends Node {
    private final Node[] operands;
    private final Target target;

    Inline(Node[] operands, Target target) {
      this.operands = operands;
      this.target = target;
    }

    @Override
    void eval(ValueProvider values, Frame f) {
      List<Ari> bound = bind(operands, values, f);
      if (target.maxLabel() >= operands.length) {
        // YANG: a label beyond the bound operands fails the evaluation.
        f.undefined();
        return;
      }
      List<Ari> saved = f.labels;
      f.labels = bound;
      try {
        target.root().eval(values, f);
      } finally {
        f.labels = saved;
      }
    }
  }

  /** eval, unary-eval and nary-eval whose target is read from a CONST, EDD or VAR. */
  static final class Dynamic extends Node {
    private final Node source;
    private final Node[] operands;
    private final boolean labelled;

    /** The last target seen and its compiled form (null when it did not compile). */
    private volatile Cached cache;

    private record Cached(AcLiteral expr, Target target) {}

    Dynamic(Node source, Node[] operands, boolean labelled) {
      this.source = source;
      this.operands = operands;
      this.labelled = labelled;
    }

    @Override
    void eval(ValueProvider values, Frame f) {
      List<Ari> bound = bind(operands, values, f);
      source.eval(values, f);
      if (!(f.obj instanceof AcLiteral expr)) {
        f.undefined();
        return;
      }
      Target target = compiled(expr);
      if (target == null || target.maxLabel() >= operands.length || f.evalDepth >= MAX_DEPTH) {
        f.undefined();
        return;
      }
      // The target's references are its own: read them through the provider, never the slots.
      Ari[] savedSlots = f.slots;
      List<Ari> savedLabels = f.labels;
      f.slots = null;
      f.labels = labelled ? bound : null;
      f.evalDepth++;
      try {
        target.root().eval(values != null ? values : NO_VALUES, f);
      } finally {
        f.evalDepth--;
        f.slots = savedSlots;
        f.labels = savedLabels;
      }
    }

    private Target compiled(AcLiteral expr) {
      Cached c = cache;
      if (c != null && (c.expr() == expr || c.expr().equals(expr))) {
        return c.target();
      }
      Target t = Compiler.compileTarget(expr, labelled);
      cache = new Cached(expr, t);
      return t;
    }
  }
}
