package dev.ama.agent.registry;

import dev.ama.transport.Eid;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a center keeps records (its own and replicas, one per agent id: the newest version it
 * accepted), its own change counter and what each peer acknowledged. Implementations are
 * thread-safe; {@link H2RegistryStore} keeps everything in a file, {@link InMemoryRegistryStore} in
 * memory.
 */
public interface RegistryStore extends AutoCloseable {

  /** The record of an agent, tombstones included. */
  Optional<RegistryRecord> get(String agentId);

  /** Stores a record, replacing any other version of the same agent id. */
  void put(RegistryRecord record);

  /** Stores many records at once (in batches, in one transaction per batch). */
  void putAll(Collection<RegistryRecord> records);

  /**
   * Runs {@code work} (calls on this store) as one transaction where the store has them: its writes
   * become durable together when this returns, and none stays if it throws. Calls may nest. The
   * default just runs it (a store without transactions).
   */
  default void inTransaction(Runnable work) {
    work.run();
  }

  /** Removes a record for good (a purge, not a tombstone); true if there was one. */
  boolean remove(String agentId);

  /**
   * Records (tombstones included) whose version owner is {@code owner} and counter is above {@code
   * afterCounter}, by counter.
   */
  List<RegistryRecord> byOwner(Eid owner, long afterCounter, int limit);

  /**
   * Live records (no tombstones) that have a skill of this name, those owned by {@code local}
   * first, then by agent id.
   */
  List<RegistryRecord> bySkill(String skill, Eid local, int offset, int limit);

  /** Live records with this name, those owned by {@code local} first, then by agent id. */
  List<RegistryRecord> byName(String name, Eid local, int offset, int limit);

  /**
   * Live records of {@code owner} with this status last seen before {@code before}, oldest first
   * (expiry and retention).
   */
  List<RegistryRecord> seenBefore(Eid owner, RegistryStatus status, Instant before, int limit);

  /**
   * Tombstones (of any owner), by agent id after {@code afterAgentId} ({@code ""} for the first
   * page).
   */
  List<RegistryRecord> tombstones(String afterAgentId, int limit);

  /** The owners of the stored records. */
  Set<Eid> owners();

  /** The number of stored records, tombstones included. */
  long count();

  /** Live record counts by owner and status. */
  Map<Eid, Map<RegistryStatus, Long>> counts();

  /** The center's own change counter (0 before the first change). */
  long sequence();

  /** Saves the center's own change counter. */
  void saveSequence(long sequence);

  /** What a peer acknowledged: owner → the counter up to which it has every version. */
  Map<Eid, Long> acknowledged(Eid peer);

  /** Saves what a peer acknowledged: the given entries replace those of the same owners. */
  void saveAcknowledged(Eid peer, Map<Eid, Long> vector);

  /** Closes the store; a closed store refuses every call. */
  @Override
  void close();
}
