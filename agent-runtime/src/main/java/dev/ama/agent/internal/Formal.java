package dev.ama.agent.internal;

import dev.ama.model.ari.Ari;
import java.util.List;

/**
 * A formal parameter of a built-in object, as its YANG defines it: a name, a kind of value and a
 * default ({@code null} when the parameter is required).
 */
record Formal(String name, Kind kind, Ari defaultValue) {

  static Formal required(String name, Kind kind) {
    return new Formal(name, kind, null);
  }

  static Formal optional(String name, Kind kind, Ari defaultValue) {
    return new Formal(name, kind, defaultValue);
  }

  static List<Formal> of(Formal... formals) {
    return List.of(formals);
  }
}
