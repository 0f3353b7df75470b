package dev.ama.agent;

import dev.ama.model.ari.Ari;
import dev.ama.rules.schedule.RuleState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link AgentStore} in memory, for tests and simulations. It survives the agent (not the
 * process): a new agent given the same store starts from what the previous one committed, as with a
 * file. Thread-safe.
 */
public final class InMemoryAgentStore implements AgentStore {
  private final List<Ari> definitions = new ArrayList<>();
  private final Map<String, Ari> vars = new LinkedHashMap<>();
  private final Map<String, RuleState> rules = new LinkedHashMap<>();
  private long cursor = -1;
  private long commits;

  @Override
  public synchronized Contents load() {
    return new Contents(definitions, vars, rules, cursor);
  }

  @Override
  public synchronized void commit(StoreChanges changes) {
    if (changes.isEmpty()) {
      return;
    }
    definitions.addAll(changes.definitions());
    vars.putAll(changes.vars());
    for (String r : changes.removedRules()) {
      rules.remove(r);
    }
    rules.putAll(changes.rules());
    if (changes.cursor() >= 0) {
      cursor = Math.max(cursor, changes.cursor());
    }
    commits++;
  }

  @Override
  public synchronized long appliedUpTo() {
    return cursor;
  }

  /** How many non-empty commits were made (to check that writes stay cheap). */
  public synchronized long commits() {
    return commits;
  }

  /** Closing keeps the contents: a later agent may use this store again. */
  @Override
  public void close() {}
}
