package dev.ama.rules.expr.internal;

import dev.ama.model.ari.AriType;
import dev.ama.model.ari.TextLiteral;
import dev.ama.rules.expr.ValueProvider;
import java.util.regex.Pattern;

/** match-regexp, match-type and convert-type. */
final class TypeNodes {
  private TypeNodes() {}

  /** match-regexp(regexp): a whole-text I-Regexp match of a text operand, within limits. */
  static final class MatchRegexp extends Node {
    private final Pattern pattern;
    private final Node operand;

    MatchRegexp(Pattern pattern, Node operand) {
      this.pattern = pattern;
      this.operand = operand;
    }

    @Override
    void eval(ValueProvider values, Frame f) {
      operand.eval(values, f);
      Boolean r =
          f.obj instanceof TextLiteral t && t.type() != AriType.LABEL
              ? IRegexp.matches(pattern, t.value())
              : null;
      if (r == null) {
        f.undefined();
      } else {
        f.bool(r);
      }
    }
  }

  /** match-type(desired); undefined for a type ama does not know ({@code null}). */
  static final class MatchType extends Node {
    private final Types.Type type;
    private final Node operand;

    MatchType(Types.Type type, Node operand) {
      this.type = type;
      this.operand = operand;
    }

    @Override
    void eval(ValueProvider values, Frame f) {
      operand.eval(values, f);
      if (type == null || f.kind == Frame.UNDEF) {
        f.undefined();
      } else {
        f.bool(type.matches(f.get()));
      }
    }
  }

  /** convert-type(desired); undefined for a type ama does not know or a failed conversion. */
  static final class ConvertType extends Node {
    private final Types.Type type;
    private final Node operand;

    ConvertType(Types.Type type, Node operand) {
      this.type = type;
      this.operand = operand;
    }

    @Override
    void eval(ValueProvider values, Frame f) {
      operand.eval(values, f);
      if (type == null || f.kind == Frame.UNDEF) {
        f.undefined();
      } else {
        f.set(type.convert(f.get()));
      }
    }
  }
}
