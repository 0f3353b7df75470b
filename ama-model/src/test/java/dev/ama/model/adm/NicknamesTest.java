package dev.ama.model.adm;

import static dev.ama.model.ari.AriType.CTRL;
import static dev.ama.model.ari.AriType.EDD;
import static dev.ama.model.ari.AriType.OPER;
import static dev.ama.model.ari.AriType.TYPEDEF;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriId;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.NamespaceRef;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.Params;
import dev.ama.model.ari.TextLiteral;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NicknamesTest {
  private final Nicknames nicknames = Nicknames.standard();

  /** {@code //org/model/TYPE/object} with integer identifiers and no parameters. */
  private static ObjectRef byEnums(long org, long model, AriType type, long object) {
    return new ObjectRef(AriId.of(org), AriId.of(model), null, type, AriId.of(object), null);
  }

  @Test
  void named_agent_control_translates_to_the_ietf_agent_and_control_enums() {
    Ari named = ObjectRef.of("ietf", "dtnma-agent", CTRL, "report-on");

    assertThat(nicknames.toEnums(named)).isEqualTo(byEnums(1, 1, CTRL, 6));
  }

  @Test
  void enum_agent_control_translates_back_to_its_names() {
    Ari named = ObjectRef.of("ietf", "dtnma-agent", CTRL, "report-on");

    assertThat(nicknames.toNames(byEnums(1, 1, CTRL, 6))).isEqualTo(named);
    assertThat(nicknames.toNames(nicknames.toEnums(named))).isEqualTo(named);
  }

  @Test
  void every_standard_object_translates_to_its_enums_and_back() {
    for (ModelIds m : StandardModels.ALL) {
      for (AriType type : AriType.values()) {
        if (!type.isObjectKind()) {
          continue;
        }
        m.objects(type)
            .forEach(
                (name, e) -> {
                  Ari named = ObjectRef.of(m.org(), m.model(), type, name);
                  Ari numbered = byEnums(m.orgEnum(), m.modelEnum(), type, e);
                  assertThat(nicknames.toEnums(named)).as("%s %s", m, named).isEqualTo(numbered);
                  assertThat(nicknames.toNames(numbered)).as("%s %s", m, named).isEqualTo(named);
                });
      }
    }
  }

  @Test
  void object_enums_are_looked_up_within_their_own_object_type() {
    assertThat(nicknames.toNames(byEnums(1, 1, EDD, 18)))
        .isEqualTo(ObjectRef.of("ietf", "dtnma-agent", EDD, "ident-list"));
    assertThat(nicknames.toNames(byEnums(1, 1, CTRL, 18)))
        .isEqualTo(ObjectRef.of("ietf", "dtnma-agent", CTRL, "ensure-odm"));
    assertThat(nicknames.toNames(byEnums(1, 25, TYPEDEF, 19)))
        .isEqualTo(ObjectRef.of("ietf", "amm-base", TYPEDEF, "exec-tgt"));
  }

  @Test
  void reference_in_an_unknown_organisation_stays_unchanged() {
    Ari named = ObjectRef.of("example", "adm", EDD, "counter");
    Ari numbered = byEnums(65535, 1, EDD, 0);

    assertThat(nicknames.toEnums(named)).isEqualTo(named);
    assertThat(nicknames.toNames(numbered)).isEqualTo(numbered);
  }

  @Test
  void unknown_ietf_model_keeps_its_model_and_object_names() {
    Ari named = ObjectRef.of("ietf", "no-such-model", EDD, "counter");

    assertThat(nicknames.toEnums(named))
        .isEqualTo(
            new ObjectRef(
                AriId.of(1), AriId.of("no-such-model"), null, EDD, AriId.of("counter"), null));
  }

  @Test
  void unknown_object_of_a_known_model_keeps_its_object_name() {
    Ari named = ObjectRef.of("ietf", "dtnma-agent", CTRL, "no-such-control");
    Ari numbered = byEnums(1, 1, CTRL, 999);

    assertThat(nicknames.toEnums(named))
        .isEqualTo(
            new ObjectRef(AriId.of(1), AriId.of(1), null, CTRL, AriId.of("no-such-control"), null));
    assertThat(nicknames.toNames(numbered))
        .isEqualTo(
            new ObjectRef(
                AriId.of("ietf"), AriId.of("dtnma-agent"), null, CTRL, AriId.of(999), null));
  }

  @Test
  void revision_of_a_reference_is_kept() {
    LocalDate rev = LocalDate.of(2026, 5, 1);
    Ari named =
        ObjectRef.builder()
            .org("ietf")
            .model("dtnma-agent")
            .revision(rev)
            .type(EDD)
            .object("sw-vendor")
            .build();

    assertThat(nicknames.toEnums(named))
        .isEqualTo(new ObjectRef(AriId.of(1), AriId.of(1), rev, EDD, AriId.of(0), null));
  }

  @Test
  void namespace_reference_translates_to_enums_and_back() {
    Ari named = NamespaceRef.of("ietf", "dtnma-agent-acl");
    Ari numbered = new NamespaceRef(AriId.of(1), AriId.of(2), null);

    assertThat(nicknames.toEnums(named)).isEqualTo(numbered);
    assertThat(nicknames.toNames(numbered)).isEqualTo(named);
  }

  @Test
  void references_inside_an_ac_are_translated() {
    Ari named =
        AcLiteral.of(
            ObjectRef.of("ietf", "dtnma-agent", EDD, "sw-vendor"),
            IntLiteral.of(3),
            ObjectRef.of("ietf", "dtnma-agent", OPER, "add"),
            AcLiteral.of(ObjectRef.of("ietf", "amm-base", TYPEDEF, "rptt")));
    Ari numbered =
        AcLiteral.of(
            byEnums(1, 1, EDD, 0),
            IntLiteral.of(3),
            byEnums(1, 1, OPER, 1),
            AcLiteral.of(byEnums(1, 25, TYPEDEF, 24)));

    assertThat(nicknames.toEnums(named)).isEqualTo(numbered);
    assertThat(nicknames.toNames(numbered)).isEqualTo(named);
  }

  @Test
  void references_inside_positional_parameters_are_translated() {
    Ari named =
        ObjectRef.of("ietf", "dtnma-agent", CTRL, "report-on")
            .withParams(
                Params.of(
                    AcLiteral.of(
                        ObjectRef.of("ietf", "dtnma-agent", EDD, "num-msg-rx"),
                        ObjectRef.of("ietf", "dtnma-agent-acl", EDD, "access-list")),
                    AcLiteral.EMPTY));
    Ari numbered =
        byEnums(1, 1, CTRL, 6)
            .withParams(
                Params.of(
                    AcLiteral.of(byEnums(1, 1, EDD, 3), byEnums(1, 2, EDD, 2)), AcLiteral.EMPTY));

    assertThat(nicknames.toEnums(named)).isEqualTo(numbered);
    assertThat(nicknames.toNames(numbered)).isEqualTo(named);
  }

  @Test
  void references_inside_named_parameters_are_translated_and_keys_kept() {
    Ari named =
        ObjectRef.of("ietf", "dtnma-agent", CTRL, "var-reset")
            .withParams(
                new Params.Named(
                    Map.of(
                        TextLiteral.of("target"),
                        ObjectRef.of("ietf", "dtnma-agent-acl", AriType.VAR, "default-access"))));
    Ari numbered =
        byEnums(1, 1, CTRL, 7)
            .withParams(
                new Params.Named(Map.of(TextLiteral.of("target"), byEnums(1, 2, AriType.VAR, 1))));

    assertThat(nicknames.toEnums(named)).isEqualTo(numbered);
    assertThat(nicknames.toNames(numbered)).isEqualTo(named);
  }

  @Test
  void standard_nicknames_find_each_standard_model_by_names_and_by_enums() {
    for (ModelIds m : StandardModels.ALL) {
      assertThat(nicknames.model(AriId.of(m.org()), AriId.of(m.model())))
          .as("%s", m)
          .containsSame(m);
      assertThat(nicknames.model(AriId.of(m.orgEnum()), AriId.of(m.modelEnum())))
          .as("%s", m)
          .containsSame(m);
    }
    assertThat(nicknames.model(AriId.of(1), AriId.of(999))).isEmpty();
    assertThat(nicknames.model(AriId.of(2), AriId.of(1))).isEmpty();
  }

  @Test
  void two_models_of_one_organisation_may_not_share_an_enum() {
    ModelIds a =
        ModelIds.builder("example", 65535, "alarms", 4)
            .revision(java.time.LocalDate.of(2026, 1, 1))
            .build();
    ModelIds b =
        ModelIds.builder("example", 65535, "inet", 4)
            .revision(java.time.LocalDate.of(2026, 1, 1))
            .build();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Nicknames.of(java.util.List.of(a, b)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("share the enum 4");
  }

  @Test
  void a_model_known_by_name_translates_its_objects_and_keeps_its_namespace_as_text() {
    ObjectRef named = ObjectRef.of("ama", "ama-agent", CTRL, "ensure-expr-var");
    Ari numbered = nicknames.toEnums(named);
    assertThat(numbered)
        .isEqualTo(
            new ObjectRef(AriId.of("ama"), AriId.of("ama-agent"), null, CTRL, AriId.of(0), null));
    assertThat(nicknames.toNames(numbered)).isEqualTo(named);
    assertThat(AmaModels.AMA_AGENT.hasEnums()).isFalse();
    org.assertj.core.api.Assertions.assertThatThrownBy(AmaModels.AMA_AGENT::orgEnum)
        .isInstanceOf(IllegalStateException.class);
  }
}
