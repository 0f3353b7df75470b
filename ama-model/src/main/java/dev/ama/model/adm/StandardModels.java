package dev.ama.model.adm;

import static dev.ama.model.ari.AriType.EDD;

import java.time.LocalDate;
import java.util.List;

/**
 * The identifiers of the standard models an ama agent hosts, written by ama from the published ADMs
 * (draft-ietf-dtn-adm-yang). A test checks every name and enum against the YANG modules.
 */
public final class StandardModels {
  private StandardModels() {}

  /** {@code //ietf/dtnma-agent/}: the agent's own EDDs, CTRLs and OPERs. */
  public static final ModelIds DTNMA_AGENT =
      ModelIds.builder("ietf", 1, "dtnma-agent", 1)
          .revision(LocalDate.of(2026, 5, 1))
          .object(EDD, "sw-vendor", 0)
          .build();

  /** Every standard model, in the order above. */
  public static final List<ModelIds> ALL = List.of(DTNMA_AGENT);
}
