package dev.ama.transport.plan;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A contact plan file has errors. Carries every {@link Problem} found in the file, in file order;
 * {@link #file()}, {@link #line()} and {@link #column()} locate the first. The message lists them
 * one per line, each as {@code file:line:column: what is wrong}, the form editors and terminals
 * link to the place.
 */
public final class ContactPlanException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * One error in a contact plan file.
   *
   * @param file the file's name as given to the parser
   * @param line the line, from 1
   * @param column the column of the offending token, from 1 (a tab counts as one column)
   * @param message what is wrong and what to do about it
   */
  public record Problem(String file, int line, int column, String message) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Problem {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(message, "message");
    }

    /** {@code file:line:column: message}. */
    @Override
    public String toString() {
      return file + ":" + line + ":" + column + ": " + message;
    }
  }

  private final List<Problem> problems;

  /**
   * An exception carrying these problems, in the order given (the parser gives file order).
   *
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  public ContactPlanException(List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a contact plan exception needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, first one first. */
  public List<Problem> problems() {
    return problems;
  }

  /** The file of the first problem. */
  public String file() {
    return problems.get(0).file();
  }

  /** The line of the first problem, from 1. */
  public int line() {
    return problems.get(0).line();
  }

  /** The column of the first problem, from 1. */
  public int column() {
    return problems.get(0).column();
  }
}
