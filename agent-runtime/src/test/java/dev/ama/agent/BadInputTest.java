package dev.ama.agent;

import static dev.ama.agent.AgentFixture.MGR;
import static dev.ama.agent.AgentFixture.ari;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.NullLiteral;
import dev.ama.model.ari.Report;
import dev.ama.model.ari.RptSetLiteral;
import dev.ama.model.ari.TextLiteral;
import dev.ama.model.ari.TimeLiteral;
import dev.ama.model.ari.cbor.CborLimits;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class BadInputTest {
  private static final String DA = "//ietf/dtnma-agent/";

  private static void assertErrorReport(AgentFixture f, String reasonPart) {
    List<Report> r = f.reportsTo(MGR);
    assertThat(r).isNotEmpty();
    Report last = r.get(r.size() - 1);
    assertThat(last.source()).isEqualTo(ari("//ama/ama-agent/EDD/last-error"));
    assertThat(last.items().get(0).isUndefined()).isTrue();
    assertThat(((TextLiteral) last.items().get(1)).value()).contains(reasonPart);
  }

  private static void assertStillWorks(AgentFixture f) {
    assertThat(f.result(DA + "CTRL/inspect(" + DA + "EDD/sw-vendor)"))
        .isEqualTo(new TextLiteral(AriType.TEXTSTR, "ama"));
  }

  @Test
  void a_message_of_another_version_is_counted_and_answered() {
    try (AgentFixture f = new AgentFixture()) {
      f.agent.onMessage(MGR, new byte[] {2, (byte) 0xf6});
      assertThat(f.counters().msgRxFailed()).isEqualTo(1);
      assertErrorReport(f, "version 2");
      assertStillWorks(f);
    }
  }

  @Test
  void an_empty_message_or_bad_cbor_is_counted_and_answered() {
    try (AgentFixture f = new AgentFixture()) {
      f.agent.onMessage(MGR, new byte[0]);
      assertErrorReport(f, "empty");
      f.agent.onMessage(MGR, new byte[] {1, (byte) 0x9f, 0x01});
      assertThat(f.counters().msgRxFailed()).isEqualTo(2);
      assertThat(f.result(DA + "CTRL/inspect(//ama/ama-agent/EDD/last-error)").toString())
          .contains("decoded");
      assertStillWorks(f);
    }
  }

  @Test
  void an_rptset_sent_to_the_agent_is_refused() {
    try (AgentFixture f = new AgentFixture()) {
      f.agent.onMessage(
          MGR,
          AgentFixture.message(
              new RptSetLiteral(NullLiteral.UNTYPED, TimeLiteral.tp(0, 0), List.of())));
      assertThat(f.counters().msgRxFailed()).isEqualTo(1);
      assertErrorReport(f, "EXECSET");
      assertStillWorks(f);
    }
  }

  @Test
  void a_message_beyond_the_decoder_limits_is_refused() {
    try (AgentFixture f =
        new AgentFixture(b -> b.limits(CborLimits.builder().maxBytes(100).build()))) {
      f.runQuiet(MGR, DA + "CTRL/report-on(/AC/(\"" + "x".repeat(200) + "\"))");
      assertThat(f.counters().msgRxFailed()).isEqualTo(1);
      assertErrorReport(f, "LIMIT");
      assertStillWorks(f);
    }
  }

  @Test
  void a_target_that_is_a_literal_fails_alone() {
    try (AgentFixture f = new AgentFixture()) {
      List<Ari> r = f.run(MGR, 2, "17", DA + "CTRL/inspect(" + DA + "EDD/sw-vendor)");
      assertThat(r).containsExactly(Ari.UNDEFINED, new TextLiteral(AriType.TEXTSTR, "ama"));
      assertThat(f.counters().msgRxFailed()).isZero();
    }
  }

  @Test
  void a_handler_that_throws_gives_undefined_and_the_agent_goes_on() {
    Thermo thermo = new Thermo();
    try (AgentFixture f =
        new AgentFixture(
            b ->
                b.adm(
                    Adm.builder(Thermo.IDS)
                        .edd(
                            "current_temp",
                            p -> {
                              throw new IllegalStateException("sensor broken");
                            })
                        .edd("sensor", p -> null)
                        .ctrl(
                            "turn_heater_off",
                            (ctx, p) -> {
                              throw new IllegalStateException("relay stuck");
                            })
                        .ctrl("set_point", (ctx, p) -> Ari.UNDEFINED)
                        .constant("unit", TextLiteral.of("c"))
                        .build()))) {
      assertThat(f.result(DA + "CTRL/inspect(//example/thermo/EDD/current_temp)").isUndefined())
          .isTrue();
      assertThat(f.result("//example/thermo/CTRL/turn_heater_off").isUndefined()).isTrue();
      assertThat(f.result("//example/thermo/CTRL/set_point(1)").isUndefined()).isTrue();
      assertThat(f.counters().execFailed()).isEqualTo(3);
      assertStillWorks(f);
      assertThat(thermo.heaterOff).isEmpty();
    }
  }

  @Property(tries = 300)
  void random_bytes_never_make_on_message_throw(@ForAll @Size(max = 64) byte[] bytes) {
    try (AgentFixture f = new AgentFixture()) {
      f.agent.onMessage(MGR, bytes);
      assertThat(f.counters().msgRx()).isEqualTo(1);
      assertStillWorks(f);
    }
  }

  @Property(tries = 200)
  void random_bytes_after_the_version_byte_never_make_on_message_throw(
      @ForAll @Size(max = 64) byte[] body) {
    try (AgentFixture f = new AgentFixture()) {
      byte[] bytes = new byte[body.length + 1];
      bytes[0] = 1;
      System.arraycopy(body, 0, bytes, 1, body.length);
      f.agent.onMessage(MGR, bytes);
      assertStillWorks(f);
      assertThat(f.counters().msgRx()).isEqualTo(2);
    }
  }

  @Test
  void the_cursor_advances_even_for_a_bad_message() {
    try (AgentFixture f = new AgentFixture()) {
      f.agent.onMessage(MGR, new byte[] {7}, 41);
      assertThat(f.agent.appliedUpTo()).isEqualTo(41);
      f.agent.onMessage(
          MGR,
          AgentFixture.message(
              AgentFixture.execSet(IntLiteral.of(1), DA + "CTRL/inspect(" + DA + "EDD/sw-vendor)")),
          42);
      assertThat(f.agent.appliedUpTo()).isEqualTo(42);
    }
  }
}
