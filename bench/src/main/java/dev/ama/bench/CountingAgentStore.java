package dev.ama.bench;

import dev.ama.agent.AgentStore;
import dev.ama.agent.StoreChanges;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link AgentStore} that counts the transactions it passes on to another: how many times the
 * agent under load writes its state (a rule run's state is one write).
 */
final class CountingAgentStore implements AgentStore {
  private final AgentStore store;
  private final AtomicLong commits = new AtomicLong();

  CountingAgentStore(AgentStore store) {
    this.store = store;
  }

  /** Non-empty commits passed on so far. */
  long commits() {
    return commits.get();
  }

  @Override
  public Contents load() {
    return store.load();
  }

  @Override
  public void commit(StoreChanges changes) {
    store.commit(changes);
    if (!changes.isEmpty()) {
      commits.incrementAndGet();
    }
  }

  @Override
  public long appliedUpTo() {
    return store.appliedUpTo();
  }

  @Override
  public void close() {
    store.close();
  }
}
