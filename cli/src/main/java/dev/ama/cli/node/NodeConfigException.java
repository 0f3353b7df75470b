package dev.ama.cli.node;

import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration that cannot run: every problem found in one read, each with its file, line,
 * column, the field and what to do, so that one run shows the operator everything to fix.
 */
public final class NodeConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong, broadly. */
  public enum Code {
    /** The file cannot be read. */
    UNREADABLE,
    /** The file is not YAML. */
    SYNTAX,
    /** A field is missing, unknown or has a wrong value. */
    INVALID
  }

  /**
   * One problem.
   *
   * @param line 1-based, 0 when not known
   * @param field the field's path, e.g. {@code transport.links[1].tcp}, or empty for the file
   */
  public record Problem(String file, int line, int column, String field, String message)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public String toString() {
      String where = line > 0 ? file + ":" + line + ":" + column : file;
      return where + ": " + (field.isEmpty() ? "" : field + ": ") + message;
    }
  }

  private final Code code;
  private final List<Problem> problems;

  public NodeConfigException(Code code, List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.code = code;
    this.problems = List.copyOf(problems);
  }

  public Code code() {
    return code;
  }

  /** Every problem, in file order. */
  public List<Problem> problems() {
    return problems;
  }
}
