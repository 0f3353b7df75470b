package dev.ama.model.ari;

import dev.ama.model.ari.internal.FrozenList;
import java.util.List;

/**
 * A report set (RPTSET): the nonce of the request it answers (or null), a reference time point, and
 * reports whose times are relative to it.
 */
public record RptSetLiteral(Ari nonce, TimeLiteral referenceTime, List<Report> reports)
    implements Literal {
  public RptSetLiteral {
    Nonce.check(nonce);
    Checks.typeIs(referenceTime.type(), AriType.TP);
    reports = FrozenList.copyOf(reports);
  }

  @Override
  public AriType type() {
    return AriType.RPTSET;
  }
}
