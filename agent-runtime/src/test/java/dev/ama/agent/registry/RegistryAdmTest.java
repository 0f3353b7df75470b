package dev.ama.agent.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ama.agent.Agent;
import dev.ama.agent.InMemoryAgentStore;
import dev.ama.agent.Permission;
import dev.ama.model.amp.AmpMessageDecoder;
import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.BoolLiteral;
import dev.ama.model.ari.ExecSetLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.NullLiteral;
import dev.ama.model.ari.Report;
import dev.ama.model.ari.RptSetLiteral;
import dev.ama.model.ari.TblLiteral;
import dev.ama.model.ari.TextLiteral;
import dev.ama.model.ari.TimeLiteral;
import dev.ama.rules.schedule.VirtualRuleScheduler;
import dev.ama.transport.Eid;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two centers, each hosted by an agent; the agents' messages are decoded and their registry reports
 * handed to the other center, as a node's inbox does.
 */
class RegistryAdmTest {
  private final VirtualRuleScheduler scheduler = new VirtualRuleScheduler(Fixtures.T0);
  private final HlcTest.MutableClock clock = new HlcTest.MutableClock(Fixtures.T0);
  private final Map<Eid, RegistryAdm> adms = new LinkedHashMap<>();
  private final Map<Eid, Agent> agents = new LinkedHashMap<>();
  private final Map<Eid, InMemoryRegistryStore> stores = new LinkedHashMap<>();
  private final Deque<Object[]> wire = new ArrayDeque<>();
  private final List<Report> seen = new ArrayList<>();

  private void center(Eid eid, Eid peer, boolean denyPeer) {
    InMemoryRegistryStore store = new InMemoryRegistryStore();
    RegistryCenter c =
        RegistryCenter.builder()
            .eid(eid)
            .store(store)
            .clock(clock)
            .peer(peer, Set.of("ops"))
            .build();
    RegistryAdm adm = new RegistryAdm(c);
    Agent.Builder b =
        Agent.builder()
            .eid(eid.toString())
            .store(new InMemoryAgentStore())
            .scheduler(scheduler)
            .consolidationWindow(Duration.ZERO)
            .adm(adm.adm())
            .sender((dest, bytes, options) -> wire.add(new Object[] {eid, dest, bytes}));
    if (denyPeer) {
      // Nothing matches an entry, and the default lets others execute but not produce.
      b.defaultAccess(Set.of(Permission.EXECUTE));
    }
    Agent agent = b.build();
    agent.start();
    adm.bind(agent);
    adms.put(eid, adm);
    agents.put(eid, agent);
    stores.put(eid, store);
  }

  @AfterEach
  void close() {
    agents.values().forEach(Agent::close);
  }

  /** Delivers every message on the wire (and those the deliveries produce). */
  private int deliver() throws Exception {
    int n = 0;
    while (!wire.isEmpty()) {
      Object[] m = wire.poll();
      Eid from = (Eid) m[0];
      Eid to = Eid.of((String) m[1]);
      for (Ari item : new AmpMessageDecoder().decode((byte[]) m[2]).items()) {
        for (Report r : ((RptSetLiteral) item).reports()) {
          seen.add(r);
          adms.get(to).onReport(from, r);
          n++;
        }
      }
    }
    return n;
  }

  private void exec(Eid at, String ctrl, Ari... params) {
    agents
        .get(at)
        .execute(
            at.toString(),
            new ExecSetLiteral(
                NullLiteral.UNTYPED, List.of(RegistryAdm.ref(AriType.CTRL, ctrl, params))));
  }

  private Ari edd(Eid at, String name, Ari... params) {
    return adms.get(at).adm().edds().get(name).value(List.of(params));
  }

  private static Registration reg(String id) {
    return new Registration(
        id, "n-" + id, List.of("ipn:9.1"), List.of(Skill.of("temperature")), Map.of(), null);
  }

  private static TextLiteral text(Eid e) {
    return TextLiteral.of(e.toString());
  }

  @Test
  void a_keepalive_push_is_acked_without_repeating_the_vector() throws Exception {
    center(Fixtures.A, Fixtures.B, false);
    center(Fixtures.B, Fixtures.A, false);
    adms.get(Fixtures.A).center().register(reg("x1"));
    exec(Fixtures.A, "sync-push", text(Fixtures.B));
    deliver();
    seen.clear();

    exec(Fixtures.A, "sync-push", text(Fixtures.B)); // nothing new: a keepalive
    assertThat(deliver()).isEqualTo(2);

    AcLiteral ack = (AcLiteral) seen.get(1).items().get(0);
    RegistryAck decoded = new RegistryDecoder(RegistryLimits.DEFAULTS).ack(ack);
    assertThat(decoded.vector()).isEmpty();
  }

