package dev.ama.model.ari;

import java.util.Set;

/** Argument checks shared by the value constructors. */
final class Checks {
  private Checks() {}

  /**
   * Accepts {@code null} (untyped) or one of the allowed types. Callers pass a constant set: a
   * varargs array here would be allocated by every value constructed.
   */
  static void typeIn(AriType type, Set<AriType> allowed) {
    if (type != null && !allowed.contains(type)) {
      throw new IllegalArgumentException(
          "type " + type + " is not one of " + allowed + " or untyped");
    }
  }

  /** Accepts exactly the given type. */
  static void typeIs(AriType type, AriType required) {
    if (type != required) {
      throw new IllegalArgumentException("type must be " + required + ", not " + type);
    }
  }
}
