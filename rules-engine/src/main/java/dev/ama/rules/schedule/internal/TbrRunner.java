package dev.ama.rules.schedule.internal;

import dev.ama.rules.schedule.RuleScheduler;
import dev.ama.rules.schedule.RuleState;
import dev.ama.rules.schedule.RuleStateListener;
import dev.ama.rules.schedule.Tbr;
import java.time.Duration;
import java.time.Instant;

/**
 * A TBR at run time: one task pending at a time, at the next point of the grid. A run that happens
 * late (after downtime, or restored with a next run in the past) is one catch-up run, after which
 * the next run is the first grid point after it: missed runs are never replayed. Not API.
 */
public final class TbrRunner extends RuleRunner {
  private final Tbr tbr;

  /** A point of the grid, at or before every future run. */
  private Instant anchor;

  public TbrRunner(
      Tbr tbr, Instant addedAt, RuleScheduler scheduler, Object lock, RuleStateListener listener) {
    super(scheduler, lock, listener);
    this.tbr = tbr;
    this.anchor = tbr.start() != null ? tbr.start() : addedAt.plus(tbr.startOffset());
  }

  @Override
  public Tbr rule() {
    return tbr;
  }

  @Override
  protected void arm() {
    fireAt(gridAtOrAfter(scheduler.now()));
  }

  @Override
  protected void resume(RuleState s) {
    Instant now = scheduler.now();
    if (s.nextRun() == null) {
      arm();
      return;
    }
    // The persisted next run is a point of the original grid: the grid goes on from there.
    anchor = s.nextRun();
    fireAt(s.nextRun().isAfter(now) ? s.nextRun() : now);
  }

  private void fireAt(Instant due) {
    scheduleAt(due, () -> fire(due));
  }

  /**
   * Runs the action and schedules the next grid point after both now and {@code due}: a real-time
   * scheduler may fire a few milliseconds early, and that must not make the same grid point run
   * twice.
   */
  private void fire(Instant due) {
    Instant now = scheduler.now();
    runAction(now);
    if (goesOn()) {
      fireAt(gridAfter(now.isBefore(due) ? due : now));
    }
    changed();
  }

  /** The first grid point at or after {@code t}. */
  Instant gridAtOrAfter(Instant t) {
    if (!t.isAfter(anchor)) {
      return anchor;
    }
    Duration period = tbr.period();
    long n = Duration.between(anchor, t).dividedBy(period);
    Instant g = anchor.plus(period.multipliedBy(n));
    return g.isBefore(t) ? g.plus(period) : g;
  }

  /** The first grid point strictly after {@code t}. */
  Instant gridAfter(Instant t) {
    Instant g = gridAtOrAfter(t);
    return g.equals(t) ? g.plus(tbr.period()) : g;
  }
}
