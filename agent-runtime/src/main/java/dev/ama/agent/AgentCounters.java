package dev.ama.agent;

/**
 * The agent's counters, as its EDDs report them.
 *
 * @param msgRx AMP messages received ({@code num-msg-rx})
 * @param msgRxFailed messages, or EXECSETs in them, that could not be decoded or executed ({@code
 *     num-msg-rx-failed})
 * @param msgTx AMP messages handed to the sender ({@code num-msg-tx})
 * @param msgTxFailed messages the sender refused ({@code num-msg-tx-failed})
 * @param execStarted controls started ({@code num-exec-started})
 * @param execSucceeded controls whose result was not undefined ({@code num-exec-succeeded})
 * @param execFailed controls whose result was undefined ({@code num-exec-failed})
 * @param accessDenied attempts the access-control list refused, report items withheld included
 * @param reportsSent RPTSETs handed to the sender
 * @param reportsConsolidated RPTSETs that travelled in a message together with an earlier one
 */
public record AgentCounters(
    long msgRx,
    long msgRxFailed,
    long msgTx,
    long msgTxFailed,
    long execStarted,
    long execSucceeded,
    long execFailed,
    long accessDenied,
    long reportsSent,
    long reportsConsolidated) {}
