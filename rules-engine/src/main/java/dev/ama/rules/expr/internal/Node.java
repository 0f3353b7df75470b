package dev.ama.rules.expr.internal;

import dev.ama.rules.expr.ValueProvider;

/** One operand or operator of a compiled expression. */
abstract class Node {

  /** Evaluates this node and leaves its result in the frame. */
  abstract void eval(ValueProvider values, Frame f);

  /** An operator of two operands; the operator code is one of {@link Semantics}' constants. */
  abstract static class BinaryOp extends Node {
    final int op;
    final Node left;
    final Node right;

    BinaryOp(int op, Node left, Node right) {
      this.op = op;
      this.left = left;
      this.right = right;
    }
  }
}
