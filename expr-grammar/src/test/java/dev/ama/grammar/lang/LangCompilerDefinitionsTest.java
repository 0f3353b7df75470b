package dev.ama.grammar.lang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.ama.model.ari.AriType;
import dev.ama.model.ari.NamespaceRef;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.text.AriTextEncoder;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Compilations that continue what earlier ones defined (a Manager sending file after file). */
class LangCompilerDefinitionsTest {
  private static final NamespaceRef OPS = NamespaceRef.of("ama", "!ops");
  private final AriTextEncoder text = new AriTextEncoder();

  private static ObjectRef ref(AriType kind, String name) {
    return ObjectRef.of("ama", "!ops", kind, name);
  }

  private List<String> texts(Compilation c) {
    return c.execSets().stream().map(text::encode).collect(Collectors.toList());
  }

  @Test
  void a_compilation_lists_what_it_defines_with_enums_and_roles() throws Exception {
    Compilation c =
        LangCompiler.builder()
            .build()
            .compile(
                "DEF([*], V1, 1)\n"
                    + "TEMPLATE t = [V1]\n"
                    + "MACRO m = [REPORT(t) TO \"ipn:1.1\"]\n"
                    + "PROD(1s, V1) TO \"ipn:1.1\"\n"
                    + "RULE r: IF V1 > 1 THEN m",
                "a.ama");
    assertThat(c.definitions())
        .containsExactly(
            new Definition(
                ref(AriType.VAR, "V1"),
                1,
                Definition.Role.VALUE,
                c.definitions().get(0).accessId()),
            new Definition(ref(AriType.CONST, "t"), 1, Definition.Role.VALUE, 0),
            new Definition(ref(AriType.CONST, "m"), 2, Definition.Role.ACTION, 0),
            new Definition(ref(AriType.TBR, "prod-1"), 1, Definition.Role.RULE, 0),
            new Definition(ref(AriType.SBR, "r"), 1, Definition.Role.RULE, 0));
  }

  @Test
  void a_second_compilation_continues_enums_and_access_ids_and_names_earlier_objects()
      throws Exception {
    Compilation first =
        LangCompiler.builder()
            .build()
            .compile("DEF([*], V1, 1)\nMACRO m = [REPORT(V1) TO \"ipn:1.1\"]", "a.ama");
    Compilation second =
        LangCompiler.builder()
            .defined(first.definitions())
            .build()
            .compile("DEF([*], V2, V1 + 1)\nMACRO m2 = [m]\nIF V2 > 3 THEN m", "b.ama");
    List<String> out = texts(second);
    assertThat(out.get(0))
        .contains("ensure-expr-var(//ama/!ops/,V2,2,")
        .contains("/AC/(//ama/!ops/VAR/V1,1,//ietf/dtnma-agent/OPER/add)")
        .contains("ensure-access(/UINT/" + second.definitions().get(0).accessId() + ",");
    assertThat(second.definitions().get(0).accessId())
        .isNotEqualTo(first.definitions().get(0).accessId());
    assertThat(out.get(1))
        .contains("ensure-const(//ama/!ops/,m2,2,")
        .contains("//ama/!ops/CONST/m");
    assertThat(out.get(2)).contains("ensure-sbr(//ama/!ops/,if-1,1,");
    assertThat(second.definitions())
        .extracting(Definition::name, Definition::enumValue)
        .containsExactly(tuple("V2", 2L), tuple("m2", 2L), tuple("if-1", 1L));
  }

  @Test
  void defining_an_earlier_object_again_keeps_its_enum_and_access_entry() throws Exception {
    Compilation first =
        LangCompiler.builder().build().compile("DEF([*], V1, 1)\nDEF([*], V2, 2)", "a.ama");
    Compilation again =
        LangCompiler.builder()
            .defined(first.definitions())
            .build()
            .compile("DEF([*], V2, V1 * 10)\nDEF([*], V3, V2)", "b.ama");
    List<String> out = texts(again);
    assertThat(out.get(0))
        .contains("ensure-expr-var(//ama/!ops/,V2,2,")
        .contains("/UINT/" + first.definitions().get(1).accessId() + ",");
    assertThat(out.get(1)).contains("ensure-expr-var(//ama/!ops/,V3,3,");
    assertThat(again.definitions().get(1).accessId())
        .isNotIn(first.definitions().get(0).accessId(), first.definitions().get(1).accessId());
  }

  @Test
  void anonymous_rules_are_numbered_after_the_earlier_ones() throws Exception {
    Compilation first =
        LangCompiler.builder()
            .reportTo("ipn:1.1")
            .build()
            .compile("PROD(1s, num-msg-rx)\nPROD(num-msg-rx > 1, num-msg-rx)", "a.ama");
    Compilation second =
        LangCompiler.builder()
            .reportTo("ipn:1.1")
            .defined(first.definitions())
            .build()
            .compile("PROD(5s, num-msg-tx)", "b.ama");
    assertThat(texts(second).get(0)).contains("ensure-tbr(//ama/!ops/,prod-3,2,");
  }

  @Test
  void reserved_enums_are_skipped_per_namespace_and_kind() throws Exception {
    Compilation c =
        LangCompiler.builder()
            .highestEnum(OPS, AriType.VAR, 7)
            .build()
            .compile(
                "DEF([*], V1, 1)\nTEMPLATE t = [V1]\nNAMESPACE //ama/!other\nDEF([*], W, 2)",
                "a.ama");
    List<String> out = texts(c);
    assertThat(out.get(0)).contains("ensure-expr-var(//ama/!ops/,V1,8,");
    assertThat(out.get(1)).contains("ensure-const(//ama/!ops/,t,1,");
    assertThat(out.get(2)).contains("ensure-expr-var(//ama/!other/,W,1,");
  }

  @Test
  void a_name_defined_twice_in_one_file_is_still_an_error() {
    assertThatThrownBy(
            () ->
                LangCompiler.builder().build().compile("DEF([*], V1, 1)\nDEF([*], V1, 2)", "a.ama"))
        .isInstanceOf(LangException.class)
        .hasMessageContaining("a.ama:2:10: V1 is already defined at line 1");
  }

  @Test
  void an_earlier_definition_in_another_namespace_is_named_by_its_full_reference_when_ambiguous()
      throws Exception {
    Compilation first =
        LangCompiler.builder()
            .namespace(NamespaceRef.of("ama", "!a"))
            .build()
            .compile("DEF([*], V1, 1)", "a.ama");
    LangCompiler later = LangCompiler.builder().defined(first.definitions()).build();
    assertThat(texts(later.compile("DEF([*], V9, V1)", "b.ama")).get(0))
        .contains("ensure-expr-var(//ama/!ops/,V9,1,")
        .contains("//ama/!a/VAR/V1");
    Compilation clash = later.compile("DEF([*], V1, 5)", "c.ama");
    assertThatThrownBy(
            () ->
                LangCompiler.builder()
                    .defined(first.definitions())
                    .defined(clash.definitions())
                    .build()
                    .compile("DEF([*], V2, V1)", "d.ama"))
        .isInstanceOf(LangException.class)
        .hasMessageContaining("ambiguous");
  }

  @Test
  void a_definition_must_name_an_object_by_name() {
    assertThatThrownBy(
            () ->
                new Definition(
                    ObjectRef.builder()
                        .org("ama")
                        .model("!ops")
                        .type(AriType.VAR)
                        .object(3)
                        .build(),
                    1,
                    Definition.Role.VALUE,
                    0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
