package dev.ama.agent;

/**
 * How AMP messages leave the agent: a node wires this to its transport. Called with the agent's
 * lock held, so it should hand the bytes over (to a durable outbox) and return.
 */
@FunctionalInterface
public interface ReportSender {
  /**
   * Sends one AMP message.
   *
   * @param destination the manager's endpoint ID
   * @param ampMessage the message's bytes (version byte, then RPTSETs)
   * @param options the priority class and lifetime to send it with
   * @throws Exception when the message could not be handed over; the agent counts it in {@code
   *     num-msg-tx-failed} and logs it
   */
  void send(String destination, byte[] ampMessage, ReportOptions options) throws Exception;
}
