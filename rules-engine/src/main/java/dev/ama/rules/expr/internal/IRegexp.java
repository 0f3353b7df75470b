package dev.ama.rules.expr.internal;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * I-Regexp (RFC 9485) patterns for match-regexp: checked against the RFC's grammar, translated to
 * an equivalent {@link java.util.regex} pattern, and matched with limits so that no pattern can
 * take more than a bounded amount of work.
 *
 * <p>The translation keeps the RFC's meaning: the whole text must match, {@code .} matches any
 * character but {@code \n} and {@code \r}, {@code ^} and {@code $} are ordinary characters, and
 * only the RFC's escapes and Unicode categories exist. Java's own extras (back-references,
 * look-around, lazy or possessive quantifiers, {@code \d}, class intersections) are refused because
 * the RFC grammar has no place for them.
 */
final class IRegexp {
  private IRegexp() {}

  /** The longest pattern accepted, in UTF-16 units. */
  static final int MAX_PATTERN = 1024;

  /** The largest bound of a {@code {n,m}} quantifier. */
  static final int MAX_REPEAT = 1000;

  /** The longest text matched, in UTF-16 units; a longer one gives undefined. */
  static final int MAX_INPUT = 4096;

  /**
   * The most characters the matcher may read for one match (each read of a character counts): a
   * pattern that backtracks beyond this (catastrophically, like {@code (a+)+b}) gives undefined.
   */
  static final long MAX_STEPS = 1_000_000;

  private static final Set<String> CATEGORIES =
      Set.of(
          "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn", "N", "Nd", "Nl", "No", "P",
          "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "Z", "Zl", "Zp", "Zs", "S", "Sc", "Sk", "Sm",
          "So", "C", "Cc", "Cf", "Cn", "Co");

