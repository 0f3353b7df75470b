package dev.ama.grammar.lang;

import dev.ama.grammar.lang.internal.ExprTreeCompiler;
import dev.ama.grammar.lang.internal.Parsing;
import dev.ama.grammar.lang.internal.antlr.AmaLangParser;
import dev.ama.model.ari.AcLiteral;

/**
 * Compiles an infix expression of ama's operator language ({@code a > b && c + d * 2 < 100}) to a
 * standard DTNMA EXPR: an AC of operands and {@code //ietf/dtnma-agent/OPER/...} references in
 * postfix order, which any DTNMA agent evaluates.
 *
 * <p>Short names resolve against the {@link ObjectNames} given; operands whose kinds are known are
 * type-checked (no {@code true + 1}, no comparing a time point with a number). All problems found
 * are reported together, each with its line and column. Thread-safe.
 */
public final class ExprCompiler {
  private static final int MAX_LENGTH = 64 * 1024;
  private static final int MAX_DEPTH = 64;

  private final ObjectNames names;

  public ExprCompiler(ObjectNames names) {
    this.names = names;
  }

  /**
   * The EXPR of one expression.
   *
   * @param source the expression text
   * @param file the name to show in diagnostics (a file name, or e.g. {@code <command line>})
   * @throws LangException with every problem found
   */
  public AcLiteral compile(String source, String file) throws LangException {
    AmaLangParser.ExprOnlyContext tree =
        Parsing.parse(source, file, MAX_LENGTH, AmaLangParser::exprOnly);
    return new ExprTreeCompiler(names, file, MAX_DEPTH).compile(tree.expr());
  }
}
