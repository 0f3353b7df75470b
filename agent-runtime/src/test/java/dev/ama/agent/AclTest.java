package dev.ama.agent;

import static dev.ama.agent.AgentFixture.ari;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ama.grammar.lang.LangCompiler;
import dev.ama.grammar.lang.LangException;
import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.ExecSetLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.Params;
import dev.ama.model.ari.RealLiteral;
import dev.ama.model.ari.Report;
import dev.ama.model.ari.RptSetLiteral;
import dev.ama.model.ari.TblLiteral;
import dev.ama.model.ari.TextLiteral;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AclTest {
  private static final String DA = "//ietf/dtnma-agent/";
  private static final String ACL = "//ietf/dtnma-agent-acl/";
  private static final String A = "ipn:1.1";
  private static final String B = "ipn:3.1";
  private static final RealLiteral V1_VALUE = new RealLiteral(AriType.REAL64, 40);

  private static AgentFixture twoManagers(
      Thermo thermo, java.util.function.Consumer<Agent.Builder> more) {
    return new AgentFixture(
        b -> {
          b.adm(thermo.adm())
              .aclGroup(new AclGroup(1, "A", List.of("ipn:1.*")))
              .aclGroup(new AclGroup(2, "B", List.of("ipn:3.1")));
          more.accept(b);
        });
  }

  /** Compiles a manager's file; its access entries get ids from {@code accessBase} on. */
  private static List<ExecSetLiteral> compile(String source, long accessBase) {
    try {
      List<ExecSetLiteral> out = new ArrayList<>();
      for (ExecSetLiteral es : LangCompiler.builder().build().compile(source, "m.ama").execSets()) {
        List<Ari> targets = new ArrayList<>();
        for (Ari t : es.targets()) {
          targets.add(renumberAccess(t, accessBase));
        }
        out.add(new ExecSetLiteral(es.nonce(), targets));
      }
      return out;
    } catch (LangException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  /** Two managers' files both number their access entries from 1; each manager picks its own. */
  private static Ari renumberAccess(Ari target, long base) {
    if (target instanceof ObjectRef r
        && r.object().isText()
        && r.object().text().equals("ensure-access")
        && r.params() instanceof Params.Positional p) {
      List<Ari> ps = new ArrayList<>(p.values());
      long id = ((IntLiteral) ps.get(0)).longValue();
      ps.set(0, IntLiteral.of(AriType.UINT, base + id - 1));
      return r.withParams(new Params.Positional(ps));
    }
    return target;
  }

  private static void send(AgentFixture f, String from, List<ExecSetLiteral> sets) {
    for (ExecSetLiteral es : sets) {
      f.agent.onMessage(from, AgentFixture.message(es));
    }
  }

  /** Every report item any message to {@code dest} carried, decoded from the bytes. */
  private static List<Report> everything(AgentFixture f, String dest) {
    List<Report> out = new ArrayList<>();
    for (AgentFixture.Sent s : f.sent) {
      if (s.destination().equals(dest)) {
        for (RptSetLiteral rs : s.rptSets()) {
          out.addAll(rs.reports());
        }
      }
    }
    return out;
  }

  @Test
  void the_multiplexed_flow_shows_each_manager_only_its_own_variables() {
    Thermo thermo = new Thermo();
    try (AgentFixture f = twoManagers(thermo, b -> {})) {
      send(
          f,
          A,
          compile(
              """
              DECLARE //example/thermo { EDD current_temp }
              GROUP A = 1
              REPORT_TO "ipn:1.1"
              DEF([A], V1, current_temp * 2)
              DEF([*], V3, current_temp * 3)
              PROD(1s, V1)
              PROD(1s, V3)
              """,
              1));
      send(
          f,
          B,
          compile(
              """
              DECLARE //example/thermo { EDD current_temp }
              DECLARE //ama/!ops { VAR V1, V3 }
              NAMESPACE //ama/!b
              GROUP B = 2
              REPORT_TO "ipn:3.1"
              DEF([B], V2, current_temp * 4)
              RULE b1: EVERY 1s DO REPORT(V1)
              RULE b3: EVERY 1s DO REPORT(V3)
              """,
              100));
      // every definition went through: no error report to either manager
      assertThat(f.reportsTo(A)).isEmpty();
      assertThat(f.reportsTo(B)).isEmpty();
      f.scheduler.runFor(Duration.ofMillis(2500));

      List<Report> toA = everything(f, A);
      List<Report> toB = everything(f, B);
      assertThat(toA).isNotEmpty();
      assertThat(toA.stream().filter(r -> r.items().contains(V1_VALUE))).isNotEmpty();
      assertThat(toA.stream().filter(r -> r.items().contains(new RealLiteral(AriType.REAL64, 60))))
          .isNotEmpty();
      // B's reports of V1 are error reports: the item is undefined, never the value
      List<Report> bV1 = toB.stream().filter(r -> r.source().toString().contains("V1")).toList();
      assertThat(bV1).isNotEmpty();
      for (Report r : bV1) {
        assertThat(r.items()).containsExactly(Ari.UNDEFINED);
      }
      for (Report r : toB) {
        assertThat(r.items()).doesNotContain(V1_VALUE);
      }
      // V3 ([*]) reaches B too
      assertThat(toB.stream().filter(r -> r.items().contains(new RealLiteral(AriType.REAL64, 60))))
          .isNotEmpty();
      assertThat(f.counters().accessDenied()).isGreaterThanOrEqualTo(2);

      // B asking directly is refused; A is not
      int before = f.sent.size();
      f.agent.onMessage(
          B,
          AgentFixture.message(
              AgentFixture.execSet(IntLiteral.of(5), DA + "CTRL/inspect(//ama/!ops/VAR/V1)")));
      assertThat(f.results(B, before, 5)).containsExactly(Ari.UNDEFINED);
      before = f.sent.size();
      f.agent.onMessage(
          A,
          AgentFixture.message(
              AgentFixture.execSet(IntLiteral.of(5), DA + "CTRL/inspect(//ama/!ops/VAR/V1)")));
      assertThat(f.results(A, before, 5)).containsExactly(V1_VALUE);
      // and B may read its own V2, A may not
      before = f.sent.size();
      f.agent.onMessage(
          A,
          AgentFixture.message(
              AgentFixture.execSet(IntLiteral.of(6), DA + "CTRL/inspect(//ama/!b/VAR/V2)")));
      assertThat(f.results(A, before, 6)).containsExactly(Ari.UNDEFINED);
    }
  }

  @Test
  void groups_and_entries_are_listed_in_their_standard_form() {
    Thermo thermo = new Thermo();
    try (AgentFixture f = twoManagers(thermo, b -> {})) {
      TblLiteral groups =
          (TblLiteral) f.run(A, 1, DA + "CTRL/inspect(" + ACL + "EDD/group-list)").get(0);
      assertThat(groups.rowCount()).isEqualTo(2);
      assertThat(groups.cell(0, 1)).isEqualTo(TextLiteral.of("A"));
      assertThat(groups.cell(0, 2))
          .isEqualTo(
              AcLiteral.of(
                  IntLiteral.of(AriType.LABEL, 0),
                  ObjectRef.of("ietf", "dtnma-agent", AriType.OPER, "match-regexp")
                      .withParams(new Params.Positional(List.of(TextLiteral.of("ipn:1\\..*"))))));
      assertThat(f.run(A, 2, DA + "CTRL/inspect(" + ACL + "EDD/current-groups)").get(0))
          .isEqualTo(AcLiteral.of(IntLiteral.of(AriType.UINT, 1)));
      assertThat(f.run("ipn:1.77", 2, DA + "CTRL/inspect(" + ACL + "EDD/current-groups)").get(0))
          .isEqualTo(AcLiteral.of(IntLiteral.of(AriType.UINT, 1)));
      assertThat(f.run("ipn:9.9", 2, DA + "CTRL/inspect(" + ACL + "EDD/current-groups)").get(0))
          .isEqualTo(AcLiteral.EMPTY);
      f.run(
          A,
          3,
          ACL
              + "CTRL/ensure-access(7, /AC/(2), /AC/(/LABEL/0, "
              + DA
              + "OPER/is-same-object(//example/thermo/EDD/current_temp)), /AC/("
              + ACL
              + "IDENT/produce))");
      TblLiteral entries =
          (TblLiteral) f.run(A, 4, DA + "CTRL/inspect(" + ACL + "EDD/access-list)").get(0);
      assertThat(entries.rowCount()).isEqualTo(1);
      assertThat(entries.cell(0, 0)).isEqualTo(IntLiteral.of(AriType.UINT, 7));
      assertThat(entries.cell(0, 1)).isEqualTo(AcLiteral.of(IntLiteral.of(AriType.UINT, 2)));
      assertThat(entries.cell(0, 3)).isEqualTo(ari("/AC/(" + ACL + "IDENT/produce)"));
      // now only B may read current_temp
      assertThat(f.run(A, 5, DA + "CTRL/inspect(//example/thermo/EDD/current_temp)"))
          .containsExactly(Ari.UNDEFINED);
      assertThat(f.run(B, 5, DA + "CTRL/inspect(//example/thermo/EDD/1)"))
          .containsExactly(new RealLiteral(AriType.REAL64, 20));
      f.run(A, 6, ACL + "CTRL/discard-access(7)");
      assertThat(f.run(A, 7, DA + "CTRL/inspect(//example/thermo/EDD/current_temp)"))
          .containsExactly(new RealLiteral(AriType.REAL64, 20));
    }
  }

  @Test
  void group_controls_change_membership() {
    Thermo thermo = new Thermo();
    try (AgentFixture f = twoManagers(thermo, b -> {})) {
      String who = DA + "CTRL/inspect(" + ACL + "EDD/current-groups)";
      f.run(A, 1, ACL + "CTRL/ensure-group(5, \"ops\")");
      f.run(
          A,
          2,
          ACL
              + "CTRL/ensure-group-members(5, /AC/(/LABEL/0, "
              + DA
              + "OPER/match-regexp(\"ipn:9%5B.%5D%5B0-9%5D+\")))");
      assertThat(f.run("ipn:9.4", 3, who).get(0))
          .isEqualTo(AcLiteral.of(IntLiteral.of(AriType.UINT, 5)));
      f.run(A, 4, ACL + "CTRL/discard-group(5)");
      assertThat(f.run("ipn:9.4", 5, who).get(0)).isEqualTo(AcLiteral.EMPTY);
      assertThat(f.run(A, 6, ACL + "CTRL/discard-group(0)")).containsExactly(Ari.UNDEFINED);
      assertThat(f.run(A, 6, ACL + "CTRL/ensure-group-members(42, /AC/(true))"))
          .containsExactly(Ari.UNDEFINED);
    }
  }

  @Test
  void default_access_decides_where_no_entry_matches_and_is_a_var() {
    Thermo thermo = new Thermo();
    try (AgentFixture f =
        twoManagers(
            thermo, b -> b.defaultAccess(EnumSet.of(Permission.EXECUTE, Permission.PRODUCE)))) {
      assertThat(
              f.run(
                  A,
                  1,
                  DA
                      + "CTRL/ensure-var(//ama/!x/, \"v\", 1, //ietf/amm-semtype/IDENT/type-use(/ARITYPE/INT), 1)"))
          .containsExactly(Ari.UNDEFINED);
      assertThat(f.counters().accessDenied()).isEqualTo(1);
      assertThat(f.run(A, 2, DA + "CTRL/inspect(//ama/ama-agent/EDD/access-denied)"))
          .containsExactly(IntLiteral.ofUnsigned(AriType.UVAST, 1));
      // the agent itself (a start-up file) grants group 1 more on everything
      f.agent.execute(
          f.agent.eid(),
          new ExecSetLiteral(
              dev.ama.model.ari.NullLiteral.UNTYPED,
              List.of(
                  ari(
                      ACL
                          + "CTRL/ensure-access(1, /AC/(1), /AC/(true), /AC/("
                          + ACL
                          + "IDENT/ensure-object, "
                          + ACL
                          + "IDENT/ensure-odm, "
                          + ACL
                          + "IDENT/execute))"))));
      assertThat(f.reportsTo(f.agent.eid())).isEmpty();
      assertThat(
              f.run(
                  A,
                  3,
                  DA
                      + "CTRL/ensure-var(//ama/!x/, \"v\", 1, //ietf/amm-semtype/IDENT/type-use(/ARITYPE/INT), 1)"))
          .containsExactly(dev.ama.model.ari.NullLiteral.UNTYPED);
    }
  }

  @Test
  void configured_entries_and_a_var_store_of_default_access_take_effect() {
    Thermo thermo = new Thermo();
    try (AgentFixture f =
        twoManagers(
            thermo,
            b ->
                b.defaultAccess(Set.of())
                    .access(
                        new AccessEntry(
                            1,
                            List.of(1L),
                            AcLiteral.of(dev.ama.model.ari.BoolLiteral.TRUE),
                            EnumSet.allOf(Permission.class))))) {
      // B belongs to no group that an entry grants, and the default grants nothing
      assertThat(f.run(B, 1, DA + "CTRL/inspect(" + DA + "EDD/sw-vendor)"))
          .containsExactly(Ari.UNDEFINED);
      assertThat(f.run(A, 2, DA + "CTRL/inspect(" + DA + "EDD/sw-vendor)")).hasSize(1);
      // A's entry matches everything, so B is refused everything, default-access included
      f.run(
          A,
          3,
          DA + "CTRL/var-store(" + ACL + "VAR/default-access, /AC/(" + ACL + "IDENT/execute))");
      assertThat(f.run(B, 4, DA + "CTRL/inspect(" + DA + "EDD/sw-vendor)"))
          .containsExactly(Ari.UNDEFINED);
      f.run(A, 5, ACL + "CTRL/discard-access(1)");
      // now default-access decides: execute, but not produce
      assertThat(f.run(B, 6, DA + "CTRL/inspect(" + DA + "EDD/sw-vendor)"))
          .containsExactly(Ari.UNDEFINED);
      assertThat(f.run(B, 7, DA + "CTRL/if-then-else(true)")).hasSize(1);
    }
  }
}
