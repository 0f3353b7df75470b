package dev.ama.rules.schedule.internal;

import dev.ama.rules.schedule.Rule;
import dev.ama.rules.schedule.RuleScheduler;
import dev.ama.rules.schedule.RuleState;
import dev.ama.rules.schedule.RuleStateListener;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run-time state of one rule in a {@link dev.ama.rules.schedule.RuleEngine}. Not API.
 *
 * <p>Every method is called with the engine's lock held; scheduled tasks take that lock before they
 * touch anything. At most one task is pending per rule: scheduling another cancels it, and a
 * generation number makes a task that was cancelled too late (already waiting for the lock) do
 * nothing.
 */
public abstract class RuleRunner {
  private static final Logger LOG = LoggerFactory.getLogger(RuleRunner.class);

  protected final RuleScheduler scheduler;
  private final Object lock;
  private final RuleStateListener listener;

  protected boolean enabled;
  protected long count;
  protected Instant lastRun;
  protected Instant nextRun;
  protected boolean removed;
  private RuleScheduler.Cancellable pending;
  private long generation;

  protected RuleRunner(RuleScheduler scheduler, Object lock, RuleStateListener listener) {
    this.scheduler = scheduler;
    this.lock = lock;
    this.listener = listener;
  }

  /** The rule's definition. */
  public abstract Rule rule();

  /** Schedules the first run or evaluation after the rule is enabled. */
  protected abstract void arm();

  /** Continues from a persisted state (the rule is already enabled or not accordingly). */
  protected abstract void resume(RuleState state);

  /** The current state. */
  public final RuleState state() {
    return new RuleState(rule().name(), enabled, count, lastRun, enabled ? nextRun : null);
  }

  /** Enables the rule as defined, when it is added. */
  public final void start() {
    if (rule().initEnabled()) {
      enabled = true;
      arm();
    }
    changed();
  }

  /** Enables (resetting the count) or disables the rule; nothing if it is already so. */
  public final void setEnabled(boolean on) {
    if (on == enabled) {
      return;
    }
    enabled = on;
    if (on) {
      count = 0;
      arm();
    } else {
      cancelPending();
    }
    changed();
  }

  /** Takes over a persisted state. */
  public final void restore(RuleState s) {
    cancelPending();
    count = s.count();
    lastRun = s.lastRun();
    enabled = s.enabled() && !reachedMax();
    if (enabled) {
      resume(s);
    }
    changed();
  }

  /** Stops the rule for good. */
  public final void remove() {
    removed = true;
    enabled = false;
    cancelPending();
  }

  /** Whether a task is pending. */
  protected final boolean hasPending() {
    return pending != null;
  }

  /** Replaces the pending task, if any, with {@code body} at {@code at}. */
  protected final void scheduleAt(Instant at, Runnable body) {
    cancelPending();
    long gen = generation;
    nextRun = at;
    pending =
        scheduler.schedule(
            at,
            () -> {
              synchronized (lock) {
                if (gen != generation || removed) {
                  return;
                }
                pending = null;
                nextRun = null;
                body.run();
              }
            });
  }

  /** Cancels the pending task, if any. */
  protected final void cancelPending() {
    generation++;
    nextRun = null;
    if (pending != null) {
      pending.cancel();
      pending = null;
    }
  }

  /**
   * Runs the action at {@code now}: counts it, and disables the rule when it reaches its max count.
   * An action that throws still counts as a run; the exception is logged.
   */
  protected final void runAction(Instant now) {
    count++;
    lastRun = now;
    try {
      rule().action().run(now, count);
    } catch (RuntimeException e) {
      LOG.error("the action of rule {} failed at {}", rule().name(), now, e);
    }
    if (enabled && reachedMax()) {
      enabled = false;
      cancelPending();
    }
  }

  /** Whether the rule may schedule its next time after an action (which may have changed it). */
  protected final boolean goesOn() {
    return enabled && !removed && pending == null;
  }

  private boolean reachedMax() {
    return rule().maxCount() > 0 && count >= rule().maxCount();
  }

  /** Tells the listener of the current state. */
  protected final void changed() {
    if (removed) {
      return;
    }
    try {
      listener.onRuleStateChanged(state());
    } catch (RuntimeException e) {
      LOG.error("the state listener failed for rule {}", rule().name(), e);
    }
  }
}
