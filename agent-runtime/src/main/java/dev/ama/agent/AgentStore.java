package dev.ama.agent;

import dev.ama.model.ari.Ari;
import dev.ama.rules.schedule.RuleState;
import java.util.List;
import java.util.Map;

/**
 * Where an agent keeps what must survive a restart: the log of definitions it accepted (every
 * state-changing control, with its parameters as executed, in order), the VAR values, the rule
 * states and the delivery cursor. The agent reads it all once, at {@link Agent#start()}, and then
 * only writes, one {@link StoreChanges} per execution.
 *
 * <p>Implementations: {@link H2AgentStore} (a file), {@link InMemoryAgentStore} (tests,
 * simulations). Called with the agent's lock held, from one thread at a time.
 */
public interface AgentStore extends AutoCloseable {

  /**
   * Everything persisted.
   *
   * @throws AgentStoreException when it cannot be read
   */
  Contents load();

  /**
   * Applies the changes in one transaction, durable when this returns.
   *
   * @throws AgentStoreException when they could not be written; nothing of them is applied
   */
  void commit(StoreChanges changes);

  /** The last delivery sequence committed, -1 if none (delivery sequences start at 0). */
  long appliedUpTo();

  /** Closes the store; the agent does not use it afterwards. */
  @Override
  void close();

  /**
   * What a store holds.
   *
   * @param definitions the accepted state-changing controls, oldest first
   * @param vars VAR values by the VAR's key ({@code //org/model/VAR/name})
   * @param rules rule states by rule key
   * @param appliedUpTo the delivery cursor
   */
  record Contents(
      List<Ari> definitions,
      Map<String, Ari> vars,
      Map<String, RuleState> rules,
      long appliedUpTo) {
    /** Copies the collections. */
    public Contents {
      definitions = List.copyOf(definitions);
      vars = Map.copyOf(vars);
      rules = Map.copyOf(rules);
    }
  }
}
