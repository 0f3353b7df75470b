package dev.ama.agent.internal;

import static dev.ama.agent.internal.Formal.optional;
import static dev.ama.agent.internal.Formal.required;

import dev.ama.agent.Adm;
import dev.ama.agent.CtrlHandler;
import dev.ama.agent.EddProvider;
import dev.ama.agent.ExecutionException;
import dev.ama.agent.ExecutionException.Code;
import dev.ama.agent.Permission;
import dev.ama.agent.ReportOptions;
import dev.ama.model.adm.AmaModels;
import dev.ama.model.adm.ModelIds;
import dev.ama.model.adm.StandardModels;
import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriId;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.BoolLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.NamespaceRef;
import dev.ama.model.ari.NullLiteral;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.TblLiteral;
import dev.ama.model.ari.TextLiteral;
import dev.ama.model.ari.TimeLiteral;
import dev.ama.rules.expr.CompiledExpr;
import dev.ama.rules.expr.ExprException;
import dev.ama.rules.expr.Truthiness;
import dev.ama.rules.schedule.RuleState;
import dev.ama.transport.Priority;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The objects of the models every ama agent hosts (ietf-dtnma-agent, ietf-amm-base,
 * ietf-amm-semtype, ietf-network-base, ietf-dtnma-agent-acl, ama-agent) with the Java code of their
 * EDDs and CTRLs, and the hosting of application ADMs.
 */
final class Builtins {
  static final String VENDOR = "ama";
  static final String VERSION = "0.1.0";

  private static final Ari NULL = NullLiteral.UNTYPED;
  private static final Ari FALSE = BoolLiteral.FALSE;
  private static final Ari EMPTY_PARAMS = new TblLiteral(3, List.of());

  private static final List<Formal> OBJ_LIST = Formal.of(optional("include-adm", Kind.BOOL, FALSE));

  private final AgentCore core;

  private Builtins(AgentCore core) {
    this.core = core;
  }

  static void install(AgentCore core) {
    new Builtins(core).installAll();
  }

  private void installAll() {
    core.agentNs = adm(StandardModels.DTNMA_AGENT);
    adm(StandardModels.AMM_BASE);
    adm(StandardModels.AMM_SEMTYPE);
    adm(StandardModels.NETWORK_BASE);
    core.aclNs = adm(StandardModels.DTNMA_AGENT_ACL);
    core.amaNs = adm(AmaModels.AMA_AGENT);
    agentModel();
    aclModel();
    amaModel();
    abstractIdents();
  }

  /** A namespace holding every object its ids list, each plain until given code. */
  private Namespace adm(ModelIds ids) {
    Namespace ns =
        new Namespace(
            ids.org(),
            ids.hasEnums() ? ids.orgEnum() : null,
            ids.model(),
            ids.hasEnums() ? ids.modelEnum() : null,
            ids.revision(),
            false,
            ids);
    for (AriType t : AriType.values()) {
      if (!t.isObjectKind()) {
        continue;
      }
      ids.objects(t).forEach((name, e) -> ns.put(plain(ns, t, name, e)));
    }
    core.objects.add(ns);
    return ns;
  }

  private static Obj plain(Namespace ns, AriType t, String name, long e) {
    return switch (t) {
      case IDENT -> new Obj.Ident(ns, name, e, false, List.of());
      case CONST -> new Obj.Const(ns, name, e, NULL, Ari.UNDEFINED);
      case VAR -> new Obj.Var(ns, name, e, NULL, Ari.UNDEFINED, null, null);
      case EDD ->
          new Obj.Edd(
              ns,
              name,
              e,
              null,
              (ctx, p) -> {
                throw new ExecutionException(Code.UNSUPPORTED, "no code for EDD " + name);
              });
      case CTRL ->
          new Obj.Ctrl(
              ns,
              name,
              e,
              null,
              (ctx, ref, p) -> {
                throw new ExecutionException(
                    Code.UNSUPPORTED, "ama does not carry out the control " + name);
              });
      default -> new Obj.Plain(ns, t, name, e);
    };
  }

  private void edd(Namespace ns, String name, List<Formal> formals, Functions.EddFn fn) {
    Obj old = ns.byName(AriType.EDD, name);
    ns.replace(new Obj.Edd(ns, name, old.enumValue, formals, fn));
  }

  private void edd(Namespace ns, String name, Functions.EddFn fn) {
    edd(ns, name, Formal.of(), fn);
  }

  private void ctrl(Namespace ns, String name, List<Formal> formals, Functions.CtrlFn fn) {
    Obj old = ns.byName(AriType.CTRL, name);
    ns.replace(new Obj.Ctrl(ns, name, old.enumValue, formals, fn));
  }

  private void abstractIdents() {
    ident("amm-base", "display-hint", true, List.of());
    for (String h : List.of("integer", "float", "bstr", "time")) {
      ident("amm-base", "display-hint-" + h, true, List.of(identRef("amm-base", "display-hint")));
    }
    ident("amm-semtype", "semtype", true, List.of());
    for (String s : List.of("type-use", "ulist", "dlist", "umap", "tblt", "union", "seq")) {
      ident("amm-semtype", s, false, List.of(identRef("amm-semtype", "semtype")));
    }
    for (String s : List.of("display-bstr-uuid", "display-bstr-oid")) {
      ident("network-base", s, false, List.of(identRef("amm-base", "display-hint-bstr")));
    }
    ident("network-base", "abstract-endpoint", true, List.of());
    ident("dtnma-agent-acl", "permission", true, List.of());
    for (Permission p : Permission.values()) {
      ident(
          "dtnma-agent-acl",
          p.identName(),
          false,
          List.of(identRef("dtnma-agent-acl", "permission")));
    }
  }

