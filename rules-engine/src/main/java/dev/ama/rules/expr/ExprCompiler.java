package dev.ama.rules.expr;

import dev.ama.model.ari.AcLiteral;
import dev.ama.rules.expr.internal.Compiler;

/**
 * Compiles EXPR values (postfix ACs) into {@link CompiledExpr}s.
 *
 * <p>An EXPR lists operands (literals and references to EDD, VAR and CONST objects) and operators
 * (references to {@code //ietf/dtnma-agent/OPER/…}, by name or enum, e.g. {@code //1/1/OPER/1}) in
 * postfix order: {@code /AC/(10, 2, //ietf/dtnma-agent/OPER/sub)} is {@code 10 − 2}. Compiling
 * checks the whole shape once, so that evaluation never has to: inline sub-expressions (eval
 * targets, tbl-filter rows) and OPER parameters (regular expressions, types) included. Every OPER
 * of ietf-dtnma-agent is evaluated; {@code docs/expressions.md} gives the rules.
 */
public final class ExprCompiler {
  private ExprCompiler() {}

  /**
   * Compiles an EXPR.
   *
   * @throws ExprException when an item is not an operand or a known OPER ({@code INVALID_ITEM},
   *     {@code UNKNOWN_OPER}, or {@code UNSUPPORTED_OPER} for one ama has no evaluator for), an
   *     OPER lacks operands ({@code MISSING_OPERAND}) or its parameters are wrong ({@code
   *     INVALID_PARAMETERS}), the EXPR does not leave exactly one result ({@code UNBALANCED}), or
   *     it holds a {@code /LABEL/} item outside a tbl-filter row filter ({@code INVALID_ITEM})
   */
  public static CompiledExpr compile(AcLiteral expr) throws ExprException {
    return Compiler.compile(expr);
  }

  /**
   * Compiles a labelled EXPR, a filter whose {@code /LABEL/n} items (at the top level, outside any
   * tbl-filter row filter, which binds its own) stand for values given at each evaluation through
   * {@link CompiledExpr#evaluate(ValueProvider, java.util.List)}, e.g. {@code /AC/(/LABEL/0,
   * //ietf/dtnma-agent/OPER/is-same-object(//example/adm/EDD/x))}. {@link #compile(AcLiteral)}
   * refuses labels, since nothing would bind them.
   *
   * @throws ExprException as {@link #compile(AcLiteral)}, and {@code INVALID_ITEM} for a label that
   *     is not a non-negative integer
   */
  public static CompiledExpr compileWithLabels(AcLiteral expr) throws ExprException {
    return Compiler.compileWithLabels(expr);
  }
}
