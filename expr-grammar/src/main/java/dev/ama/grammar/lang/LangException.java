package dev.ama.grammar.lang;

import java.util.List;
import java.util.stream.Collectors;

/** Operator-language source that does not compile; carries every problem found, in order. */
public final class LangException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The kinds of compile failure. */
  public enum Code {
    /** Text that does not follow the grammar. */
    SYNTAX,
    /** A name that no known model defines. */
    UNKNOWN_NAME,
    /** A name that several known models define. */
    AMBIGUOUS_NAME,
    /** Operands of kinds the operator does not accept. */
    TYPE_MISMATCH,
    /** A literal that is out of range or malformed. */
    INVALID_LITERAL
  }

  private final transient List<Diagnostic> diagnostics;
  private final Code code;

  public LangException(Code code, List<Diagnostic> diagnostics) {
    super(diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("\n")));
    this.code = code;
    this.diagnostics = List.copyOf(diagnostics);
  }

  /** The kind of the first problem. */
  public Code code() {
    return code;
  }

  /** Every problem found, in source order. */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