  private static ObjectRef identRef(String model, String name) {
    return ObjectRef.of("ietf", model, AriType.IDENT, name);
  }

  private void ident(String model, String name, boolean isAbstract, List<ObjectRef> bases) {
    Namespace ns = core.objects.namespace(AriId.of("ietf"), AriId.of(model));
    Obj old = ns.byName(AriType.IDENT, name);
    ns.replace(new Obj.Ident(ns, name, old.enumValue, isAbstract, bases));
  }

  // ---- ietf-dtnma-agent ----

  private void agentModel() {
    Namespace ns = core.agentNs;
    Counters c = core.counters;
    ns.replace(
        new Obj.Const(
            ns,
            "hello",
            0L,
            new ObjectRef(
                AriId.of("ietf"),
                AriId.of("amm-base"),
                null,
                AriType.TYPEDEF,
                AriId.of("rptt"),
                null),
            AcLiteral.of(
                rel(AriType.EDD, "sw-vendor"),
                rel(AriType.EDD, "sw-version"),
                rel(AriType.EDD, "capability"))));
    edd(ns, "sw-vendor", (ctx, p) -> new TextLiteral(AriType.TEXTSTR, VENDOR));
    edd(ns, "sw-version", (ctx, p) -> new TextLiteral(AriType.TEXTSTR, VERSION));
    edd(ns, "capability", (ctx, p) -> capability());
    edd(ns, "num-msg-rx", (ctx, p) -> counter(c.msgRx));
    edd(ns, "num-msg-rx-failed", (ctx, p) -> counter(c.msgRxFailed));
    edd(ns, "num-msg-tx", (ctx, p) -> counter(c.msgTx));
    edd(ns, "num-msg-tx-failed", (ctx, p) -> counter(c.msgTxFailed));
    edd(
        ns,
        "last-msg-rx-time",
        (ctx, p) -> c.lastMsgRx == null ? Ari.UNDEFINED : TimeLiteral.tp(c.lastMsgRx));
    edd(ns, "num-exec-started", (ctx, p) -> counter(c.execStarted));
    edd(ns, "num-exec-succeeded", (ctx, p) -> counter(c.execSucceeded));
    edd(ns, "num-exec-failed", (ctx, p) -> counter(c.execFailed));
    edd(ns, "exec-running", (ctx, p) -> execRunning());
    edd(ns, "odm-list", (ctx, p) -> odmList());
    edd(
        ns,
        "ident-list",
        Formal.of(
            optional("include-adm", Kind.BOOL, FALSE),
            optional("include-abstract", Kind.BOOL, FALSE),
            optional("base", Kind.IDENT_OR_NULL, NULL)),
        (ctx, p) -> identList(bool(p.get(0)), bool(p.get(1)), p.get(2)));
    edd(ns, "typedef-list", OBJ_LIST, (ctx, p) -> objectList(AriType.TYPEDEF, bool(p.get(0))));
    edd(ns, "const-list", OBJ_LIST, (ctx, p) -> objectList(AriType.CONST, bool(p.get(0))));
    edd(ns, "var-list", OBJ_LIST, (ctx, p) -> objectList(AriType.VAR, bool(p.get(0))));
    edd(ns, "sbr-list", OBJ_LIST, (ctx, p) -> ruleList(AriType.SBR, bool(p.get(0))));
    edd(ns, "tbr-list", OBJ_LIST, (ctx, p) -> ruleList(AriType.TBR, bool(p.get(0))));

    ctrl(
        ns,
        "if-then-else",
        Formal.of(
            required("condition", Kind.EVAL_TGT),
            optional("on-truthy", Kind.EXEC_TGT_OR_NULL, NULL),
            optional("on-falsy", Kind.EXEC_TGT_OR_NULL, NULL)),
        (ctx, ref, p) -> {
          boolean truthy = Truthiness.isTruthy(evaluateTarget(ctx, p.get(0)));
          Ari branch = truthy ? p.get(1) : p.get(2);
          if (!(branch instanceof NullLiteral)) {
            core.executeTarget(ctx, branch, core.currentDepth + 1, core.currentNs);
          }
          return BoolLiteral.typed(truthy);
        });
    ctrl(
        ns,
        "catch",
        Formal.of(
            required("try", Kind.EXEC_TGT), optional("on-failure", Kind.EXEC_TGT_OR_NULL, NULL)),
        (ctx, ref, p) -> {
          int depth = core.currentDepth + 1;
          Namespace here = core.currentNs;
          try {
            core.executeTarget(ctx, p.get(0), depth, here);
            return BoolLiteral.typed(true);
          } catch (ExecutionException e) {
            if (!(p.get(1) instanceof NullLiteral)) {
              core.executeTarget(ctx, p.get(1), depth, here);
            }
            return BoolLiteral.typed(false);
          }
        });
    ctrl(
        ns,
        "inspect",
        Formal.of(required("ref", Kind.VALUE_OBJ)),
        (ctx, ref, p) -> core.produce(ctx, (ObjectRef) p.get(0), core.currentNs));
    ctrl(
        ns,
        "report-on",
        Formal.of(
            required("template", Kind.RPT_TGT),
            optional("destinations", Kind.ULIST_TEXT, AcLiteral.EMPTY)),
        (ctx, ref, p) -> {
          List<String> dests = new ArrayList<>();
          for (Ari d : ((AcLiteral) p.get(1)).items()) {
            dests.add(((TextLiteral) d).value());
          }
          core.reportOn(ctx, p.get(0), dests);
          return null;
        });
    ctrl(
        ns,
        "ensure-odm",
        Formal.of(
            required("org-name", Kind.TEXT),
            required("org-id", Kind.ID_INT),
            required("model-name", Kind.TEXT),
            required("model-id", Kind.ID_INT)),
        this::ensureOdm);
    ctrl(ns, "obsolete-odm", Formal.of(required("odm-ns", Kind.NAMESPACE)), this::obsoleteOdm);
    ctrl(
        ns,
        "var-reset",
        Formal.of(required("target", Kind.VAR_REF)),
        (ctx, ref, p) -> {
          storeVar(ctx, (ObjectRef) p.get(0), null);
          return null;
        });
    ctrl(
        ns,
        "var-store",
        Formal.of(required("target", Kind.VAR_REF), required("value", Kind.ANY)),
        (ctx, ref, p) -> {
          storeVar(ctx, (ObjectRef) p.get(0), p.get(1));
          return null;
        });
    ctrl(
        ns,
        "ensure-ident",
        ensureParams(
            required("abstract", Kind.BOOL),
            required("bases", Kind.ULIST_IDENT),
            optional("formal-params", Kind.TBL, EMPTY_PARAMS)),
        this::ensureIdent);
    ctrl(ns, "obsolete-ident", Formal.of(required("obj", Kind.IDENT_REF)), this::obsoleteNoResult);
    ctrl(
        ns,
        "ensure-const",
        ensureParams(
            required("type", Kind.SEMTYPE),
            required("value", Kind.ANY),
            optional("formal-params", Kind.TBL, EMPTY_PARAMS)),
        this::ensureConst);
    ctrl(ns, "obsolete-const", Formal.of(required("obj", Kind.CONST_REF)), this::obsoleteNoResult);
    ctrl(
        ns,
        "ensure-var",
        ensureParams(
            required("type", Kind.SEMTYPE),
            required("init-value", Kind.ANY),
            optional("formal-params", Kind.TBL, EMPTY_PARAMS)),
        this::ensureVar);
    ctrl(ns, "obsolete-var", Formal.of(required("obj", Kind.VAR_REF)), this::obsoleteNoResult);
    ctrl(
        ns,
        "ensure-sbr",
        ensureParams(
            required("action", Kind.EXEC_TGT),
            required("condition", Kind.EVAL_TGT),
            required("min-interval", Kind.TD),
            required("max-count", Kind.UVAST),
            required("init-enabled", Kind.BOOL)),
        (ctx, ref, p) -> ensureRule(ctx, ref, p, AriType.SBR));
    ctrl(
        ns,
        "ensure-tbr",
        ensureParams(
            required("action", Kind.EXEC_TGT),
            required("start-time", Kind.TIME),
            required("period", Kind.TD),
            required("max-count", Kind.UVAST),
            required("init-enabled", Kind.BOOL)),
        (ctx, ref, p) -> ensureRule(ctx, ref, p, AriType.TBR));
    ctrl(
        ns,
        "ensure-rule-enabled",
        Formal.of(required("obj-id", Kind.RULE_REF), required("enabled", Kind.BOOL)),
        (ctx, ref, p) -> {
          Obj.Rule r = rule(ctx, p.get(0));
          core.rules.setEnabled(r, bool(p.get(1)));
          return null;
        });
    ctrl(
        ns,
        "reset-rule-enabled",
        Formal.of(required("obj-id", Kind.RULE_REF)),
        (ctx, ref, p) -> {
          Obj.Rule r = rule(ctx, p.get(0));
          core.rules.setEnabled(r, r.initEnabled);
          return null;
        });
    ctrl(
        ns,
        "obsolete-rule",
        Formal.of(required("obj-id", Kind.RULE_REF)),
        (ctx, ref, p) -> {
          Ari done = obsoleteObject(ctx, ref, p);
          return BoolLiteral.typed(done != null);
        });
  }

