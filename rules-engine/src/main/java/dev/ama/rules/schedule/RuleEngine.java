package dev.ama.rules.schedule;

import dev.ama.rules.schedule.internal.RuleRunner;
import dev.ama.rules.schedule.internal.SbrRunner;
import dev.ama.rules.schedule.internal.TbrRunner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * Schedules {@link Tbr}s and {@link Sbr}s on a {@link RuleScheduler}, with the semantics of {@code
 * docs/rules.md}: TBRs on their {@code start + n·period} grid with one catch-up run after downtime,
 * SBRs evaluated at least every min-interval and on input changes, running at most once per
 * min-interval, max counts that disable, enabling that resets the count.
 *
 * <p>Thread-safe: every method and every scheduled task holds one lock. Actions, conditions and the
 * {@link RuleStateListener} run with that lock held, on the scheduler's thread or on the thread
 * that called {@link #inputChanged}; they may call this engine back (the lock is reentrant) but
 * must not wait for another thread that does.
 */
public final class RuleEngine {
  private final Object lock;
  private final RuleScheduler scheduler;
  private final RuleStateListener listener;
  private final Map<String, RuleRunner> rules = new LinkedHashMap<>();
  private final Map<String, List<SbrRunner>> byInput = new HashMap<>();

  /** An engine on {@code scheduler} whose state changes go nowhere. */
  public RuleEngine(RuleScheduler scheduler) {
    this(scheduler, state -> {});
  }

  /** An engine on {@code scheduler} that tells {@code listener} of every rule state change. */
  public RuleEngine(RuleScheduler scheduler, RuleStateListener listener) {
    this(scheduler, listener, new Object());
  }

  /**
   * An engine that guards its rules with the caller's {@code lock} instead of one of its own. An
   * owner that calls the engine while holding its own lock, and whose actions take that lock (an
   * agent running controls one at a time), passes it here: one lock for both means no lock-order
   * deadlock between a scheduler thread running an action and a caller changing a rule.
   */
  public RuleEngine(RuleScheduler scheduler, RuleStateListener listener, Object lock) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.lock = Objects.requireNonNull(lock, "lock");
  }

  /** The scheduler this engine runs on (and reads the time from). */
  public RuleScheduler scheduler() {
    return scheduler;
  }

  /**
   * Adds a rule, enabled if its {@code initEnabled} says so. A TBR's relative start counts from
   * now; its first run is the first grid point at or after now. An enabled SBR is evaluated now.
   *
   * @throws IllegalArgumentException when a rule of that name exists
   */
  public void add(Rule rule) {
    Objects.requireNonNull(rule, "rule");
    synchronized (lock) {
      if (rules.containsKey(rule.name())) {
        throw new IllegalArgumentException("a rule named " + rule.name() + " exists");
      }
      RuleRunner runner;
      if (rule instanceof Tbr tbr) {
        runner = new TbrRunner(tbr, scheduler.now(), scheduler, lock, listener);
      } else {
        Sbr sbr = (Sbr) rule;
        SbrRunner s = new SbrRunner(sbr, scheduler, lock, listener);
        for (String input : sbr.inputs()) {
          byInput.computeIfAbsent(input, k -> new ArrayList<>()).add(s);
        }
        runner = s;
      }
      rules.put(rule.name(), runner);
      runner.start();
    }
  }

  /** Removes a rule: it never runs again. Returns false if there was none of that name. */
  public boolean remove(String name) {
    synchronized (lock) {
      RuleRunner runner = rules.remove(name);
      if (runner == null) {
        return false;
      }
      runner.remove();
      if (runner instanceof SbrRunner s) {
        for (String input : s.rule().inputs()) {
          List<SbrRunner> list = byInput.get(input);
          list.remove(s);
          if (list.isEmpty()) {
            byInput.remove(input);
          }
        }
      }
      return true;
    }
  }

  /**
   * Enables or disables a rule. Enabling a disabled rule resets its count to 0 and schedules it
   * afresh (a TBR at its next grid point, an SBR evaluated now); enabling an enabled rule, or
   * disabling a disabled one, changes nothing.
   *
   * @throws NoSuchElementException when there is no rule of that name
   */
  public void setEnabled(String name, boolean enabled) {
    synchronized (lock) {
      runner(name).setEnabled(enabled);
    }
  }

  /**
   * Tells the SBRs that read {@code input} that it changed: each enabled one is evaluated now if
   * its action last ran at least min-interval ago, otherwise at the end of that interval. Unknown
   * inputs are ignored.
   */
  public void inputChanged(String input) {
    synchronized (lock) {
      List<SbrRunner> list = byInput.get(input);
      if (list != null) {
        for (SbrRunner s : List.copyOf(list)) {
          s.inputChanged();
        }
      }
    }
  }

  /**
   * The state of a rule.
   *
   * @throws NoSuchElementException when there is no rule of that name
   */
  public RuleState state(String name) {
    synchronized (lock) {
      return runner(name).state();
    }
  }

  /** The names of the rules, in the order they were added. */
  public Set<String> names() {
    synchronized (lock) {
      return Collections.unmodifiableSet(new LinkedHashSet<>(rules.keySet()));
    }
  }

  /**
   * Continues a rule from a state persisted before a restart (the rule was added again first). The
   * count, last run and enabled flag are taken over; a rule whose count has reached its max count
   * stays disabled. An enabled TBR whose next run is in the past runs once now (one catch-up run,
   * however many were missed) and then at the points of its original grid after now; one whose next
   * run is in the future runs then. An enabled SBR is evaluated now, min-interval after its last
   * run respected.
   *
   * @throws NoSuchElementException when there is no rule of that name
   * @throws IllegalArgumentException when the state names another rule
   */
  public void restore(String name, RuleState state) {
    Objects.requireNonNull(state, "state");
    if (!state.name().equals(name)) {
      throw new IllegalArgumentException(
          "the state of " + state.name() + " cannot be restored into rule " + name);
    }
    synchronized (lock) {
      runner(name).restore(state);
    }
  }

  private RuleRunner runner(String name) {
    RuleRunner r = rules.get(name);
    if (r == null) {
      throw new NoSuchElementException("no rule named " + name);
    }
    return r;
  }
}
