package dev.ama.model.ari;

import java.util.Arrays;

/** Argument checks shared by the value constructors. */
final class Checks {
  private Checks() {}

  /** Accepts {@code null} (untyped) or one of the allowed types. */
  static void typeIn(AriType type, AriType... allowed) {
    if (type == null) {
      return;
    }
    for (AriType a : allowed) {
      if (a == type) {
        return;
      }
    }
    throw new IllegalArgumentException(
        "type " + type + " is not one of " + Arrays.toString(allowed) + " or untyped");
  }

  /** Accepts exactly the given type. */
  static void typeIs(AriType type, AriType required) {
    if (type != required) {
      throw new IllegalArgumentException("type must be " + required + ", not " + type);
    }
  }
}
