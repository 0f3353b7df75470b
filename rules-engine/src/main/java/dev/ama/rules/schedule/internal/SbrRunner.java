package dev.ama.rules.schedule.internal;

import dev.ama.rules.schedule.RuleScheduler;
import dev.ama.rules.schedule.RuleState;
import dev.ama.rules.schedule.RuleStateListener;
import dev.ama.rules.schedule.Sbr;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SBR at run time. One task is pending at a time: the next evaluation, at most min-interval
 * after the last one. An evaluation earlier than min-interval after the last run (asked for by an
 * input change) is deferred to the end of that interval, never dropped. Not API.
 */
public final class SbrRunner extends RuleRunner {
  private static final Logger LOG = LoggerFactory.getLogger(SbrRunner.class);

  private final Sbr sbr;

  public SbrRunner(Sbr sbr, RuleScheduler scheduler, Object lock, RuleStateListener listener) {
    super(scheduler, lock, listener);
    this.sbr = sbr;
  }

  @Override
  public Sbr rule() {
    return sbr;
  }

  @Override
  protected void arm() {
    tickAt(scheduler.now());
  }

  @Override
  protected void resume(RuleState s) {
    arm();
  }

  /** An input of the condition changed: evaluate now, or at the end of the current interval. */
  public void inputChanged() {
    if (enabled && !removed) {
      cancelPending();
      evaluate(scheduler.now());
    }
  }

  private void tickAt(Instant due) {
    scheduleAt(due, () -> tick(due));
  }

  /** A real-time scheduler may fire a few milliseconds early: the evaluation counts as at due. */
  private void tick(Instant due) {
    Instant now = scheduler.now();
    evaluate(now.isBefore(due) ? due : now);
  }

  private void evaluate(Instant now) {
    if (lastRun != null) {
      Instant allowed = lastRun.plus(sbr.minInterval());
      if (now.isBefore(allowed)) {
        tickAt(allowed);
        return;
      }
    }
    boolean ran = false;
    if (test()) {
      runAction(now);
      ran = true;
    }
    if (goesOn()) {
      tickAt(now.plus(sbr.minInterval()));
    }
    if (ran) {
      changed();
    }
  }

  private boolean test() {
    try {
      return sbr.condition().test();
    } catch (RuntimeException e) {
      LOG.warn("the condition of rule {} failed; taken as false", sbr.name(), e);
      return false;
    }
  }
}
