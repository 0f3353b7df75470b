package dev.ama.grammar.lang.internal;

import dev.ama.grammar.lang.Diagnostic;
import dev.ama.grammar.lang.LangException;
import dev.ama.grammar.lang.internal.antlr.AmaLangLexer;
import dev.ama.grammar.lang.internal.antlr.AmaLangParser;
import java.util.List;
import java.util.function.Function;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;

/** Runs the operator-language parser with its limits and turns syntax errors into diagnostics. */
public final class Parsing {
  private Parsing() {}

  /**
   * Parses {@code source} with one rule of the grammar.
   *
   * @throws LangException with every syntax error, or when the source is over {@code maxLength}
   */
  public static <T> T parse(
      String source, String file, int maxLength, Function<AmaLangParser, T> rule)
      throws LangException {
    if (source.length() > maxLength) {
      throw new LangException(
          LangException.Code.SYNTAX,
          List.of(new Diagnostic(file, 1, 1, "source longer than " + maxLength + " characters")));
    }
    Problems problems = new Problems(file);
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
            problems.add(LangException.Code.SYNTAX, line, charPositionInLine + 1, readable(msg));
          }
        };
    lexer.removeErrorListeners();
    lexer.addErrorListener(listener);
    parser.removeErrorListeners();
    parser.addErrorListener(listener);
    T tree;
    try {
      tree = rule.apply(parser);
    } catch (StackOverflowError e) {
      throw new LangException(
          LangException.Code.SYNTAX,
          List.of(new Diagnostic(file, 1, 1, "source nested too deeply")));
    }
    if (!problems.isEmpty()) {
      throw problems.toException();
    }
    return tree;
  }

  /** ANTLR's message with token names a user can read. */
  static String readable(String msg) {
    return msg.replace("<EOF>", "end of input")
        .replace("extraneous input", "unexpected")
        .replace("NAME", "a name")
        .replace("NUMBER", "a number")
        .replace("NSREF", "a namespace //org/model");
  }
}
