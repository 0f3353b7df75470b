package dev.ama.manager;

import java.util.List;

/**
 * What {@link Manager#send} sent: one AMP message per EXECSET.
 *
 * @param agent the agent they went to
 * @param nonces the nonce of each EXECSET, in ARI text ({@code ari:17}), in order
 * @param execSets each EXECSET as sent, in ARI text
 */
public record SendResult(String agent, List<String> nonces, List<String> execSets) {
  public SendResult {
    nonces = List.copyOf(nonces);
    execSets = List.copyOf(execSets);
  }
}
