package dev.ama.grammar.ari;

import dev.ama.grammar.ari.internal.AriTreeBuilder;
import dev.ama.grammar.ari.internal.SegmentSyntax;
import dev.ama.grammar.ari.internal.antlr.AriTextLexer;
import dev.ama.grammar.ari.internal.antlr.AriTextParser;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriDecodeException;
import dev.ama.model.ari.AriDecodeException.Code;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.LexerNoViableAltException;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;

/**
 * Parses the ARI text form ({@code ari:/INT/-10}, {@code ari://ietf/dtnma-agent/CTRL/report-on(…)})
 * into ARI values, as the reference implementation reads it: {@code ari:} prefix optional, type
 * names and keywords in any case, percent-encoding anywhere in a value.
 *
 * <p>Every failure is an {@link AriDecodeException} carrying the character offset. Input length and
 * nesting are limited, so no input can exhaust memory or the stack. Thread-safe.
 */
public final class AriTextDecoder {
  /** Longest text accepted by default, in characters. */
  public static final int DEFAULT_MAX_LENGTH = 1 << 20;

  /** Deepest nesting accepted by default. */
  public static final int DEFAULT_MAX_DEPTH = 32;

  private final int maxLength;
  private final int maxDepth;

  /** A decoder with the default limits. */
  public AriTextDecoder() {
    this(DEFAULT_MAX_LENGTH, DEFAULT_MAX_DEPTH);
  }

  /**
   * A decoder with the given limits.
   *
   * @param maxLength longest text accepted, in characters
   * @param maxDepth deepest nesting of parentheses and values accepted
   */
  public AriTextDecoder(int maxLength, int maxDepth) {
    if (maxLength <= 0 || maxDepth <= 0 || maxDepth > 200) {
      throw new IllegalArgumentException(
          "maxLength must be positive and maxDepth in 1..200: " + maxLength + ", " + maxDepth);
    }
    this.maxLength = maxLength;
    this.maxDepth = maxDepth;
  }

  /** Parses one ARI; surrounding white space is ignored. */
  public Ari decode(String text) throws AriDecodeException {
    if (text.length() > maxLength) {
      throw new AriDecodeException(
          Code.LIMIT_EXCEEDED,
          AriDecodeException.Unit.CHARACTER,
          0,
          "text of " + text.length() + " characters is over the limit of " + maxLength);
    }
    checkDepth(text);
    String body = text;
    int base = 0;
    int start = 0;
    while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    if (SegmentSyntax.hasAriPrefix(text, start)) {
      base = start + 4;
      body = text.substring(base);
    }
    if (body.isBlank()) {
      throw new AriDecodeException(
          Code.SYNTAX, AriDecodeException.Unit.CHARACTER, text.length(), "no ARI after the prefix");
    }
    AriTextLexer lexer = new AriTextLexer(CharStreams.fromString(body));
    AriTextParser parser = new AriTextParser(new CommonTokenStream(lexer));
    ThrowingListener listener = new ThrowingListener(base);
    lexer.removeErrorListeners();
    lexer.addErrorListener(listener);
    parser.removeErrorListeners();
    parser.addErrorListener(listener);
    parser.getInterpreter().setPredictionMode(PredictionMode.LL);
    AriTextParser.TextContext tree;
    try {
      tree = parser.text();
    } catch (SyntaxError e) {
      throw e.toDecodeException();
    } catch (StackOverflowError e) {
      // Backstop only: checkDepth bounds parentheses, but long key=value chains also recurse.
      throw new AriDecodeException(
          Code.LIMIT_EXCEEDED, AriDecodeException.Unit.CHARACTER, 0, "text nested too deeply");
    }
    return new AriTreeBuilder(base, maxDepth).build(tree);
  }

  /**
   * Refuses text nested too deeply before the parser, whose recursion and lookahead grow with the
   * nesting, sees it. A parenthesis opens a level; so does each {@code =} (of a {@code key=value;}
   * parameter or a map entry), closed by its {@code ;}, by a {@code ,} or by the enclosing {@code
   * )}. One ARI level adds at most two such levels (a map entry or a report inside a group), so
   * text that reaches more than twice the depth limit cannot be a valid ARI. Without this check,
   * 50,000 {@code /EXECSET/n=} in a row took the parser a minute to refuse.
   */
  private void checkDepth(String text) throws AriDecodeException {
    int parens = 0;
    int levels = 0;
    int[] openKeys = new int[maxDepth + 1]; // open '=' levels inside each open parenthesis
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        if (++parens > maxDepth) {
          throw new AriDecodeException(
              Code.LIMIT_EXCEEDED,
              AriDecodeException.Unit.CHARACTER,
              i,
              "parentheses nested deeper than " + maxDepth + " levels");
        }
        openKeys[parens] = 0;
        levels++;
      } else if (c == ')' && parens > 0) {
        levels -= 1 + openKeys[parens];
        parens--;
      } else if (c == '=') {
        openKeys[parens]++;
        if (++levels > 2 * maxDepth) {
          throw new AriDecodeException(
              Code.LIMIT_EXCEEDED,
              AriDecodeException.Unit.CHARACTER,
              i,
              "nesting deeper than "
                  + maxDepth
                  + " levels ("
                  + levels
                  + " levels of '(' and '=' open)");
        }
      } else if (c == ';' && openKeys[parens] > 0) {
        openKeys[parens]--;
        levels--;
      } else if (c == ',') {
        levels -= openKeys[parens];
        openKeys[parens] = 0;
      }
    }
  }

  /** Carries the first syntax error out of the ANTLR parser. */
  private static final class SyntaxError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long offset;

    SyntaxError(long offset, String message) {
      super(message, null, false, false);
      this.offset = offset;
    }

    AriDecodeException toDecodeException() {
      return new AriDecodeException(
          Code.SYNTAX, AriDecodeException.Unit.CHARACTER, offset, getMessage());
    }
  }

  private static final class ThrowingListener extends BaseErrorListener {
    private final int base;

    ThrowingListener(int base) {
      this.base = base;
    }

    @Override
    public void syntaxError(
        Recognizer<?, ?> recognizer,
        Object offendingSymbol,
        int line,
        int charPositionInLine,
        String msg,
        RecognitionException e) {
      long offset = base + charPositionInLine;
      if (offendingSymbol instanceof Token t && t.getStartIndex() >= 0) {
        offset = base + t.getStartIndex();
      } else if (e instanceof LexerNoViableAltException l) {
        // charPositionInLine counts from the last line break, not from the start of the text.
        offset = base + l.getStartIndex();
      }
      throw new SyntaxError(offset, readable(msg));
    }

    /** ANTLR's message with token names a user can read. */
    private static String readable(String msg) {
      return msg.replace("VALSEG", "a value")
          .replace("SLASH2", "'//'")
          .replace("ARI_PREFIX", "'ari:'")
          .replace("<EOF>", "end of text")
          .replace("extraneous input", "unexpected");
    }
  }
}
