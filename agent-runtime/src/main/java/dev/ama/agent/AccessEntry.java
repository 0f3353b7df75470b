package dev.ama.agent;

import dev.ama.model.ari.AcLiteral;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An access entry from configuration, as ietf-dtnma-agent-acl's {@code ensure-access} takes it.
 *
 * @param id the entry id, 0 to 2<sup>32</sup>−1
 * @param groupIds the groups it grants to; empty for every group
 * @param objects the access-target filter: an EXPR where {@code /LABEL/0} is the object (or
 *     namespace) reference being accessed, e.g. {@code /AC/(/LABEL/0,
 *     //ietf/dtnma-agent/OPER/is-same-object(//ama/!ops/VAR/v1))}; {@code /AC/(true)} matches
 *     everything
 * @param permissions what it grants
 */
public record AccessEntry(
    long id, List<Long> groupIds, AcLiteral objects, Set<Permission> permissions) {
  /** Checks the id and copies the collections. */
  public AccessEntry {
    if (id < 0 || id > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("an access entry id is from 0 to 2^32-1, not " + id);
    }
    groupIds = List.copyOf(groupIds);
    Objects.requireNonNull(objects, "objects");
    permissions = Set.copyOf(permissions);
  }
}