  private static ObjectRef rel(AriType type, String name) {
    return new ObjectRef(null, null, null, type, AriId.of(name), null);
  }

  private static List<Formal> ensureParams(Formal... own) {
    List<Formal> f = new ArrayList<>();
    f.add(required("namespace", Kind.NAMESPACE));
    f.add(required("obj-name", Kind.TEXT));
    f.add(required("obj-enum", Kind.ID_INT));
    f.addAll(List.of(own));
    return List.copyOf(f);
  }

  static IntLiteral counter(long v) {
    return IntLiteral.ofUnsigned(AriType.UVAST, v);
  }

  static boolean bool(Ari a) {
    return a instanceof BoolLiteral b && b.value();
  }

  private static long longOf(Ari a) {
    return ((IntLiteral) a).longValue();
  }

  private static String text(Ari a) {
    return ((TextLiteral) a).value();
  }

  /**
   * An eval-tgt's value: an EXPR evaluated, an object's value (evaluated if an EXPR), a literal.
   */
  private Ari evaluateTarget(Exec ctx, Ari target) throws ExecutionException {
    Namespace ns = core.currentNs;
    Ari v = target;
    if (v instanceof ObjectRef ref && Kind.valueObj(ref)) {
      Obj o = core.objects.resolve(ref, ns);
      v = core.produce(ctx, ref, ns);
      ns = o.ns;
    }
    if (v instanceof AcLiteral ac && AgentCore.isExpr(ac)) {
      return core.evaluateExpr(ctx, ac, ns, true);
    }
    if (v instanceof AcLiteral ac && ac.items().size() == 1) {
      return core.evaluateValue(ctx, ac.items().get(0), ns);
    }
    return v;
  }

