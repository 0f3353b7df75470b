package dev.ama.grammar.lang.internal;

import dev.ama.grammar.ari.AriTextDecoder;
import dev.ama.grammar.ari.internal.SegmentSyntax;
import dev.ama.grammar.ari.internal.SegmentSyntax.SegmentException;
import dev.ama.grammar.lang.Compilation;
import dev.ama.grammar.lang.Definition;
import dev.ama.grammar.lang.LangException;
import dev.ama.grammar.lang.ObjectNames;
import dev.ama.grammar.lang.internal.antlr.AmaLangParser;
import dev.ama.model.adm.AmaModels;
import dev.ama.model.adm.ModelIds;
import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriDecodeException;
import dev.ama.model.ari.AriId;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.AriTypeLiteral;
import dev.ama.model.ari.BoolLiteral;
import dev.ama.model.ari.ExecSetLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.NamespaceRef;
import dev.ama.model.ari.NullLiteral;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.Params;
import dev.ama.model.ari.TextLiteral;
import dev.ama.model.ari.TimeLiteral;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Compiles the statements of one file, in order, to EXECSETs; keeps the file's declarations
 * (namespace, groups, destinations) and its definitions, which later statements may name.
 */
public final class StatementCompiler {
  private static final int MAX_DEPTH = 64;
  private static final TimeLiteral ZERO = TimeLiteral.td(0, 0);

  private ObjectNames names;
  private final String file;
  private NamespaceRef namespace;
  private List<String> reportTo;
  private final TimeLiteral minInterval;
  private final Map<String, Long> groups = new HashMap<>();

  /** The last enum given per namespace and kind ({@link PriorDefinitions#kindKey}). */
  private final Map<String, Long> lastEnum = new HashMap<>();

  /** The enum of each object this file defines. */
  private final Map<ObjectRef, Long> enums = new HashMap<>();

  private final Map<String, Token> defined = new HashMap<>();
  private final List<Definition> definitions = new ArrayList<>();
  private final PriorDefinitions prior;
  private int anonymous;
  private final Problems problems;

  public StatementCompiler(
      ObjectNames names,
      String file,
      NamespaceRef namespace,
      List<String> reportTo,
      TimeLiteral minInterval,
      PriorDefinitions prior) {
    ObjectNames known = names;
    for (Definition d : prior.all()) {
      if (d.role() == Definition.Role.VALUE) {
        known = known.with(d.name(), d.ref());
      } else if (d.role() == Definition.Role.ACTION) {
        known = known.withAction(d.name(), d.ref());
      }
    }
    this.names = known;
    this.file = file;
    this.problems = new Problems(file);
    this.namespace = namespace;
    this.reportTo = reportTo;
    this.minInterval = minInterval;
    this.prior = prior;
    this.anonymous = prior.highestAnonymous();
  }

  /** The EXECSETs of the file, or every problem found in it. */
  public Compilation compile(AmaLangParser.FileContext tree) throws LangException {
    List<ExecSetLiteral> out = new ArrayList<>();
    for (AmaLangParser.StatementContext st : tree.statement()) {
      List<Ari> targets = statement(st);
      if (targets != null && !targets.isEmpty()) {
        out.add(new ExecSetLiteral(NullLiteral.UNTYPED, targets));
      }
    }
    if (!problems.isEmpty()) {
      throw problems.toException();
    }
    return new Compilation(out, definitions);
  }

  // ---- diagnostics ----

  private void problem(LangException.Code code, Token at, String message) {
    problems.add(code, at, message);
  }

  private void problem(LangException.Code code, ParserRuleContext at, String message) {
    problem(code, at.getStart(), message);
  }

  // ---- statements ----

