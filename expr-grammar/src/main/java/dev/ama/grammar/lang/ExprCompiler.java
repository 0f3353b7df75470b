package dev.ama.grammar.lang;

import dev.ama.grammar.lang.internal.ExprTreeCompiler;
import dev.ama.grammar.lang.internal.antlr.AmaLangLexer;
import dev.ama.grammar.lang.internal.antlr.AmaLangParser;
import dev.ama.model.ari.AcLiteral;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;

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
    if (source.length() > MAX_LENGTH) {
      throw new LangException(
          LangException.Code.SYNTAX,
          List.of(
              new Diagnostic(file, 1, 1, "expression longer than " + MAX_LENGTH + " characters")));
    }
    List<Diagnostic> syntax = new ArrayList<>();
    AmaLangLexer lexer = new AmaLangLexer(CharStreams.fromString(source));
    AmaLangParser parser = new AmaLangParser(new CommonTokenStream(lexer));
    BaseErrorListener listener =
        new BaseErrorListener() {
          @Override
          public void syntaxError(
              Recognizer<?, ?> recognizer,
              Object offendingSymbol,
              int line,
              int charPositionInLine,
              String msg,
              RecognitionException e) {
            syntax.add(new Diagnostic(file, line, charPositionInLine + 1, readable(msg)));
          }
        };
    lexer.removeErrorListeners();
    lexer.addErrorListener(listener);
    parser.removeErrorListeners();
    parser.addErrorListener(listener);
    AmaLangParser.ExprOnlyContext tree;
    try {
      tree = parser.exprOnly();
    } catch (StackOverflowError e) {
      throw new LangException(
          LangException.Code.SYNTAX,
          List.of(new Diagnostic(file, 1, 1, "expression nested too deeply")));
    }
    if (!syntax.isEmpty()) {
      throw new LangException(LangException.Code.SYNTAX, syntax);
    }
    return new ExprTreeCompiler(names, file, MAX_DEPTH).compile(tree.expr());
  }

  private static String readable(String msg) {
    return msg.replace("<EOF>", "end of input")
        .replace("extraneous input", "unexpected")
        .replace("NAME", "a name")
        .replace("NUMBER", "a number");
  }
}
