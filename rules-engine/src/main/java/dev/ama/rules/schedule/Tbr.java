package dev.ama.rules.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A time-based rule: runs its action on the grid {@code start + n·period}, at most {@code maxCount}
 * times (0 = unlimited) after being enabled. The start is either absolute ({@link #start()}) or
 * relative to the time the rule is added to an engine ({@link #startOffset()}); exactly one of the
 * two is set. Build with {@link #builder(String)}.
 *
 * @param name the rule's name
 * @param start the absolute first grid time, or {@code null} when relative
 * @param startOffset the first grid time relative to when the rule is added, or {@code null} when
 *     absolute
 * @param period the grid's step, positive
 * @param maxCount runs after which the rule disables itself, 0 for unlimited
 * @param action what runs
 * @param initEnabled whether the rule is enabled when added
 */
public record Tbr(
    String name,
    Instant start,
    Duration startOffset,
    Duration period,
    long maxCount,
    RuleAction action,
    boolean initEnabled)
    implements Rule {

  /** Checks every component, as {@link Builder#build()} does. */
  public Tbr {
    Checks.name(name);
    if ((start == null) == (startOffset == null)) {
      throw new IllegalArgumentException(
          "TBR " + name + ": give exactly one of an absolute start and a start offset");
    }
    if (startOffset != null && startOffset.isNegative()) {
      throw new IllegalArgumentException("TBR " + name + ": the start offset must be >= 0");
    }
    Checks.positive(name, "period", period);
    Checks.maxCount(name, maxCount);
    Objects.requireNonNull(action, "action");
  }

  /** A builder for a TBR named {@code name}: start now, enabled, unlimited. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Builds a {@link Tbr}; {@link #build()} validates. */
  public static final class Builder {
    private final String name;
    private Instant start;
    private Duration startOffset = Duration.ZERO;
    private Duration period;
    private long maxCount;
    private RuleAction action;
    private boolean initEnabled = true;

    private Builder(String name) {
      this.name = name;
    }

    /** An absolute first grid time. */
    public Builder start(Instant start) {
      this.start = Objects.requireNonNull(start, "start");
      this.startOffset = null;
      return this;
    }

    /** A first grid time relative to when the rule is added (the default: zero, now). */
    public Builder startAfter(Duration offset) {
      this.startOffset = Objects.requireNonNull(offset, "offset");
      this.start = null;
      return this;
    }

    /** The grid's step; required, positive. */
    public Builder period(Duration period) {
      this.period = period;
      return this;
    }

    /** Runs after which the rule disables itself; 0 (the default) for unlimited. */
    public Builder maxCount(long maxCount) {
      this.maxCount = maxCount;
      return this;
    }

    /** What runs; required. */
    public Builder action(RuleAction action) {
      this.action = action;
      return this;
    }

    /** Whether the rule is enabled when added (default true). */
    public Builder initEnabled(boolean initEnabled) {
      this.initEnabled = initEnabled;
      return this;
    }

    /**
     * The TBR.
     *
     * @throws IllegalArgumentException for a blank name, a missing or non-positive period, a
     *     negative max count or start offset
     * @throws NullPointerException for a missing action
     */
    public Tbr build() {
      return new Tbr(name, start, startOffset, period, maxCount, action, initEnabled);
    }
  }
}
