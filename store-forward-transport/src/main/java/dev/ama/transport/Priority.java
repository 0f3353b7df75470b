package dev.ama.transport;

/**
 * A bundle's priority class. Classes are drained strictly in order (expedited first); bundles of
 * one class go out in the order they were accepted. When the store is full, lower classes are
 * evicted to make room for higher ones.
 */
public enum Priority {
  BULK,
  NORMAL,
  EXPEDITED;

  private static final Priority[] VALUES = values();

  /** The class with this {@link #ordinal()}. */
  public static Priority ofCode(int code) {
    if (code < 0 || code >= VALUES.length) {
      throw new IllegalArgumentException("no priority class with code " + code);
    }
    return VALUES[code];
  }
}
