package dev.ama.rules.expr;

import java.util.Objects;

/** An expression that cannot be compiled or defined; the {@link Code} says why. */
public final class ExprException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What is wrong. */
  public enum Code {
    /** An item of the EXPR is neither a literal nor a reference to an EDD, VAR, CONST or OPER. */
    INVALID_ITEM,
    /** A reference to an OPER that ietf-dtnma-agent does not define. */
    UNKNOWN_OPER,
    /** An OPER that ietf-dtnma-agent defines but ama does not evaluate (see the docs). */
    UNSUPPORTED_OPER,
    /** An OPER found fewer operands on the stack than it takes. */
    MISSING_OPERAND,
    /** An OPER's parameters are missing, extra or of the wrong kind. */
    INVALID_PARAMETERS,
    /** The EXPR does not leave exactly one value on the stack. */
    UNBALANCED,
    /** A VAR definition would make VARs depend on each other in a cycle. */
    CYCLE
  }

  private final Code code;

  /** An exception with a code and a one-line message. */
  public ExprException(Code code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** Why the expression was refused. */
  public Code code() {
    return code;
  }

  @Override
  public String getMessage() {
    return code + ": " + super.getMessage();
  }
}
