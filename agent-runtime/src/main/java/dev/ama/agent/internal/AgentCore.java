package dev.ama.agent.internal;

import dev.ama.agent.AccessEntry;
import dev.ama.agent.AclGroup;
import dev.ama.agent.AgentStatus;
import dev.ama.agent.AgentStore;
import dev.ama.agent.ExecutionException;
import dev.ama.agent.ExecutionException.Code;
import dev.ama.agent.Permission;
import dev.ama.agent.ReportOptions;
import dev.ama.agent.StoreChanges;
import dev.ama.model.adm.AmaModels;
import dev.ama.model.amp.AmpMessage;
import dev.ama.model.amp.AmpMessageDecoder;
import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriDecodeException;
import dev.ama.model.ari.AriId;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.ExecSetLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.NamespaceRef;
import dev.ama.model.ari.NullLiteral;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.Params;
import dev.ama.model.ari.Report;
import dev.ama.model.ari.RptSetLiteral;
import dev.ama.model.ari.TextLiteral;
import dev.ama.model.ari.TimeLiteral;
import dev.ama.rules.expr.CompiledExpr;
import dev.ama.rules.expr.ExprCompiler;
import dev.ama.rules.expr.ExprException;
import dev.ama.rules.expr.ValueProvider;
import dev.ama.rules.expr.VarDefinitions;
import dev.ama.rules.schedule.RuleEngine;
import dev.ama.rules.schedule.RuleState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's engine: object store, execution of EXECSETs and rule actions, reports, access
 * control, persistence. Everything runs under one lock, shared with the rule engine, so executions
 * happen one at a time and a scheduler thread can never deadlock with a message. Not API: {@code
 * dev.ama.agent.Agent} is.
 */
public final class AgentCore {
  private static final Logger LOG = LoggerFactory.getLogger(AgentCore.class);

  /** How deeply macros (and if-then-else / catch branches) may nest. */
  public static final int MAX_DEPTH = 8;

  static final TimeLiteral ZERO = TimeLiteral.td(0, 0);

