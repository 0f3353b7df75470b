package dev.ama.model.ari;

import dev.ama.model.ari.internal.FrozenList;
import java.util.List;
import java.util.Objects;

/**
 * One report inside an {@link RptSetLiteral}: a time relative to the set's reference time, the
 * source (the template or control the report is about) and its items.
 */
public record Report(TimeLiteral relativeTime, Ari source, List<Ari> items) {
  public Report {
    Checks.typeIs(relativeTime.type(), AriType.TD);
    Objects.requireNonNull(source, "source");
    items = FrozenList.copyOf(items);
  }
}