  @Test
  void sync_push_sends_the_delta_as_a_report_and_the_ack_comes_back() throws Exception {
    center(Fixtures.A, Fixtures.B, false);
    center(Fixtures.B, Fixtures.A, false);
    adms.get(Fixtures.A).center().register(reg("x1"));
    adms.get(Fixtures.A).center().register(reg("x2"));
    assertThat(edd(Fixtures.A, "pending", text(Fixtures.B)))
        .isEqualTo(IntLiteral.of(AriType.UVAST, 2));

    exec(Fixtures.A, "sync-push", text(Fixtures.B));
    assertThat(deliver()).isEqualTo(2); // the delta, then the ack

    assertThat(seen.get(0).source())
        .isEqualTo(RegistryAdm.ref(AriType.CTRL, "sync-push", text(Fixtures.B)));
    assertThat(seen.get(1).source())
        .isEqualTo(RegistryAdm.ref(AriType.CTRL, "sync-ack", text(Fixtures.A)));
    assertThat(adms.get(Fixtures.B).center().get("x1")).isPresent();
    assertThat(edd(Fixtures.A, "pending", text(Fixtures.B)))
        .isEqualTo(IntLiteral.of(AriType.UVAST, 0));
    assertThat(edd(Fixtures.B, "num-online")).isEqualTo(IntLiteral.of(AriType.UVAST, 2));
    TblLiteral byOwner = (TblLiteral) edd(Fixtures.B, "counts-by-owner");
    assertThat(byOwner.rowCount()).isEqualTo(1);
    assertThat(byOwner.row(0).get(0)).isEqualTo(text(Fixtures.A));
    TblLiteral records = (TblLiteral) edd(Fixtures.B, "records");
    assertThat(records.rowCount()).isEqualTo(2);
    assertThat(records.row(0).get(0)).isEqualTo(TextLiteral.of("x1"));
    assertThat(((dev.ama.model.ari.AmLiteral) edd(Fixtures.B, "vector")).entries())
        .containsEntry(text(Fixtures.A), IntLiteral.of(AriType.UVAST, 2));
    assertThat(edd(Fixtures.B, "guard-held")).isEqualTo(BoolLiteral.typed(false));
  }

  @Test
  void a_lost_push_is_not_repeated_until_resend_and_unsent_tells_the_difference() throws Exception {
    center(Fixtures.A, Fixtures.B, false);
    center(Fixtures.B, Fixtures.A, false);
    adms.get(Fixtures.A).center().register(reg("x1"));
    adms.get(Fixtures.A).center().register(reg("x2"));
    exec(Fixtures.A, "sync-push", text(Fixtures.B));
    wire.clear(); // the bundle is lost

    assertThat(edd(Fixtures.A, "pending", text(Fixtures.B)))
        .isEqualTo(IntLiteral.of(AriType.UVAST, 2));
    assertThat(edd(Fixtures.A, "unsent", text(Fixtures.B)))
        .isEqualTo(IntLiteral.of(AriType.UVAST, 0));
    exec(Fixtures.A, "sync-push", text(Fixtures.B));
    deliver();
    assertThat(adms.get(Fixtures.B).center().get("x1")).isEmpty(); // an empty keepalive went

    exec(Fixtures.A, "resend", text(Fixtures.B));
    assertThat(edd(Fixtures.A, "unsent", text(Fixtures.B)))
        .isEqualTo(IntLiteral.of(AriType.UVAST, 2));
    exec(Fixtures.A, "sync-push", text(Fixtures.B));
    deliver();
    assertThat(adms.get(Fixtures.B).center().get("x1")).isPresent();
    assertThat(edd(Fixtures.A, "pending", text(Fixtures.B)))
        .isEqualTo(IntLiteral.of(AriType.UVAST, 0));
  }

