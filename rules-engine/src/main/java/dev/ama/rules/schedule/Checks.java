package dev.ama.rules.schedule;

import java.time.Duration;

/** Validation shared by {@link Tbr} and {@link Sbr}. */
final class Checks {
  private Checks() {}

  static void name(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a rule needs a non-blank name");
    }
  }

  static void positive(String rule, String what, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("rule " + rule + ": " + what + " must be > 0, not " + d);
    }
  }

  static void maxCount(String rule, long maxCount) {
    if (maxCount < 0) {
      throw new IllegalArgumentException(
          "rule " + rule + ": max count must be >= 0, not " + maxCount);
    }
  }
}