  final Object lock = new Object();
  final Config config;
  final AgentStore store;
  final ObjectStore objects = new ObjectStore();
  final Counters counters = new Counters();
  final Reporter reporter;
  final AccessControl acl;
  final RuleEngine engine;
  final Rules rules;
  final VarDefinitions varDefs = new VarDefinitions();
  final Map<String, ReportOptions> reportOptions = new LinkedHashMap<>();
  final Map<String, RuleState> ruleStates = new LinkedHashMap<>();
  final Map<Long, Ari[]> running = new LinkedHashMap<>();
  private final AmpMessageDecoder decoder;
  private final Map<AcLiteral, CompiledExpr> exprCache =
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<AcLiteral, CompiledExpr> e) {
          return size() > 1024;
        }
      };

  Namespace agentNs;
  Namespace aclNs;
  Namespace amaNs;
  Obj.Var defaultAccessVar;
  private StoreChanges pending;
  boolean replaying;
  private boolean started;
  private boolean closed;
  private long nextPid = 1;

  /** The depth and namespace of the control running now, for the branches it executes. */
  int currentDepth;

  Namespace currentNs;

  /** The rule whose action runs now (for the options of reports an application sends), or null. */
  String currentRule;

  /** Builds the engine from a checked configuration; {@link #start()} loads the store. */
  public AgentCore(Config config) {
    this.config = config;
    this.store = config.store();
    this.decoder = new AmpMessageDecoder(config.limits());
    this.reporter =
        new Reporter(
            lock,
            config.scheduler(),
            config.sender(),
            config.consolidationWindow(),
            config.maxMessageBytes(),
            counters);
    this.acl = new AccessControl(this::defaultAccess);
    this.engine = new RuleEngine(config.scheduler(), this::onRuleState, lock);
    this.rules = new Rules(this);
    Builtins.install(this);
    for (dev.ama.agent.Adm adm : config.adms()) {
      Builtins.installApplication(this, adm);
    }
    this.currentNs = agentNs;
    acl.values(agentValues(agentNs, null));
  }

  // ---- life cycle ----

  /** Loads the persisted state, restores rules, sends hello. */
  public void start() {
    synchronized (lock) {
      if (started) {
        throw new IllegalStateException("the agent is already started");
      }
      if (closed) {
        throw new IllegalStateException("the agent is closed");
      }
      started = true;
      AgentStore.Contents contents = store.load();
      topLevel(
          -1,
          () -> {
            Exec ctx = agentExec(null);
            for (AclGroup g : config.groups()) {
              try {
                acl.configure(g, ctx.now);
              } catch (ExecutionException e) {
                LOG.error("configured access group {} refused: {}", g.id(), e.getMessage());
              }
            }
            for (AccessEntry e : config.entries()) {
              try {
                acl.ensureAccess(
                    e.id(),
                    e.groupIds(),
                    canonicalFilter(e.objects()),
                    permissionRefs(e.permissions()),
                    ctx.now);
              } catch (ExecutionException ex) {
                LOG.error("configured access entry {} refused: {}", e.id(), ex.getMessage());
              }
            }
            replaying = true;
            try {
              for (Ari def : contents.definitions()) {
                replay(def);
              }
              contents.vars().forEach(this::restoreVar);
            } finally {
              replaying = false;
            }
            rules.restoreAll(contents.rules());
            if (!config.helloTo().isEmpty()) {
              ObjectRef hello = ObjectRef.of("ietf", "dtnma-agent", AriType.CONST, "hello");
              try {
                reportOn(ctx, hello, config.helloTo());
              } catch (ExecutionException e) {
                LOG.error("hello report failed: {}", e.getMessage());
              }
            }
          });
      LOG.info(
          "agent {} started: {} definitions replayed, {} rules",
          config.eid(),
          contents.definitions().size(),
          engine.names().size());
    }
  }

  /** Stops the rules, sends what waits, closes the store. */
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      for (String name : engine.names()) {
        engine.remove(name);
      }
      reporter.flushAll();
      store.close();
    }
  }

  // ---- entry points ----

  /** One AMP message from a manager; see {@code Agent.onMessage}. */
  public void onMessage(String from, byte[] message, long cursor) {
    synchronized (lock) {
      checkOpen();
      topLevel(
          cursor,
          () -> {
            Instant now = now();
            counters.msgRx++;
            counters.lastMsgRx = now;
            AmpMessage m;
            try {
              m = decoder.decode(message == null ? new byte[0] : message);
            } catch (AriDecodeException e) {
              counters.msgRxFailed++;
              badInput(from, "the message cannot be decoded (" + e.code() + "): " + e.getMessage());
              return;
            } catch (RuntimeException e) {
              counters.msgRxFailed++;
              badInput(from, "the message cannot be decoded: " + e);
              return;
            }
            for (int i = 0; i < m.items().size(); i++) {
              Ari item = m.items().get(i);
              if (item instanceof ExecSetLiteral es) {
                runExecSet(from, false, es);
              } else {
                counters.msgRxFailed++;
                badInput(from, "item " + i + " is not an EXECSET; an agent executes only EXECSETs");
              }
            }
          });
    }
  }

  /** An EXECSET as if it came from {@code from}. */
  public void execute(String from, ExecSetLiteral es) {
    synchronized (lock) {
      checkOpen();
      // The agent's own EID is the agent itself (group 0): start-up files run so.
      topLevel(-1, () -> runExecSet(from, from.equals(config.eid()), es));
    }
  }

  /** An application's EDD changed: the SBRs that read it react now. */
  public void eddChanged(ObjectRef edd) {
    synchronized (lock) {
      checkOpen();
      Obj o = objects.find(edd, agentNs);
      if (o == null) {
        LOG.warn("eddChanged for {}, which the agent does not host", Texts.of(edd));
        return;
      }
      topLevel(-1, () -> inputChanged(o.key()));
    }
  }

  /**
   * An application's report: one RPTSET of {@code source} with {@code items} for {@code
   * destination}, through consolidation, with the report options of the rule running now (when
   * called from a CTRL a rule executes) or of the source object, if the destination may produce the
   * source.
   *
   * @return false when the destination may not produce the source (nothing is sent)
   */
  public boolean report(String destination, ObjectRef source, List<Ari> items) {
    synchronized (lock) {
      checkOpen();
      boolean[] sent = {false};
      topLevel(
          -1,
          () -> {
            Obj o = objects.find(source, agentNs);
            if (o == null) {
              throw new IllegalArgumentException("the agent hosts no " + Texts.of(source));
            }
            if (!acl.permitted(destination, o.ref(), o.key(), Permission.PRODUCE)) {
              counters.accessDenied++;
              LOG.warn(
                  "report {} to {} withheld: it may not produce {}", o.key(), destination, o.key());
              return;
            }
            queueTo(
                destination,
                optionsFor(currentRule, o.key()),
                new RptSetLiteral(
                    NullLiteral.UNTYPED,
                    TimeLiteral.tp(now()),
                    List.of(new Report(ZERO, source, List.copyOf(items)))));
            sent[0] = true;
          });
      return sent[0];
    }
  }

  /** The delivery cursor. */
  public long appliedUpTo() {
    synchronized (lock) {
      return store.appliedUpTo();
    }
  }

  public AgentStatus status() {
    synchronized (lock) {
      return new AgentStatus(
          config.eid(),
          counters.snapshot(),
          List.copyOf(ruleStates.values()),
          objects.odmCount(),
          objects.liveObjectCount());
    }
  }

  private void checkOpen() {
    if (!started) {
      throw new IllegalStateException("start the agent first");
    }
    if (closed) {
      throw new IllegalStateException("the agent is closed");
    }
  }

  /**
   * Runs one top-level unit of work (a message, a rule action, an application call): its state
   * changes commit together when it ends, with the delivery cursor when one is given, and then the
   * reports it produced leave (at once with a zero window).
   */
  void topLevel(long cursor, Runnable body) {
    boolean outer = pending == null;
    if (outer) {
      pending = new StoreChanges();
    }
    try {
      body.run();
    } finally {
      if (outer) {
        StoreChanges c = pending;
        pending = null;
        if (cursor >= 0) {
          c.cursor(cursor);
        }
        try {
          store.commit(c);
        } finally {
          reporter.executionEnded();
        }
      }
    }
  }

  Instant now() {
    return config.scheduler().now();
  }

  Exec agentExec(String rule) {
    return new Exec(config.eid(), true, rule, NullLiteral.UNTYPED, now());
  }

  // ---- persistence helpers ----

  /** Appends a state-changing control, with its parameters as executed, to the log. */
  void logDefinition(ObjectRef ctrl, List<Ari> params) {
    if (replaying || pending == null) {
      return;
    }
    pending.addDefinition(ctrl.withParams(new Params.Positional(params)));
  }

  void logVar(Obj.Var v) {
    if (!replaying && pending != null && !v.computed()) {
      pending.putVar(v.key(), v.value);
    }
  }

  private void onRuleState(RuleState s) {
    ruleStates.put(s.name(), s);
    if (replaying) {
      return;
    }
    if (pending != null) {
      pending.putRule(s);
    } else {
      StoreChanges c = new StoreChanges();
      c.putRule(s);
      store.commit(c);
    }
  }

  void ruleRemoved(String key) {
    ruleStates.remove(key);
    if (!replaying && pending != null) {
      pending.removeRule(key);
    }
  }

  private void replay(Ari def) {
    if (!(def instanceof ObjectRef ref) || ref.objectType() != AriType.CTRL) {
      LOG.error("the definitions log holds {}, not a control; skipped", Texts.of(def));
      return;
    }
    Exec ctx = agentExec(null);
    try {
      Obj o = objects.resolve(ref, agentNs);
      if (!(o instanceof Obj.Ctrl c)) {
        throw new ExecutionException(Code.BAD_PARAMETERS, "not a control");
      }
      List<Ari> params = bind(ctx, c.formals, ref.params(), agentNs, o);
      currentDepth = 0;
      currentNs = agentNs;
      c.fn.execute(ctx, ref, params);
    } catch (ExecutionException | RuntimeException e) {
      LOG.error("replaying {} failed: {}", Texts.of(def), e.getMessage());
    }
  }

  private void restoreVar(String key, Ari value) {
    for (Namespace ns : objects.namespaces()) {
      for (Obj o : ns.objects(AriType.VAR)) {
        if (o.key().equals(key) && o instanceof Obj.Var v && !v.computed()) {
          v.value = value;
          return;
        }
      }
    }
    LOG.warn("a stored value for {}, which is no longer defined; ignored", key);
  }

  // ---- execution ----

  private void runExecSet(String from, boolean asAgent, ExecSetLiteral es) {
    Exec ctx = new Exec(from, asAgent, null, es.nonce(), now());
    for (Ari target : es.targets()) {
      long pid = nextPid++;
      running.put(pid, new Ari[] {target});
      try {
        currentNs = agentNs;
        executeTarget(ctx, target, 0, agentNs);
      } catch (ExecutionException e) {
        if (ctx.nonce instanceof NullLiteral && !asAgent) {
          // Nobody asked for execution reports, but a failure is never silent.
          queueTo(
              from,
              config.reportOptions(),
              new RptSetLiteral(
                  NullLiteral.UNTYPED,
                  TimeLiteral.tp(ctx.now),
                  List.of(
                      new Report(
                          ZERO, target, List.of(Ari.UNDEFINED, TextLiteral.of(e.getMessage()))))));
        }
      } finally {
        running.remove(pid);
      }
    }
  }

  /** Runs a rule's action as the agent. */
  void runRuleAction(Obj.Rule rule, Instant at) {
    topLevel(
        -1,
        () -> {
          Exec ctx = new Exec(config.eid(), true, rule.key(), NullLiteral.UNTYPED, at);
          long pid = nextPid++;
          running.put(pid, new Ari[] {rule.action});
          try {
            currentNs = rule.ns;
            executeTarget(ctx, rule.action, 0, rule.ns);
          } catch (ExecutionException e) {
            LOG.warn("the action of rule {} failed: {}", rule.key(), e.getMessage());
          } finally {
            running.remove(pid);
          }
        });
  }

  /** Executes a target: a CTRL, a macro (inline, or produced by an object). */
  void executeTarget(Exec ctx, Ari target, int depth, Namespace ns) throws ExecutionException {
    if (depth > MAX_DEPTH) {
      throw failed(
          ctx,
          target,
          new ExecutionException(
              Code.DEPTH, "macros nest deeper than " + MAX_DEPTH + " at " + Texts.of(target)));
    }
    if (target instanceof ObjectRef ref && ref.objectType() == AriType.CTRL) {
      executeCtrl(ctx, ref, depth, ns);
      return;
    }
    if (target instanceof ObjectRef ref && Kind.valueObj(ref)) {
      Obj o;
      Ari value;
      try {
        o = objects.resolve(ref, ns);
        value = produce(ctx, ref, ns);
      } catch (ExecutionException e) {
        throw failed(ctx, target, e);
      }
      if (value instanceof AcLiteral
          || value instanceof ObjectRef r && r.objectType() == AriType.CTRL) {
        executeTarget(ctx, value, depth + 1, o.ns);
        return;
      }
      throw failed(
          ctx,
          target,
          new ExecutionException(
              Code.BAD_PARAMETERS, Texts.of(ref) + " does not hold a macro: " + Texts.of(value)));
    }
    if (target instanceof AcLiteral mac) {
      for (Ari item : mac.items()) {
        executeTarget(ctx, item, depth + 1, ns);
      }
      return;
    }
    throw failed(
        ctx,
        target,
        new ExecutionException(
            Code.BAD_PARAMETERS,
            Texts.of(target) + " is not an execution target (a CTRL or a macro)"));
  }

  /** Logs and counts a failure that happened outside any control. */
  private ExecutionException failed(Exec ctx, Ari target, ExecutionException e) {
    counters.lastError = e.getMessage();
    LOG.warn("{}: {} failed: {}", who(ctx), Texts.of(target), e.getMessage());
    // No control ran to report it: the target itself gets the undefined result.
    executionReport(ctx, target, Ari.UNDEFINED);
    return e;
  }

  private String who(Exec ctx) {
    return ctx.asAgent
        ? (ctx.rule != null ? "rule " + ctx.rule : "agent")
        : "manager " + ctx.manager;
  }

  private void executeCtrl(Exec ctx, ObjectRef ref, int depth, Namespace ns)
      throws ExecutionException {
    counters.execStarted++;
    Ari result;
    int savedDepth = currentDepth;
    Namespace savedNs = currentNs;
    String savedRule = currentRule;
    try {
      currentRule = ctx.rule;
      Obj o = objects.resolve(ref, ns);
      if (!(o instanceof Obj.Ctrl c)) {
        throw new ExecutionException(Code.BAD_PARAMETERS, o.key() + " is not a CTRL");
      }
      check(ctx, o, Permission.EXECUTE);
      List<Ari> params = bind(ctx, c.formals, ref.params(), ns, o);
      currentDepth = depth;
      currentNs = ns;
      result = c.fn.execute(ctx, ref, params);
      if (result != null && result.isUndefined()) {
        throw new ExecutionException(Code.FAILED, o.key() + " gave an undefined result");
      }
    } catch (ExecutionException e) {
      counters.execFailed++;
      counters.lastError = e.getMessage();
      LOG.warn("{}: {} failed: {}", who(ctx), Texts.of(ref), e.getMessage());
      executionReport(ctx, ref, Ari.UNDEFINED);
      throw e;
    } catch (RuntimeException e) {
      counters.execFailed++;
      counters.lastError = e.toString();
      LOG.warn("{}: {} failed: {}", who(ctx), Texts.of(ref), e.toString(), e);
      executionReport(ctx, ref, Ari.UNDEFINED);
      throw new ExecutionException(Code.FAILED, Texts.of(ref) + " failed: " + e, e);
    } finally {
      currentDepth = savedDepth;
      currentNs = savedNs;
      currentRule = savedRule;
    }
    counters.execSucceeded++;
    executionReport(ctx, ref, result == null ? NullLiteral.UNTYPED : result);
  }

  private void executionReport(Exec ctx, Ari ref, Ari result) {
    if (ctx.asAgent || ctx.nonce instanceof NullLiteral) {
      return;
    }
    queueTo(
        ctx.manager,
        config.reportOptions(),
        new RptSetLiteral(
            ctx.nonce, TimeLiteral.tp(ctx.now), List.of(new Report(ZERO, ref, List.of(result)))));
  }

  void queueTo(String destination, ReportOptions options, RptSetLiteral rptSet) {
    reporter.queue(destination, options, rptSet);
  }

  /** An error report for input that cannot be executed: source last-error, [undefined, why]. */
  private void badInput(String from, String reason) {
    counters.lastError = reason;
    LOG.warn("manager {}: {}", from, reason);
    ObjectRef source =
        ObjectRef.of(
            AmaModels.AMA_AGENT.org(), AmaModels.AMA_AGENT.model(), AriType.EDD, "last-error");
    queueTo(
        from,
        config.reportOptions(),
        new RptSetLiteral(
            NullLiteral.UNTYPED,
            TimeLiteral.tp(now()),
            List.of(new Report(ZERO, source, List.of(Ari.UNDEFINED, TextLiteral.of(reason))))));
  }

  // ---- parameters ----

  /**
   * The actual parameters in formal order, defaults filled in, value-producing ones evaluated, each
   * checked against its kind. With no formals (application objects), positional parameters pass
   * through, value-producing ones evaluated.
   */
  List<Ari> bind(Exec ctx, List<Formal> formals, Params given, Namespace ns, Obj owner)
      throws ExecutionException {
    if (formals == null) {
      if (given == null) {
        return List.of();
      }
      if (!(given instanceof Params.Positional pos)) {
        throw new ExecutionException(
            Code.BAD_PARAMETERS, owner.key() + " takes its parameters by position only");
      }
      List<Ari> out = new ArrayList<>(pos.values().size());
      for (Ari v : pos.values()) {
        out.add(evaluateValue(ctx, v, ns));
      }
      return out;
    }
    Ari[] slots = new Ari[formals.size()];
    if (given instanceof Params.Positional pos) {
      if (pos.values().size() > formals.size()) {
        throw new ExecutionException(
            Code.BAD_PARAMETERS,
            owner.key()
                + " takes at most "
                + formals.size()
                + " parameters, not "
                + pos.values().size());
      }
      for (int i = 0; i < pos.values().size(); i++) {
        slots[i] = pos.values().get(i);
      }
    } else if (given instanceof Params.Named named) {
      for (Map.Entry<Ari, Ari> e : named.entries().entrySet()) {
        int index = -1;
        if (e.getKey() instanceof TextLiteral t) {
          for (int i = 0; i < formals.size(); i++) {
            if (formals.get(i).name().equals(t.value())) {
              index = i;
            }
          }
        } else if (e.getKey() instanceof IntLiteral n
            && n.fitsLong()
            && n.longValue() >= 0
            && n.longValue() < formals.size()) {
          index = (int) n.longValue();
        }
        if (index < 0) {
          throw new ExecutionException(
              Code.BAD_PARAMETERS,
              owner.key() + " has no parameter " + Texts.of(e.getKey()) + names(formals));
        }
        slots[index] = e.getValue();
      }
    }
    List<Ari> out = new ArrayList<>(formals.size());
    for (int i = 0; i < formals.size(); i++) {
      Formal f = formals.get(i);
      Ari v = slots[i];
      if (v == null) {
        if (f.defaultValue() == null) {
          throw new ExecutionException(
              Code.BAD_PARAMETERS, owner.key() + " needs its parameter " + f.name());
        }
        v = f.defaultValue();
      } else if (f.kind().isValue()) {
        v = evaluateValue(ctx, v, ns);
      }
      Ari c = f.kind().conform(v);
      if (c == null) {
        throw new ExecutionException(
            Code.TYPE_MISMATCH,
            "parameter "
                + f.name()
                + " of "
                + owner.key()
                + " takes "
                + f.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + ", not "
                + Texts.of(v));
      }
      out.add(c);
    }
    return out;
  }

  private static String names(List<Formal> formals) {
    List<String> n = new ArrayList<>();
    for (Formal f : formals) {
      n.add(f.name());
    }
    return " (it has " + String.join(", ", n) + ")";
  }

  /** An object reference or EXPR given where a value is expected, evaluated now. */
  Ari evaluateValue(Exec ctx, Ari v, Namespace ns) throws ExecutionException {
    if (v instanceof ObjectRef ref && Kind.valueObj(ref)) {
      return produce(ctx, ref, ns);
    }
    if (v instanceof AcLiteral ac && isExpr(ac)) {
      return evaluateExpr(ctx, ac, ns, true);
    }
    return v;
  }

  /** An AC in postfix form: its last item is an OPER. */
  static boolean isExpr(AcLiteral ac) {
    return !ac.items().isEmpty()
        && ac.items().get(ac.items().size() - 1) instanceof ObjectRef r
        && r.objectType() == AriType.OPER;
  }

  CompiledExpr compile(AcLiteral expr) throws ExecutionException {
    CompiledExpr c = exprCache.get(expr);
    if (c == null) {
      try {
        c = ExprCompiler.compile(expr);
      } catch (ExprException e) {
        throw new ExecutionException(
            Code.BAD_PARAMETERS, "not an EXPR: " + Texts.of(expr) + ": " + e.getMessage());
      }
      exprCache.put(expr, c);
    }
    return c;
  }

  /**
   * Evaluates an EXPR; with {@code checked}, every object it reads must be producible by the
   * manager (ACCESS_DENIED otherwise).
   */
  Ari evaluateExpr(Exec ctx, AcLiteral expr, Namespace ns, boolean checked)
      throws ExecutionException {
    CompiledExpr c = compile(expr);
    ExecutionException[] denied = new ExecutionException[1];
    Ari r =
        c.evaluate(
            ref -> {
              try {
                return checked ? produce(ctx, ref, ns) : produceUnchecked(ctx, ref, ns);
              } catch (ExecutionException e) {
                if (e.code() == Code.ACCESS_DENIED && denied[0] == null) {
                  denied[0] = e;
                }
                return Ari.UNDEFINED;
              }
            });
    if (denied[0] != null) {
      throw denied[0];
    }
    return r;
  }

  /** How rule conditions and ACL filters read objects: as the agent, undefined on failure. */
  ValueProvider agentValues(Namespace ns, String rule) {
    return ref -> {
      try {
        return produceUnchecked(agentExec(rule), ref, ns);
      } catch (ExecutionException e) {
        return Ari.UNDEFINED;
      }
    };
  }

  // ---- values ----

  /** The value of an EDD, VAR or CONST, checking that the manager may produce it. */
  Ari produce(Exec ctx, ObjectRef ref, Namespace ns) throws ExecutionException {
    Obj o = objects.resolve(ref, ns);
    check(ctx, o, Permission.PRODUCE);
    return produceObj(ctx, o, ref.params(), ns);
  }

  /** The value of an EDD, VAR or CONST, as the agent. */
  Ari produceUnchecked(Exec ctx, ObjectRef ref, Namespace ns) throws ExecutionException {
    return produceObj(ctx, objects.resolve(ref, ns), ref.params(), ns);
  }

  Ari produceObj(Exec ctx, Obj o, Params params, Namespace ns) throws ExecutionException {
    if (o instanceof Obj.Const c) {
      return c.value;
    }
    if (o instanceof Obj.Var v) {
      if (!v.computed()) {
        return v.value;
      }
      Ari r = v.expr.evaluate(agentValues(v.ns, ctx.rule));
      Ari conformed = Kind.conformToType(declaredType(v.semtype), r);
      return conformed == null ? Ari.UNDEFINED : conformed;
    }
    if (o instanceof Obj.Edd e) {
      List<Ari> p = bind(ctx, e.formals, params, ns, o);
      try {
        Ari r = e.fn.value(ctx, p);
        return r == null ? Ari.UNDEFINED : r;
      } catch (RuntimeException ex) {
        throw new ExecutionException(Code.FAILED, o.key() + " could not be produced: " + ex, ex);
      }
    }
    throw new ExecutionException(
        Code.BAD_PARAMETERS, o.key() + " is not a value-producing object (EDD, VAR, CONST)");
  }

  /** The literal type a semtype declares ({@code type-use(/ARITYPE/T)}), or null. */
  static AriType declaredType(Ari semtype) {
    if (semtype instanceof ObjectRef r
        && r.objectType() == AriType.IDENT
        && r.object().isText()
        && r.object().text().equals("type-use")
        && r.params() instanceof Params.Positional p
        && p.values().size() == 1
        && p.values().get(0) instanceof dev.ama.model.ari.AriTypeLiteral t) {
      return t.value();
    }
    return null;
  }

  // ---- access control ----

  void check(Exec ctx, Obj o, Permission p) throws ExecutionException {
    check(ctx, o.ref(), o.key(), p);
  }

  void check(Exec ctx, Ari target, String key, Permission p) throws ExecutionException {
    if (ctx.asAgent) {
      return;
    }
    if (!acl.permitted(ctx.manager, target, key, p)) {
      counters.accessDenied++;
      throw new ExecutionException(
          Code.ACCESS_DENIED, ctx.manager + " may not " + p.identName() + " " + key);
    }
  }

  Set<Permission> defaultAccess() {
    Set<Permission> out = EnumSet.noneOf(Permission.class);
    if (defaultAccessVar != null && defaultAccessVar.value instanceof AcLiteral ac) {
      for (Ari a : ac.items()) {
        if (a instanceof ObjectRef r && r.objectType() == AriType.IDENT) {
          Permission.fromIdent(r.object()).ifPresent(out::add);
        }
      }
    }
    return out;
  }

  static AcLiteral permissionRefs(Set<Permission> perms) {
    List<Ari> refs = new ArrayList<>();
    for (Permission p : Permission.values()) {
      if (perms.contains(p)) {
        refs.add(p.ident());
      }
    }
    return new AcLiteral(refs);
  }

  /**
   * An access-target filter with the object references it names (as OPER parameters) made absolute
   * by names, so that {@code is-same-object} compares them with the agent's own form.
   */
  AcLiteral canonicalFilter(AcLiteral filter) {
    List<Ari> items = new ArrayList<>();
    for (Ari a : filter.items()) {
      if (a instanceof ObjectRef r
          && r.objectType() == AriType.OPER
          && r.params() instanceof Params.Positional p) {
        List<Ari> ps = new ArrayList<>();
        for (Ari v : p.values()) {
          ps.add(v instanceof ObjectRef o ? objects.canonicalRef(o, agentNs) : v);
        }
        items.add(r.withParams(new Params.Positional(ps)));
      } else {
        items.add(a);
      }
    }
    return new AcLiteral(items);
  }

  // ---- SBR inputs ----

  /** Tells the SBRs reading {@code key}, directly or through computed VARs, that it changed. */
  void inputChanged(String key) {
    for (String k : objects.affectedBy(key)) {
      engine.inputChanged(k);
    }
  }

  // ---- report-on ----

  /** Builds one report from a template and queues a copy per destination, filtered by its ACL. */
  void reportOn(Exec ctx, Ari template, List<String> destinations) throws ExecutionException {
    List<String> dests = destinations;
    if (dests.isEmpty()) {
      if (ctx.asAgent) {
        throw new ExecutionException(
            Code.BAD_PARAMETERS,
            "a rule's report-on must name its destinations (there is no manager to answer)");
      }
      dests = List.of(ctx.manager);
    }
    Namespace ns = currentNs;
    List<Ari> items;
    Ari source;
    String templateKey = null;
    Obj templateObj = null;
    if (template instanceof AcLiteral ac) {
      items = ac.items();
      source = ac;
    } else if (template instanceof ObjectRef ref && Kind.valueObj(ref)) {
      templateObj = objects.resolve(ref, ns);
      templateKey = templateObj.key();
      Ari value = produceObj(ctx, templateObj, ref.params(), ns);
      if (value instanceof AcLiteral ac && !(templateObj instanceof Obj.Edd)) {
        items = ac.items();
        ns = templateObj.ns;
      } else {
        // A single value-producing object: the report holds its value.
        items = List.of(ref);
      }
      source = ref;
    } else {
      throw new ExecutionException(
          Code.TYPE_MISMATCH,
          "a report template is an RPTT or an object, not " + Texts.of(template));
    }
    // Produce each item once, as the agent; each destination then sees what it may.
    List<Ari> values = new ArrayList<>(items.size());
    List<List<Obj>> reads = new ArrayList<>(items.size());
    for (Ari item : items) {
      List<Obj> r = new ArrayList<>();
      values.add(produceItem(ctx, item, ns, r));
      reads.add(r);
    }
    ReportOptions options = optionsFor(ctx.rule, templateKey);
    TimeLiteral at = TimeLiteral.tp(ctx.now);
    for (String dest : dests) {
      List<Ari> copy = new ArrayList<>(values);
      boolean templateDenied =
          templateObj != null
              && !acl.permitted(dest, templateObj.ref(), templateKey, Permission.PRODUCE);
      for (int i = 0; i < copy.size(); i++) {
        Obj deniedObj = templateDenied ? templateObj : null;
        if (deniedObj == null) {
          for (Obj o : reads.get(i)) {
            if (!acl.permitted(dest, o.ref(), o.key(), Permission.PRODUCE)) {
              deniedObj = o;
              break;
            }
          }
        }
        if (deniedObj != null) {
          copy.set(i, Ari.UNDEFINED);
          counters.accessDenied++;
          LOG.warn(
              "report {} to {}: item {} withheld, {} may not produce {}",
              Texts.of(source),
              dest,
              i,
              dest,
              deniedObj.key());
        }
      }
      queueTo(
          dest,
          options,
          new RptSetLiteral(NullLiteral.UNTYPED, at, List.of(new Report(ZERO, source, copy))));
    }
  }

  /** One template item's value; the objects it reads go to {@code reads}. */
  private Ari produceItem(Exec ctx, Ari item, Namespace ns, List<Obj> reads) {
    try {
      if (item instanceof ObjectRef ref && Kind.valueObj(ref)) {
        Obj o = objects.resolve(ref, ns);
        reads.add(o);
        return produceObj(ctx, o, ref.params(), ns);
      }
      if (item instanceof AcLiteral ac && isExpr(ac)) {
        CompiledExpr c = compile(ac);
        for (ObjectRef r : c.references()) {
          Obj o = objects.find(r, ns);
          if (o != null) {
            reads.add(o);
          }
        }
        return evaluateExpr(ctx, ac, ns, false);
      }
      return item;
    } catch (ExecutionException e) {
      LOG.warn("report item {} cannot be produced: {}", Texts.of(item), e.getMessage());
      return Ari.UNDEFINED;
    }
  }

  ReportOptions optionsFor(String rule, String templateKey) {
    ReportOptions o = rule == null ? null : reportOptions.get(rule);
    if (o == null && templateKey != null) {
      o = reportOptions.get(templateKey);
    }
    return o == null ? config.reportOptions() : o;
  }

  // ---- objects in ODMs ----

  /** The ODM a namespace parameter names; one named {@code //org/!name} is created when missing. */
  Namespace odmFor(Exec ctx, NamespaceRef ref, List<Ari> logParams) throws ExecutionException {
    Namespace ns = objects.namespace(ref);
    if (ns == null) {
      if (!ref.org().isText() || !ref.model().isOdmName()) {
        throw new ExecutionException(Code.UNKNOWN_OBJECT, "no ODM " + Texts.of(ref));
      }
      NamespaceRef byNames = new NamespaceRef(ref.org(), ref.model(), null);
      check(ctx, byNames, Texts.of(byNames), Permission.ENSURE_ODM);
      ns =
          new Namespace(
              ref.org().text(),
              objects.orgEnumOf(ref.org().text()),
              ref.model().text(),
              null,
              null,
              true,
              null);
      objects.add(ns);
      LOG.info("ODM {} created for {}", ns, ctx.manager);
    }
    if (!ns.odm) {
      throw new ExecutionException(
          Code.BAD_PARAMETERS, ns + " is an ADM; objects are ensured in ODMs only");
    }
    if (ns.obsolete) {
      throw new ExecutionException(Code.UNKNOWN_OBJECT, "ODM " + ns + " is obsolete");
    }
    return ns;
  }

  /**
   * The existing object with this name and enum, or null when neither is taken.
   *
   * @throws ExecutionException CONFLICT when the name and enum name different objects, or an
   *     obsolete one (its identifiers stay reserved)
   */
  Obj existing(Namespace ns, AriType type, String name, long enumValue) throws ExecutionException {
    Obj byName = ns.byName(type, name);
    Obj byEnum = ns.byEnum(type, enumValue);
    if (byName == null && byEnum == null) {
      return null;
    }
    if (byName != byEnum) {
      throw new ExecutionException(
          Code.CONFLICT,
          ns
              + " "
              + type
              + ": "
              + (byName != null
                  ? "name " + name + " has enum " + byName.enumValue
                  : "enum " + enumValue + " is " + byEnum.name));
    }
    if (byName.obsolete) {
      throw new ExecutionException(
          Code.CONFLICT, byName.key() + " is obsolete; its name and enum stay reserved");
    }
    return byName;
  }

  static ObjectRef refIn(Namespace ns, AriType type, String name) {
    return new ObjectRef(AriId.of(ns.org), AriId.of(ns.model), null, type, AriId.of(name), null);
  }

  void checkEnsure(Exec ctx, Namespace ns, AriType type, String name) throws ExecutionException {
    check(
        ctx,
        refIn(ns, type, name),
        Obj.key(ns.org, ns.model, type, name),
        Permission.ENSURE_OBJECT);
  }

  /** Marks an object obsolete, and undoes what it had set up. */
  void obsolete(Obj o) {
    o.obsolete = true;
    if (o instanceof Obj.Var v && v.computed()) {
      varDefs.remove(v.ref());
      objects.forgetDependencies(v.key());
    }
    if (o instanceof Obj.Rule r) {
      rules.remove(r);
    }
  }
}
