package dev.ama.rules.expr;

import dev.ama.model.ari.Ari;
import dev.ama.model.ari.ObjectRef;

/**
 * Supplies the current value of the EDD, VAR and CONST objects an expression reads.
 *
 * <p>Called once per reference per evaluation, with the same {@link ObjectRef} instance each time
 * (the one in the compiled EXPR), so an implementation may key a cache on it. It must not throw for
 * an unknown object: the value of something that cannot be produced is {@link Ari#UNDEFINED}.
 */
@FunctionalInterface
public interface ValueProvider {

  /**
   * The current value of the object, or {@link Ari#UNDEFINED} (a {@code null} return counts as
   * undefined).
   */
  Ari value(ObjectRef ref);
}