  // ---- listings ----

  private TblLiteral capability() {
    List<List<Ari>> rows = new ArrayList<>();
    for (Namespace ns : core.objects.namespaces()) {
      if (ns.odm) {
        continue;
      }
      List<Ari> features = new ArrayList<>();
      if (ns == core.agentNs) {
        features.add(new TextLiteral(AriType.TEXTSTR, "rules"));
      }
      rows.add(
          List.of(
              new TextLiteral(AriType.TEXTSTR, ns.org),
              ns.orgEnum == null ? NULL : IntLiteral.of(AriType.VAST, ns.orgEnum),
              new TextLiteral(AriType.TEXTSTR, ns.model),
              ns.modelEnum == null ? NULL : IntLiteral.of(AriType.VAST, ns.modelEnum),
              new TextLiteral(AriType.TEXTSTR, ns.revision == null ? "" : ns.revision.toString()),
              new AcLiteral(features)));
    }
    return TblLiteral.ofRows(6, rows);
  }

  private TblLiteral odmList() {
    List<List<Ari>> rows = new ArrayList<>();
    for (Namespace ns : core.objects.namespaces()) {
      if (!ns.odm || ns.obsolete) {
        continue;
      }
      rows.add(
          List.of(
              TextLiteral.of(ns.org),
              ns.orgEnum == null ? NULL : IntLiteral.of(ns.orgEnum),
              TextLiteral.of(ns.model),
              ns.modelEnum == null ? NULL : IntLiteral.of(ns.modelEnum),
              new TextLiteral(AriType.TEXTSTR, ns.revision == null ? "" : ns.revision.toString())));
    }
    return TblLiteral.ofRows(5, rows);
  }

  private TblLiteral execRunning() {
    List<List<Ari>> rows = new ArrayList<>();
    core.running.forEach(
        (pid, target) ->
            rows.add(
                List.of(
                    IntLiteral.of(AriType.UVAST, pid), target[0], IntLiteral.of(AriType.BYTE, 1))));
    return TblLiteral.ofRows(3, rows);
  }

  private Iterable<Obj> live(AriType type, boolean includeAdm) {
    List<Obj> out = new ArrayList<>();
    for (Namespace ns : core.objects.namespaces()) {
      if (ns.obsolete || (!ns.odm && !includeAdm)) {
        continue;
      }
      for (Obj o : ns.objects(type)) {
        if (!o.obsolete) {
          out.add(o);
        }
      }
    }
    return out;
  }

  private TblLiteral objectList(AriType type, boolean includeAdm) {
    List<List<Ari>> rows = new ArrayList<>();
    for (Obj o : live(type, includeAdm)) {
      if (type == AriType.TYPEDEF) {
        rows.add(List.of(o.ref()));
      } else {
        Ari semtype =
            o instanceof Obj.Const c ? c.semtype : o instanceof Obj.Var v ? v.semtype : NULL;
        rows.add(List.of(o.ref(), semtype));
      }
    }
    return TblLiteral.ofRows(type == AriType.TYPEDEF ? 1 : 2, rows);
  }

  private TblLiteral identList(boolean includeAdm, boolean includeAbstract, Ari base) {
    Set<String> derived = null;
    if (base instanceof ObjectRef b) {
      Obj root = core.objects.find(b, core.agentNs);
      derived = new LinkedHashSet<>();
      if (root != null) {
        collectDerived(root.key(), derived);
      }
    }
    List<List<Ari>> rows = new ArrayList<>();
    for (Obj o : live(AriType.IDENT, includeAdm)) {
      Obj.Ident i = (Obj.Ident) o;
      if ((i.isAbstract && !includeAbstract) || (derived != null && !derived.contains(i.key()))) {
        continue;
      }
      rows.add(List.of(i.ref(), BoolLiteral.typed(i.isAbstract)));
    }
    return TblLiteral.ofRows(2, rows);
  }

  /** Every IDENT derived from {@code base}, directly or not (the base itself excluded). */
  private void collectDerived(String base, Set<String> out) {
    for (Namespace ns : core.objects.namespaces()) {
      for (Obj o : ns.objects(AriType.IDENT)) {
        Obj.Ident i = (Obj.Ident) o;
        for (ObjectRef b : i.bases) {
          String k = core.objects.canonicalKey(b, i.ns);
          if (base.equals(k) && out.add(i.key())) {
            collectDerived(i.key(), out);
          }
        }
      }
    }
  }

  private TblLiteral ruleList(AriType type, boolean includeAdm) {
    List<List<Ari>> rows = new ArrayList<>();
    for (Obj o : live(type, includeAdm)) {
      Obj.Rule r = (Obj.Rule) o;
      RuleState s = core.rules.state(r);
      rows.add(
          List.of(
              r.ref(),
              r.action,
              r.conditionOrStart,
              r.intervalOrPeriod,
              IntLiteral.ofUnsigned(AriType.UVAST, r.maxCount),
              BoolLiteral.typed(r.initEnabled),
              BoolLiteral.typed(s != null && s.enabled())));
    }
    return TblLiteral.ofRows(7, rows);
  }

