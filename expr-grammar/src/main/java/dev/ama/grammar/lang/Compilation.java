package dev.ama.grammar.lang;

import dev.ama.model.ari.ExecSetLiteral;
import java.util.List;

/**
 * What a source file compiles to: one EXECSET per statement that asks an agent to do something, in
 * source order, each ready to send to any DTNMA agent; and the objects the file defines, with the
 * enums they were given, so a caller can keep them for later compilations.
 *
 * @param execSets the EXECSETs, each with a null nonce
 * @param definitions every object the file defines (DEF, TEMPLATE, MACRO, PROD, IF, RULE), in
 *     source order
 */
public record Compilation(List<ExecSetLiteral> execSets, List<Definition> definitions) {
  public Compilation {
    execSets = List.copyOf(execSets);
    definitions = List.copyOf(definitions);
  }

  /** A compilation that defines nothing. */
  public Compilation(List<ExecSetLiteral> execSets) {
    this(execSets, List.of());
  }
}
