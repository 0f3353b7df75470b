package dev.ama.agent;

import dev.ama.model.ari.Ari;
import java.util.List;

/** Produces the value of an application's EDD when it is read. */
@FunctionalInterface
public interface EddProvider {
  /**
   * The current value.
   *
   * @param params the actual parameters, evaluated, in order; empty when none are given
   * @return the value, or {@link Ari#UNDEFINED} when it cannot be produced
   */
  Ari value(List<Ari> params);
}