  @Test
  void an_audit_repairs_a_record_the_peer_lost() throws Exception {
    center(Fixtures.A, Fixtures.B, false);
    center(Fixtures.B, Fixtures.A, false);
    for (int i = 0; i < 20; i++) {
      adms.get(Fixtures.A).center().register(reg("x" + i));
    }
    exec(Fixtures.A, "sync-push", text(Fixtures.B));
    deliver();
    stores.get(Fixtures.B).remove("x7"); // lost without a trace: deltas never offer it again
    exec(Fixtures.A, "sync-push", text(Fixtures.B));
    deliver();
    assertThat(adms.get(Fixtures.B).center().get("x7")).isEmpty();

    seen.clear();
    exec(Fixtures.A, "audit", text(Fixtures.B));
    deliver();

    assertThat(adms.get(Fixtures.B).center().get("x7")).isPresent();
    assertThat(seen)
        .extracting(r -> ((dev.ama.model.ari.ObjectRef) r.source()).object().text())
        .containsExactly("audit", "audit-ask", "audit-digests", "audit-compare", "audit-repair");
    RegistrySummary summary =
        new RegistryDecoder().summary(edd(Fixtures.A, "summary", text(Fixtures.B)));
    assertThat(summary.owners()).hasSize(1);
    assertThat(summary.owners().get(0).records()).isEqualTo(20);
  }

  @Test
  void the_access_lists_withhold_registry_reports_from_a_peer_that_may_not_produce_them() {
    center(Fixtures.A, Fixtures.B, true);
    center(Fixtures.B, Fixtures.A, false);
    adms.get(Fixtures.A).center().register(reg("x1"));

    exec(Fixtures.A, "sync-push", text(Fixtures.B));

    assertThat(wire).isEmpty();
    assertThat(agents.get(Fixtures.A).status().counters().accessDenied()).isPositive();
  }

  @Test
  void a_registry_report_from_a_stranger_or_with_a_bad_value_is_refused_with_nothing_changed() {
    center(Fixtures.A, Fixtures.B, false);
    center(Fixtures.B, Fixtures.A, false);
    adms.get(Fixtures.A).center().register(reg("x1"));
    Report delta =
        new Report(
            TimeLiteral.td(Duration.ZERO),
            RegistryAdm.ref(AriType.CTRL, "sync-push", text(Fixtures.B)),
            List.of((Ari) edd(Fixtures.A, "delta", text(Fixtures.B))));

    assertThatThrownBy(() -> adms.get(Fixtures.B).onReport(Eid.of("ipn:66.0"), delta))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> assertThat(e.code()).isEqualTo(RegistryException.Code.INVALID));
    Report garbage =
        new Report(
            TimeLiteral.td(Duration.ZERO),
            RegistryAdm.ref(AriType.CTRL, "sync-push", text(Fixtures.B)),
            List.of((Ari) TextLiteral.of("not a delta")));
    assertThatThrownBy(() -> adms.get(Fixtures.B).onReport(Fixtures.A, garbage))
        .isInstanceOf(RegistryDecodeException.class);
    Report wrongObject =
        new Report(
            TimeLiteral.td(Duration.ZERO),
            RegistryAdm.ref(AriType.EDD, "num-online"),
            List.of((Ari) IntLiteral.of(1)));
    assertThatThrownBy(() -> adms.get(Fixtures.B).onReport(Fixtures.A, wrongObject))
        .isInstanceOf(RegistryException.class);
    assertThat(adms.get(Fixtures.B).center().get("x1")).isEmpty();
    assertThat(wire).isEmpty();
  }

  @Test
  void controls_refuse_unknown_peers_and_set_retention_and_takeover_act() throws Exception {
    center(Fixtures.A, Fixtures.B, false);
    center(Fixtures.B, Fixtures.A, false);
    adms.get(Fixtures.A).center().register(reg("x1"));
    exec(Fixtures.A, "sync-push", text(Fixtures.B));
    deliver();

    exec(Fixtures.A, "sync-push", TextLiteral.of("ipn:66.0"));
    assertThat(wire).isEmpty();
    assertThat(edd(Fixtures.A, "pending", TextLiteral.of("ipn:66.0"))).isEqualTo(Ari.UNDEFINED);

    exec(Fixtures.B, "set-retention", TimeLiteral.td(Duration.ofHours(2)));
    assertThat(edd(Fixtures.B, "retention")).isEqualTo(TimeLiteral.td(Duration.ofHours(2)));

    exec(Fixtures.B, "takeover", text(Fixtures.A));
    assertThat(adms.get(Fixtures.B).center().get("x1").orElseThrow().home()).isEqualTo(Fixtures.B);
    assertThat(edd(Fixtures.B, "taken-over")).isEqualTo(IntLiteral.of(AriType.UVAST, 1));
  }
}