  private List<Ari> statement(AmaLangParser.StatementContext st) {
    if (st instanceof AmaLangParser.NamespaceStmtContext ns) {
      namespaceStmt(ns);
      return null;
    }
    if (st instanceof AmaLangParser.DeclareStmtContext d) {
      declare(d);
      return null;
    }
    if (st instanceof AmaLangParser.GroupStmtContext g) {
      groupStmt(g);
      return null;
    }
    if (st instanceof AmaLangParser.ReportToStmtContext r) {
      reportTo = destinations(r.destinations());
      return null;
    }
    if (st instanceof AmaLangParser.DefStmtContext d) {
      return def(d);
    }
    if (st instanceof AmaLangParser.ProdStmtContext p) {
      return prod(p);
    }
    if (st instanceof AmaLangParser.IfStmtContext i) {
      String name = "if-" + (++anonymous);
      return sbr(name, i.IF().getSymbol(), i.expr(), i.action(), null, null);
    }
    if (st instanceof AmaLangParser.TbrStmtContext t) {
      return tbr(
          t.NAME().getText(),
          t.NAME().getSymbol(),
          t.expr(0),
          t.START() != null ? t.expr(1) : null,
          t.NUMBER(),
          t.action());
    }
    if (st instanceof AmaLangParser.SbrStmtContext s) {
      return sbr(
          s.NAME().getText(),
          s.NAME().getSymbol(),
          s.expr(0),
          s.action(),
          s.MIN_INTERVAL() != null ? s.expr(1) : null,
          s.NUMBER());
    }
    if (st instanceof AmaLangParser.TemplateStmtContext t) {
      return template(t);
    }
    return macro((AmaLangParser.MacroStmtContext) st);
  }

  private void namespaceStmt(AmaLangParser.NamespaceStmtContext ns) {
    Token t = ns.nsRef().getStart();
    NamespaceRef ref = namespaceRef(t);
    if (ref != null && !ref.model().isOdmName()) {
      problem(
          LangException.Code.INVALID_LITERAL,
          t,
          "NAMESPACE names a run-time model (ODM), //org/!model");
    } else if (ref != null) {
      namespace = ref;
    }
  }

  /** The namespace a {@code //org/model} token names, or null with the problem reported. */
  private NamespaceRef namespaceRef(Token t) {
    try {
      Ari ari = new AriTextDecoder().decode("ari:" + t.getText());
      if (ari instanceof NamespaceRef ref) {
        return ref;
      }
      problem(
          LangException.Code.INVALID_LITERAL,
          t,
          "expected a model, //org/model, not " + t.getText());
    } catch (AriDecodeException e) {
      problem(LangException.Code.INVALID_LITERAL, t, e.getMessage());
    }
    return null;
  }

  /**
   * Objects an agent hosts in a model the compiler was not given, named so the source may use them.
   */
  private void declare(AmaLangParser.DeclareStmtContext d) {
    NamespaceRef ns = namespaceRef(d.nsRef().getStart());
    if (ns == null) {
      return;
    }
    for (AmaLangParser.DeclarationContext decl : d.declaration()) {
      AriType kind =
          AriType.fromName(decl.kind.getText()).filter(AriType::isObjectKind).orElse(null);
      if (kind == null) {
        problem(
            LangException.Code.SYNTAX,
            decl.kind,
            "expected an object kind (EDD, VAR, CONST, CTRL), not " + decl.kind.getText());
        continue;
      }
      for (TerminalNode n : decl.NAME().subList(1, decl.NAME().size())) {
        ObjectRef ref =
            new ObjectRef(ns.org(), ns.model(), null, kind, AriId.of(n.getText()), null);
        if (kind == AriType.CTRL) {
          names = names.withAction(n.getText(), ref);
        } else if (ObjectNames.VALUE_KINDS.contains(kind)) {
          names = names.with(n.getText(), ref);
        } else {
          problem(
              LangException.Code.SYNTAX,
              decl.kind,
              kind + " objects are not named in expressions or actions");
        }
      }
    }
  }

  private void groupStmt(AmaLangParser.GroupStmtContext g) {
    String name = g.NAME().getText();
    long id;
    try {
      id = SegmentSyntax.integer(null, g.NUMBER().getText().replace("_", "")).longValue();
    } catch (SegmentException | ArithmeticException e) {
      problem(
          LangException.Code.INVALID_LITERAL,
          g.NUMBER().getSymbol(),
          "a group id is an unsigned integer");
      return;
    }
    if (id < 0) {
      problem(
          LangException.Code.INVALID_LITERAL,
          g.NUMBER().getSymbol(),
          "a group id is an unsigned integer");
    } else if (groups.putIfAbsent(name, id) != null) {
      problem(
          LangException.Code.INVALID_LITERAL,
          g.NAME().getSymbol(),
          "group " + name + " declared twice");
    }
  }

  private List<String> destinations(AmaLangParser.DestinationsContext d) {
    List<String> out = new ArrayList<>();
    for (TerminalNode s : d.STRING()) {
      try {
        out.add(SegmentSyntax.unescape(s.getText().substring(1, s.getText().length() - 1)));
      } catch (SegmentException e) {
        problem(LangException.Code.INVALID_LITERAL, s.getSymbol(), e.getMessage());
      }
    }
    return out;
  }

