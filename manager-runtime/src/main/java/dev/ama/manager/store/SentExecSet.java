package dev.ama.manager.store;

import java.time.Instant;

/**
 * One EXECSET the Manager sent (or tried to), as it keeps it.
 *
 * @param nonce its nonce, from the Manager's persisted counter
 * @param agent where it went
 * @param time when it was sent
 * @param execSet the EXECSET in ARI text, nonce included
 * @param source the text it was compiled from (operator language or ARI text)
 * @param failure why the sender refused it; null when it was handed over
 */
public record SentExecSet(
    long nonce, String agent, Instant time, String execSet, String source, String failure) {
  /** Whether the sender took it. */
  public boolean sent() {
    return failure == null;
  }
}
