package dev.ama.agent.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an agent registers (or updates): everything of a record that the agent decides.
 *
 * @param agentId the agent's id
 * @param name a human-friendly name
 * @param endpoints addresses, in order of preference
 * @param skills what it offers
 * @param metadata free text pairs
 * @param retention how long to keep the record once offline, or {@code null} for the center's
 *     default
 */
public record Registration(
    String agentId,
    String name,
    List<String> endpoints,
    List<Skill> skills,
    Map<String, String> metadata,
    Duration retention) {
  /** Checks and copies. */
  public Registration {
    Objects.requireNonNull(agentId, "agentId");
    if (agentId.isEmpty()) {
      throw new IllegalArgumentException("an agent id is empty");
    }
    Objects.requireNonNull(name, "name");
    endpoints = List.copyOf(endpoints);
    skills = List.copyOf(skills);
    metadata = Map.copyOf(metadata);
    if (retention != null && retention.isNegative()) {
      throw new IllegalArgumentException("retention is negative: " + retention);
    }
  }

  /** A registration without metadata, with the center's default retention. */
  public static Registration of(
      String agentId, String name, List<String> endpoints, List<Skill> skills) {
    return new Registration(agentId, name, endpoints, skills, Map.of(), null);
  }
}
