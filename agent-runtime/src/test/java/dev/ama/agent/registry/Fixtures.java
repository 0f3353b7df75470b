package dev.ama.agent.registry;

import dev.ama.transport.Eid;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Records for tests. */
final class Fixtures {
  static final Eid A = Eid.of("ipn:1.0");
  static final Eid B = Eid.of("ipn:2.0");
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private Fixtures() {}

  static RegistryRecord record(String id, Eid owner, long counter) {
    return RegistryRecord.builder()
        .agentId(id)
        .name("name-" + id)
        .endpoints(List.of("tcp://10.0.0.1:4556", "ipn:77.1"))
        .skills(List.of(Skill.of("temperature"), Skill.restricted("secret-ops", "ops")))
        .status(RegistryStatus.ONLINE)
        .lastSeen(T0.plusMillis(counter))
        .version(
            new Version(owner, counter, new HlcTimestamp(T0.toEpochMilli() + counter, 0, owner)))
        .registered(new HlcTimestamp(T0.toEpochMilli(), 0, owner))
        .retention(Duration.ofHours(6))
        .metadata(Map.of("site", "north", "model", "x1"))
        .build();
  }
}
