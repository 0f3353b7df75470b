package dev.ama.rules.expr;

import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.Params;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builders for EXPRs in tests. */
final class Exprs {
  private Exprs() {}

  static ObjectRef oper(String name) {
    return ObjectRef.of("ietf", "dtnma-agent", AriType.OPER, name);
  }

  static ObjectRef oper(String name, Ari... params) {
    return oper(name).withParams(new Params.Positional(List.of(params)));
  }

  static ObjectRef var(String name) {
    return ObjectRef.of("example", "!odm", AriType.VAR, name);
  }

  static ObjectRef edd(String name) {
    return ObjectRef.of("example", "adm", AriType.EDD, name);
  }

  static AcLiteral expr(Object... items) {
    Ari[] aris = new Ari[items.length];
    for (int i = 0; i < items.length; i++) {
      Object o = items[i];
      aris[i] =
          o instanceof Ari a ? a : o instanceof Integer n ? IntLiteral.of(n) : oper((String) o);
    }
    return AcLiteral.of(aris);
  }

  /** Evaluates an EXPR given as items (strings are OPER names, Integers untyped integers). */
  static Ari eval(Object... items) {
    return eval(Map.of(), items);
  }

  static Ari eval(Map<ObjectRef, Ari> values, Object... items) {
    try {
      Map<ObjectRef, Ari> copy = new HashMap<>(values);
      return ExprCompiler.compile(expr(items)).evaluate(copy::get);
    } catch (ExprException e) {
      throw new AssertionError(e);
    }
  }
}
