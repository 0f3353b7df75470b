package dev.ama.model.ari;

import dev.ama.model.ari.internal.FrozenList;
import java.util.List;

/**
 * An execution set (EXECSET): a nonce and the targets to execute in order, each a CTRL reference
 * with its parameters or a macro. A non-null nonce asks for an execution report per target.
 */
public record ExecSetLiteral(Ari nonce, List<Ari> targets) implements Literal {
  public ExecSetLiteral {
    Nonce.check(nonce);
    targets = FrozenList.copyOf(targets);
  }

  @Override
  public AriType type() {
    return AriType.EXECSET;
  }
}
