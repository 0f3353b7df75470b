package dev.ama.model.adm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ama.model.ari.AriType;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What must hold of {@link StandardModels} whether or not the YANG modules are at hand. */
class StandardModelsTest {

  @Test
  void every_standard_object_name_has_one_enum_per_type() {
    for (ModelIds m : StandardModels.ALL) {
      for (AriType type : AriType.values()) {
        if (!type.isObjectKind()) {
          continue;
        }
        Map<String, Long> objects = m.objects(type);
        assertThat(new HashSet<>(objects.values()))
            .as("%s %s enums are distinct", m, type)
            .hasSameSizeAs(objects.keySet());
        objects.forEach(
            (name, e) -> {
              assertThat(m.enumOf(type, name)).as("%s %s %s", m, type, name).contains(e);
              assertThat(m.nameOf(type, e)).as("%s %s %d", m, type, e).contains(name);
            });
      }
    }
  }

  @Test
  void every_standard_model_belongs_to_the_ietf_organisation_enum_1() {
    assertThat(StandardModels.ALL)
        .allSatisfy(
            m -> {
              assertThat(m.org()).isEqualTo("ietf");
              assertThat(m.orgEnum()).isEqualTo(1);
            });
  }

  @Test
  void standard_models_have_distinct_names_and_enums() {
    Set<String> names =
        StandardModels.ALL.stream().map(ModelIds::model).collect(Collectors.toSet());
    Set<Long> enums =
        StandardModels.ALL.stream().map(ModelIds::modelEnum).collect(Collectors.toSet());

    assertThat(StandardModels.ALL).hasSize(5);
    assertThat(names)
        .containsExactlyInAnyOrder(
            "dtnma-agent", "amm-base", "amm-semtype", "network-base", "dtnma-agent-acl");
    assertThat(enums).containsExactlyInAnyOrder(1L, 25L, 24L, 26L, 2L);
  }

  @Test
  void standard_models_hold_every_published_object() {
    assertThat(count(StandardModels.DTNMA_AGENT))
        .as("%s", StandardModels.DTNMA_AGENT)
        .isEqualTo(92);
    assertThat(count(StandardModels.AMM_BASE)).as("%s", StandardModels.AMM_BASE).isEqualTo(33);
    assertThat(count(StandardModels.AMM_SEMTYPE)).as("%s", StandardModels.AMM_SEMTYPE).isEqualTo(9);
    assertThat(count(StandardModels.NETWORK_BASE))
        .as("%s", StandardModels.NETWORK_BASE)
        .isEqualTo(8);
    assertThat(count(StandardModels.DTNMA_AGENT_ACL))
        .as("%s", StandardModels.DTNMA_AGENT_ACL)
        .isEqualTo(23);
  }

  private static int count(ModelIds m) {
    int n = 0;
    for (AriType type : AriType.values()) {
      if (type.isObjectKind()) {
        n += m.objects(type).size();
      }
    }
    return n;
  }
}
