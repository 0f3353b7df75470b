package dev.ama.rules.expr;

import static dev.ama.rules.expr.Exprs.edd;
import static dev.ama.rules.expr.Exprs.eval;
import static dev.ama.rules.expr.Exprs.expr;
import static dev.ama.rules.expr.Exprs.oper;
import static dev.ama.rules.expr.Exprs.var;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ama.model.adm.StandardModels;
import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriId;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.AriTypeLiteral;
import dev.ama.model.ari.BoolLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.NamespaceRef;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.Params;
import dev.ama.model.ari.TextLiteral;
import dev.ama.rules.expr.ExprException.Code;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RefOpersTest {
  static final Ari U = Ari.UNDEFINED;
  static final Ari T = BoolLiteral.TRUE;
  static final Ari F = BoolLiteral.FALSE;

  static final long SW_VERSION = StandardModels.DTNMA_AGENT.enumOf(AriType.EDD, "sw-version").get();

  static ObjectRef ref(Object org, Object model, AriType type, Object object) {
    return new ObjectRef(id(org), id(model), null, type, id(object), null);
  }

  static AriId id(Object o) {
    return o == null
        ? null
        : o instanceof String s ? AriId.of(s) : AriId.of(((Number) o).longValue());
  }

  static NamespaceRef ns(Object org, Object model) {
    return new NamespaceRef(id(org), id(model), null);
  }

  static IntLiteral n(long v) {
    return IntLiteral.of(v);
  }

  /** Applies a unary OPER to a reference given through the {@code ref} OPER. */
  static Ari on(Ari reference, ObjectRef op) {
    return eval(oper("ref", reference), op);
  }

  static void refused(AcLiteral expr, Code code) {
    assertThatThrownBy(() -> ExprCompiler.compile(expr))
        .isInstanceOfSatisfying(ExprException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  @Test
  void ref_pushes_its_reference_as_a_value_without_reading_it() throws ExprException {
    ObjectRef x = edd("x");
    List<ObjectRef> asked = new ArrayList<>();
    CompiledExpr c = ExprCompiler.compile(expr(oper("ref", x)));
    assertThat(
            c.evaluate(
                r -> {
                  asked.add(r);
                  return n(1);
                }))
        .isEqualTo(x);
    assertThat(asked).isEmpty();
    assertThat(c.references()).isEmpty();
    assertThat(eval(oper("ref", ns("ietf", "dtnma-agent")))).isEqualTo(ns("ietf", "dtnma-agent"));
    refused(expr(oper("ref", n(1))), Code.INVALID_PARAMETERS);
    refused(expr(oper("ref")), Code.INVALID_PARAMETERS);
  }

  @Test
  void is_org_private_looks_for_a_bang_name_or_a_negative_enum() {
    ObjectRef op = oper("is-org-private");
    assertThat(on(ref("!lab", "adm", AriType.EDD, "x"), op)).isEqualTo(T);
    assertThat(on(ref(-3, 1, AriType.EDD, 1), op)).isEqualTo(T);
    assertThat(on(ref("ietf", "dtnma-agent", AriType.EDD, "x"), op)).isEqualTo(F);
    assertThat(on(ref(1, 1, AriType.EDD, 1), op)).isEqualTo(F);
    assertThat(on(ns("!lab", "adm"), op)).isEqualTo(T);
    assertThat(on(ns(65535, 1), op)).isEqualTo(F);
  }

  @Test
  void is_model_odm_looks_at_the_model_identifier() {
    ObjectRef op = oper("is-model-odm");
    assertThat(on(ref("example", "!odm", AriType.VAR, "v"), op)).isEqualTo(T);
    assertThat(on(ref(1, -2, AriType.VAR, 1), op)).isEqualTo(T);
    assertThat(on(ref("ietf", "dtnma-agent", AriType.EDD, "x"), op)).isEqualTo(F);
    assertThat(on(ref(null, "!odm", AriType.VAR, "v"), op)).isEqualTo(T);
    assertThat(on(ns("ietf", "!tmp"), op)).isEqualTo(T);
  }

  @Test
  void an_identifier_left_to_the_context_or_a_value_that_is_no_reference_is_undefined() {
    ObjectRef relative = ref(null, null, AriType.EDD, "x");
    assertThat(on(relative, oper("is-org-private"))).isEqualTo(U);
    assertThat(on(relative, oper("is-model-odm"))).isEqualTo(U);
    assertThat(on(relative, oper("is-same-ns", ns("ietf", "dtnma-agent")))).isEqualTo(U);
    assertThat(eval(5, "is-org-private")).isEqualTo(U);
    assertThat(eval(TextLiteral.of("//ietf/x/EDD/y"), "is-model-odm")).isEqualTo(U);
    assertThat(eval(edd("missing"), "is-org-private")).isEqualTo(U);
    assertThat(eval(5, oper("match-object-type", new AriTypeLiteral(AriType.EDD)))).isEqualTo(U);
    assertThat(eval(5, oper("is-same-object", edd("x")))).isEqualTo(U);
  }

  @Test
  void a_value_object_in_an_expression_is_read_and_its_value_inspected() {
    // The EDD item is dereferenced like any operand: its value, not the EDD, is inspected.
    ObjectRef pointer = edd("pointer");
    Map<ObjectRef, Ari> values = Map.of(pointer, ref("!lab", "adm", AriType.VAR, "v"));
    assertThat(eval(values, pointer, "is-org-private")).isEqualTo(T);
    assertThat(eval(Map.of(pointer, n(3)), pointer, "is-org-private")).isEqualTo(U);
    assertThat(eval(values, oper("ref", pointer), "is-org-private")).isEqualTo(F);
  }

  @Test
  void match_org_int_range_translates_a_known_organisation_name_to_its_enum() {
    ObjectRef ietfOnly = oper("match-org-int-range", n(1), n(1));
    assertThat(on(ref("ietf", "dtnma-agent", AriType.EDD, "x"), ietfOnly)).isEqualTo(T);
    assertThat(on(ref(1, 7, AriType.EDD, 3), ietfOnly)).isEqualTo(T);
    assertThat(on(ref(2, 7, AriType.EDD, 3), ietfOnly)).isEqualTo(F);
    assertThat(on(ns("ietf", "amm-base"), ietfOnly)).isEqualTo(T);
    assertThat(on(ref(-20, 1, AriType.EDD, 3), oper("match-org-int-range", n(-100), n(-1))))
        .isEqualTo(T);
    assertThat(on(ref("example", "adm", AriType.EDD, "x"), ietfOnly)).isEqualTo(U);
  }

  @Test
  void match_model_int_range_translates_a_known_model_name_to_its_enum() {
    ObjectRef agentOnly = oper("match-model-int-range", n(1), n(1));
    assertThat(on(ref("ietf", "dtnma-agent", AriType.EDD, "x"), agentOnly)).isEqualTo(T);
    assertThat(on(ref(1, "dtnma-agent", AriType.EDD, "x"), agentOnly)).isEqualTo(T);
    assertThat(on(ref("ietf", "amm-base", AriType.TYPEDEF, "any"), agentOnly)).isEqualTo(F);
    assertThat(on(ns(1, 25), oper("match-model-int-range", n(20), n(30)))).isEqualTo(T);
    assertThat(on(ref("ietf", "!odm", AriType.VAR, "x"), agentOnly)).isEqualTo(U);
    assertThat(on(ref("ama", "ama-agent", AriType.CTRL, "ensure-expr-var"), agentOnly))
        .isEqualTo(U);
    assertThat(on(ref(null, 1, AriType.EDD, 1), agentOnly)).isEqualTo(T);
  }

  @Test
  void match_object_int_range_translates_a_known_object_name_to_its_enum() {
    ObjectRef around = oper("match-object-int-range", n(SW_VERSION), n(SW_VERSION));
    assertThat(on(ref("ietf", "dtnma-agent", AriType.EDD, "sw-version"), around)).isEqualTo(T);
    assertThat(on(ref(1, 1, AriType.EDD, SW_VERSION), around)).isEqualTo(T);
    assertThat(on(ref(1, 1, AriType.EDD, SW_VERSION + 1), around)).isEqualTo(F);
    assertThat(on(ref(null, null, AriType.EDD, SW_VERSION), around)).isEqualTo(T);
    assertThat(on(ref("example", "adm", AriType.EDD, "x"), around)).isEqualTo(U);
    assertThat(on(ref("ietf", "dtnma-agent", AriType.EDD, "no-such-edd"), around)).isEqualTo(U);
    assertThat(on(ns("ietf", "dtnma-agent"), around)).isEqualTo(U);
  }

  @Test
  void int_range_parameters_are_two_integers_within_int() {
    refused(
        expr(oper("ref", edd("x")), oper("match-org-int-range", n(1))), Code.INVALID_PARAMETERS);
    refused(
        expr(oper("ref", edd("x")), oper("match-org-int-range", n(1), n(1L << 31))),
        Code.INVALID_PARAMETERS);
    refused(
        expr(oper("ref", edd("x")), oper("match-object-int-range", TextLiteral.of("a"), n(1))),
        Code.INVALID_PARAMETERS);
    ObjectRef named =
        oper("match-org-int-range")
            .withParams(
                new Params.Named(
                    Map.of(TextLiteral.of("max-value"), n(5), TextLiteral.of("min-value"), n(1))));
    assertThat(on(ref(3, 1, AriType.EDD, 1), named)).isEqualTo(T);
  }

  @Test
  void is_same_ns_compares_namespaces_by_name_or_enum() {
    ObjectRef agent = oper("is-same-ns", ns("ietf", "dtnma-agent"));
    assertThat(on(ref(1, 1, AriType.EDD, 4), agent)).isEqualTo(T);
    assertThat(on(ref("ietf", "dtnma-agent", AriType.CTRL, "inspect"), agent)).isEqualTo(T);
    assertThat(on(ns(1, "dtnma-agent"), agent)).isEqualTo(T);
    assertThat(on(ns("ietf", "amm-base"), agent)).isEqualTo(F);
    assertThat(on(ns(2, 1), agent)).isEqualTo(F);
    assertThat(on(ns("example", "adm"), oper("is-same-ns", ns("example", "adm")))).isEqualTo(T);
    // An unknown model by name and by enum: nothing says they are one.
    assertThat(on(ns(1, 99), oper("is-same-ns", ns("ietf", "unknown")))).isEqualTo(F);
    refused(expr(oper("ref", edd("x")), oper("is-same-ns", edd("y"))), Code.INVALID_PARAMETERS);
  }

  @Test
  void match_object_type_takes_an_aritype_a_code_or_a_name() {
    ObjectRef x = edd("x");
    assertThat(on(x, oper("match-object-type", new AriTypeLiteral(AriType.EDD)))).isEqualTo(T);
    assertThat(on(x, oper("match-object-type", new AriTypeLiteral(AriType.VAR)))).isEqualTo(F);
    assertThat(on(x, oper("match-object-type", n(AriType.EDD.code())))).isEqualTo(T);
    assertThat(on(x, oper("match-object-type", TextLiteral.of("edd")))).isEqualTo(T);
    assertThat(on(x, oper("match-object-type", new AriTypeLiteral(AriType.OBJECT)))).isEqualTo(T);
    assertThat(on(x, oper("match-object-type", new AriTypeLiteral(AriType.INT)))).isEqualTo(F);
    // A type unknown to the agent: undefined (YANG).
    assertThat(on(x, oper("match-object-type", n(99)))).isEqualTo(U);
    assertThat(on(x, oper("match-object-type", TextLiteral.of("widget")))).isEqualTo(U);
    assertThat(on(ns("ietf", "dtnma-agent"), oper("match-object-type", n(-4)))).isEqualTo(U);
    refused(
        expr(oper("ref", x), oper("match-object-type", BoolLiteral.TRUE)), Code.INVALID_PARAMETERS);
  }

  @Test
  void is_same_object_compares_name_and_enum_forms_through_the_known_models() {
    ObjectRef desired =
        oper("is-same-object", ref("ietf", "dtnma-agent", AriType.EDD, "sw-version"));
    assertThat(on(ref("ietf", "dtnma-agent", AriType.EDD, "sw-version"), desired)).isEqualTo(T);
    assertThat(on(ref(1, 1, AriType.EDD, SW_VERSION), desired)).isEqualTo(T);
    assertThat(on(ref(1, "dtnma-agent", AriType.EDD, SW_VERSION), desired)).isEqualTo(T);
    assertThat(on(ref(1, 1, AriType.EDD, SW_VERSION).withParams(Params.of(n(1))), desired))
        .isEqualTo(T);
    assertThat(on(ref(1, 1, AriType.EDD, SW_VERSION + 1), desired)).isEqualTo(F);
    assertThat(on(ref(1, 1, AriType.VAR, SW_VERSION), desired)).isEqualTo(F);
    assertThat(on(ref("ietf", "amm-base", AriType.EDD, "sw-version"), desired)).isEqualTo(F);
    // A reference whose namespace is left to the context cannot be de-referenced: false (YANG).
    assertThat(on(ref(null, null, AriType.EDD, "sw-version"), desired)).isEqualTo(F);
    assertThat(on(ns("ietf", "dtnma-agent"), desired)).isEqualTo(U);
  }

  @Test
  void objects_of_unknown_models_are_the_same_only_in_the_same_form() {
    ObjectRef byName = ref("example", "!odm", AriType.VAR, "v");
    assertThat(on(ref("example", "!odm", AriType.VAR, "v"), oper("is-same-object", byName)))
        .isEqualTo(T);
    assertThat(on(ref("example", "!odm", AriType.VAR, 3), oper("is-same-object", byName)))
        .isEqualTo(F);
    assertThat(on(ref("example", "!odm", AriType.VAR, "w"), oper("is-same-object", byName)))
        .isEqualTo(F);
    refused(
        expr(oper("ref", byName), oper("is-same-object", ref(null, null, AriType.VAR, "v"))),
        Code.INVALID_PARAMETERS);
    refused(expr(oper("ref", byName), oper("is-same-object", n(1))), Code.INVALID_PARAMETERS);
  }

  @Test
  void an_acl_target_filter_matches_the_target_given_as_label_zero() throws ExprException {
    ObjectRef v = var("v");
    CompiledExpr filter =
        ExprCompiler.compileWithLabels(
            AcLiteral.of(IntLiteral.of(AriType.LABEL, 0), oper("is-same-object", v)));
    ValueProvider never =
        r -> {
          throw new AssertionError("a label is not read through the provider: " + r);
        };
    assertThat(filter.evaluate(never, List.of(v))).isEqualTo(T);
    assertThat(filter.evaluate(never, List.of(v.withParams(Params.of(n(2)))))).isEqualTo(T);
    assertThat(filter.evaluate(never, List.of(var("w")))).isEqualTo(F);
    assertThat(filter.evaluate(never, List.of())).isEqualTo(U);
    assertThat(filter.references()).isEmpty();
  }

  @Test
  void reference_predicates_compose_and_pass_undefined_through() {
    ObjectRef anyPrivate =
        oper("predicate-any", AcLiteral.of(oper("is-org-private"), oper("is-model-odm")));
    assertThat(on(ref("example", "!odm", AriType.VAR, "v"), anyPrivate)).isEqualTo(T);
    assertThat(on(ref("ietf", "dtnma-agent", AriType.EDD, "x"), anyPrivate)).isEqualTo(F);
    assertThat(eval(Map.of(), edd("missing"), oper("is-same-object", edd("x")))).isEqualTo(U);
    assertThat(eval(edd("missing"), oper("match-org-int-range", n(0), n(9)))).isEqualTo(U);
  }
}
