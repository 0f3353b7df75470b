package dev.ama.agent;

import dev.ama.model.ari.Ari;
import java.util.List;

/** Executes an application's CTRL. */
@FunctionalInterface
public interface CtrlHandler {
  /**
   * Executes the control.
   *
   * @param ctx who asked and when
   * @param params the actual parameters, in order, with value-producing ones (object references,
   *     EXPRs) already evaluated
   * @return the result, or {@code null} for a control without a result
   * @throws ExecutionException when the control fails; its result is then undefined
   */
  Ari execute(ExecutionContext ctx, List<Ari> params) throws ExecutionException;
}
