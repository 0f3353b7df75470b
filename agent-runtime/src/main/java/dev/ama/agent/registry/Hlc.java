package dev.ama.agent.registry;

import dev.ama.transport.Eid;
import java.time.Clock;
import java.util.Objects;

/**
 * A hybrid logical clock (Kulkarni et al.): stamps that follow the local clock when it moves, never
 * go backwards when it does not, and come after every stamp this node has seen. Centers do not
 * trust each other's clocks for ordering: a stamp only says "after what I knew".
 */
public final class Hlc {
  private final Clock clock;
  private final Eid node;
  private long physical;
  private long logical;

  /**
   * @param clock the local clock (injected; a fixed or virtual clock in tests)
   * @param node the center that makes the stamps
   */
  public Hlc(Clock clock, Eid node) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.node = Objects.requireNonNull(node, "node");
  }

  /** The node that makes the stamps. */
  public Eid node() {
    return node;
  }

  /** A new stamp for a local event: after every stamp made or seen before. */
  public synchronized HlcTimestamp now() {
    long pt = Math.max(0, clock.millis());
    if (pt > physical) {
      physical = pt;
      logical = 0;
    } else {
      logical++;
    }
    return new HlcTimestamp(physical, logical, node);
  }

  /**
   * Takes a stamp seen from elsewhere into account and returns a new local stamp after both it and
   * every earlier local stamp.
   */
  public synchronized HlcTimestamp update(HlcTimestamp remote) {
    long pt = Math.max(0, clock.millis());
    long max = Math.max(pt, Math.max(physical, remote.physicalMillis()));
    if (max == physical && max == remote.physicalMillis()) {
      logical = Math.max(logical, remote.logical()) + 1;
    } else if (max == physical) {
      logical++;
    } else if (max == remote.physicalMillis()) {
      logical = remote.logical() + 1;
    } else {
      logical = 0;
    }
    physical = max;
    return new HlcTimestamp(physical, logical, node);
  }

  /**
   * Moves the clock past a stamp without making an event (used when a center reopens its store).
   */
  public synchronized void witness(HlcTimestamp seen) {
    if (seen.physicalMillis() > physical
        || (seen.physicalMillis() == physical && seen.logical() > logical)) {
      physical = seen.physicalMillis();
      logical = seen.logical();
    }
  }
}