  // ---- ODMs and objects ----

  private Ari ensureOdm(Exec ctx, ObjectRef ref, List<Ari> p) throws ExecutionException {
    String orgName = text(p.get(0));
    long orgId = longOf(p.get(1));
    String modelName = text(p.get(2));
    long modelId = longOf(p.get(3));
    if (!modelName.startsWith("!") || modelName.length() < 2) {
      throw new ExecutionException(
          Code.BAD_PARAMETERS, "an ODM's name starts with '!', not " + modelName);
    }
    if (modelId >= 0) {
      throw new ExecutionException(
          Code.BAD_PARAMETERS, "an ODM's enum is negative, not " + modelId);
    }
    ObjectStore os = core.objects;
    Long knownOrgEnum = os.orgEnumOf(orgName);
    String knownOrgName = os.orgNameOf(orgId);
    if ((knownOrgEnum != null && knownOrgEnum != orgId)
        || (knownOrgName != null && !knownOrgName.equals(orgName))) {
      throw new ExecutionException(
          Code.CONFLICT,
          "organisation "
              + orgName
              + " = "
              + orgId
              + " contradicts "
              + (knownOrgEnum != null
                  ? orgName + " = " + knownOrgEnum
                  : knownOrgName + " = " + orgId));
    }
    Namespace byName = os.namespace(AriId.of(orgName), AriId.of(modelName));
    Namespace byEnum = os.namespace(AriId.of(orgId), AriId.of(modelId));
    NamespaceRef nsRef = NamespaceRef.of(orgName, modelName);
    if (byName == null && byEnum == null) {
      core.check(ctx, nsRef, Texts.of(nsRef), Permission.ENSURE_ODM);
      Namespace ns = new Namespace(orgName, orgId, modelName, modelId, null, true, null);
      os.add(ns);
      for (Namespace other : os.namespaces()) {
        // ODMs created by name only get the organisation's enum now that it is known.
        if (other.org.equals(orgName) && other.orgEnum == null) {
          other.orgEnum = orgId;
        }
      }
      core.logDefinition(ref, p);
      return null;
    }
    if (byName != null && byName == byEnum && byName.odm) {
      if (byName.obsolete) {
        throw new ExecutionException(
            Code.CONFLICT, "ODM " + byName + " is obsolete; its identifiers stay reserved");
      }
      return null;
    }
    if (byName != null && byEnum == null && byName.odm && byName.modelEnum == null) {
      // An ODM created by name (by an ensure- control) gets its enums.
      core.check(ctx, nsRef, Texts.of(nsRef), Permission.ENSURE_ODM);
      byName.orgEnum = orgId;
      byName.modelEnum = modelId;
      core.logDefinition(ref, p);
      return null;
    }
    throw new ExecutionException(
        Code.CONFLICT,
        "ODM "
            + orgName
            + "/"
            + modelName
            + " = "
            + orgId
            + "/"
            + modelId
            + " contradicts "
            + (byName != null ? byName : byEnum)
            + " (the ODM with that "
            + (byName != null ? "name" : "enum")
            + ")");
  }

  private Ari obsoleteOdm(Exec ctx, ObjectRef ref, List<Ari> p) throws ExecutionException {
    Namespace ns = core.objects.namespace((NamespaceRef) p.get(0));
    if (ns == null || ns.obsolete) {
      return null;
    }
    if (!ns.odm) {
      throw new ExecutionException(
          Code.BAD_PARAMETERS, ns + " is an ADM, which cannot be obsoleted");
    }
    NamespaceRef nsRef = ns.ref();
    core.check(ctx, nsRef, Texts.of(nsRef), Permission.OBSOLETE_ODM);
    ns.obsolete = true;
    for (Map<String, Obj> m : ns.allTypes()) {
      for (Obj o : m.values()) {
        if (!o.obsolete) {
          core.obsolete(o);
        }
      }
    }
    core.logDefinition(ref, List.of(nsRef));
    return null;
  }

  private Ari obsoleteNoResult(Exec ctx, ObjectRef ref, List<Ari> p) throws ExecutionException {
    obsoleteObject(ctx, ref, p);
    return null;
  }

  /** Obsoletes the object {@code p[0]} if present; returns null when there was nothing to do. */
  private Ari obsoleteObject(Exec ctx, ObjectRef ref, List<Ari> p) throws ExecutionException {
    ObjectRef target = (ObjectRef) p.get(0);
    Obj o = core.objects.find(target, core.currentNs);
    if (o == null || o.obsolete || o.ns.obsolete) {
      return null;
    }
    if (!o.ns.odm) {
      throw new ExecutionException(
          Code.BAD_PARAMETERS, o.key() + " is in an ADM; only ODM objects can be obsoleted");
    }
    core.check(ctx, o, Permission.OBSOLETE_OBJECT);
    core.obsolete(o);
    core.logDefinition(ref, List.of(o.ref()));
    return BoolLiteral.TRUE;
  }

