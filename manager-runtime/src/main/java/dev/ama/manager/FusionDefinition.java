package dev.ama.manager;

import dev.ama.grammar.ari.AriTextDecoder;
import dev.ama.grammar.lang.ExprCompiler;
import dev.ama.grammar.lang.LangException;
import dev.ama.grammar.lang.ObjectNames;
import dev.ama.manager.internal.EidGlob;
import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriDecodeException;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.text.AriTextEncoder;
import dev.ama.rules.expr.CompiledExpr;
import dev.ama.rules.expr.ExprException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A data fusion (the AMA data-fusion flow): a VAR the Manager computes from the latest reports of
 * other agents and reports on to other managers.
 *
 * <p>Each {@link Input} names agents (an endpoint ID, or a glob such as {@code ipn:2.*}), a report
 * source (e.g. an EDD) and which item of the report to take. When a report of an input arrives, the
 * Manager takes the latest value of each input within the {@link #window()} and applies the {@link
 * #function()} (or the {@link #expression()}, over the inputs by name); the result goes as an
 * RPTSET with a null nonce to every destination, and into the Manager's own report store. A
 * destination must be in the {@link #acl()}, or the definition is refused.
 *
 * <p>Example: manager B fuses {@code EDD1} of agent {@code ipn:2.1} and {@code EDD2} of agent
 * {@code ipn:3.1} into {@code V0 = sum} and reports it to manager A:
 *
 * <pre>{@code
 * FusionDefinition.builder()
 *     .name("V0")
 *     .input("ipn:2.1", "//example/app/EDD/EDD1")
 *     .input("ipn:3.1", "//example/app/EDD/EDD2")
 *     .function(FusionDefinition.Function.SUM)
 *     .destination("ipn:1.1")
 *     .acl("ipn:1.1")
 *     .build();
 * }</pre>
 */
public final class FusionDefinition {
  /** What a fusion computes from the values of its inputs. */
  public enum Function {
    /** The sum of the numeric values (an integer while every value is one, else a REAL64). */
    SUM,
    /** The mean of the numeric values, a REAL64. */
    AVERAGE,
    /** The smallest numeric value, as it was reported. */
    MIN,
    /** The largest numeric value, as it was reported. */
    MAX,
    /** How many values there are (one per input and agent), a UVAST. */
    COUNT,
    /** The value with the latest reference time. */
    LAST,
    /** An operator-language expression over the inputs by name. */
    EXPRESSION
  }

  /**
   * One input of a fusion.
   *
   * @param name how an expression names it
   * @param agent the agent's endpoint ID, or a glob ({@code *} matches any characters)
   * @param source the report source in canonical ARI text, e.g. {@code //example/app/EDD/EDD1}
   * @param item which item of the report holds the value, from 0
   */
  public record Input(String name, String agent, String source, int item) {
    /** Whether the agent is a glob, matching many. */
    public boolean isGlob() {
      return EidGlob.isGlob(agent);
    }
  }

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*");

  private final String name;
  private final List<Input> inputs;
  private final Function function;
  private final String expression;
  private final CompiledExpr compiled;
  private final Duration window;
  private final List<String> destinations;
  private final List<String> acl;
  private final boolean requireAll;

  private FusionDefinition(Builder b, List<Input> inputs, CompiledExpr compiled) {
    this.name = b.name;
    this.inputs = List.copyOf(inputs);
    this.function = b.function;
    this.expression = b.expression;
    this.compiled = compiled;
    this.window = b.window;
    this.destinations = List.copyOf(b.destinations);
    this.acl = List.copyOf(b.acl);
    this.requireAll = b.requireAll;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The fused VAR's name. */
  public String name() {
    return name;
  }

  public List<Input> inputs() {
    return inputs;
  }

  public Function function() {
    return function;
  }

  /** The expression's text, for {@link Function#EXPRESSION}; otherwise null. */
  public String expression() {
    return expression;
  }

  /** The compiled expression, for {@link Function#EXPRESSION}. */
  public Optional<CompiledExpr> compiledExpression() {
    return Optional.ofNullable(compiled);
  }

  /**
   * How old (by reference time, against the Manager's clock) a value may be and still count; empty
   * when any latest value counts.
   */
  public Optional<Duration> window() {
    return Optional.ofNullable(window);
  }

  /** The managers that get each fused report. */
  public List<String> destinations() {
    return destinations;
  }

  /** The endpoint IDs (or globs) allowed to receive the fused reports. */
  public List<String> acl() {
    return acl;
  }

  /**
   * Whether every input must have a value within the window before anything is computed (default
   * true: no partial sums); when false, the inputs that have one are used.
   */
  public boolean requireAll() {
    return requireAll;
  }

  /** Whether the ACL lets this endpoint receive the fused reports. */
  public boolean allows(String eid) {
    return acl.stream().anyMatch(pattern -> EidGlob.matches(pattern, eid));
  }

  /** A builder holding this definition's settings, to change some. */
  public Builder toBuilder() {
    Builder b = new Builder().name(name).requireAll(requireAll);
    inputs.forEach(i -> b.input(i.name(), i.agent(), i.source(), i.item()));
    if (function == Function.EXPRESSION) {
      b.expression(expression);
    } else {
      b.function(function);
    }
    if (window != null) {
      b.window(window);
    }
    destinations.forEach(b::destination);
    acl.forEach(b::acl);
    return b;
  }

  @Override
  public String toString() {
    return "fusion "
        + name
        + " = "
        + (expression != null ? expression : function)
        + " of "
        + inputs;
  }

  /** Builds a {@link FusionDefinition}; {@link #build()} checks every setting. */
  public static final class Builder {
    private String name;
    private final List<Input> inputs = new ArrayList<>();
    private Function function;
    private String expression;
    private Duration window;
    private final List<String> destinations = new ArrayList<>();
    private final List<String> acl = new ArrayList<>();
    private boolean requireAll = true;

    private Builder() {}

    /** The fused VAR's name (required): letters, digits, {@code _}, inner {@code -}. */
    public Builder name(String fusedName) {
      this.name = fusedName;
      return this;
    }

    /** An input: item 0 of the reports from {@code source} by {@code agent}; named in{@code n}. */
    public Builder input(String agent, String source) {
      return input(agent, source, 0);
    }

    /** An input: item {@code item} of the reports from {@code source} by {@code agent}. */
    public Builder input(String agent, String source, int item) {
      return input("in" + (inputs.size() + 1), agent, source, item);
    }

    /** A named input, for expressions. */
    public Builder input(String inputName, String agent, String source, int item) {
      inputs.add(new Input(inputName, agent, source, item));
      return this;
    }

    /** What to compute (required, unless {@link #expression(String)} is given). */
    public Builder function(Function f) {
      this.function = f;
      if (f != Function.EXPRESSION) {
        this.expression = null;
      }
      return this;
    }

    /**
     * An operator-language expression over the inputs by name ({@code a + b * 2}); sets the
     * function to {@link Function#EXPRESSION}. Inputs of an expression name one agent each.
     */
    public Builder expression(String text) {
      this.expression = text;
      this.function = Function.EXPRESSION;
      return this;
    }

    /** Only values whose reference time is within this long before now count. */
    public Builder window(Duration w) {
      this.window = w;
      return this;
    }

    /** A manager that gets the fused reports; it must be in the ACL. */
    public Builder destination(String eid) {
      destinations.add(eid);
      return this;
    }

    /** Endpoint IDs or globs allowed to receive the fused reports. */
    public Builder acl(String... eids) {
      acl.addAll(List.of(eids));
      return this;
    }

    /** See {@link FusionDefinition#requireAll()}. */
    public Builder requireAll(boolean all) {
      this.requireAll = all;
      return this;
    }

    /**
     * The definition.
     *
     * @throws IllegalStateException naming the setting that is missing or wrong: a name or input
     *     name that is not one, no input, a source that is not ARI text, an expression that does
     *     not compile, a window that is not positive, a destination outside the ACL
     */
    public FusionDefinition build() {
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalStateException(
            "name: a fusion names its VAR with letters, digits, '_' and inner '-', not " + name);
      }
      if (inputs.isEmpty()) {
        throw new IllegalStateException("inputs: fusion " + name + " has none");
      }
      if (function == null) {
        throw new IllegalStateException(
            "function: fusion " + name + " needs a function (sum, average, …) or an expression");
      }
      AriTextDecoder decoder = new AriTextDecoder();
      AriTextEncoder encoder = new AriTextEncoder();
      List<Input> checked = new ArrayList<>();
      Set<String> names = new HashSet<>();
      for (Input in : inputs) {
        if (in.name() == null || !NAME.matcher(in.name()).matches()) {
          throw new IllegalStateException(
              "inputs: an input name is letters, digits, '_' and inner '-', not " + in.name());
        }
        if (!names.add(in.name())) {
          throw new IllegalStateException("inputs: two inputs are named " + in.name());
        }
        if (in.agent() == null || !EidGlob.isValid(in.agent())) {
          throw new IllegalStateException(
              "inputs: input "
                  + in.name()
                  + " needs an agent endpoint ID or glob (ipn:2.1, ipn:2.*), not "
                  + in.agent());
        }
        if (in.item() < 0) {
          throw new IllegalStateException(
              "inputs: input " + in.name() + " takes item " + in.item() + "; items count from 0");
        }
        if (in.source() == null || in.source().isBlank()) {
          throw new IllegalStateException("inputs: input " + in.name() + " has no source");
        }
        String src = in.source().strip();
        Ari source;
        try {
          source = decoder.decode(src.startsWith("ari:") ? src : "ari:" + src);
        } catch (AriDecodeException e) {
          throw new IllegalStateException(
              "inputs: the source of input " + in.name() + " is not ARI text: " + e.getMessage(),
              e);
        }
        checked.add(new Input(in.name(), in.agent(), encoder.encode(source), in.item()));
      }
      CompiledExpr compiled = null;
      if (function == Function.EXPRESSION) {
        compiled = compile(checked);
      }
      if (window != null && (window.isNegative() || window.isZero())) {
        throw new IllegalStateException("window: must be positive, not " + window);
      }
      for (String a : acl) {
        if (a == null || !EidGlob.isValid(a)) {
          throw new IllegalStateException("acl: not an endpoint ID or glob: " + a);
        }
      }
      FusionDefinition def = new FusionDefinition(this, checked, compiled);
      for (String d : destinations) {
        if (d == null || d.isBlank() || EidGlob.isGlob(d)) {
          throw new IllegalStateException("destinations: not an endpoint ID: " + d);
        }
        if (!def.allows(d)) {
          throw new IllegalStateException(
              "destinations: "
                  + d
                  + " is not in the ACL of fusion "
                  + name
                  + " "
                  + acl
                  + "; a fused report never goes to a manager the ACL leaves out");
        }
      }
      return def;
    }

    private CompiledExpr compile(List<Input> checked) {
      if (expression == null || expression.isBlank()) {
        throw new IllegalStateException("expression: fusion " + name + " has an empty expression");
      }
      ObjectNames known = ObjectNames.of(List.of());
      for (Input in : checked) {
        if (in.isGlob()) {
          throw new IllegalStateException(
              "inputs: input "
                  + in.name()
                  + " of an expression names one agent, not the glob "
                  + in.agent());
        }
        known = known.with(in.name(), inputRef(in.name()));
      }
      CompiledExpr compiled;
      try {
        AcLiteral expr = new ExprCompiler(known).compile(expression, "fusion " + name);
        compiled = dev.ama.rules.expr.ExprCompiler.compile(expr);
      } catch (LangException e) {
        throw new IllegalStateException("expression: " + e.getMessage(), e);
      } catch (ExprException e) {
        throw new IllegalStateException("expression: fusion " + name + ": " + e.getMessage(), e);
      }
      Set<ObjectRef> inputs = new HashSet<>();
      checked.forEach(in -> inputs.add(inputRef(in.name())));
      for (ObjectRef ref : compiled.references()) {
        if (!inputs.contains(ref)) {
          throw new IllegalStateException(
              "expression: fusion "
                  + name
                  + " reads "
                  + new AriTextEncoder().encode(ref)
                  + "; an expression reads its inputs only, by name");
        }
      }
      return compiled;
    }
  }

  /** How an expression refers to an input: a VAR of the model {@code //ama/!fusion-input}. */
  public static ObjectRef inputRef(String inputName) {
    return ObjectRef.of("ama", "!fusion-input", AriType.VAR, Objects.requireNonNull(inputName));
  }
}
