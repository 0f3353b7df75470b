package dev.ama.agent.internal;

import dev.ama.agent.ExecutionException;
import dev.ama.agent.ExecutionException.Code;
import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.TimeLiteral;
import dev.ama.rules.expr.CompiledExpr;
import dev.ama.rules.expr.Truthiness;
import dev.ama.rules.expr.ValueProvider;
import dev.ama.rules.schedule.RuleCondition;
import dev.ama.rules.schedule.RuleState;
import dev.ama.rules.schedule.Sbr;
import dev.ama.rules.schedule.Tbr;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The agent's SBRs and TBRs on the rule engine: each ensured rule becomes an engine rule named by
 * its key; its action runs as the agent; an SBR's inputs are the EDDs and VARs its condition reads.
 */
final class Rules {
  private final AgentCore core;
  private final Map<String, Obj.Rule> live = new LinkedHashMap<>();

  Rules(AgentCore core) {
    this.core = core;
  }

  /** Checks a rule's definition and adds it to the engine (disabled while replaying the log). */
  void add(Obj.Rule r) throws ExecutionException {
    boolean enabled = r.initEnabled && !core.replaying;
    long max = r.maxCount < 0 ? Long.MAX_VALUE : r.maxCount;
    if (r.type == AriType.TBR) {
      Duration period = positive(r.intervalOrPeriod, "period");
      Tbr.Builder b =
          Tbr.builder(r.key())
              .period(period)
              .maxCount(max)
              .initEnabled(enabled)
              .action((at, count) -> core.runRuleAction(r, at));
      TimeLiteral start = (TimeLiteral) r.conditionOrStart;
      if (start.type() == AriType.TD) {
        if (start.seconds() < 0) {
          throw new ExecutionException(
              Code.BAD_PARAMETERS, "a relative start time is not negative: " + Texts.of(start));
        }
        b.startAfter(start.toDuration());
      } else {
        b.start(start.toInstant());
      }
      core.engine.add(b.build());
    } else {
      Duration interval = positive(r.intervalOrPeriod, "min-interval");
      Set<String> inputs = new LinkedHashSet<>();
      RuleCondition condition = condition(r, inputs);
      core.engine.add(
          Sbr.builder(r.key())
              .condition(condition)
              .inputs(inputs)
              .minInterval(interval)
              .maxCount(max)
              .initEnabled(enabled)
              .action((at, count) -> core.runRuleAction(r, at))
              .build());
    }
    live.put(r.key(), r);
  }

  private static Duration positive(Ari td, String what) throws ExecutionException {
    Duration d = ((TimeLiteral) td).toDuration();
    if (d.isNegative() || d.isZero()) {
      throw new ExecutionException(Code.BAD_PARAMETERS, "a rule's " + what + " is positive");
    }
    return d;
  }

  /** The condition, compiled once; the keys of what it reads go to {@code inputs}. */
  private RuleCondition condition(Obj.Rule r, Set<String> inputs) throws ExecutionException {
    Ari c = r.conditionOrStart;
    ValueProvider values = core.agentValues(r.ns, r.key());
    if (c instanceof AcLiteral ac) {
      CompiledExpr expr = core.compile(ac);
      addInputs(expr, r, inputs);
      return () -> Truthiness.isTruthy(expr.evaluate(values));
    }
    if (c instanceof ObjectRef ref && Kind.valueObj(ref)) {
      Obj o = core.objects.resolve(ref, r.ns);
      inputs.add(o.key());
      if (o instanceof Obj.Const k && k.value instanceof AcLiteral ac && AgentCore.isExpr(ac)) {
        addInputs(core.compile(ac), r, inputs);
      }
      return () -> {
        Ari v = values.value(ref);
        if (v instanceof AcLiteral ac && AgentCore.isExpr(ac)) {
          try {
            v = core.evaluateExpr(core.agentExec(r.key()), ac, o.ns, false);
          } catch (ExecutionException e) {
            return false;
          }
        }
        return Truthiness.isTruthy(v);
      };
    }
    boolean constant = Truthiness.isTruthy(c);
    return () -> constant;
  }

  private void addInputs(CompiledExpr expr, Obj.Rule r, Set<String> inputs) {
    for (ObjectRef ref : expr.references()) {
      String k = core.objects.canonicalKey(ref, r.ns);
      if (k != null && ref.objectType() != AriType.CONST) {
        inputs.add(k);
      }
    }
  }

  void remove(Obj.Rule r) {
    if (live.remove(r.key()) != null) {
      core.engine.remove(r.key());
      core.ruleRemoved(r.key());
    }
  }

  void setEnabled(Obj.Rule r, boolean on) {
    core.engine.setEnabled(r.key(), on);
  }

  RuleState state(Obj.Rule r) {
    return core.ruleStates.get(r.key());
  }

  /** After the log is replayed: every rule continues from its persisted state. */
  void restoreAll(Map<String, RuleState> states) {
    for (Obj.Rule r : live.values()) {
      RuleState s = states.get(r.key());
      if (s != null) {
        core.engine.restore(r.key(), s);
      } else if (r.initEnabled) {
        core.engine.setEnabled(r.key(), true);
      }
    }
  }
}