  private Ari ensureConst(Exec ctx, ObjectRef ref, List<Ari> p) throws ExecutionException {
    Namespace ns = core.odmFor(ctx, (NamespaceRef) p.get(0), p);
    String name = text(p.get(1));
    long e = longOf(p.get(2));
    Ari semtype = p.get(3);
    Ari value = conform(semtype, p.get(4), name);
    Obj old = core.existing(ns, AriType.CONST, name, e);
    if (old instanceof Obj.Const c) {
      if (c.semtype.equals(semtype) && c.value.equals(value)) {
        return null;
      }
      throw new ExecutionException(
          Code.CONFLICT, c.key() + " exists with another type or value; a CONST never changes");
    }
    core.checkEnsure(ctx, ns, AriType.CONST, name);
    ns.put(new Obj.Const(ns, name, e, semtype, value));
    core.logDefinition(ref, replaced(p, 4, value));
    return null;
  }

  private static List<Ari> replaced(List<Ari> p, int i, Ari v) {
    List<Ari> out = new ArrayList<>(p);
    out.set(i, v);
    return out;
  }

  private static Ari conform(Ari semtype, Ari value, String name) throws ExecutionException {
    AriType t = AgentCore.declaredType(semtype);
    Ari c = Kind.conformToType(t, value);
    if (c == null) {
      throw new ExecutionException(
          Code.TYPE_MISMATCH, name + " is declared " + t + ", and " + Texts.of(value) + " is not");
    }
    return c;
  }

  private Ari ensureVar(Exec ctx, ObjectRef ref, List<Ari> p) throws ExecutionException {
    Namespace ns = core.odmFor(ctx, (NamespaceRef) p.get(0), p);
    String name = text(p.get(1));
    long e = longOf(p.get(2));
    Ari semtype = p.get(3);
    Ari init = conform(semtype, p.get(4), name);
    Obj old = core.existing(ns, AriType.VAR, name, e);
    if (old instanceof Obj.Var v) {
      if (v.computed() || !v.semtype.equals(semtype)) {
        throw new ExecutionException(
            Code.CONFLICT,
            v.key()
                + " exists with another type or as a computed VAR; ensure-var changes only the initial value");
      }
      if (v.initValue.equals(init)) {
        return null;
      }
      core.checkEnsure(ctx, ns, AriType.VAR, name);
      // The YANG: ensure-var can change only the initial value of an existing VAR.
      v.initValue = init;
      core.logDefinition(ref, replaced(p, 4, init));
      return null;
    }
    core.checkEnsure(ctx, ns, AriType.VAR, name);
    Obj.Var v = new Obj.Var(ns, name, e, semtype, init, null, null);
    ns.put(v);
    core.logDefinition(ref, replaced(p, 4, init));
    core.logVar(v);
    return null;
  }

  private Ari ensureExprVar(Exec ctx, ObjectRef ref, List<Ari> p) throws ExecutionException {
    Namespace ns = core.odmFor(ctx, (NamespaceRef) p.get(0), p);
    String name = text(p.get(1));
    long e = longOf(p.get(2));
    Ari semtype = p.get(3);
    AcLiteral expr = (AcLiteral) p.get(4);
    Obj old = core.existing(ns, AriType.VAR, name, e);
    if (old instanceof Obj.Var v) {
      if (v.computed() && v.semtype.equals(semtype) && v.exprSource.equals(expr)) {
        return null;
      }
      throw new ExecutionException(
          Code.CONFLICT, v.key() + " exists with another definition; a VAR's EXPR never changes");
    }
    CompiledExpr compiled = core.compile(expr);
    core.checkEnsure(ctx, ns, AriType.VAR, name);
    ObjectRef varRef = AgentCore.refIn(ns, AriType.VAR, name);
    try {
      core.varDefs.define(varRef, core.objects.canonicalVars(expr, ns));
    } catch (ExprException ex) {
      throw new ExecutionException(Code.CYCLE, ex.getMessage());
    }
    Obj.Var v = new Obj.Var(ns, name, e, semtype, Ari.UNDEFINED, expr, compiled);
    ns.put(v);
    List<String> reads = new ArrayList<>();
    for (ObjectRef r : compiled.references()) {
      String k = core.objects.canonicalKey(r, ns);
      if (k != null) {
        reads.add(k);
      }
    }
    core.objects.dependsOn(v.key(), reads);
    core.logDefinition(ref, p);
    return null;
  }

  private Ari ensureIdent(Exec ctx, ObjectRef ref, List<Ari> p) throws ExecutionException {
    Namespace ns = core.odmFor(ctx, (NamespaceRef) p.get(0), p);
    String name = text(p.get(1));
    long e = longOf(p.get(2));
    boolean isAbstract = bool(p.get(3));
    List<ObjectRef> bases = new ArrayList<>();
    for (Ari b : ((AcLiteral) p.get(4)).items()) {
      Obj base = core.objects.resolve((ObjectRef) b, ns);
      bases.add(base.ref());
    }
    Obj old = core.existing(ns, AriType.IDENT, name, e);
    if (old instanceof Obj.Ident i) {
      if (i.isAbstract == isAbstract && i.bases.equals(bases)) {
        return null;
      }
      throw new ExecutionException(Code.CONFLICT, i.key() + " exists with other bases");
    }
    core.checkEnsure(ctx, ns, AriType.IDENT, name);
    ns.put(new Obj.Ident(ns, name, e, isAbstract, bases));
    core.logDefinition(ref, replaced(p, 4, new AcLiteral(new ArrayList<>(bases))));
    return null;
  }

