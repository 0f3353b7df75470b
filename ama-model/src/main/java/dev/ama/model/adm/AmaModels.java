package dev.ama.model.adm;

import static dev.ama.model.ari.AriType.CTRL;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * ama's own ADM, {@code //ama/ama-agent/}: what the operator language can say and the standard
 * controls cannot. ama has no registered organisation or model enums, so the model is known by
 * name; its objects have enums of their own. docs/operator-language.md describes each object.
 */
public final class AmaModels {
  private AmaModels() {}

  /**
   * {@code //ama/ama-agent/}. {@code CTRL ensure-expr-var(namespace, obj-name, obj-enum, type,
   * expr)}: ensures a VAR whose value is computed from an EXPR whenever it is read (the AMA
   * architecture's DEF); the parameters follow ietf-dtnma-agent's ensure-var, with the EXPR in
   * place of the initial value.
   */
  public static final ModelIds AMA_AGENT =
      ModelIds.builder("ama", "ama-agent")
          .revision(LocalDate.of(2026, 11, 21))
          .object(CTRL, "ensure-expr-var", 0)
          .build();

  /** ama's own models. */
  public static final List<ModelIds> ALL = List.of(AMA_AGENT);

  /** The standard models and ama's own: everything an ama agent hosts. */
  public static List<ModelIds> hostedByEveryAgent() {
    List<ModelIds> all = new ArrayList<>(StandardModels.ALL);
    all.addAll(ALL);
    return List.copyOf(all);
  }
}
