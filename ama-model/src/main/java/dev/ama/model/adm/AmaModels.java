package dev.ama.model.adm;

import static dev.ama.model.ari.AriType.CTRL;
import static dev.ama.model.ari.AriType.EDD;

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
   * {@code //ama/ama-agent/}, described object by object in docs/agent.md:
   *
   * <ul>
   *   <li>{@code CTRL ensure-expr-var(namespace, obj-name, obj-enum, type, expr)}: ensures a VAR
   *       whose value is computed from an EXPR whenever it is read (the AMA architecture's DEF);
   *       the parameters follow ietf-dtnma-agent's ensure-var, with the EXPR in place of the
   *       initial value.
   *   <li>{@code CTRL set-report-options(target, priority, lifetime)}: the transport priority class
   *       (0 bulk, 1 normal, 2 expedited) and lifetime of the reports a rule or template produces.
   *   <li>{@code EDD last-error}: the text of the last problem the agent reported; the source of
   *       the error reports sent for messages that cannot be executed.
   *   <li>{@code EDD access-denied}, {@code reports-sent}, {@code reports-consolidated}: counters.
   *   <li>{@code EDD report-options}: the report options in force, per rule or template.
   * </ul>
   */
  public static final ModelIds AMA_AGENT =
      ModelIds.builder("ama", "ama-agent")
          .revision(LocalDate.of(2026, 11, 21))
          .object(CTRL, "ensure-expr-var", 0)
          .object(CTRL, "set-report-options", 1)
          .object(EDD, "last-error", 0)
          .object(EDD, "access-denied", 1)
          .object(EDD, "reports-sent", 2)
          .object(EDD, "reports-consolidated", 3)
          .object(EDD, "report-options", 4)
          .build();

  /**
   * {@code //ama/ama-registry/}, the ADM of a registry center, described object by object in
   * docs/registry.md. Its CTRLs drive the sync between centers (the shipped rules call them); its
   * EDDs expose what the rules and operators watch. Registry reports between centers name one of
   * its objects as their source.
   */
  public static final ModelIds AMA_REGISTRY =
      ModelIds.builder("ama", "ama-registry")
          .revision(LocalDate.of(2026, 11, 21))
          .object(CTRL, "sync-push", 0)
          .object(CTRL, "sync-ack", 1)
          .object(CTRL, "audit", 2)
          .object(CTRL, "audit-compare", 3)
          .object(CTRL, "audit-repair", 4)
          .object(CTRL, "takeover", 5)
          .object(CTRL, "set-retention", 6)
          .object(CTRL, "maintain", 7)
          .object(CTRL, "release-guard", 8)
          .object(CTRL, "resend", 9)
          .object(CTRL, "audit-ask", 10)
          .object(CTRL, "audit-digests", 11)
          .object(EDD, "num-online", 0)
          .object(EDD, "num-offline", 1)
          .object(EDD, "num-unknown", 2)
          .object(EDD, "counts-by-owner", 3)
          .object(EDD, "pending", 4)
          .object(EDD, "delta", 5)
          .object(EDD, "digests", 6)
          .object(EDD, "vector", 7)
          .object(EDD, "conflicts", 8)
          .object(EDD, "guard-held", 9)
          .object(EDD, "taken-over", 10)
          .object(EDD, "records", 11)
          .object(EDD, "retention", 12)
          .object(EDD, "unsent", 13)
          .object(EDD, "summary", 14)
          .object(EDD, "own-online", 15)
          .build();

  /** ama's own models. */
  public static final List<ModelIds> ALL = List.of(AMA_AGENT, AMA_REGISTRY);

  /** The standard models and ama's own agent model: everything an ama agent hosts. */
  public static List<ModelIds> hostedByEveryAgent() {
    List<ModelIds> all = new ArrayList<>(StandardModels.ALL);
    all.add(AMA_AGENT);
    return List.copyOf(all);
  }

  /**
   * What tools can name without being told: the standard models and all of ama's own, including
   * {@link #AMA_REGISTRY}, which only registry centers host.
   */
  public static List<ModelIds> namedByTools() {
    List<ModelIds> all = new ArrayList<>(StandardModels.ALL);
    all.addAll(ALL);
    return List.copyOf(all);
  }
}