  private Ari ensureRule(Exec ctx, ObjectRef ref, List<Ari> p, AriType type)
      throws ExecutionException {
    Namespace ns = core.odmFor(ctx, (NamespaceRef) p.get(0), p);
    String name = text(p.get(1));
    long e = longOf(p.get(2));
    IntLiteral max = (IntLiteral) p.get(6);
    Obj.Rule r =
        new Obj.Rule(
            ns,
            type,
            name,
            e,
            p.get(3),
            p.get(4),
            p.get(5),
            max.fitsLong() ? max.longValue() : Long.MAX_VALUE,
            bool(p.get(7)));
    Obj old = core.existing(ns, type, name, e);
    if (old instanceof Obj.Rule o) {
      if (o.sameDefinition(r)) {
        return null;
      }
      throw new ExecutionException(Code.CONFLICT, o.key() + " exists with another definition");
    }
    core.checkEnsure(ctx, ns, type, name);
    core.rules.add(r);
    ns.put(r);
    core.logDefinition(ref, p);
    return null;
  }

  private Obj.Rule rule(Exec ctx, Ari ref) throws ExecutionException {
    Obj o = core.objects.resolve((ObjectRef) ref, core.currentNs);
    core.check(ctx, o, Permission.MODIFY_RULE_ENABLED);
    return (Obj.Rule) o;
  }

  private void storeVar(Exec ctx, ObjectRef target, Ari value) throws ExecutionException {
    Obj o = core.objects.resolve(target, core.currentNs);
    if (!(o instanceof Obj.Var v)) {
      throw new ExecutionException(Code.BAD_PARAMETERS, o.key() + " is not a VAR");
    }
    if (v.computed()) {
      throw new ExecutionException(
          Code.BAD_PARAMETERS, v.key() + " is computed from an EXPR; it cannot be stored");
    }
    core.check(ctx, v, Permission.MODIFY_VAR);
    Ari next = value == null ? v.initValue : conform(v.semtype, value, v.key());
    if (next.equals(v.value)) {
      return;
    }
    v.value = next;
    core.logVar(v);
    core.inputChanged(v.key());
  }

  // ---- ietf-dtnma-agent-acl ----

  private void aclModel() {
    Namespace ns = core.aclNs;
    Obj old = ns.byName(AriType.VAR, "default-access");
    AcLiteral initial = AgentCore.permissionRefs(core.config.defaultAccess());
    Obj.Var def =
        new Obj.Var(
            ns,
            "default-access",
            old.enumValue,
            new ObjectRef(
                AriId.of("ietf"),
                AriId.of("dtnma-agent-acl"),
                null,
                AriType.TYPEDEF,
                AriId.of("permission-list"),
                null),
            initial,
            null,
            null);
    ns.replace(def);
    core.defaultAccessVar = def;
    AccessControl acl = core.acl;
    edd(
        ns,
        "access-list",
        (ctx, p) -> {
          List<List<Ari>> rows = new ArrayList<>();
          for (AccessControl.Entry e : acl.entries()) {
            List<Ari> groups = new ArrayList<>();
            for (Long g : e.groupIds()) {
              groups.add(IntLiteral.of(AriType.UINT, g));
            }
            rows.add(
                List.of(
                    IntLiteral.of(AriType.UINT, e.id()),
                    new AcLiteral(groups),
                    e.objects(),
                    e.permissionRefs(),
                    TimeLiteral.tp(e.addedAt()),
                    TimeLiteral.tp(e.updatedAt())));
          }
          return TblLiteral.ofRows(6, rows);
        });
    edd(
        ns,
        "current-groups",
        (ctx, p) -> {
          List<Ari> ids = new ArrayList<>();
          if (ctx.asAgent) {
            ids.add(IntLiteral.of(AriType.UINT, 0));
          } else {
            for (Long g : acl.groupsOf(ctx.manager)) {
              ids.add(IntLiteral.of(AriType.UINT, g));
            }
          }
          return new AcLiteral(ids);
        });
    edd(
        ns,
        "group-list",
        (ctx, p) -> {
          List<List<Ari>> rows = new ArrayList<>();
          for (AccessControl.Group g : acl.groups()) {
            rows.add(
                List.of(
                    IntLiteral.of(AriType.UINT, g.id()),
                    TextLiteral.of(g.name()),
                    g.members(),
                    TimeLiteral.tp(g.addedAt()),
                    TimeLiteral.tp(g.updatedAt())));
          }
          return TblLiteral.ofRows(5, rows);
        });
    ctrl(
        ns,
        "ensure-access",
        Formal.of(
            required("access-id", Kind.UINT),
            required("group-ids", Kind.ULIST_UINT),
            required("objects", Kind.EXPR),
            required("permissions", Kind.ULIST_IDENT)),
        (ctx, ref, p) -> {
          List<Long> groups = new ArrayList<>();
          for (Ari g : ((AcLiteral) p.get(1)).items()) {
            groups.add(longOf(g));
          }
          AcLiteral filter = core.canonicalFilter((AcLiteral) p.get(2));
          List<Ari> logged = replaced(p, 2, filter);
          if (acl.ensureAccess(longOf(p.get(0)), groups, filter, (AcLiteral) p.get(3), ctx.now)) {
            core.logDefinition(ref, logged);
          }
          return null;
        });
    ctrl(
        ns,
        "discard-access",
        Formal.of(required("access-id", Kind.UINT)),
        (ctx, ref, p) -> {
          if (acl.discardAccess(longOf(p.get(0)))) {
            core.logDefinition(ref, p);
          }
          return null;
        });
    ctrl(
        ns,
        "ensure-group",
        Formal.of(required("group-id", Kind.UINT), required("name", Kind.TEXT)),
        (ctx, ref, p) -> {
          if (acl.ensureGroup(longOf(p.get(0)), text(p.get(1)), ctx.now)) {
            core.logDefinition(ref, p);
          }
          return null;
        });
    ctrl(
        ns,
        "ensure-group-members",
        Formal.of(required("group-id", Kind.UINT), required("members", Kind.EXPR)),
        (ctx, ref, p) -> {
          if (acl.ensureMembers(longOf(p.get(0)), (AcLiteral) p.get(1), ctx.now)) {
            core.logDefinition(ref, p);
          }
          return null;
        });
    ctrl(
        ns,
        "discard-group",
        Formal.of(required("group-id", Kind.UINT)),
        (ctx, ref, p) -> {
          long id = longOf(p.get(0));
          if (id == 0) {
            throw new ExecutionException(
                Code.BAD_PARAMETERS, "group 0 is the agent itself and cannot be discarded");
          }
          if (acl.discardGroup(id)) {
            core.logDefinition(ref, p);
          }
          return null;
        });
  }

