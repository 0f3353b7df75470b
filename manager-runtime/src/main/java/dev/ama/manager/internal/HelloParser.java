package dev.ama.manager.internal;

import dev.ama.manager.store.AgentHello;
import dev.ama.model.adm.Nicknames;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.Report;
import dev.ama.model.ari.TblLiteral;
import dev.ama.model.ari.TextLiteral;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an agent's hello report ({@code //ietf/dtnma-agent/CONST/hello}, by name or by enum, e.g.
 * {@code //1/1/CONST/0}): its items are {@code sw-vendor}, {@code sw-version} and the {@code
 * capability} table, one row per model the agent hosts.
 */
public final class HelloParser {
  private HelloParser() {}

  /**
   * Whether the source is the hello template, by name or by enum.
   *
   * @param nicknames translates enums to names
   */
  public static boolean isHello(Ari source, Nicknames nicknames) {
    // Cheap test first: this runs for every report received.
    if (!(source instanceof ObjectRef raw) || raw.objectType() != AriType.CONST) {
      return false;
    }
    return nicknames.toNames(raw) instanceof ObjectRef r
        && r.objectType() == AriType.CONST
        && r.org() != null
        && "ietf".equals(r.org().text())
        && r.model() != null
        && "dtnma-agent".equals(r.model().text())
        && "hello".equals(r.object().text());
  }

  /**
   * What a hello report says, or empty when the report is not a hello.
   *
   * <p>The capability table is the standard's six columns (org-name, org-enum, model-name,
   * model-enum, revision, features), or the three named ones alone (org-name, model-name,
   * revision); rows whose names are not text are skipped. Each model is {@code //org/model@rev}
   * ({@code @rev} left out when the revision is empty).
   */
  public static Optional<AgentHello> parse(
      String agent, Instant time, Report report, Nicknames nicknames) {
    if (!isHello(report.source(), nicknames)) {
      return Optional.empty();
    }
    List<Ari> items = report.items();
    String vendor = text(items, 0);
    String version = text(items, 1);
    TblLiteral capability =
        items.size() > 2 && items.get(2) instanceof TblLiteral t
            ? t
            : items.stream()
                .filter(TblLiteral.class::isInstance)
                .map(TblLiteral.class::cast)
                .findFirst()
                .orElse(null);
    List<String> models = new ArrayList<>();
    if (capability != null) {
      int[] cols =
          capability.columns() >= 5
              ? new int[] {0, 2, 4}
              : capability.columns() >= 3 ? new int[] {0, 1, 2} : null;
      for (int r = 0; cols != null && r < capability.rowCount(); r++) {
        if (capability.cell(r, cols[0]) instanceof TextLiteral org
            && capability.cell(r, cols[1]) instanceof TextLiteral model) {
          String rev =
              capability.cell(r, cols[2]) instanceof TextLiteral t && !t.value().isBlank()
                  ? "@" + t.value()
                  : "";
          models.add("//" + org.value() + "/" + model.value() + rev);
        }
      }
    }
    return Optional.of(new AgentHello(agent, time, vendor, version, models));
  }

  private static String text(List<Ari> items, int index) {
    return items.size() > index && items.get(index) instanceof TextLiteral t ? t.value() : "";
  }
}
