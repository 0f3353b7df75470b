package dev.ama.cli.sim;

import dev.ama.cli.node.NodeConfigException.Problem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A scenario that cannot run: every problem found in one read, each with file, line, column, field
 * and what to do.
 */
public final class ScenarioException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong, broadly. */
  public enum Code {
    /** The scenario folder or file cannot be read. */
    UNREADABLE,
    /** The file is not YAML. */
    SYNTAX,
    /** A field is missing, unknown or has a wrong value, or the parts do not fit together. */
    INVALID
  }

  private final Code code;
  private final List<Problem> problems;

  /** A failure with its problems (at least one). */
  public ScenarioException(Code code, List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.code = code;
    this.problems = List.copyOf(problems);
  }

  /** What went wrong, broadly. */
  public Code code() {
    return code;
  }

  /** Every problem, in file order. */
  public List<Problem> problems() {
    return problems;
  }
}
