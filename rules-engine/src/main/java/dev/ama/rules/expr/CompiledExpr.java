package dev.ama.rules.expr;

import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.ObjectRef;
import java.util.List;

/**
 * An EXPR compiled once by {@link ExprCompiler}, ready to be evaluated many times.
 *
 * <p>Instances are immutable and safe to evaluate from several threads at once.
 */
public interface CompiledExpr {

  /**
   * Evaluates the expression against the current values of the objects it reads. Never throws for a
   * value problem: an undefined operand, an overflow or a division by zero give {@link
   * Ari#UNDEFINED}, as the rules in {@code docs/expressions.md} say.
   */
  Ari evaluate(ValueProvider values);

  /**
   * Evaluates the expression with the values of its references given in the order of {@link
   * #references()}: the form for an agent that resolves a rule's references to slots once, when the
   * rule is defined, instead of looking each up at every evaluation. A {@code null} value counts as
   * undefined.
   *
   * @throws IllegalArgumentException when there is not exactly one value per reference
   */
  Ari evaluate(Ari[] values);

  /**
   * Evaluates the expression with {@code /LABEL/n} items bound to {@code labels.get(n)}: the form
   * for filters compiled by {@link ExprCompiler#compileWithLabels(AcLiteral)}, such as an ACL's
   * target filter, where {@code /LABEL/0} is the object being accessed. A label value is used as a
   * value: a reference stays a reference and is not looked up through {@code values}. A label with
   * no value in the list ({@code n >= labels.size()}, a {@code null} element or a {@code null}
   * list) is undefined. An expression compiled without labels has no label items and ignores the
   * list; evaluating a labelled expression through the other forms binds no labels.
   */
  Ari evaluate(ValueProvider values, List<Ari> labels);

  /** The EXPR this was compiled from. */
  AcLiteral source();

  /** The distinct EDD, VAR and CONST references the expression reads, in order of appearance. */
  List<ObjectRef> references();
}
