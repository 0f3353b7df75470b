package dev.ama.agent.internal;

import dev.ama.agent.AgentCounters;
import java.time.Instant;

/** The agent's counters; read and written with the agent's lock held. */
final class Counters {
  long msgRx;
  long msgRxFailed;
  long msgTx;
  long msgTxFailed;
  long execStarted;
  long execSucceeded;
  long execFailed;
  long accessDenied;
  long reportsSent;
  long reportsConsolidated;
  Instant lastMsgRx;
  String lastError;

  AgentCounters snapshot() {
    return new AgentCounters(
        msgRx,
        msgRxFailed,
        msgTx,
        msgTxFailed,
        execStarted,
        execSucceeded,
        execFailed,
        accessDenied,
        reportsSent,
        reportsConsolidated);
  }
}
