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
import dev.ama.transport.Priority;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {
  private static final String DA = "//ietf/dtnma-agent/";
  private static final String NS = "//ama/!t/";

  @Test
  void report_on_an_inline_template_goes_to_the_manager_that_asked() {
    try (AgentFixture f = new AgentFixture()) {
      f.runQuiet(
          MGR,
          DA + "CTRL/report-on(/AC/(" + DA + "EDD/sw-vendor, 7, /AC/(1, 2, " + DA + "OPER/add)))");
      List<Report> reports = f.reportsTo(MGR);
      assertThat(reports).hasSize(1);
      assertThat(reports.get(0).items())
          .containsExactly(
              new TextLiteral(AriType.TEXTSTR, "ama"), IntLiteral.of(7), IntLiteral.of(3));
      assertThat(reports.get(0).source())
          .isEqualTo(ari("/AC/(" + DA + "EDD/sw-vendor, 7, /AC/(1, 2, " + DA + "OPER/add))"));
    }
  }

  @Test
  void report_on_a_const_template_resolves_its_relative_items_in_the_const_model() {
    try (AgentFixture f = new AgentFixture()) {
      f.runQuiet(MGR, DA + "CTRL/report-on(" + DA + "CONST/hello, /AC/(\"ipn:9.1\", \"ipn:8.1\"))");
      for (String d : List.of("ipn:9.1", "ipn:8.1")) {
        Report r = f.reportsTo(d).get(0);
        assertThat(r.source()).isEqualTo(ari(DA + "CONST/hello"));
        assertThat(r.items()).hasSize(3);
        assertThat(r.items().get(0)).isEqualTo(new TextLiteral(AriType.TEXTSTR, "ama"));
      }
      assertThat(f.reportsTo(MGR)).isEmpty();
    }
  }

  @Test
  void report_on_a_single_value_object_reports_its_value() {
    try (AgentFixture f = new AgentFixture()) {
      f.runQuiet(MGR, DA + "CTRL/report-on(" + DA + "EDD/sw-version)");
      Report r = f.reportsTo(MGR).get(0);
      assertThat(r.items()).containsExactly(new TextLiteral(AriType.TEXTSTR, "0.1.0"));
    }
  }

  @Test
  void hello_goes_to_the_configured_managers_on_start() {
    try (AgentFixture f = new AgentFixture(b -> b.helloTo(List.of("ipn:1.1", "ipn:3.1")))) {
      assertThat(f.reportsTo("ipn:3.1")).hasSize(1);
      assertThat(f.reportsTo(MGR).get(0).source()).isEqualTo(ari(DA + "CONST/hello"));
    }
  }

  @Test
  void reports_for_one_destination_within_the_window_travel_in_one_message() {
    try (AgentFixture f = new AgentFixture(b -> b.consolidationWindow(Duration.ofSeconds(5)))) {
      for (int i = 0; i < 3; i++) {
        f.runQuiet(MGR, DA + "CTRL/report-on(/AC/(" + i + "))");
        f.scheduler.runFor(Duration.ofSeconds(1));
      }
      assertThat(f.sent).isEmpty();
      f.scheduler.runFor(Duration.ofSeconds(2));
      assertThat(f.sent).hasSize(1);
      AgentFixture.Sent s = f.sent.get(0);
      assertThat(s.at()).isEqualTo(AgentFixture.T0.plusSeconds(5));
      List<RptSetLiteral> sets = s.rptSets();
      assertThat(sets).hasSize(3);
      // each RPTSET keeps the time it was produced at
      assertThat(sets.get(2).referenceTime())
          .isEqualTo(dev.ama.model.ari.TimeLiteral.tp(AgentFixture.T0.plusSeconds(2)));
      // a report after the window opens a new one
      f.runQuiet(MGR, DA + "CTRL/report-on(/AC/(9))");
      f.scheduler.runFor(Duration.ofSeconds(4));
      assertThat(f.sent).hasSize(1);
      f.scheduler.runFor(Duration.ofSeconds(1));
      assertThat(f.sent).hasSize(2);
      assertThat(f.counters().reportsSent()).isEqualTo(4);
      assertThat(f.counters().reportsConsolidated()).isEqualTo(2);
      assertThat(f.counters().msgTx()).isEqualTo(2);
    }
  }

  @Test
  void consolidated_messages_respect_the_size_limit() {
    try (AgentFixture f =
        new AgentFixture(b -> b.consolidationWindow(Duration.ofSeconds(1)).maxMessageBytes(200))) {
      String big = "\"" + "x".repeat(20) + "\"";
      for (int i = 0; i < 6; i++) {
        f.runQuiet(MGR, DA + "CTRL/report-on(/AC/(" + big + "))");
      }
      f.scheduler.runFor(Duration.ofSeconds(1));
      assertThat(f.sent.size()).isBetween(2, 3);
      int total = 0;
      for (AgentFixture.Sent s : f.sent) {
        assertThat(s.bytes().length).isLessThanOrEqualTo(200);
        total += s.rptSets().size();
      }
      assertThat(total).isEqualTo(6);
    }
  }

  @Test
  void close_sends_what_waits() {
    AgentFixture f = new AgentFixture(b -> b.consolidationWindow(Duration.ofMinutes(1)));
    f.runQuiet(MGR, DA + "CTRL/report-on(/AC/(1))");
    assertThat(f.sent).isEmpty();
    f.close();
    assertThat(f.sent).hasSize(1);
  }

  @Test
  void a_sender_failure_is_counted_and_the_agent_goes_on() {
    try (AgentFixture f = new AgentFixture()) {
      f.failSends = true;
      f.runQuiet(MGR, DA + "CTRL/report-on(/AC/(1))");
      f.failSends = false;
      assertThat(f.counters().msgTxFailed()).isEqualTo(1);
      assertThat(f.result(DA + "CTRL/inspect(" + DA + "EDD/num-msg-tx-failed)"))
          .isEqualTo(IntLiteral.ofUnsigned(AriType.UVAST, 1));
    }
  }

  @Test
  void report_options_of_a_rule_travel_with_its_reports() {
    try (AgentFixture f =
        new AgentFixture(
            b -> b.reportOptions(new ReportOptions(Priority.BULK, Duration.ofMinutes(5))))) {
      f.runQuiet(
          MGR,
          DA
              + "CTRL/ensure-tbr("
              + NS
              + ", \"r\", 1, "
              + DA
              + "CTRL/report-on(/AC/(1), /AC/(\"ipn:5.1\")), /TD/PT0S, /TD/PT10S, /UVAST/0, true)",
          "//ama/ama-agent/CTRL/set-report-options(" + NS + "TBR/r, 2, /TD/PT30M)",
          DA
              + "CTRL/ensure-tbr("
              + NS
              + ", \"s\", 2, "
              + DA
              + "CTRL/report-on(/AC/(2), /AC/(\"ipn:5.1\")), /TD/PT0S, /TD/PT10S, /UVAST/0, true)");
      f.scheduler.runFor(Duration.ofSeconds(10));
      List<AgentFixture.Sent> toFive =
          f.sent.stream().filter(s -> s.destination().equals("ipn:5.1")).toList();
      assertThat(toFive).isNotEmpty();
      for (AgentFixture.Sent s : toFive) {
        Ari item = s.rptSets().get(0).reports().get(0).items().get(0);
        ReportOptions expected =
            item.equals(IntLiteral.of(1))
                ? new ReportOptions(Priority.EXPEDITED, Duration.ofMinutes(30))
                : new ReportOptions(Priority.BULK, Duration.ofMinutes(5));
        assertThat(s.options()).isEqualTo(expected);
      }
      Ari opts = f.result(DA + "CTRL/inspect(//ama/ama-agent/EDD/report-options)");
      assertThat(((dev.ama.model.ari.TblLiteral) opts).rowCount()).isEqualTo(1);
    }
  }

  @Test
  void a_rule_report_without_destinations_fails() {
    try (AgentFixture f = new AgentFixture()) {
      f.runQuiet(
          MGR,
          DA
              + "CTRL/ensure-tbr("
              + NS
              + ", \"r\", 1, "
              + DA
              + "CTRL/report-on(/AC/(1)), /TD/PT0S, /TD/PT10S, /UVAST/0, true)");
      int before = f.sent.size();
      f.scheduler.runFor(Duration.ofSeconds(1));
      assertThat(f.sent.size()).isEqualTo(before);
      assertThat(f.counters().execFailed()).isEqualTo(1);
      assertThat(f.result(DA + "CTRL/inspect(//ama/ama-agent/EDD/last-error)").toString())
          .contains("destinations");
    }
  }

  @Test
  void execution_reports_carry_the_nonce_and_plain_reports_none() {
    try (AgentFixture f = new AgentFixture()) {
      f.run(MGR, 77, DA + "CTRL/report-on(/AC/(1))");
      List<RptSetLiteral> sets = f.sent.get(0).rptSets();
      assertThat(sets.get(0).nonce()).isEqualTo(NullLiteral.UNTYPED);
      assertThat(sets.get(1).nonce()).isEqualTo(IntLiteral.of(77));
      assertThat(sets.get(1).reports().get(0).items()).containsExactly(NullLiteral.UNTYPED);
    }
  }
}
