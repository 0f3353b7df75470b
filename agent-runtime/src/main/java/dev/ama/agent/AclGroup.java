package dev.ama.agent;

import java.util.List;
import java.util.Objects;

/**
 * An access-control group from configuration: its id (not 0, the agent's own group), a name, and
 * the endpoint ID patterns of its members, where {@code *} stands for any run of characters ({@code
 * ipn:2.*}, {@code dtn://ops-*}/). The agent turns the patterns into the standard member filter, an
 * EXPR of {@code match-regexp} tests on {@code /LABEL/0}.
 *
 * @param id the group id, 1 to 2<sup>32</sup>−1
 * @param name a human-friendly name
 * @param members the member patterns; empty for a group nobody belongs to yet
 */
public record AclGroup(long id, String name, List<String> members) {
  /** Checks the id and copies the list. */
  public AclGroup {
    if (id <= 0 || id > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(
          "a group id is from 1 to 2^32-1 (0 is the agent itself), not " + id);
    }
    Objects.requireNonNull(name, "name");
    members = List.copyOf(members);
  }
}
