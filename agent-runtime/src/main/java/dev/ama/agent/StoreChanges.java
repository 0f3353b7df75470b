package dev.ama.agent;

import dev.ama.model.ari.Ari;
import dev.ama.rules.schedule.RuleState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The changes of one execution, committed to an {@link AgentStore} together: definitions appended
 * to the log, VAR values set, rule states set or removed, and the delivery cursor.
 */
public final class StoreChanges {
  private final List<Ari> definitions = new ArrayList<>();
  private final Map<String, Ari> vars = new LinkedHashMap<>();
  private final Map<String, RuleState> rules = new LinkedHashMap<>();
  private final List<String> removedRules = new ArrayList<>();
  private long cursor = -1;

  /** Appends an accepted state-changing control to the definitions log. */
  public void addDefinition(Ari control) {
    definitions.add(Objects.requireNonNull(control, "control"));
  }

  /** Sets a VAR's value. */
  public void putVar(String key, Ari value) {
    vars.put(key, Objects.requireNonNull(value, "value"));
  }

  /** Sets a rule's state. */
  public void putRule(RuleState state) {
    removedRules.remove(state.name());
    rules.put(state.name(), state);
  }

  /** Forgets a rule's state. */
  public void removeRule(String name) {
    rules.remove(name);
    removedRules.add(name);
  }

  /** Records the delivery sequence these changes complete. */
  public void cursor(long sequence) {
    if (sequence < 0) {
      throw new IllegalArgumentException("a delivery sequence is >= 0, not " + sequence);
    }
    this.cursor = sequence;
  }

  public List<Ari> definitions() {
    return Collections.unmodifiableList(definitions);
  }

  public Map<String, Ari> vars() {
    return Collections.unmodifiableMap(vars);
  }

  public Map<String, RuleState> rules() {
    return Collections.unmodifiableMap(rules);
  }

  public List<String> removedRules() {
    return Collections.unmodifiableList(removedRules);
  }

  /** The delivery sequence, or -1 when none is recorded. */
  public long cursor() {
    return cursor;
  }

  /** True when there is nothing to write. */
  public boolean isEmpty() {
    return definitions.isEmpty()
        && vars.isEmpty()
        && rules.isEmpty()
        && removedRules.isEmpty()
        && cursor < 0;
  }
}
