package dev.ama.agent.registry;

import dev.ama.transport.Eid;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A center's answer to a delta: its knowledge vector, owner → the counter up to which it holds
 * every version of that owner (its own entry is its sequence).
 *
 * @param from the acknowledging center
 * @param vector owner → counter
 */
public record RegistryAck(Eid from, Map<Eid, Long> vector) {
  /** Checks and copies. */
  public RegistryAck {
    Objects.requireNonNull(from, "from");
    vector = java.util.Collections.unmodifiableMap(new TreeMap<>(vector));
    for (Map.Entry<Eid, Long> e : vector.entrySet()) {
      if (e.getValue() == null || e.getValue() < 0) {
        throw new IllegalArgumentException("a counter of " + e.getKey() + " is negative");
      }
    }
  }
}
