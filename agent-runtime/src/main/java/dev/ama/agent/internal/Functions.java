package dev.ama.agent.internal;

import dev.ama.agent.ExecutionException;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.ObjectRef;
import java.util.List;

/** The shapes of the Java code behind EDDs and CTRLs. */
final class Functions {
  private Functions() {}

  /** Produces an EDD's value. */
  @FunctionalInterface
  interface EddFn {
    Ari value(Exec ctx, List<Ari> params) throws ExecutionException;
  }

  /** Runs a CTRL; {@code ref} is the reference as executed, for reports. */
  @FunctionalInterface
  interface CtrlFn {
    Ari execute(Exec ctx, ObjectRef ref, List<Ari> params) throws ExecutionException;
  }
}