  /**
   * Defines an object once per file in the current namespace: an object an earlier compilation
   * defined keeps its enum; a new one gets the next enum of its kind in the namespace, after every
   * enum taken before.
   */
  private ObjectRef define(AriType kind, String name, Token at, Definition.Role role) {
    Token earlier = defined.putIfAbsent(PriorDefinitions.kindKey(namespace, kind) + "/" + name, at);
    if (earlier != null) {
      problem(
          LangException.Code.INVALID_LITERAL,
          at,
          name + " is already defined at line " + earlier.getLine());
    }
    ObjectRef ref =
        new ObjectRef(namespace.org(), namespace.model(), null, kind, AriId.of(name), null);
    Optional<Definition> before = prior.find(namespace, kind, name);
    long value;
    if (before.isPresent()) {
      value = before.get().enumValue();
    } else {
      value =
          lastEnum.merge(
              PriorDefinitions.kindKey(namespace, kind),
              prior.highestEnum(namespace, kind) + 1,
              (last, first) -> last + 1);
    }
    if (earlier == null) {
      enums.put(ref, value);
      definitions.add(new Definition(ref, value, role, 0));
    }
    return ref;
  }

  /**
   * A new access entry id, derived from the VAR's full reference: managers that define in their own
   * namespaces share one agent's access table, so counting from 1 would make a second manager's DEF
   * overwrite the first one's entry (and open its VAR to everyone). Ids stay above 2^20, clear of
   * the small ids operators give by hand in node configurations; a clash within this compilation or
   * with a prior definition moves to the next free id.
   */
  private long hashedAccessId(ObjectRef var) {
    String key = namespace + "VAR/" + var.object().text();
    long h = 0xcbf29ce484222325L;
    for (byte b : key.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    long id = (1L << 20) + Math.floorMod(h, (1L << 31) - (1L << 20));
    java.util.Set<Long> used = new java.util.HashSet<>();
    definitions.forEach(d -> used.add(d.accessId()));
    while (used.contains(id) || prior.usesAccessId(id)) {
      id++;
    }
    return id;
  }

  /** The access entry id of a DEF'd VAR: the one it had before, or a new one. */
  private long accessIdOf(ObjectRef var) {
    long id =
        prior
            .find(namespace, AriType.VAR, var.object().text())
            .map(Definition::accessId)
            .filter(a -> a > 0)
            .orElseGet(() -> hashedAccessId(var));
    for (int i = definitions.size() - 1; i >= 0; i--) {
      Definition d = definitions.get(i);
      if (d.ref().equals(var)) {
        definitions.set(i, new Definition(d.ref(), d.enumValue(), d.role(), id));
        break;
      }
    }
    return id;
  }

  private List<Ari> objectId(ObjectRef ref) {
    return new ArrayList<>(
        List.of(namespace, TextLiteral.of(ref.object().text()), IntLiteral.of(enums.get(ref))));
  }

  private static ObjectRef ctrl(String model, String name, List<Ari> params) {
    return ObjectRef.of("ietf", model, AriType.CTRL, name)
        .withParams(new Params.Positional(params));
  }

  /** A control of ama's own ADM ({@link AmaModels#AMA_AGENT}). */
  private static ObjectRef amaCtrl(String name, List<Ari> params) {
    ModelIds m = AmaModels.AMA_AGENT;
    if (m.enumOf(AriType.CTRL, name).isEmpty()) {
      throw new IllegalStateException(name + " is not a control of " + m);
    }
    return ObjectRef.of(m.org(), m.model(), AriType.CTRL, name)
        .withParams(new Params.Positional(params));
  }

  private static Ari typeUse(Ari typeRef) {
    return ObjectRef.of("ietf", "amm-semtype", AriType.IDENT, "type-use")
        .withParams(new Params.Positional(List.of(typeRef)));
  }

  private static Ari typedef(String model, String name) {
    return ObjectRef.of("ietf", model, AriType.TYPEDEF, name);
  }

  private List<Ari> def(AmaLangParser.DefStmtContext d) {
    Token nameTok = d.NAME(0).getSymbol();
    String name = nameTok.getText();
    Ari semtype = typeUse(new AriTypeLiteral(AriType.LITERAL));
    if (d.NAME().size() > 1) {
      Token typeTok = d.NAME(1).getSymbol();
      AriType t = AriType.fromName(typeTok.getText()).filter(AriType::isLiteral).orElse(null);
      if (t == null) {
        problem(
            LangException.Code.TYPE_MISMATCH, typeTok, "unknown literal type " + typeTok.getText());
      } else {
        semtype = typeUse(new AriTypeLiteral(t));
      }
    }
    AcLiteral expr = expr(d.expr());
    List<Ari> groupIds = acl(d.acl());
    ObjectRef var = define(AriType.VAR, name, nameTok, Definition.Role.VALUE);
    names = names.with(name, var);
    if (expr == null || groupIds == null) {
      return null;
    }
    List<Ari> ensure = objectId(var);
    ensure.add(semtype);
    ensure.add(expr);
    ObjectRef isSame =
        ObjectRef.of("ietf", "dtnma-agent", AriType.OPER, "is-same-object")
            .withParams(new Params.Positional(List.of(var)));
    AcLiteral filter = new AcLiteral(List.of(IntLiteral.of(AriType.LABEL, 0), isSame));
    Ari produce = ObjectRef.of("ietf", "dtnma-agent-acl", AriType.IDENT, "produce");
    List<Ari> access =
        List.of(
            IntLiteral.of(AriType.UINT, accessIdOf(var)),
            new AcLiteral(groupIds),
            filter,
            new AcLiteral(List.of(produce)));
    return List.of(
        amaCtrl("ensure-expr-var", ensure), ctrl("dtnma-agent-acl", "ensure-access", access));
  }

  /** The group ids of an access list; empty for {@code [*]} (every group). */
  private List<Ari> acl(AmaLangParser.AclContext acl) {
    List<Ari> ids = new ArrayList<>();
    boolean ok = true;
    for (TerminalNode n : acl.NAME()) {
      Long id = groups.get(n.getText());
      if (id == null) {
        problem(
            LangException.Code.UNKNOWN_NAME,
            n.getSymbol(),
            "unknown group "
                + n.getText()
                + ": declare it first, e.g. GROUP "
                + n.getText()
                + " = 1"
                + (groups.isEmpty()
                    ? ""
                    : " (declared: " + String.join(", ", groups.keySet()) + ")"));
        ok = false;
      } else {
        ids.add(IntLiteral.of(AriType.UINT, id));
      }
    }
    return ok ? ids : null;
  }

  private List<Ari> prod(AmaLangParser.ProdStmtContext p) {
    AcLiteral trigger = expr(p.expr());
    Ari report =
        report(p.items(), p.TO() != null ? p.destinations() : null, p.PROD().getSymbol(), true);
    String name = "prod-" + (++anonymous);
    if (trigger == null || report == null) {
      return null;
    }
    AcLiteral action = new AcLiteral(List.of(report));
    if (trigger.items().size() == 1
        && trigger.items().get(0) instanceof TimeLiteral period
        && period.type() == AriType.TD) {
      if (period.seconds() < 0 || (period.seconds() == 0 && period.nanos() == 0)) {
        problem(LangException.Code.INVALID_LITERAL, p.expr(), "a period is longer than zero");
        return null;
      }
      ObjectRef tbr = define(AriType.TBR, name, p.PROD().getSymbol(), Definition.Role.RULE);
      return List.of(ensureTbr(tbr, action, ZERO, period, 0));
    }
    ObjectRef sbr = define(AriType.SBR, name, p.PROD().getSymbol(), Definition.Role.RULE);
    return List.of(ensureSbr(sbr, action, trigger, minInterval, 0));
  }

  private List<Ari> tbr(
      String name,
      Token at,
      AmaLangParser.ExprContext periodExpr,
      AmaLangParser.ExprContext startExpr,
      TerminalNode max,
      AmaLangParser.ActionContext actionCtx) {
    TimeLiteral period = timeOf(periodExpr, AriType.TD, "EVERY takes a period such as 30s");
    TimeLiteral start =
        startExpr == null ? ZERO : timeOf(startExpr, null, "START takes a time point or a delay");
    Ari action = action(actionCtx, true);
    long count = maxCount(max);
    ObjectRef tbr = define(AriType.TBR, name, at, Definition.Role.RULE);
    if (period == null || start == null || action == null || count < 0) {
      return null;
    }
    return List.of(ensureTbr(tbr, new AcLiteral(List.of(action)), start, period, count));
  }

  private List<Ari> sbr(
      String name,
      Token at,
      AmaLangParser.ExprContext condExpr,
      AmaLangParser.ActionContext actionCtx,
      AmaLangParser.ExprContext intervalExpr,
      TerminalNode max) {
    AcLiteral condition = expr(condExpr);
    Ari action = action(actionCtx, true);
    TimeLiteral interval =
        intervalExpr == null
            ? minInterval
            : timeOf(intervalExpr, AriType.TD, "MIN_INTERVAL takes a duration such as 10s");
    long count = maxCount(max);
    ObjectRef sbr = define(AriType.SBR, name, at, Definition.Role.RULE);
    if (condition == null || action == null || interval == null || count < 0) {
      return null;
    }
    return List.of(ensureSbr(sbr, new AcLiteral(List.of(action)), condition, interval, count));
  }

  private Ari ensureTbr(
      ObjectRef tbr, AcLiteral action, TimeLiteral start, TimeLiteral period, long max) {
    return ensureRule("ensure-tbr", tbr, max, action, start, period);
  }

  private Ari ensureSbr(
      ObjectRef sbr, AcLiteral action, AcLiteral condition, TimeLiteral interval, long max) {
    return ensureRule("ensure-sbr", sbr, max, action, condition, interval);
  }

  /**
   * ensure-tbr and ensure-sbr share their shape: the object's id, the rule's own parameters, then
   * max-count and init-enabled (rules start enabled).
   */
  private Ari ensureRule(String control, ObjectRef rule, long max, Ari... own) {
    List<Ari> p = objectId(rule);
    p.addAll(List.of(own));
    p.add(IntLiteral.of(AriType.UVAST, max));
    p.add(BoolLiteral.typed(true));
    return ctrl("dtnma-agent", control, p);
  }

  private long maxCount(TerminalNode max) {
    if (max == null) {
      return 0;
    }
    try {
      long v = SegmentSyntax.integer(null, max.getText().replace("_", "")).longValue();
      if (v >= 0) {
        return v;
      }
    } catch (SegmentException | ArithmeticException e) {
      // reported below
    }
    problem(
        LangException.Code.INVALID_LITERAL, max.getSymbol(), "MAX takes a count (0 = unlimited)");
    return -1;
  }

  private List<Ari> template(AmaLangParser.TemplateStmtContext t) {
    Token nameTok = t.NAME().getSymbol();
    List<Ari> items = items(t.items());
    ObjectRef konst = define(AriType.CONST, nameTok.getText(), nameTok, Definition.Role.VALUE);
    names = names.with(nameTok.getText(), konst);
    if (items == null) {
      return null;
    }
    List<Ari> p = objectId(konst);
    p.add(typeUse(typedef("amm-base", "rptt")));
    p.add(new AcLiteral(items));
    return List.of(ctrl("dtnma-agent", "ensure-const", p));
  }

  private List<Ari> macro(AmaLangParser.MacroStmtContext m) {
    Token nameTok = m.NAME().getSymbol();
    List<Ari> targets = new ArrayList<>();
    boolean ok = true;
    for (AmaLangParser.ActionContext a : m.action()) {
      Ari target = action(a, false);
      if (target == null) {
        ok = false;
      } else {
        targets.add(target);
      }
    }
    ObjectRef konst = define(AriType.CONST, nameTok.getText(), nameTok, Definition.Role.ACTION);
    names = names.withAction(nameTok.getText(), konst);
    if (!ok) {
      return null;
    }
    List<Ari> p = objectId(konst);
    p.add(typeUse(typedef("amm-base", "mac")));
    p.add(new AcLiteral(targets));
    return List.of(ctrl("dtnma-agent", "ensure-const", p));
  }

  // ---- actions, items, expressions ----

  /** An action: {@code REPORT(items) [TO …]} or a control or macro with its parameters. */
  private Ari action(AmaLangParser.ActionContext a, boolean inRule) {
    if (a instanceof AmaLangParser.ReportActionContext r) {
      return report(
          r.items(), r.TO() != null ? r.destinations() : null, r.REPORT().getSymbol(), inRule);
    }
    AmaLangParser.CallActionContext c = (AmaLangParser.CallActionContext) a;
    Token t = c.target;
    ObjectRef target;
    if (t.getType() == AmaLangParser.REF) {
      try {
        Ari ref = new AriTextDecoder().decode("ari:" + t.getText());
        if (!(ref instanceof ObjectRef o)
            || (o.objectType() != AriType.CTRL && o.objectType() != AriType.CONST)) {
          problem(
              LangException.Code.TYPE_MISMATCH,
              t,
              "an action is a CTRL or a macro (CONST), not " + t.getText());
          return null;
        }
        target = o;
      } catch (AriDecodeException e) {
        problem(LangException.Code.INVALID_LITERAL, t, e.getMessage());
        return null;
      }
    } else {
      List<ObjectRef> found = names.resolveAction(t.getText());
      if (found.size() != 1) {
        problem(
            found.isEmpty() ? LangException.Code.UNKNOWN_NAME : LangException.Code.AMBIGUOUS_NAME,
            t,
            found.isEmpty()
                ? "unknown action '"
                    + t.getText()
                    + "': no CTRL of a known model and no MACRO has it"
                : "'" + t.getText() + "' is ambiguous; write one of: " + refsText(found));
        return null;
      }
      target = found.get(0);
    }
    if (c.expr().isEmpty() && c.getChildCount() == 1) {
      return target;
    }
    List<Ari> params = new ArrayList<>();
    boolean ok = true;
    for (AmaLangParser.ExprContext e : c.expr()) {
      Ari v = item(e);
      if (v == null) {
        ok = false;
      } else {
        params.add(v);
      }
    }
    return ok ? target.withParams(new Params.Positional(params)) : null;
  }

  private Ari report(
      AmaLangParser.ItemsContext itemsCtx,
      AmaLangParser.DestinationsContext to,
      Token at,
      boolean inRule) {
    List<Ari> items = items(itemsCtx);
    List<String> dests = to != null ? destinations(to) : reportTo;
    if (inRule && dests.isEmpty()) {
      problem(
          LangException.Code.INVALID_LITERAL,
          at,
          "a rule's report needs a destination: add TO \"ipn:1.0\", or REPORT_TO \"ipn:1.0\" before it");
      return null;
    }
    if (items == null) {
      return null;
    }
    // One template item that is already a template (a CONST) is used as it is.
    Ari template =
        items.size() == 1 && items.get(0) instanceof ObjectRef r && r.objectType() == AriType.CONST
            ? items.get(0)
            : new AcLiteral(items);
    List<Ari> destValues =
        dests.stream().map(d -> (Ari) TextLiteral.of(d)).collect(Collectors.toList());
    return ctrl("dtnma-agent", "report-on", List.of(template, new AcLiteral(destValues)));
  }

  private List<Ari> items(AmaLangParser.ItemsContext ctx) {
    List<Ari> out = new ArrayList<>();
    boolean ok = true;
    for (AmaLangParser.ExprContext e : ctx.expr()) {
      Ari v = item(e);
      if (v == null) {
        ok = false;
      } else {
        out.add(v);
      }
    }
    return ok ? out : null;
  }

  /** A value: a lone operand stands for itself; anything else is an EXPR computed when used. */
  private Ari item(AmaLangParser.ExprContext e) {
    AcLiteral expr = expr(e);
    if (expr == null) {
      return null;
    }
    return expr.items().size() == 1 ? expr.items().get(0) : expr;
  }

  private AcLiteral expr(AmaLangParser.ExprContext e) {
    ExprTreeCompiler c = new ExprTreeCompiler(names, file, MAX_DEPTH);
    AcLiteral result = c.tryCompile(e);
    if (result == null) {
      problems.addAll(c.problems());
    }
    return result;
  }

  /** A time literal of the given type (TP or TD when {@code type} is null). */
  private TimeLiteral timeOf(AmaLangParser.ExprContext e, AriType type, String what) {
    AcLiteral expr = expr(e);
    if (expr == null) {
      return null;
    }
    if (expr.items().size() == 1
        && expr.items().get(0) instanceof TimeLiteral t
        && (type == null || t.type() == type)) {
      if (t.type() == AriType.TD && t.seconds() < 0) {
        problem(LangException.Code.INVALID_LITERAL, e, what + ", not a negative one");
        return null;
      }
      return t;
    }
    problem(LangException.Code.TYPE_MISMATCH, e, what);
    return null;
  }

  private static String refsText(List<ObjectRef> refs) {
    return refs.stream()
        .map(r -> "//" + r.org() + "/" + r.model() + "/" + r.objectType() + "/" + r.object())
        .collect(Collectors.joining(", "));
  }
}
