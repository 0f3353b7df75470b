package dev.ama.agent.registry;

import dev.ama.transport.Eid;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/** A {@link RegistryStore} in memory, for tests and simulations; lost when the process ends. */
public final class InMemoryRegistryStore implements RegistryStore {
  private final Map<String, RegistryRecord> byId = new HashMap<>();
  private final Map<Eid, NavigableMap<Long, RegistryRecord>> byOwner = new HashMap<>();
  private final Map<Eid, Map<Eid, Long>> acks = new HashMap<>();
  private long sequence;
  private boolean closed;

  @Override
  public synchronized Optional<RegistryRecord> get(String agentId) {
    open();
    return Optional.ofNullable(byId.get(agentId));
  }

  @Override
  public synchronized void put(RegistryRecord record) {
    open();
    RegistryRecord old = byId.put(record.agentId(), record);
    if (old != null) {
      NavigableMap<Long, RegistryRecord> m = byOwner.get(old.home());
      if (m != null) {
        m.remove(old.version().counter());
      }
    }
    byOwner
        .computeIfAbsent(record.home(), k -> new TreeMap<>())
        .put(record.version().counter(), record);
  }

  @Override
  public synchronized void putAll(Collection<RegistryRecord> records) {
    for (RegistryRecord r : records) {
      put(r);
    }
  }

  @Override
  public synchronized boolean remove(String agentId) {
    open();
    RegistryRecord old = byId.remove(agentId);
    if (old == null) {
      return false;
    }
    NavigableMap<Long, RegistryRecord> m = byOwner.get(old.home());
    m.remove(old.version().counter());
    if (m.isEmpty()) {
      byOwner.remove(old.home());
    }
    return true;
  }

  @Override
  public synchronized List<RegistryRecord> byOwner(Eid owner, long afterCounter, int limit) {
    open();
    NavigableMap<Long, RegistryRecord> m = byOwner.get(owner);
    List<RegistryRecord> out = new ArrayList<>();
    if (m == null) {
      return out;
    }
    for (RegistryRecord r : m.tailMap(afterCounter, false).values()) {
      if (out.size() >= limit) {
        break;
      }
      out.add(r);
    }
    return out;
  }

  @Override
  public synchronized List<RegistryRecord> bySkill(String skill, Eid local, int offset, int limit) {
    return page(
        r -> r.skills().stream().anyMatch(s -> s.name().equals(skill)), local, offset, limit);
  }

  @Override
  public synchronized List<RegistryRecord> byName(String name, Eid local, int offset, int limit) {
    return page(r -> r.name().equals(name), local, offset, limit);
  }

  private List<RegistryRecord> page(
      Predicate<RegistryRecord> match, Eid local, int offset, int limit) {
    open();
    return byId.values().stream()
        .filter(r -> !r.tombstone() && match.test(r))
        .sorted(
            Comparator.comparing((RegistryRecord r) -> r.home().equals(local) ? 0 : 1)
                .thenComparing(RegistryRecord::agentId))
        .skip(offset)
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized List<RegistryRecord> seenBefore(
      Eid owner, RegistryStatus status, Instant before, int limit) {
    open();
    NavigableMap<Long, RegistryRecord> m = byOwner.get(owner);
    if (m == null) {
      return List.of();
    }
    return m.values().stream()
        .filter(r -> !r.tombstone() && r.status() == status && r.lastSeen().isBefore(before))
        .sorted(
            Comparator.comparing(RegistryRecord::lastSeen).thenComparing(RegistryRecord::agentId))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized List<RegistryRecord> tombstones(String afterAgentId, int limit) {
    open();
    return byId.values().stream()
        .filter(r -> r.tombstone() && r.agentId().compareTo(afterAgentId) > 0)
        .sorted(Comparator.comparing(RegistryRecord::agentId))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized Set<Eid> owners() {
    open();
    return new HashSet<>(byOwner.keySet());
  }

  @Override
  public synchronized long count() {
    open();
    return byId.size();
  }

  @Override
  public synchronized Map<Eid, Map<RegistryStatus, Long>> counts() {
    open();
    Map<Eid, Map<RegistryStatus, Long>> out = new HashMap<>();
    for (RegistryRecord r : byId.values()) {
      if (!r.tombstone()) {
        out.computeIfAbsent(r.home(), k -> new EnumMap<>(RegistryStatus.class))
            .merge(r.status(), 1L, Long::sum);
      }
    }
    return out;
  }

  @Override
  public synchronized long sequence() {
    open();
    return sequence;
  }

  @Override
  public synchronized void saveSequence(long value) {
    open();
    sequence = value;
  }

  @Override
  public synchronized Map<Eid, Long> acknowledged(Eid peer) {
    open();
    return new HashMap<>(acks.getOrDefault(peer, Map.of()));
  }

  @Override
  public synchronized void saveAcknowledged(Eid peer, Map<Eid, Long> vector) {
    open();
    acks.computeIfAbsent(peer, k -> new HashMap<>()).putAll(vector);
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  private void open() {
    if (closed) {
      throw new IllegalStateException("the registry store is closed");
    }
  }
}
