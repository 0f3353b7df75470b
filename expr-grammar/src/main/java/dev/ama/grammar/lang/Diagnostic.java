package dev.ama.grammar.lang;

/**
 * One problem in operator-language source, printed as {@code file:line:column: message} (line and
 * column from 1), the form compilers and editors understand.
 */
public record Diagnostic(String file, int line, int column, String message) {
  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + message;
  }
}
