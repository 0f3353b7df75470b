package dev.ama.rules.expr.internal;

import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriId;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.NamespaceRef;
import dev.ama.model.ari.ObjectRef;
import dev.ama.rules.expr.ValueProvider;

/**
 * The OPERs that inspect a reference value (is-org-private, is-model-odm, match-*-int-range,
 * is-same-ns, match-object-type, is-same-object). The operand is the value on the stack, used as a
 * reference: it is never read through the provider. A value that is not a reference of the kind the
 * OPER takes gives undefined; docs/expressions.md gives each OPER's rules.
 */
final class RefNodes {
  private RefNodes() {}

  /** The organisation identifier of an object or namespace reference; null for anything else. */
  private static AriId org(Ari v) {
    if (v instanceof ObjectRef ref) {
      return ref.org();
    }
    return v instanceof NamespaceRef ns ? ns.org() : null;
  }

  /** The model identifier of an object or namespace reference; null for anything else. */
  private static AriId model(Ari v) {
    if (v instanceof ObjectRef ref) {
      return ref.model();
    }
    return v instanceof NamespaceRef ns ? ns.model() : null;
  }

  /** True for a private organisation or an ODM model: a negative enum or a name with a bang. */
  private static boolean isPrivate(AriId id) {
    return id.isText() ? id.isOdmName() : id.number() < 0;
  }

  /** is-org-private and is-model-odm: undefined when the identifier is left to the context. */
  static final class IsPrivate extends Node {
    private final boolean ofModel;
    private final Node operand;

    IsPrivate(boolean ofModel, Node operand) {
      this.ofModel = ofModel;
      this.operand = operand;
    }

    @Override
    void eval(ValueProvider values, Frame f) {
      operand.eval(values, f);
      Ari v = f.obj;
      AriId id = ofModel ? model(v) : org(v);
      if (id == null) {
        f.undefined();
      } else {
        f.bool(isPrivate(id));
      }
    }
  }

  static final int ORG = 0;
  static final int MODEL = 1;
  static final int OBJECT = 2;

  /**
   * match-org-int-range, match-model-int-range, match-object-int-range: the identifier's integer
   * form within {@code [min, max]}. A name is translated through the known models; undefined when
   * it cannot be (an unknown model, or an identifier left to the context).
   */
  static final class MatchIntRange extends Node {
    private final int part;
    private final long min;
    private final long max;
    private final Node operand;

    MatchIntRange(int part, long min, long max, Node operand) {
      this.part = part;
      this.min = min;
      this.max = max;
      this.operand = operand;
    }

    @Override
    void eval(ValueProvider values, Frame f) {
      operand.eval(values, f);
      Long id = intForm(f.obj);
      if (id == null) {
        f.undefined();
      } else {
        f.bool(id >= min && id <= max);
      }
    }

    private Long intForm(Ari v) {
      if (part == OBJECT) {
        return v instanceof ObjectRef ref ? Identity.objectEnum(ref) : null;
      }
      AriId org = org(v);
      AriId model = model(v);
      if (part == ORG) {
        return org == null ? null : Identity.orgEnum(org);
      }
      if (model == null || (org == null && model.isText())) {
        return null;
      }
      return Identity.modelEnum(org, model);
    }
  }

  /**
   * is-same-ns(desired): the operand's namespace (an object reference's organisation and model, or
   * a namespace reference) is the desired one. Undefined when the operand's namespace is left to
   * the context.
   */
  static final class IsSameNs extends Node {
    private final NamespaceRef desired;
    private final Node operand;

    IsSameNs(NamespaceRef desired, Node operand) {
      this.desired = desired;
      this.operand = operand;
    }

    @Override
    void eval(ValueProvider values, Frame f) {
      operand.eval(values, f);
      Ari v = f.obj;
      AriId org = org(v);
      AriId model = model(v);
      if (org == null || model == null) {
        f.undefined();
      } else {
        f.bool(Identity.sameNamespace(org, model, desired.org(), desired.model()));
      }
    }
  }

  /**
   * match-object-type(desired): the operand is an object reference of the desired type ({@code
   * OBJECT} matches every object type). Undefined when the desired type is unknown ({@code null}).
   */
  static final class MatchObjectType extends Node {
    private final AriType desired;
    private final Node operand;

    MatchObjectType(AriType desired, Node operand) {
      this.desired = desired;
      this.operand = operand;
    }

    @Override
    void eval(ValueProvider values, Frame f) {
      operand.eval(values, f);
      if (desired == null || !(f.obj instanceof ObjectRef ref)) {
        f.undefined();
      } else {
        f.bool(desired == AriType.OBJECT || ref.objectType() == desired);
      }
    }
  }

  /**
   * is-same-object(desired): the operand is a reference to the desired object. False for a
   * reference whose namespace is left to the context (YANG: a failed de-reference is false).
   */
  static final class IsSameObject extends Node {
    private final ObjectRef desired;
    private final Node operand;

    IsSameObject(ObjectRef desired, Node operand) {
      this.desired = desired;
      this.operand = operand;
    }

    @Override
    void eval(ValueProvider values, Frame f) {
      operand.eval(values, f);
      if (!(f.obj instanceof ObjectRef ref)) {
        f.undefined();
      } else {
        f.bool(ref.org() != null && ref.model() != null && Identity.sameObject(ref, desired));
      }
    }
  }
}
