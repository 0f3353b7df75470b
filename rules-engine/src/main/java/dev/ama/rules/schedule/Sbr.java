package dev.ama.rules.schedule;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A state-based rule: its condition is evaluated at least every {@code minInterval} and whenever
 * one of its {@code inputs} changes ({@link RuleEngine#inputChanged}); the action runs when the
 * condition is true, at most once per {@code minInterval}, at most {@code maxCount} times (0 =
 * unlimited) after being enabled. Build with {@link #builder(String)}.
 *
 * @param name the rule's name
 * @param condition what is evaluated
 * @param inputs the names of the inputs the condition reads (in an agent, its EDD and VAR
 *     references); may be empty
 * @param minInterval the evaluation period and the least time between two runs, positive
 * @param maxCount runs after which the rule disables itself, 0 for unlimited
 * @param action what runs
 * @param initEnabled whether the rule is enabled when added
 */
public record Sbr(
    String name,
    RuleCondition condition,
    Set<String> inputs,
    Duration minInterval,
    long maxCount,
    RuleAction action,
    boolean initEnabled)
    implements Rule {

  /** Checks every component, as {@link Builder#build()} does, and copies the inputs. */
  public Sbr {
    Checks.name(name);
    Objects.requireNonNull(condition, "condition");
    inputs = Set.copyOf(Objects.requireNonNull(inputs, "inputs"));
    Checks.positive(name, "min-interval", minInterval);
    Checks.maxCount(name, maxCount);
    Objects.requireNonNull(action, "action");
  }

  /** A builder for an SBR named {@code name}: enabled, unlimited, no inputs. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Builds an {@link Sbr}; {@link #build()} validates. */
  public static final class Builder {
    private final String name;
    private RuleCondition condition;
    private final Set<String> inputs = new LinkedHashSet<>();
    private Duration minInterval;
    private long maxCount;
    private RuleAction action;
    private boolean initEnabled = true;

    private Builder(String name) {
      this.name = name;
    }

    /** The condition; required. */
    public Builder condition(RuleCondition condition) {
      this.condition = condition;
      return this;
    }

    /** Adds input names the condition reads. */
    public Builder inputs(Collection<String> names) {
      inputs.addAll(names);
      return this;
    }

    /** Adds input names the condition reads. */
    public Builder inputs(String... names) {
      return inputs(Set.of(names));
    }

    /** The evaluation period and the least time between runs; required, positive. */
    public Builder minInterval(Duration minInterval) {
      this.minInterval = minInterval;
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
     * The SBR.
     *
     * @throws IllegalArgumentException for a blank name, a missing or non-positive min-interval or
     *     a negative max count
     * @throws NullPointerException for a missing condition or action
     */
    public Sbr build() {
      return new Sbr(name, condition, inputs, minInterval, maxCount, action, initEnabled);
    }
  }
}
