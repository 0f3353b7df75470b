package dev.ama.agent;

import static dev.ama.agent.AgentFixture.MGR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ama.model.ari.AriType;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.RealLiteral;
import dev.ama.model.ari.TextLiteral;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplicationAdmTest {
  private static final String DA = "//ietf/dtnma-agent/";
  private static final String TH = "//example/thermo/";

  @Test
  void java_edds_ctrls_consts_and_vars_are_hosted() {
    Thermo thermo = new Thermo();
    try (AgentFixture f = new AgentFixture(b -> b.adm(thermo.adm()))) {
      assertThat(f.result(DA + "CTRL/inspect(" + TH + "EDD/current_temp)"))
          .isEqualTo(new RealLiteral(AriType.REAL64, 20));
      assertThat(f.result(DA + "CTRL/inspect(" + TH + "EDD/sensor(3))"))
          .isEqualTo(new TextLiteral(AriType.TEXTSTR, "sensor 3"));
      assertThat(f.result(DA + "CTRL/inspect(" + TH + "CONST/unit)"))
          .isEqualTo(TextLiteral.of("celsius"));
      assertThat(f.result(DA + "CTRL/inspect(" + TH + "VAR/maximum_temp)"))
          .isEqualTo(new RealLiteral(AriType.REAL64, 25));
      assertThat(f.result(TH + "CTRL/set_point(21.5)")).isEqualTo(RealLiteral.of(21.5));
      assertThat(f.result(TH + "CTRL/2(" + TH + "VAR/maximum_temp)"))
          .isEqualTo(new RealLiteral(AriType.REAL64, 25));
      assertThat(f.run(MGR, 3, TH + "CTRL/turn_heater_off")).hasSize(1);
      assertThat(thermo.heaterOff).containsExactly(List.of());
      // the handler's own failure gives undefined
      assertThat(f.result(TH + "CTRL/set_point").isUndefined()).isTrue();
      assertThat(f.result(TH + "CTRL/set_point(x=1)").isUndefined()).isTrue();
      assertThat(f.counters().execFailed()).isEqualTo(2);
      assertThat(f.result(DA + "CTRL/inspect(" + DA + "EDD/num-exec-failed)"))
          .isEqualTo(IntLiteral.ofUnsigned(AriType.UVAST, 2));
    }
  }

  @Test
  void an_adm_missing_code_for_an_object_is_refused() {
    assertThatThrownBy(() -> Adm.builder(Thermo.IDS).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("current_temp");
    assertThatThrownBy(() -> Adm.builder(Thermo.IDS).edd("nope", p -> null).build())
        .hasMessageContaining("no EDD nope");
  }

  @Test
  void the_builder_names_the_missing_setting() {
    assertThatThrownBy(() -> Agent.builder().build()).hasMessageContaining("eid");
    assertThatThrownBy(() -> Agent.builder().eid("ipn:1.1").build()).hasMessageContaining("store");
    assertThatThrownBy(() -> Agent.builder().eid("http://x").build()).hasMessageContaining("eid");
  }
}
