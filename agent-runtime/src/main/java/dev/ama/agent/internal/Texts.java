package dev.ama.agent.internal;

import dev.ama.model.ari.Ari;
import dev.ama.model.ari.text.AriTextEncoder;

/** ARIs as text for log lines and error reasons, cut to a readable length. */
final class Texts {
  private static final AriTextEncoder TEXT = new AriTextEncoder();
  private static final int MAX = 200;

  private Texts() {}

  static String of(Ari ari) {
    String s;
    try {
      s = TEXT.encode(ari);
    } catch (RuntimeException e) {
      s = String.valueOf(ari);
    }
    return s.length() > MAX ? s.substring(0, MAX) + "…" : s;
  }
}
