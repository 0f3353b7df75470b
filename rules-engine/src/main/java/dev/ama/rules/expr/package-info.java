/**
 * Compiled expressions (EXPR): the postfix ACs of {@code //ietf/dtnma-agent/OPER/…} references that
 * rule conditions and computed variables are made of.
 *
 * <p>{@link dev.ama.rules.expr.ExprCompiler} turns an EXPR into a {@link
 * dev.ama.rules.expr.CompiledExpr} once, checking its shape (every operator known, enough operands,
 * exactly one result); {@link dev.ama.rules.expr.CompiledExpr#evaluate(ValueProvider)} then runs it
 * as often as needed, reading EDD, VAR and CONST values through a {@link
 * dev.ama.rules.expr.ValueProvider}. {@link
 * dev.ama.rules.expr.ExprCompiler#compileWithLabels(dev.ama.model.ari.AcLiteral)} compiles filters
 * whose {@code /LABEL/n} items are values given at each evaluation (an ACL filter's target). {@link
 * dev.ama.rules.expr.VarDefinitions} refuses VAR definitions that would depend on themselves. Every
 * failure is an {@link dev.ama.rules.expr.ExprException} with a {@link
 * dev.ama.rules.expr.ExprException.Code}.
 *
 * <p>The evaluation rules (numeric promotion, undefined values, overflow, division by zero, times)
 * are described in {@code docs/expressions.md}. The implementation lives in {@code
 * dev.ama.rules.expr.internal}, which is not API.
 */
package dev.ama.rules.expr;
