package dev.ama.rules.expr;

import dev.ama.model.ari.AcLiteral;
import dev.ama.rules.expr.internal.Compiler;

/**
 * Compiles EXPR values (postfix ACs) into {@link CompiledExpr}s.
 *
 * <p>An EXPR lists operands (literals and references to EDD, VAR and CONST objects) and operators
 * (references to {@code //ietf/dtnma-agent/OPER/…}, by name or enum, e.g. {@code //1/1/OPER/1}) in
 * postfix order: {@code /AC/(10, 2, //ietf/dtnma-agent/OPER/sub)} is {@code 10 − 2}. Compiling
 * checks the whole shape once, so that evaluation never has to.
 */
public final class ExprCompiler {
  private ExprCompiler() {}

  /**
   * Compiles an EXPR.
   *
   * @throws ExprException when an item is not an operand or a known OPER ({@code INVALID_ITEM},
   *     {@code UNKNOWN_OPER}, {@code UNSUPPORTED_OPER}), an OPER lacks operands ({@code
   *     MISSING_OPERAND}) or its parameters are wrong ({@code INVALID_PARAMETERS}), or the EXPR
   *     does not leave exactly one result ({@code UNBALANCED})
   */
  public static CompiledExpr compile(AcLiteral expr) throws ExprException {
    return Compiler.compile(expr);
  }
}