  /** A pattern that is not I-Regexp; the message says where and why. */
  static final class SyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    SyntaxException(String message) {
      super(message);
    }
  }

  /** Checks an I-Regexp and compiles its Java equivalent. */
  static Pattern compile(String iregexp) throws SyntaxException {
    if (iregexp.length() > MAX_PATTERN) {
      throw new SyntaxException("pattern longer than " + MAX_PATTERN + " characters");
    }
    Translator t = new Translator(iregexp);
    t.regexp();
    if (t.pos < iregexp.length()) {
      throw t.error("unexpected '" + iregexp.substring(t.pos, t.pos + 1) + "'");
    }
    try {
      return Pattern.compile(t.out.toString());
    } catch (PatternSyntaxException e) {
      // Not expected from a checked pattern; still a refusal, never a crash.
      throw new SyntaxException("cannot be translated: " + e.getDescription());
    }
  }

  /** TRUE or FALSE for a whole-text match; null when the text or the work is beyond the limits. */
  static Boolean matches(Pattern pattern, String text) {
    if (text.length() > MAX_INPUT) {
      return null;
    }
    try {
      Matcher m = pattern.matcher(new Budget(text, new long[] {MAX_STEPS}));
      return m.matches();
    } catch (OutOfSteps | StackOverflowError e) {
      // The JDK matcher recurses per repetition; a deep one is a resource limit like the budget.
      return null;
    }
  }

  /** Thrown through the matcher when the step budget is spent. */
  private static final class OutOfSteps extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutOfSteps() {
      super("regular expression step budget spent", null, false, false);
    }
  }

  /** The text, counting every character read against a budget shared with its subsequences. */
  private static final class Budget implements CharSequence {
    private final CharSequence text;
    private final long[] left;

    Budget(CharSequence text, long[] left) {
      this.text = text;
      this.left = left;
    }

    @Override
    public char charAt(int index) {
      if (--left[0] < 0) {
        throw new OutOfSteps();
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Budget(text.subSequence(start, end), left);
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }

  /** A recursive-descent reader of RFC 9485's grammar that writes the Java pattern as it goes. */
  private static final class Translator {
    private final String in;
    private final StringBuilder out = new StringBuilder();
    private int pos;

    Translator(String in) {
      this.in = in;
    }

    SyntaxException error(String what) {
      return new SyntaxException("not I-Regexp at index " + pos + ": " + what);
    }

    private boolean more() {
      return pos < in.length();
    }

    private int peek() {
      return in.codePointAt(pos);
    }

    private int next() {
      int c = in.codePointAt(pos);
      pos += Character.charCount(c);
      return c;
    }

    /** i-regexp = branch *( "|" branch ) */
    void regexp() throws SyntaxException {
      branch();
      while (more() && peek() == '|') {
        pos++;
        out.append('|');
        branch();
      }
    }

    /** branch = *piece */
    private void branch() throws SyntaxException {
      while (more() && peek() != '|' && peek() != ')') {
        atom();
        quantifier();
      }
    }

    /** atom = NormalChar / charClass / ( "(" i-regexp ")" ) */
    private void atom() throws SyntaxException {
      int c = peek();
      switch (c) {
        case '(' -> {
          pos++;
          out.append("(?:");
          regexp();
          if (!more() || peek() != ')') {
            throw error("missing ')'");
          }
          pos++;
          out.append(')');
        }
        case '.' -> {
          pos++;
          out.append("[^\\n\\r]");
        }
        case '[' -> classExpr();
        case '\\' -> escape(false);
        case '*', '+', '?', '{' -> throw error("quantifier '" + (char) c + "' without an atom");
        case ']', '}' -> throw error("unescaped '" + (char) c + "'");
        default -> literal(next());
      }
    }

    /** quantifier = ( "*" / "+" / "?" ) / "{" QuantExact [ "," [ QuantExact ] ] "}" */
    private void quantifier() throws SyntaxException {
      if (!more()) {
        return;
      }
      int c = peek();
      if (c == '*' || c == '+' || c == '?') {
        pos++;
        out.append((char) c);
      } else if (c == '{') {
        pos++;
        int min = number();
        out.append('{').append(min);
        if (more() && peek() == ',') {
          pos++;
          out.append(',');
          if (more() && peek() != '}') {
            int max = number();
            if (max < min) {
              throw error("{" + min + "," + max + "} has its bounds reversed");
            }
            out.append(max);
          }
        }
        if (!more() || peek() != '}') {
          throw error("missing '}'");
        }
        pos++;
        out.append('}');
      }
    }

    private int number() throws SyntaxException {
      int start = pos;
      long v = 0;
      while (more() && peek() >= '0' && peek() <= '9') {
        v = v * 10 + (next() - '0');
        if (v > MAX_REPEAT) {
          throw error("repetition bound above " + MAX_REPEAT);
        }
      }
      if (pos == start) {
        throw error("a repetition bound must be a decimal number");
      }
      return (int) v;
    }

    /** charClassExpr = "[" [ "^" ] ( "-" / CCE1 ) *CCE1 [ "-" ] "]" */
    private void classExpr() throws SyntaxException {
      pos++;
      out.append('[');
      if (more() && peek() == '^') {
        pos++;
        out.append('^');
      }
      boolean first = true;
      while (true) {
        if (!more()) {
          throw error("missing ']'");
        }
        int c = peek();
        if (c == ']') {
          if (first) {
            throw error("empty character class");
          }
          pos++;
          out.append(']');
          return;
        }
        if (c == '-') {
          // A '-' is literal only first or last.
          pos++;
          if (!first && (!more() || peek() != ']')) {
            throw error("'-' inside a character class must be first, last or a range");
          }
          out.append("\\-");
        } else {
          classItem();
        }
        first = false;
      }
    }

    /** CCE1 = ( CCchar [ "-" CCchar ] ) / charClassEsc */
    private void classItem() throws SyntaxException {
      if (peek() == '\\' && pos + 1 < in.length() && "pP".indexOf(in.charAt(pos + 1)) >= 0) {
        escape(true);
        return;
      }
      int lo = classChar();
      if (more() && peek() == '-' && pos + 1 < in.length() && in.charAt(pos + 1) != ']') {
        pos++;
        out.append('-');
        int hi = classChar();
        if (hi < lo) {
          throw error("character range out of order");
        }
      }
    }

    /** CCchar: any character but '-', '[', '\', ']', or a SingleCharEsc. Returns its code point. */
    private int classChar() throws SyntaxException {
      int c = peek();
      if (c == '\\') {
        if (pos + 1 < in.length() && "pP".indexOf(in.charAt(pos + 1)) >= 0) {
          throw error("a Unicode category cannot be a range bound");
        }
        return escape(true);
      }
      if (c == '[' || c == ']' || c == '-') {
        throw error("unescaped '" + (char) c + "' in a character class");
      }
      pos += Character.charCount(c);
      quoted(c);
      return c;
    }

    /**
     * SingleCharEsc, catEsc or complEsc. Returns the escaped character's code point, or -1 for a
     * category.
     */
    private int escape(boolean inClass) throws SyntaxException {
      pos++;
      if (!more()) {
        throw error("'\\' at the end");
      }
      int c = next();
      switch (c) {
        case 'n' -> {
          out.append("\\n");
          return '\n';
        }
        case 'r' -> {
          out.append("\\r");
          return '\r';
        }
        case 't' -> {
          out.append("\\t");
          return '\t';
        }
        case 'p', 'P' -> {
          if (!more() || peek() != '{') {
            throw error("\\" + (char) c + " needs {category}");
          }
          int close = in.indexOf('}', pos);
          String cat = close < 0 ? "" : in.substring(pos + 1, close);
          if (!CATEGORIES.contains(cat)) {
            throw error("unknown Unicode category '" + cat + "'");
          }
          pos = close + 1;
          out.append('\\').append((char) c).append('{').append(cat).append('}');
          return -1;
        }
        case '(', ')', '*', '+', '-', '.', '?', '[', '\\', ']', '^', '{', '|', '}' -> {
          quoted(c);
          return c;
        }
        default -> throw error("unknown escape '\\" + new String(Character.toChars(c)) + "'");
      }
    }

    /** A NormalChar outside a class (every character the switch in atom() did not take). */
    private void literal(int c) {
      quoted(c);
    }

    /** A character as a Java literal: ASCII punctuation escaped, anything else as itself. */
    private void quoted(int c) {
      if (c < 0x80 && !Character.isLetterOrDigit(c)) {
        if (c == '\n') {
          out.append("\\n");
        } else if (c == '\r') {
          out.append("\\r");
        } else if (c == '\t') {
          out.append("\\t");
        } else if (c < 0x20 || c == 0x7F) {
          out.append(String.format("\\x%02x", c));
        } else {
          out.append('\\').append((char) c);
        }
      } else {
        out.appendCodePoint(c);
      }
    }
  }
}
