package dev.ama.rules.schedule;

import dev.ama.model.ari.Ari;
import dev.ama.model.ari.BoolLiteral;
import dev.ama.rules.expr.CompiledExpr;
import dev.ama.rules.expr.ValueProvider;
import java.util.Objects;

/** The condition of an SBR, evaluated at least every min-interval and when an input changes. */
@FunctionalInterface
public interface RuleCondition {
  /** Whether the condition holds now. An exception counts as false (and is logged). */
  boolean test();

  /**
   * A condition that is true exactly when {@code expr}, evaluated against {@code values}, gives the
   * boolean {@code true}; any other result (false, undefined, a number) is false.
   */
  static RuleCondition of(CompiledExpr expr, ValueProvider values) {
    Objects.requireNonNull(expr, "expr");
    Objects.requireNonNull(values, "values");
    return () -> {
      Ari result = expr.evaluate(values);
      return result instanceof BoolLiteral b && b.value();
    };
  }
}
