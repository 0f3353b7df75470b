package dev.ama.grammar.lang;

import dev.ama.model.ari.ExecSetLiteral;
import java.util.List;

/**
 * What a source file compiles to: one EXECSET per statement that asks an agent to do something, in
 * source order, each ready to send to any DTNMA agent.
 */
public record Compilation(List<ExecSetLiteral> execSets) {
  public Compilation {
    execSets = List.copyOf(execSets);
  }
}
