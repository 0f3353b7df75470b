package dev.ama.agent.internal;

import dev.ama.agent.ExecutionContext;
import dev.ama.model.ari.Ari;
import java.time.Instant;

/**
 * One execution: who asked (a manager, or the agent itself for rules and start-up), the nonce its
 * reports carry, the rule whose action it is (for report options), and the time.
 */
final class Exec implements ExecutionContext {
  final String manager;
  final boolean asAgent;
  final String rule;
  final Ari nonce;
  final Instant now;

  Exec(String manager, boolean asAgent, String rule, Ari nonce, Instant now) {
    this.manager = manager;
    this.asAgent = asAgent;
    this.rule = rule;
    this.nonce = nonce;
    this.now = now;
  }

  @Override
  public String manager() {
    return manager;
  }

  @Override
  public Instant now() {
    return now;
  }

  @Override
  public boolean inRule() {
    return rule != null;
  }
}
