package dev.ama.agent.registry;

import dev.ama.transport.Eid;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One registry center: the home of the agents that register with it (the only writer of their
 * records) and the keeper of replicas learnt from peers.
 *
 * <p>Local operations: {@link #register}, {@link #update}, {@link #heartbeat} (local only: a plain
 * heartbeat moves last seen and is not a change that travels; an OFFLINE → ONLINE transition is a
 * new version), {@link #deregister} (a tombstone), {@link #expire} (silent agents go OFFLINE, a new
 * version each), lookups by skill and by name (own records first, then replicas; paged) and counts.
 * Thread-safe: every public method is synchronized.
 */
public final class RegistryCenter {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryCenter.class);
  private static final int PAGE = 1000;

  private final Eid eid;
  private final RegistryStore store;
  private final Clock clock;
  private final Hlc hlc;
  private final Duration heartbeatTimeout;
  private final Duration retention;
  private long sequence;

  private RegistryCenter(Builder b) {
    this.eid = b.eid;
    this.store = b.store;
    this.clock = b.clock;
    this.hlc = new Hlc(b.clock, b.eid);
    this.heartbeatTimeout = b.heartbeatTimeout;
    this.retention = b.retention;
    this.sequence = store.sequence();
    // After a restart, stamps must still come after those of versions made before it.
    List<RegistryRecord> last = store.byOwner(eid, Math.max(0, sequence - 1), 1);
    for (RegistryRecord r : last) {
      hlc.witness(r.version().stamp());
    }
  }

  /** A builder; eid, store and clock are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** This center's EID. */
  public Eid eid() {
    return eid;
  }

  /** This center's change counter: the counter of its latest version. */
  public synchronized long sequence() {
    return sequence;
  }

  // --- local operations ----------------------------------------------------------------------

  /**
   * Registers an agent here (or re-registers one already at home here, which is an update that also
   * sets it ONLINE). A replica of the same agent id from another home is replaced by a record of
   * this home; if both live on, the duplicate is resolved when the versions meet.
   *
   * @return the new version of the record
   */
  public synchronized RegistryRecord register(Registration reg) {
    Instant now = clock.instant();
    Optional<RegistryRecord> old = store.get(reg.agentId());
    Version v = nextVersion();
    boolean keepRegistration = old.isPresent() && ownLive(old.get());
    RegistryRecord r =
        RegistryRecord.builder()
            .agentId(reg.agentId())
            .name(reg.name())
            .endpoints(reg.endpoints())
            .skills(reg.skills())
            .metadata(reg.metadata())
            .retention(reg.retention() == null ? retention : reg.retention())
            .status(RegistryStatus.ONLINE)
            .lastSeen(now)
            .version(v)
            .registered(keepRegistration ? old.get().registered() : v.stamp())
            .build();
    store.put(r);
    LOG.debug("{}: registered {} as version {}", eid, r.agentId(), v.counter());
    return r;
  }

  /**
   * Replaces what the agent decides (name, endpoints, skills, metadata, retention) of a record at
   * home here; a new version.
   *
   * @throws RegistryException NOT_FOUND if there is no live record, NOT_HOME if another center owns
   *     it
   */
  public synchronized RegistryRecord update(Registration reg) {
    RegistryRecord old = ownRecord(reg.agentId());
    RegistryRecord r =
        old.toBuilder()
            .name(reg.name())
            .endpoints(reg.endpoints())
            .skills(reg.skills())
            .metadata(reg.metadata())
            .retention(reg.retention() == null ? old.retention() : reg.retention())
            .version(nextVersion())
            .build();
    store.put(r);
    return r;
  }

  /**
   * A heartbeat from an agent: at its home, last seen moves on (not a new version) and an OFFLINE
   * agent comes back ONLINE (a new version); elsewhere the answer names the home.
   */
  public synchronized HeartbeatResult heartbeat(String agentId) {
    Optional<RegistryRecord> found = store.get(agentId);
    if (found.isEmpty() || found.get().tombstone()) {
      return new HeartbeatResult(HeartbeatResult.Outcome.UNKNOWN, null);
    }
    RegistryRecord old = found.get();
    if (!old.home().equals(eid)) {
      return new HeartbeatResult(HeartbeatResult.Outcome.MOVED, old.home());
    }
    Instant now = clock.instant();
    if (old.status() == RegistryStatus.ONLINE) {
      store.put(old.toBuilder().lastSeen(now).build());
    } else {
      store.put(
          old.toBuilder()
              .status(RegistryStatus.ONLINE)
              .lastSeen(now)
              .version(nextVersion())
              .build());
    }
    return new HeartbeatResult(HeartbeatResult.Outcome.OK, eid);
  }

  /**
   * Removes an agent: its record becomes a tombstone (a new version) that travels to every peer.
   *
   * @throws RegistryException NOT_FOUND or NOT_HOME
   */
  public synchronized RegistryRecord deregister(String agentId) {
    RegistryRecord old = ownRecord(agentId);
    RegistryRecord r =
        old.toBuilder()
            .tombstone(true)
            .status(RegistryStatus.OFFLINE)
            .endpoints(List.of())
            .skills(List.of())
            .metadata(Map.of())
            .version(nextVersion())
            .build();
    store.put(r);
    return r;
  }

  /**
   * Sets OFFLINE every agent at home here that has been silent longer than the heartbeat timeout;
   * each is a new version.
   *
   * @return how many went OFFLINE
   */
  public synchronized int expire() {
    Instant cutoff = clock.instant().minus(heartbeatTimeout);
    int n = 0;
    while (true) {
      List<RegistryRecord> silent = store.seenBefore(eid, RegistryStatus.ONLINE, cutoff, PAGE);
      for (RegistryRecord r : silent) {
        store.put(r.toBuilder().status(RegistryStatus.OFFLINE).version(nextVersion()).build());
        n++;
      }
      if (silent.size() < PAGE) {
        break;
      }
    }
    if (n > 0) {
      LOG.info("{}: {} silent agents set OFFLINE", eid, n);
    }
    return n;
  }

  // --- lookups -------------------------------------------------------------------------------

  /** The record of an agent (own or replica), tombstones excluded. */
  public synchronized Optional<RegistryRecord> get(String agentId) {
    return store.get(agentId).filter(r -> !r.tombstone());
  }

  /** Live records with a skill of this name: this center's own first, then replicas; paged. */
  public synchronized List<RegistryRecord> lookupBySkill(String skill, int offset, int limit) {
    checkPage(offset, limit);
    return store.bySkill(skill, eid, offset, limit);
  }

  /** Live records with this name: this center's own first, then replicas; paged. */
  public synchronized List<RegistryRecord> lookupByName(String name, int offset, int limit) {
    checkPage(offset, limit);
    return store.byName(name, eid, offset, limit);
  }

  /** Live record counts by owner and status. */
  public synchronized Map<Eid, Map<RegistryStatus, Long>> counts() {
    return store.counts();
  }

  /** Live record counts of this center's own agents by status. */
  public synchronized Map<RegistryStatus, Long> ownCounts() {
    Map<RegistryStatus, Long> m = new EnumMap<>(RegistryStatus.class);
    m.putAll(store.counts().getOrDefault(eid, Map.of()));
    return m;
  }

  // --- internals -----------------------------------------------------------------------------

  private Version nextVersion() {
    // The sequence is saved before the record: a crash in between leaves a gap, never a reuse.
    sequence++;
    store.saveSequence(sequence);
    return new Version(eid, sequence, hlc.now());
  }

  private boolean ownLive(RegistryRecord r) {
    return r.home().equals(eid) && !r.tombstone();
  }

  private RegistryRecord ownRecord(String agentId) {
    RegistryRecord r = store.get(agentId).filter(x -> !x.tombstone()).orElse(null);
    if (r == null) {
      throw new RegistryException(
          RegistryException.Code.NOT_FOUND, "no agent " + agentId + " at " + eid);
    }
    if (!r.home().equals(eid)) {
      throw new RegistryException(
          RegistryException.Code.NOT_HOME, "agent " + agentId + " is at home at " + r.home());
    }
    return r;
  }

  private static void checkPage(int offset, int limit) {
    if (offset < 0 || limit < 1) {
      throw new RegistryException(
          RegistryException.Code.INVALID,
          "a page needs offset >= 0 and limit >= 1, not " + offset + ", " + limit);
    }
  }

  /** Builds centers; {@link #build()} checks the settings. */
  public static final class Builder {
    private Eid eid;
    private RegistryStore store;
    private Clock clock;
    private Duration heartbeatTimeout = Duration.ofSeconds(90);
    private Duration retention = Duration.ofDays(7);

    private Builder() {}

    /** This center's EID. */
    public Builder eid(Eid v) {
      eid = v;
      return this;
    }

    /** Where records live. */
    public Builder store(RegistryStore v) {
      store = v;
      return this;
    }

    /** The clock (a virtual one in tests and simulations). */
    public Builder clock(Clock v) {
      clock = v;
      return this;
    }

    /** How long an agent may stay silent before it goes OFFLINE (default 90 s). */
    public Builder heartbeatTimeout(Duration v) {
      heartbeatTimeout = v;
      return this;
    }

    /** How long an OFFLINE record is kept by default before it is removed (default 7 days). */
    public Builder retention(Duration v) {
      retention = v;
      return this;
    }

    /** Checks the settings and builds the center. */
    public RegistryCenter build() {
      Objects.requireNonNull(eid, "eid");
      Objects.requireNonNull(store, "store");
      Objects.requireNonNull(clock, "clock");
      positive(heartbeatTimeout, "heartbeat timeout");
      Objects.requireNonNull(retention, "retention");
      if (retention.isNegative()) {
        throw new IllegalArgumentException("retention is negative: " + retention);
      }
      return new RegistryCenter(this);
    }

    private static void positive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive, not " + d);
      }
    }
  }
}