  // ---- ama-agent ----

  private void amaModel() {
    Namespace ns = core.amaNs;
    Counters c = core.counters;
    ctrl(
        ns,
        "ensure-expr-var",
        ensureParams(required("type", Kind.SEMTYPE), required("expr", Kind.EXPR)),
        this::ensureExprVar);
    ctrl(
        ns,
        "set-report-options",
        Formal.of(
            required("target", Kind.OPTIONS_TARGET),
            required("priority", Kind.UVAST),
            required("lifetime", Kind.TD)),
        (ctx, ref, p) -> {
          Obj o = core.objects.resolve((ObjectRef) p.get(0), core.currentNs);
          IntLiteral pr = (IntLiteral) p.get(1);
          if (!pr.fitsLong() || pr.longValue() > 2) {
            throw new ExecutionException(
                Code.BAD_PARAMETERS, "a priority is 0 (bulk), 1 (normal) or 2 (expedited)");
          }
          TimeLiteral life = (TimeLiteral) p.get(2);
          if (life.toDuration().isNegative() || life.toDuration().isZero()) {
            throw new ExecutionException(Code.BAD_PARAMETERS, "a report lifetime is positive");
          }
          ReportOptions opts =
              new ReportOptions(Priority.ofCode((int) pr.longValue()), life.toDuration());
          if (opts.equals(core.reportOptions.get(o.key()))) {
            return null;
          }
          core.check(ctx, o, Permission.ENSURE_OBJECT);
          core.reportOptions.put(o.key(), opts);
          core.logDefinition(ref, replaced(p, 0, o.ref()));
          return null;
        });
    edd(
        ns,
        "last-error",
        (ctx, p) -> c.lastError == null ? NULL : new TextLiteral(AriType.TEXTSTR, c.lastError));
    edd(ns, "access-denied", (ctx, p) -> counter(c.accessDenied));
    edd(ns, "reports-sent", (ctx, p) -> counter(c.reportsSent));
    edd(ns, "reports-consolidated", (ctx, p) -> counter(c.reportsConsolidated));
    edd(
        ns,
        "report-options",
        (ctx, p) -> {
          List<List<Ari>> rows = new ArrayList<>();
          core.reportOptions.forEach(
              (key, o) ->
                  rows.add(
                      List.of(
                          TextLiteral.of(key),
                          IntLiteral.of(AriType.BYTE, o.priority().ordinal()),
                          TimeLiteral.td(o.lifetime()))));
          return TblLiteral.ofRows(3, rows);
        });
  }

  // ---- application ADMs ----

  static void installApplication(AgentCore core, Adm adm) {
    ModelIds ids = adm.ids();
    if (core.objects.namespace(AriId.of(ids.org()), AriId.of(ids.model())) != null) {
      throw new IllegalStateException("model " + ids + " is hosted twice");
    }
    Namespace ns =
        new Namespace(
            ids.org(),
            ids.hasEnums() ? Long.valueOf(ids.orgEnum()) : core.objects.orgEnumOf(ids.org()),
            ids.model(),
            ids.hasEnums() ? Long.valueOf(ids.modelEnum()) : null,
            ids.revision(),
            false,
            ids);
    for (AriType t : AriType.values()) {
      if (!t.isObjectKind()) {
        continue;
      }
      ids.objects(t)
          .forEach(
              (name, e) -> {
                Obj o;
                switch (t) {
                  case EDD -> {
                    EddProvider p = adm.edds().get(name);
                    o = new Obj.Edd(ns, name, e, null, (ctx, params) -> p.value(params));
                  }
                  case CTRL -> {
                    CtrlHandler h = adm.ctrls().get(name);
                    o =
                        new Obj.Ctrl(
                            ns, name, e, null, (ctx, ref, params) -> h.execute(ctx, params));
                  }
                  case CONST -> o = new Obj.Const(ns, name, e, NULL, adm.constants().get(name));
                  case VAR ->
                      o =
                          new Obj.Var(
                              ns,
                              name,
                              e,
                              NULL,
                              adm.variables().getOrDefault(name, Ari.UNDEFINED),
                              null,
                              null);
                  case IDENT -> o = new Obj.Ident(ns, name, e, false, List.of());
                  default -> o = new Obj.Plain(ns, t, name, e);
                }
                ns.put(o);
              });
    }
    core.objects.add(ns);
  }
}
