package dev.ama.agent.registry;

import dev.ama.agent.registry.internal.RecordHash;
import dev.ama.model.ari.TimeLiteral;
import dev.ama.transport.Eid;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
  private Duration retention;
  private final Map<Eid, Set<String>> peers;
  private final int deltaMaxRecords;
  private final Map<Eid, Long> knowledge = new HashMap<>();

  /** Per peer, this center's vector entries as last told to it in an ack (memory only). */
  private final Map<Eid, Map<Eid, Long>> toldInAck = new HashMap<>();

  private final Map<Eid, Map<Eid, Long>> peerKnows = new HashMap<>();
  // The in-flight mark: per peer, per owner, the counter up to which a delta was sent, and since
  // when the peer's ack of that owner has not moved while something was in flight. Memory only.
  private final Map<Eid, Map<Eid, Long>> sentUpTo = new HashMap<>();
  private final Map<Eid, Map<Eid, Instant>> waitingSince = new HashMap<>();
  private final Duration resendAfter;
  // Audits: per audited peer, per owner, the run of audits in a row whose summaries differed.
  private final int auditPatience;
  private final Map<Eid, Map<Eid, Streak>> streaks = new HashMap<>();
  private final Map<String, Conflict> conflicts = new TreeMap<>();
  private final RegistryEncoder encoder = new RegistryEncoder();
  private final Duration takeoverTime;
  private final double guardShare;
  private final Duration guardWindow;
  private final int guardMinimum;
  private final Map<Eid, Instant> lastHeard = new HashMap<>();
  private final Map<Eid, List<Eid>> homePeers = new HashMap<>();
  private final java.util.ArrayDeque<Instant> recentExpiries = new java.util.ArrayDeque<>();
  private boolean guardHeld;
  private boolean guardReleased;
  private long takenOver;
  private long sequence;

  private RegistryCenter(Builder b) {
    this.eid = b.eid;
    this.store = b.store;
    this.clock = b.clock;
    this.hlc = new Hlc(b.clock, b.eid);
    this.heartbeatTimeout = b.heartbeatTimeout;
    this.retention = b.retention;
    this.peers = Map.copyOf(b.peers);
    this.deltaMaxRecords = b.deltaMaxRecords;
    this.resendAfter = b.resendAfter;
    this.auditPatience = b.auditPatience;
    this.takeoverTime = b.takeoverTime;
    this.guardShare = b.guardShare;
    this.guardWindow = b.guardWindow;
    this.guardMinimum = b.guardMinimum;
    Instant now = clock.instant();
    for (Eid p : peers.keySet()) {
      lastHeard.put(p, now); // a peer gets the full takeover time from our start
    }
    this.sequence = store.sequence();
    knowledge.putAll(store.acknowledged(eid));
    knowledge.remove(eid);
    for (Eid p : peers.keySet()) {
      peerKnows.put(p, new HashMap<>(store.acknowledged(p)));
      sentUpTo.put(p, new HashMap<>());
      streaks.put(p, new HashMap<>());
      waitingSince.put(p, new HashMap<>());
    }
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
    if (old.isPresent() && !old.get().tombstone() && !old.get().home().equals(eid)) {
      // Its registration there is earlier and would win the duplicate anyway.
      throw new RegistryException(
          RegistryException.Code.NOT_HOME,
          "agent " + reg.agentId() + " is registered at " + old.get().home());
    }
    Version v = nextVersion();
    // Continuing the lineage of what is held (own record, or a tombstone from anywhere) makes this
    // version win over it everywhere; a fresh registration stamp would lose to the older one.
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
            .registered(old.isPresent() ? old.get().registered() : v.stamp())
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
   * each is a new version. Partition guard: when the expiries in the guard window, these included,
   * would exceed the guard share of this center's online agents (and there are at least the guard
   * minimum of them), the center suspects its own network, expires nothing and holds ({@link
   * #guardHeld()}) until the share falls back (heartbeats return) or {@link #releaseGuard()}.
   *
   * @return how many went OFFLINE
   */
  public synchronized int expire() {
    Instant now = clock.instant();
    Instant cutoff = now.minus(heartbeatTimeout);
    while (!recentExpiries.isEmpty()
        && !recentExpiries.peekFirst().isAfter(now.minus(guardWindow))) {
      recentExpiries.pollFirst();
    }
    List<RegistryRecord> silent =
        store.seenBefore(eid, RegistryStatus.ONLINE, cutoff, Integer.MAX_VALUE);
    if (silent.isEmpty()) {
      guardHeld = false;
      return 0;
    }
    long online = ownCounts().getOrDefault(RegistryStatus.ONLINE, 0L);
    long base = online + recentExpiries.size();
    boolean suspicious =
        base >= guardMinimum && recentExpiries.size() + silent.size() > guardShare * base;
    if (suspicious && !guardReleased) {
      if (!guardHeld) {
        LOG.warn(
            "{}: {} of {} agents silent at once; suspecting this center's network, expiry held",
            eid,
            silent.size() + recentExpiries.size(),
            base);
      }
      guardHeld = true;
      return 0;
    }
    guardHeld = false;
    guardReleased = false;
    for (RegistryRecord r : silent) {
      store.put(r.toBuilder().status(RegistryStatus.OFFLINE).version(nextVersion()).build());
      recentExpiries.addLast(now);
    }
    LOG.info("{}: {} silent agents set OFFLINE", eid, silent.size());
    return silent.size();
  }

  /** True while the partition guard holds expiry. */
  public synchronized boolean guardHeld() {
    return guardHeld;
  }

  /** Lets the next {@link #expire()} proceed even if the guard would hold (an operator's call). */
  public synchronized void releaseGuard() {
    guardReleased = true;
  }

  /**
   * Removes, with a tombstone each (a new version), the records at home here that have been OFFLINE
   * longer than their retention.
   *
   * @return how many were removed
   */
  public synchronized int retire() {
    Instant now = clock.instant();
    int n = 0;
    for (RegistryRecord r : store.seenBefore(eid, RegistryStatus.OFFLINE, now, Integer.MAX_VALUE)) {
      if (retentionOver(r, now)) {
        store.put(
            r.toBuilder()
                .tombstone(true)
                .endpoints(List.of())
                .skills(List.of())
                .metadata(Map.of())
                .version(nextVersion())
                .build());
        n++;
      }
    }
    return n;
  }

  /**
   * Purges the tombstones (of any owner) that every peer has acknowledged.
   *
   * @return how many were purged
   */
  public synchronized int purgeTombstones() {
    int n = 0;
    String after = "";
    while (true) {
      List<RegistryRecord> page = store.tombstones(after, PAGE);
      for (RegistryRecord t : page) {
        if (allPeersHold(t.version())) {
          store.remove(t.agentId());
          n++;
        }
      }
      if (page.size() < PAGE) {
        return n;
      }
      after = page.get(page.size() - 1).agentId();
    }
  }

  /**
   * Takes over the records of every peer home silent (no delta or ack from it) longer than the
   * takeover time, when this center is the chosen heir: the lowest EID among the home's announced
   * peers, leaving out those this center itself finds silent. Each record gets a new version owned
   * here, with last seen now so that its agent has a heartbeat timeout to find its new home (a
   * heartbeat at the old home answers MOVED once the versions reach it).
   *
   * @return how many records were taken over
   */
  public synchronized int takeOver() {
    if (takeoverTime == null) {
      return 0;
    }
    Instant now = clock.instant();
    int n = 0;
    for (Eid home : new TreeSet<>(peers.keySet())) {
      if (!silent(home, now) || !isHeir(home, now)) {
        continue;
      }
      for (RegistryRecord r : allOf(home)) {
        if (r.tombstone()) {
          continue;
        }
        store.put(r.toBuilder().version(nextVersion()).lastSeen(now).build());
        n++;
      }
      if (n > 0) {
        LOG.warn(
            "{}: home {} silent since {}; took over its records", eid, home, lastHeard.get(home));
      }
    }
    takenOver += n;
    return n;
  }

  /**
   * Takes over every live record of {@code home} now, whatever its silence and whoever the heir
   * would be: an operator's decision (the home is known to be gone for good). Same versions as
   * {@link #takeOver()}.
   *
   * @return how many records were taken over
   * @throws RegistryException {@code INVALID} when {@code home} is this center
   */
  public synchronized int takeOver(Eid home) {
    if (home.equals(eid)) {
      throw new RegistryException(
          RegistryException.Code.INVALID, "a center cannot take over its own records");
    }
    Instant now = clock.instant();
    int n = 0;
    for (RegistryRecord r : allOf(home)) {
      if (r.tombstone()) {
        continue;
      }
      store.put(r.toBuilder().version(nextVersion()).lastSeen(now).build());
      n++;
    }
    LOG.warn("{}: took over {} records of {} on request", eid, n, home);
    takenOver += n;
    return n;
  }

  /** The retention given to new registrations that name none. */
  public synchronized Duration retention() {
    return retention;
  }

  /**
   * Sets the retention given to new registrations that name none (records already held keep
   * theirs).
   *
   * @throws IllegalArgumentException when negative
   */
  public synchronized void setRetention(Duration value) {
    if (value.isNegative()) {
      throw new IllegalArgumentException("a retention is not negative, not " + value);
    }
    this.retention = value;
  }

  /** How many records this center has taken over from silent homes. */
  public synchronized long takenOver() {
    return takenOver;
  }

  /** Runs expiry, retention, tombstone purge and takeover, in that order. */
  public synchronized Maintenance maintain() {
    int expired = expire();
    int retired = retire();
    int purged = purgeTombstones();
    int taken = takeOver();
    return new Maintenance(expired, retired, purged, taken, guardHeld);
  }

  /**
   * What one {@link #maintain()} did.
   *
   * @param expired agents set OFFLINE
   * @param retired records past retention turned into tombstones
   * @param purged tombstones removed for good
   * @param takenOver records taken over from silent homes
   * @param guardHeld whether the partition guard holds expiry
   */
  public record Maintenance(
      int expired, int retired, int purged, int takenOver, boolean guardHeld) {}

  private static boolean retentionOver(RegistryRecord r, Instant now) {
    try {
      return !r.lastSeen().plus(r.retention()).isAfter(now);
    } catch (ArithmeticException | java.time.DateTimeException e) {
      return false; // a retention beyond the calendar: kept
    }
  }

  private boolean silent(Eid peer, Instant now) {
    Instant heard = lastHeard.get(peer);
    return heard != null && !heard.plus(takeoverTime).isAfter(now);
  }

  private boolean isHeir(Eid home, Instant now) {
    List<Eid> announced = homePeers.get(home);
    if (announced == null) {
      return false; // never told who else could take over: do nothing rather than guess
    }
    Eid heir = null;
    for (Eid c : announced) {
      if (c.equals(home) || (peers.containsKey(c) && silent(c, now))) {
        continue;
      }
      if (heir == null || c.compareTo(heir) < 0) {
        heir = c;
      }
    }
    return eid.equals(heir);
  }

  private boolean allPeersHold(Version v) {
    for (Map<Eid, Long> theirs : peerKnows.values()) {
      if (theirs.getOrDefault(v.owner(), 0L) < v.counter()) {
        return false;
      }
    }
    return true;
  }

  // --- deltas and acks ---------------------------------------------------------------------

  /** The configured peers and their ACL groups. */
  public Map<Eid, Set<String>> peers() {
    return peers;
  }

  /**
   * The delta to send {@code peer} now, marked as sent: for each owner, every record version after
   * both what the peer acknowledged (or sent here itself) and what earlier deltas already carried
   * (the in-flight mark), as the peer may see it: skills restricted to a group the peer is not in
   * are removed from the copy. At most the configured number of records; the rest follows in the
   * next delta. When the peer's ack of an owner has not moved for {@code resendAfter} while
   * versions were in flight, the mark falls back to the ack and those versions are sent once more
   * (a lost bundle). Use {@link #peekDelta} to look without marking.
   *
   * @throws RegistryException INVALID if {@code peer} is not a configured peer
   */
  public synchronized RegistryDelta deltaFor(Eid peer) {
    checkPeer(peer);
    Instant now = clock.instant();
    expireMarks(peer, now);
    RegistryDelta d = delta(peer, now);
    Map<Eid, Long> sent = sentUpTo.get(peer);
    Map<Eid, Instant> since = waitingSince.get(peer);
    for (RegistryDelta.Segment seg : d.segments()) {
      sent.merge(seg.owner(), seg.upTo(), Math::max);
      since.putIfAbsent(seg.owner(), now);
    }
    return d;
  }

  /**
   * The delta {@link #deltaFor} would send now, without marking it as sent (what the {@code delta}
   * EDD shows).
   */
  public synchronized RegistryDelta peekDelta(Eid peer) {
    checkPeer(peer);
    return delta(peer, clock.instant());
  }

  /**
   * Forgets what was sent to {@code peer} and not acknowledged: the next delta starts again at what
   * the peer acknowledged (an operator who knows bundles were lost need not wait for {@code
   * resendAfter}).
   */
  public synchronized void resend(Eid peer) {
    checkPeer(peer);
    sentUpTo.get(peer).clear();
    waitingSince.get(peer).clear();
  }

  /** Drops the marks of the owners whose ack has not moved for {@code resendAfter}. */
  private void expireMarks(Eid peer, Instant now) {
    Map<Eid, Long> sent = sentUpTo.get(peer);
    Map<Eid, Instant> since = waitingSince.get(peer);
    Map<Eid, Long> theirs = peerKnows.get(peer);
    sent.entrySet()
        .removeIf(
            e -> {
              Eid owner = e.getKey();
              if (theirs.getOrDefault(owner, 0L) >= e.getValue()) {
                since.remove(owner);
                return true;
              }
              if (markExpired(peer, owner, now)) {
                LOG.info(
                    "{}: no ack of {} from {} for {}; sending its versions after {} again",
                    eid,
                    owner,
                    peer,
                    resendAfter,
                    theirs.getOrDefault(owner, 0L));
                since.remove(owner);
                return true;
              }
              return false;
            });
  }

  private boolean markExpired(Eid peer, Eid owner, Instant now) {
    Instant t = waitingSince.get(peer).get(owner);
    return t != null && !t.plus(resendAfter).isAfter(now);
  }

  /** Where the next delta of {@code owner} for {@code peer} starts: after acked and sent. */
  private long startFor(Eid peer, Eid owner, Instant now) {
    long acked = peerKnows.get(peer).getOrDefault(owner, 0L);
    long sent = sentUpTo.get(peer).getOrDefault(owner, 0L);
    return sent > acked && !markExpired(peer, owner, now) ? sent : acked;
  }

  /** The delta after max(acknowledged, sent) for each owner; changes nothing. */
  private RegistryDelta delta(Eid peer, Instant now) {
    TreeSet<Eid> owners = new TreeSet<>(store.owners());
    owners.addAll(knowledge.keySet());
    owners.add(eid);
    owners.remove(peer); // the peer is the authority on its own records
    int budget = deltaMaxRecords;
    List<RegistryDelta.Segment> segments = new ArrayList<>();
    for (Eid owner : owners) {
      long mine = holds(owner);
      long known = startFor(peer, owner, now);
      if (known >= mine) {
        continue;
      }
      if (budget == 0) {
        break;
      }
      List<RegistryRecord> recs = new ArrayList<>();
      for (RegistryRecord r : store.byOwner(owner, known, budget + 1)) {
        if (r.version().counter() <= mine) {
          recs.add(r);
        }
      }
      long upTo = mine;
      if (recs.size() > budget) {
        recs = new ArrayList<>(recs.subList(0, budget));
        upTo = recs.get(budget - 1).version().counter();
      }
      budget -= recs.size();
      List<RegistryRecord> visible = new ArrayList<>(recs.size());
      for (RegistryRecord r : recs) {
        visible.add(visibleTo(peer, r));
      }
      segments.add(new RegistryDelta.Segment(owner, known, upTo, visible));
    }
    return new RegistryDelta(eid, segments, new ArrayList<>(new TreeSet<>(peers.keySet())));
  }

  /**
   * Applies a delta from a peer: stores every version newer than the one held (see docs/registry.md
   * for "newer" across owners), ignores records this center owns, and returns the ack for the peer.
   * The whole delta is checked first; a bad one changes nothing.
   *
   * @throws RegistryException INVALID if {@code from} is not a configured peer, is not the delta's
   *     sender, or a segment is inconsistent
   */
  public synchronized RegistryAck apply(Eid from, RegistryDelta delta) {
    checkPeer(from);
    if (!delta.from().equals(from)) {
      throw new RegistryException(
          RegistryException.Code.INVALID, "a delta from " + from + " names " + delta.from());
    }
    for (RegistryDelta.Segment seg : delta.segments()) {
      boolean claims = seg.upTo() > seg.after();
      for (RegistryRecord r : seg.records()) {
        long c = r.version().counter();
        if (!r.home().equals(seg.owner()) || (claims && (c <= seg.after() || c > seg.upTo()))) {
          throw new RegistryException(
              RegistryException.Code.INVALID,
              "delta from " + from + ": record " + r.agentId() + " does not fit its segment");
        }
      }
    }
    lastHeard.put(from, clock.instant());
    if (!delta.peers().isEmpty()) {
      homePeers.put(from, delta.peers());
    }
    Map<Eid, Long> theirs = peerKnows.get(from);
    for (RegistryDelta.Segment seg : delta.segments()) {
      Eid owner = seg.owner();
      raiseKnown(from, owner, seg.upTo());
      if (owner.equals(eid)) {
        continue; // the home is the authority; what others say of its records changes nothing
      }
      // One store transaction per segment: one commit for its records, not one per record.
      store.inTransaction(() -> seg.records().forEach(r -> merge(r, seg.upTo() == seg.after())));
      if (seg.upTo() > seg.after() && seg.after() <= holds(owner)) {
        knowledge.merge(owner, seg.upTo(), Math::max);
      }
    }
    store.saveAcknowledged(eid, knowledge);
    store.saveAcknowledged(from, theirs);
    return ackFor(from, delta);
  }

  /**
   * The ack of a delta: the vector entries of the delta's owners, and of every other owner whose
   * entry changed since the last ack to this peer. A full vector per ack grows with the number of
   * centers (about 15 bytes each), on every push of every link: at a thousand centers it would
   * outweigh the records. An ack lost in transit is made good by the resend of its delta, whose
   * owners are always acked.
   */
  private RegistryAck ackFor(Eid peer, RegistryDelta delta) {
    Map<Eid, Long> told = toldInAck.computeIfAbsent(peer, k -> new HashMap<>());
    Set<Eid> inDelta = new java.util.HashSet<>();
    for (RegistryDelta.Segment seg : delta.segments()) {
      inDelta.add(seg.owner());
    }
    Map<Eid, Long> out = new HashMap<>();
    for (Map.Entry<Eid, Long> e : vector().entrySet()) {
      if (inDelta.contains(e.getKey()) || !e.getValue().equals(told.get(e.getKey()))) {
        out.put(e.getKey(), e.getValue());
      }
    }
    told.putAll(out);
    return new RegistryAck(eid, out);
  }

  /** Takes a peer's ack into account: it holds every version up to the acked counters. */
  public synchronized void acknowledge(Eid from, RegistryAck ack) {
    checkPeer(from);
    if (!ack.from().equals(from)) {
      throw new RegistryException(
          RegistryException.Code.INVALID, "an ack from " + from + " names " + ack.from());
    }
    lastHeard.put(from, clock.instant());
    for (Map.Entry<Eid, Long> e : ack.vector().entrySet()) {
      raiseKnown(from, e.getKey(), e.getValue());
    }
    store.saveAcknowledged(from, peerKnows.get(from));
  }

  /**
   * Raises what {@code peer} is known to hold of {@code owner}; progress restarts the wait before a
   * resend, and an ack that reaches the in-flight mark clears it.
   */
  private void raiseKnown(Eid peer, Eid owner, long counter) {
    Map<Eid, Long> theirs = peerKnows.get(peer);
    long old = theirs.getOrDefault(owner, 0L);
    if (counter <= old) {
      return;
    }
    theirs.put(owner, counter);
    Map<Eid, Long> sent = sentUpTo.get(peer);
    if (counter >= sent.getOrDefault(owner, 0L)) {
      sent.remove(owner);
      waitingSince.get(peer).remove(owner);
    } else {
      waitingSince.get(peer).put(owner, clock.instant());
    }
  }

  /** This center's knowledge vector: owner → the counter up to which it holds every version. */
  public synchronized Map<Eid, Long> vector() {
    Map<Eid, Long> v = new HashMap<>(knowledge);
    v.put(eid, sequence);
    return v;
  }

  /**
   * How many versions the next {@link #deltaFor} would offer the peer (an upper bound): those
   * neither acknowledged nor already sent. While a link is down and pushes queue deltas, this stays
   * at what changed since the last push, where {@link #pendingFor} keeps growing.
   */
  public synchronized long unsentFor(Eid peer) {
    checkPeer(peer);
    Instant now = clock.instant();
    long n = 0;
    for (Map.Entry<Eid, Long> e : vector().entrySet()) {
      Eid owner = e.getKey();
      if (!owner.equals(peer)) {
        n += Math.max(0, e.getValue() - startFor(peer, owner, now));
      }
    }
    return n;
  }

  /**
   * How many record versions a peer has not acknowledged yet (an upper bound), whether sent or not:
   * in flight included.
   */
  public synchronized long pendingFor(Eid peer) {
    checkPeer(peer);
    Map<Eid, Long> theirs = peerKnows.get(peer);
    long n = 0;
    for (Map.Entry<Eid, Long> e : vector().entrySet()) {
      if (!e.getKey().equals(peer)) {
        n += Math.max(0, e.getValue() - theirs.getOrDefault(e.getKey(), 0L));
      }
    }
    return n;
  }

  /** Duplicate registrations met so far, by agent id: the winner's and loser's homes. */
  public synchronized List<Conflict> conflicts() {
    return List.copyOf(conflicts.values());
  }

  // --- anti-entropy --------------------------------------------------------------------------

  /** A typical encoded record, in bytes: weighs buckets against records when sizing level 2. */
  private static final int TYPICAL_RECORD_BYTES = 160;

  /**
   * A run of audits whose summaries of one owner differed.
   *
   * @param audits how many in a row
   * @param mine this center's knowledge of the owner at the last of them
   */
  private record Streak(int audits, long mine) {}

  /**
   * The first level of an audit: per owner other than the peer, one hash over the records the peer
   * may see, their number, and this center's knowledge of the owner. About 25 bytes per owner,
   * whatever the number of records.
   */
  public synchronized RegistrySummary summaryFor(Eid peer) {
    checkPeer(peer);
    List<RegistrySummary.OwnerSummary> out = new ArrayList<>();
    for (Eid owner : new TreeSet<>(store.owners())) {
      if (owner.equals(peer)) {
        continue;
      }
      List<RegistryRecord> all = allOf(owner);
      out.add(
          new RegistrySummary.OwnerSummary(
              owner, all.size(), holds(owner), digests(all, 1, peer).get(0)));
    }
    return new RegistrySummary(eid, out);
  }

  /**
   * Compares a peer's summary with this center's copies of the same owners' records as that peer
   * may see them (its own records excepted) and returns the owners whose bucket digests to ask for.
   * An owner whose summary differs is asked for when the two centers' knowledge of it is the same
   * (the difference is real), when this center's knowledge is behind and has not moved since the
   * previous audit of this peer also found a difference (deltas of that owner are not reaching
   * here: a restored store, a lost bundle), or when the summaries have differed at {@code
   * auditPatience} audits in a row (a real difference hidden by constant churn). Otherwise the
   * difference is taken for deltas in flight and only remembered. An owner whose summary agrees
   * while the peer knows more of it raises this center's knowledge to the peer's: it holds the same
   * records.
   *
   * @throws RegistryException INVALID if {@code from} is not a configured peer or not the sender
   */
  public synchronized DigestRequest compare(Eid from, RegistrySummary summary) {
    checkPeer(from);
    if (!summary.from().equals(from)) {
      throw new RegistryException(
          RegistryException.Code.INVALID, "a summary from " + from + " names " + summary.from());
    }
    Map<Eid, Streak> runs = streaks.get(from);
    List<DigestRequest.OwnerAsk> ask = new ArrayList<>();
    boolean raised = false;
    for (RegistrySummary.OwnerSummary os : summary.owners()) {
      Eid owner = os.owner();
      if (owner.equals(eid)) {
        continue;
      }
      List<RegistryRecord> all = allOf(owner);
      long mine = holds(owner);
      // As the sender may see them: its copies lack what is restricted to groups it is not in.
      if (all.size() == os.records() && digests(all, 1, from).get(0) == os.top()) {
        runs.remove(owner);
        if (os.knows() > mine) {
          knowledge.put(owner, os.knows());
          raised = true;
        }
        continue;
      }
      Streak prev = runs.get(owner);
      int audits = prev == null ? 1 : prev.audits() + 1;
      boolean stuck = prev != null && mine < os.knows() && mine == prev.mine();
      if (mine == os.knows() || stuck || audits >= auditPatience) {
        runs.remove(owner);
        ask.add(new DigestRequest.OwnerAsk(owner, bucketsFor(os, all.size(), mine)));
      } else {
        runs.put(owner, new Streak(audits, mine));
      }
    }
    if (raised) {
      store.saveAcknowledged(eid, knowledge);
    }
    return new DigestRequest(eid, ask);
  }

  /**
   * The bucket count to ask for: enough that the digests cost about what the records of the
   * differing buckets cost, from an estimate of the differences (the gap in counts and counters, at
   * least one); at most one record per bucket.
   */
  private static int bucketsFor(RegistrySummary.OwnerSummary os, long held, long mine) {
    long n = Math.max(os.records(), held);
    long d = Math.max(1, Math.max(Math.abs(os.records() - held), Math.abs(os.knows() - mine)));
    double ideal = Math.sqrt((double) Math.min(d, n) * n * TYPICAL_RECORD_BYTES / 8);
    int max = RecordHash.bucketCount(n);
    int b = 1;
    while (b < ideal && b < max) {
      b <<= 1;
    }
    return b;
  }

  /**
   * The second level of an audit: bucket digests of the asked owners, in the asked numbers of
   * buckets, over the records {@code peer} may see. An owner the peer owns is left out.
   *
   * @throws RegistryException INVALID if {@code peer} is not a configured peer or not the asker
   */
  public synchronized RegistryDigests digestsFor(Eid peer, DigestRequest request) {
    checkPeer(peer);
    if (!request.from().equals(peer)) {
      throw new RegistryException(
          RegistryException.Code.INVALID, "a request from " + peer + " names " + request.from());
    }
    List<RegistryDigests.OwnerDigests> out = new ArrayList<>();
    for (DigestRequest.OwnerAsk ask : request.owners()) {
      if (ask.owner().equals(peer)) {
        continue;
      }
      out.add(
          new RegistryDigests.OwnerDigests(
              ask.owner(), digests(allOf(ask.owner()), ask.bucketCount(), peer)));
    }
    return new RegistryDigests(eid, out);
  }

  /**
   * Per-owner bucket digests over the records {@code peer} may see (owners other than the peer),
   * for the peer to compare with its own copies. An owner's bucket count is the power of two at or
   * above its record count here, so that a bucket holds about one record.
   */
  public synchronized RegistryDigests digestsFor(Eid peer) {
    checkPeer(peer);
    List<RegistryDigests.OwnerDigests> out = new ArrayList<>();
    for (Eid owner : new TreeSet<>(store.owners())) {
      if (owner.equals(peer)) {
        continue;
      }
      List<RegistryRecord> all = allOf(owner);
      out.add(
          new RegistryDigests.OwnerDigests(
              owner, digests(all, RecordHash.bucketCount(all.size()), peer)));
    }
    return new RegistryDigests(eid, out);
  }

  /**
   * Compares a peer's digests with this center's copies of the same owners' records as that peer
   * may see them (its own records excepted: the peer audits those) and returns the buckets that
   * differ, to ask the peer for.
   */
  public synchronized BucketRequest compare(Eid from, RegistryDigests digests) {
    checkPeer(from);
    if (!digests.from().equals(from)) {
      throw new RegistryException(
          RegistryException.Code.INVALID, "digests from " + from + " name " + digests.from());
    }
    List<BucketRequest.OwnerBuckets> out = new ArrayList<>();
    for (RegistryDigests.OwnerDigests od : digests.owners()) {
      if (od.owner().equals(eid)) {
        continue;
      }
      int n = od.buckets().size();
      List<Long> mine = digests(allOf(od.owner()), n, from);
      List<Integer> differ = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (!mine.get(i).equals(od.buckets().get(i))) {
          differ.add(i);
        }
      }
      if (!differ.isEmpty()) {
        out.add(new BucketRequest.OwnerBuckets(od.owner(), n, differ));
      }
    }
    return new BucketRequest(eid, out);
  }

  /**
   * The records of the asked buckets as {@code peer} may see them, as a delta whose segments claim
   * no range (the peer stores what is newer and its vector does not move). Whole buckets, at most
   * {@code deltaMaxRecords} records (of a first bucket larger than that, its newest versions);
   * buckets beyond wait for the next audit.
   */
  public synchronized RegistryDelta bucketRecords(Eid peer, BucketRequest request) {
    checkPeer(peer);
    if (!request.from().equals(peer)) {
      throw new RegistryException(
          RegistryException.Code.INVALID, "a request from " + peer + " names " + request.from());
    }
    int budget = deltaMaxRecords;
    List<RegistryDelta.Segment> segs = new ArrayList<>();
    for (BucketRequest.OwnerBuckets ob : request.owners()) {
      if (ob.owner().equals(peer) || budget == 0) {
        continue;
      }
      // Whole buckets only: a bucket sent whole agrees afterwards, so every audit makes progress
      // even when the differing buckets hold more records than one answer may carry.
      Map<Integer, List<RegistryRecord>> byBucket = new TreeMap<>();
      for (int i : ob.indexes()) {
        byBucket.put(i, new ArrayList<>());
      }
      for (RegistryRecord r : allOf(ob.owner())) {
        List<RegistryRecord> in = byBucket.get(RecordHash.bucket(r.agentId(), ob.bucketCount()));
        if (in != null) {
          in.add(r);
        }
      }
      List<RegistryRecord> recs = new ArrayList<>();
      for (List<RegistryRecord> bucket : byBucket.values()) {
        if (bucket.size() > budget) {
          if (!(recs.isEmpty() && segs.isEmpty())) {
            break;
          }
          // One bucket larger than an answer: its newest versions, the likeliest to differ.
          java.util.Collections.reverse(bucket);
        }
        for (RegistryRecord r : bucket) {
          if (budget > 0) {
            recs.add(visibleTo(peer, r));
            budget--;
          }
        }
      }
      if (!recs.isEmpty()) {
        segs.add(new RegistryDelta.Segment(ob.owner(), 0, 0, recs));
      }
    }
    return new RegistryDelta(eid, segs);
  }

  /**
   * Every record of the asked buckets as {@code peer} may see them, as deltas of at most {@code
   * deltaMaxRecords} records each whose segments claim no range: the whole answer to one bucket
   * request, so that one audit repairs every difference it found (each delta travels as its own
   * report).
   *
   * @throws RegistryException INVALID if {@code peer} is not a configured peer or not the asker
   */
  public synchronized List<RegistryDelta> repairFor(Eid peer, BucketRequest request) {
    checkPeer(peer);
    if (!request.from().equals(peer)) {
      throw new RegistryException(
          RegistryException.Code.INVALID, "a request from " + peer + " names " + request.from());
    }
    List<RegistryDelta> out = new ArrayList<>();
    List<RegistryDelta.Segment> segs = new ArrayList<>();
    int room = deltaMaxRecords;
    for (BucketRequest.OwnerBuckets ob : request.owners()) {
      if (ob.owner().equals(peer)) {
        continue;
      }
      Set<Integer> wanted = new java.util.HashSet<>(ob.indexes());
      List<RegistryRecord> recs = new ArrayList<>();
      for (RegistryRecord r : allOf(ob.owner())) {
        if (!wanted.contains(RecordHash.bucket(r.agentId(), ob.bucketCount()))) {
          continue;
        }
        recs.add(visibleTo(peer, r));
        if (--room == 0) {
          segs.add(new RegistryDelta.Segment(ob.owner(), 0, 0, recs));
          out.add(new RegistryDelta(eid, segs));
          segs = new ArrayList<>();
          recs = new ArrayList<>();
          room = deltaMaxRecords;
        }
      }
      if (!recs.isEmpty()) {
        segs.add(new RegistryDelta.Segment(ob.owner(), 0, 0, recs));
      }
    }
    if (!segs.isEmpty()) {
      out.add(new RegistryDelta(eid, segs));
    }
    return out;
  }

  /**
   * Bucket digests of {@code records} as {@code viewer} may see them. Both sides of an audit hash
   * through the ACL filter of the other: the sender for the auditor, the auditor for the sender.
   * Each side then hashes what both may see, since a copy holds only what its own groups allow (a
   * restricted skill of a group the sender is not in is missing from its copy, and never a
   * difference: comparing it unfiltered pulled the same buckets at every audit).
   */
  private List<Long> digests(List<RegistryRecord> records, int n, Eid viewer) {
    long[] b = new long[n];
    for (RegistryRecord r : records) {
      RegistryRecord v = visibleTo(viewer, r);
      // Last seen moves with heartbeats without a version: it is not part of the compared content.
      byte[] content = encoder.toBytes(v.toBuilder().lastSeen(TimeLiteral.DTN_EPOCH).build());
      b[RecordHash.bucket(r.agentId(), n)] += RecordHash.of(content);
    }
    List<Long> out = new ArrayList<>(n);
    for (long x : b) {
      out.add(x);
    }
    return out;
  }

  /**
   * Every record held here, tombstones included, paged: this center's own first, then each other
   * owner's in EID order, each by counter. Costs {@code offset + limit} records read.
   */
  public synchronized List<RegistryRecord> records(int offset, int limit) {
    if (offset < 0 || limit < 0) {
      throw new IllegalArgumentException("offset and limit are not negative");
    }
    List<Eid> owners = new ArrayList<>(new TreeSet<>(store.owners()));
    owners.remove(eid);
    owners.add(0, eid);
    List<RegistryRecord> out = new ArrayList<>();
    int skip = offset;
    for (Eid owner : owners) {
      long after = 0;
      while (out.size() < limit) {
        List<RegistryRecord> page = store.byOwner(owner, after, PAGE);
        for (RegistryRecord r : page) {
          if (skip > 0) {
            skip--;
          } else if (out.size() < limit) {
            out.add(r);
          }
        }
        if (page.size() < PAGE) {
          break;
        }
        after = page.get(page.size() - 1).version().counter();
      }
    }
    return out;
  }

  private List<RegistryRecord> allOf(Eid owner) {
    List<RegistryRecord> all = new ArrayList<>();
    long after = 0;
    while (true) {
      List<RegistryRecord> page = store.byOwner(owner, after, PAGE);
      all.addAll(page);
      if (page.size() < PAGE) {
        return all;
      }
      after = page.get(page.size() - 1).version().counter();
    }
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

  /** The counter up to which this center holds every version of {@code owner}. */
  private long holds(Eid owner) {
    return owner.equals(eid) ? sequence : knowledge.getOrDefault(owner, 0L);
  }

  /**
   * Stores {@code r} if it is newer than what is held, by one total order on the versions of an
   * agent id: the earlier registration wins (a duplicate; the conflict is recorded), and within one
   * registration (one lineage: updates, takeovers, re-registration after a removal) the later
   * version stamp wins. Each center makes its versions after every stamp it has seen, so its new
   * versions always win over what it held: the order only moves forward and all centers end on the
   * same version. At the same version, skills that reached here by another path (other ACLs on the
   * way) are added to the held copy.
   */
  private void merge(RegistryRecord r, boolean repair) {
    if (r.home().equals(eid)) {
      return;
    }
    hlc.update(r.version().stamp());
    RegistryRecord s = store.get(r.agentId()).orElse(null);
    if (s == null) {
      if (!(repair && r.tombstone())) {
        store.put(r); // (an audit does not bring back tombstones of records not held here)
      }
      return;
    }
    if (r.version().equals(s.version())) {
      if (!s.skills().containsAll(r.skills())) {
        List<Skill> union = new ArrayList<>(s.skills());
        union.addAll(r.skills());
        store.put(s.toBuilder().skills(union).build());
      }
      return;
    }
    boolean incomingWins = newer(r, s);
    if (!r.registered().equals(s.registered())) {
      RegistryRecord winner = incomingWins ? r : s;
      RegistryRecord loser = incomingWins ? s : r;
      Conflict c = new Conflict(r.agentId(), winner.home(), loser.home(), clock.instant());
      Conflict old = conflicts.get(r.agentId());
      if (old == null || !old.winner().equals(c.winner()) || !old.loser().equals(c.loser())) {
        conflicts.put(r.agentId(), c);
        LOG.warn(
            "{}: agent {} registered at {} and {}; {} keeps it",
            eid,
            r.agentId(),
            winner.home(),
            loser.home(),
            winner.home());
      }
    }
    if (incomingWins) {
      store.put(r);
    }
  }

  /** True when {@code a} comes after {@code b} in the order of versions of one agent id. */
  static boolean newer(RegistryRecord a, RegistryRecord b) {
    int reg = a.registered().compareTo(b.registered());
    if (reg != 0) {
      return reg < 0;
    }
    return a.version().stamp().compareTo(b.version().stamp()) > 0;
  }

  /** The copy of a record a peer may see: restricted skills of groups it is not in removed. */
  private RegistryRecord visibleTo(Eid peer, RegistryRecord r) {
    Set<String> groups = peers.get(peer);
    boolean all = true;
    for (Skill s : r.skills()) {
      if (!s.isPublic() && !groups.contains(s.group())) {
        all = false;
        break;
      }
    }
    if (all) {
      return r;
    }
    List<Skill> keep = new ArrayList<>();
    for (Skill s : r.skills()) {
      if (s.isPublic() || groups.contains(s.group())) {
        keep.add(s);
      }
    }
    return r.toBuilder().skills(keep).build();
  }

  private void checkPeer(Eid peer) {
    if (!peers.containsKey(peer)) {
      throw new RegistryException(
          RegistryException.Code.INVALID, peer + " is not a peer of " + eid);
    }
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
    private final Map<Eid, Set<String>> peers = new HashMap<>();
    private int deltaMaxRecords = 1000;
    private Duration resendAfter = Duration.ofMinutes(10);
    private int auditPatience = 6;
    private Duration takeoverTime;
    private double guardShare = 0.5;
    private Duration guardWindow = Duration.ofMinutes(5);
    private int guardMinimum = 10;

    private Builder() {}

    /**
     * How long a peer home may stay silent before its records are taken over (by the heir, see
     * {@link RegistryCenter#takeOver()}); {@code null} (the default) never takes over.
     */
    public Builder takeoverTime(Duration v) {
      takeoverTime = v;
      return this;
    }

    /**
     * The partition guard: expiry is held when more than {@code share} of the center's online
     * agents would expire within {@code window}, provided it has at least {@code minimum} agents
     * (default 0.5, 5 minutes, 10).
     */
    public Builder partitionGuard(double share, Duration window, int minimum) {
      guardShare = share;
      guardWindow = window;
      guardMinimum = minimum;
      return this;
    }

    /** A peer center and the ACL groups it belongs to (which restricted skills it may see). */
    public Builder peer(Eid peer, Set<String> groups) {
      peers.put(Objects.requireNonNull(peer, "peer"), Set.copyOf(groups));
      return this;
    }

    /** The most records in one delta (default 1000); the rest follows in the next one. */
    public Builder deltaMaxRecords(int v) {
      deltaMaxRecords = v;
      return this;
    }

    /**
     * How long versions sent to a peer may stay unacknowledged (no ack of their owner moving)
     * before they are sent again (default 10 minutes). Until then a delta starts after what was
     * sent, so pushes over a slow or broken link do not repeat what is in flight.
     */
    public Builder resendAfter(Duration v) {
      resendAfter = v;
      return this;
    }

    /**
     * After how many audits in a row with differing summaries of an owner the bucket digests are
     * asked for whatever the knowledge counters say (default 6; 1 asks at every difference).
     */
    public Builder auditPatience(int v) {
      auditPatience = v;
      return this;
    }

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
      positive(resendAfter, "resendAfter");
      Objects.requireNonNull(retention, "retention");
      if (retention.isNegative()) {
        throw new IllegalArgumentException("retention is negative: " + retention);
      }
      if (peers.containsKey(eid)) {
        throw new IllegalArgumentException(eid + " cannot be its own peer");
      }
      if (takeoverTime != null) {
        positive(takeoverTime, "takeover time");
      }
      if (!(guardShare > 0 && guardShare <= 1)) {
        throw new IllegalArgumentException("the guard share must be in (0, 1], not " + guardShare);
      }
      positive(guardWindow, "guard window");
      if (guardMinimum < 1) {
        throw new IllegalArgumentException("the guard minimum must be >= 1, not " + guardMinimum);
      }
      if (auditPatience < 1) {
        throw new IllegalArgumentException("auditPatience must be >= 1, not " + auditPatience);
      }
      if (deltaMaxRecords < 1) {
        throw new IllegalArgumentException("deltaMaxRecords must be >= 1, not " + deltaMaxRecords);
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
