package dev.ama.agent.internal;

import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriId;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.ObjectRef;
import dev.ama.rules.expr.CompiledExpr;
import java.util.List;

/**
 * One object the agent hosts, in an ADM or an ODM. Objects are identified by their {@link #key()}
 * (absolute, by names), which is also how the rule engine and the store name them.
 */
public abstract class Obj {
  final Namespace ns;
  final AriType type;
  final String name;
  final Long enumValue;
  boolean obsolete;

  Obj(Namespace ns, AriType type, String name, Long enumValue) {
    this.ns = ns;
    this.type = type;
    this.name = name;
    this.enumValue = enumValue;
  }

  /** The reference by names, without parameters: {@code //org/model/TYPE/name}. */
  public ObjectRef ref() {
    return new ObjectRef(AriId.of(ns.org), AriId.of(ns.model), null, type, AriId.of(name), null);
  }

  /** The key: the text of {@link #ref()}. */
  public String key() {
    return key(ns.org, ns.model, type, name);
  }

  static String key(String org, String model, AriType type, String name) {
    return "//" + org + "/" + model + "/" + type + "/" + name;
  }

  @Override
  public String toString() {
    return key();
  }

  /** A CONST: a fixed value. */
  static final class Const extends Obj {
    final Ari semtype;
    final Ari value;

    Const(Namespace ns, String name, Long e, Ari semtype, Ari value) {
      super(ns, AriType.CONST, name, e);
      this.semtype = semtype;
      this.value = value;
    }
  }

  /** A VAR: a stored value, or one computed from an EXPR whenever it is read. */
  static final class Var extends Obj {
    final Ari semtype;
    Ari initValue;
    Ari value;
    final AcLiteral exprSource;
    final CompiledExpr expr;

    Var(
        Namespace ns,
        String name,
        Long e,
        Ari semtype,
        Ari initValue,
        AcLiteral exprSource,
        CompiledExpr expr) {
      super(ns, AriType.VAR, name, e);
      this.semtype = semtype;
      this.initValue = initValue;
      this.value = initValue;
      this.exprSource = exprSource;
      this.expr = expr;
    }

    boolean computed() {
      return expr != null;
    }
  }

  /** An EDD: a value produced by Java code. */
  static final class Edd extends Obj {
    final List<Formal> formals;
    final Functions.EddFn fn;

    Edd(Namespace ns, String name, Long e, List<Formal> formals, Functions.EddFn fn) {
      super(ns, AriType.EDD, name, e);
      this.formals = formals;
      this.fn = fn;
    }
  }

  /** A CTRL: Java code that runs. */
  static final class Ctrl extends Obj {
    final List<Formal> formals;
    final Functions.CtrlFn fn;

    Ctrl(Namespace ns, String name, Long e, List<Formal> formals, Functions.CtrlFn fn) {
      super(ns, AriType.CTRL, name, e);
      this.formals = formals;
      this.fn = fn;
    }
  }

  /** An IDENT, possibly abstract, derived from its bases. */
  static final class Ident extends Obj {
    final boolean isAbstract;
    final List<ObjectRef> bases;

    Ident(Namespace ns, String name, Long e, boolean isAbstract, List<ObjectRef> bases) {
      super(ns, AriType.IDENT, name, e);
      this.isAbstract = isAbstract;
      this.bases = List.copyOf(bases);
    }
  }

  /** An SBR or a TBR as ensured; its run-time state lives in the rule engine. */
  static final class Rule extends Obj {
    final Ari action;

    /** SBR: the condition; TBR: the start time (TP or TD). */
    final Ari conditionOrStart;

    /** SBR: the min-interval; TBR: the period. */
    final Ari intervalOrPeriod;

    final long maxCount;
    final boolean initEnabled;

    Rule(
        Namespace ns,
        AriType type,
        String name,
        Long e,
        Ari action,
        Ari conditionOrStart,
        Ari intervalOrPeriod,
        long maxCount,
        boolean initEnabled) {
      super(ns, type, name, e);
      this.action = action;
      this.conditionOrStart = conditionOrStart;
      this.intervalOrPeriod = intervalOrPeriod;
      this.maxCount = maxCount;
      this.initEnabled = initEnabled;
    }

    boolean sameDefinition(Rule o) {
      return type == o.type
          && action.equals(o.action)
          && conditionOrStart.equals(o.conditionOrStart)
          && intervalOrPeriod.equals(o.intervalOrPeriod)
          && maxCount == o.maxCount
          && initEnabled == o.initEnabled;
    }
  }

  /** An object the agent lists but does not run itself (OPERs, TYPEDEFs). */
  static final class Plain extends Obj {
    Plain(Namespace ns, AriType type, String name, Long e) {
      super(ns, type, name, e);
    }
  }
}
