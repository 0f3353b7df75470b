package dev.ama.transport;

/**
 * Events of a transport node that an operator or application may want to see. Called from the
 * node's threads; must not block. Every method has an empty default.
 */
public interface TransportListener {
  /** A bundle's lifetime ran out while it waited; it was deleted and will never be sent. */
  default void onExpired(BundleId id, Eid destination, Priority priority) {}

  /** A bundle was evicted to make room for one of a higher class. */
  default void onEvicted(BundleId id, Eid destination, Priority priority) {}

  /** A link's state changed (up, down, in or out of contact). */
  default void onLinkChanged(String link, boolean usable, String reason) {}

  /** The store failed (full disk, I/O error); nothing accepted before is lost. */
  default void onStoreFailure(TransportException failure) {}
}
