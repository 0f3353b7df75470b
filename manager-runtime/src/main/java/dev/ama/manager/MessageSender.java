package dev.ama.manager;

/**
 * How the Manager's AMP messages leave: the node wires this to its transport ({@code
 * TransportNode.send}). Called with one whole AMP message per call.
 */
@FunctionalInterface
public interface MessageSender {
  /**
   * Hands one AMP message to the transport for {@code destination}.
   *
   * @throws Exception when the transport refuses it (the Manager counts and reports the failure)
   */
  void send(String destination, byte[] ampMessage) throws Exception;
}
