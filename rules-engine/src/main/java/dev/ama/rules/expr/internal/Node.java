package dev.ama.rules.expr.internal;

import dev.ama.rules.expr.ValueProvider;

/** One operand or operator of a compiled expression. */
abstract class Node {

  /** Evaluates this node and leaves its result in the frame. */
  abstract void eval(ValueProvider values, Frame f);
}
