package dev.ama.transport;

/** Receives the bundles addressed to this node, one at a time, in the order they were stored. */
@FunctionalInterface
public interface DeliveryListener {
  /**
   * Handles one bundle. Returning normally means the application is done with it; throwing makes
   * the node offer the same delivery again a little later.
   */
  void onDelivery(Delivery delivery) throws Exception;
}
