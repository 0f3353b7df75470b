package dev.ama.grammar.lang.internal;

import dev.ama.grammar.lang.Diagnostic;
import dev.ama.grammar.lang.LangException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.antlr.v4.runtime.Token;

/** The problems a compilation finds, collected so that one run reports them all. */
public final class Problems {
  private final String file;
  private final List<Diagnostic> list = new ArrayList<>();
  private LangException.Code firstCode;

  public Problems(String file) {
    this.file = file;
  }

  /** Adds a problem at a token's position. */
  public void add(LangException.Code code, Token at, String message) {
    add(code, at.getLine(), at.getCharPositionInLine() + 1, message);
  }

  /** Adds a problem at a line and column (from 1). */
  public void add(LangException.Code code, int line, int column, String message) {
    if (firstCode == null) {
      firstCode = code;
    }
    list.add(new Diagnostic(file, line, column, message));
  }

  /** Adds every problem of another collection. */
  public void addAll(Problems other) {
    for (Diagnostic d : other.list) {
      list.add(d);
    }
    if (firstCode == null) {
      firstCode = other.firstCode;
    }
  }

  public boolean isEmpty() {
    return list.isEmpty();
  }

  /** The problems as an exception, in source order. */
  public LangException toException() {
    List<Diagnostic> sorted = new ArrayList<>(list);
    sorted.sort(Comparator.comparingInt(Diagnostic::line).thenComparingInt(Diagnostic::column));
    return new LangException(firstCode, sorted);
  }
}
