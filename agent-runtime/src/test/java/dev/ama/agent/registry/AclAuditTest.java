package dev.ama.agent.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Audits in a triangle where only one pair shares the ACL group of a restricted skill (the {@code
 * examples/three-centers} shape): copies that agree on everything both sides may see must not be
 * pulled again and again.
 */
class AclAuditTest {
  private static final String SECRET = "zz-imaging";
  private static final Skill IMAGING = Skill.restricted(SECRET, "alliance");

  /** 1 and 2 share 'alliance'; 3 is in no group; every pair is linked. */
  private static Net triangle() {
    return Net.of(
        3,
        new int[][] {{1, 2}, {2, 3}, {1, 3}},
        Map.of(1, Set.of("alliance"), 2, Set.of("alliance")),
        1000,
        b -> b.auditPatience(1));
  }

  /**
   * Records with the restricted skill at 1 and at 2; each version reaches the other member by the
   * direct link and through 3 (which strips the skill), in both orders.
   */
  private static void populate(Net net) throws RegistryDecodeException {
    for (int i = 0; i < 20; i++) {
      net.c(1).register(SyncTest.reg("a" + i, Skill.of("relay"), IMAGING));
      net.c(2).register(SyncTest.reg("b" + i, Skill.of("storage"), IMAGING));
      net.c(3).register(SyncTest.reg("g" + i, Skill.of("weather")));
    }
    // Through 3 first: 2 gets 1's records stripped, 1 gets 2's records stripped.
    net.push(net.c(1), net.c(3));
    net.push(net.c(2), net.c(3));
    net.push(net.c(3), net.c(2));
    net.push(net.c(3), net.c(1));
    net.sync(); // then directly: the same versions with the skill
    for (int i = 0; i < 20; i += 2) {
      net.c(1).update(SyncTest.reg("a" + i, Skill.of("timing"), IMAGING));
      net.c(2).update(SyncTest.reg("b" + i, Skill.of("planning"), IMAGING));
    }
    net.sync(); // directly first this time (links {1,2} come first), then through 3
  }

  @Test
  void copies_that_agree_on_what_both_may_see_are_not_repaired_by_any_audit() throws Exception {
    Net net = triangle();
    populate(net);
    // The members hold the skill on each other's records, the outsider does not.
    assertThat(net.c(2).get("a4").orElseThrow().skills()).contains(IMAGING);
    assertThat(net.c(1).get("b4").orElseThrow().skills()).contains(IMAGING);
    assertThat(net.c(3).get("a4").orElseThrow().skills()).doesNotContain(IMAGING);
    assertThat(net.c(3).get("b5").orElseThrow().skills()).doesNotContain(IMAGING);
    List<byte[]> seen = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      for (int a = 1; a <= 3; a++) {
        for (int b = 1; b <= 3; b++) {
          if (a == b) {
            continue;
          }
          AuditTest.Cost c = AuditTest.audit(net, net.c(a), net.c(b), seen);
          assertThat(c.owners()).as("%d auditing %d asks for digests", a, b).isZero();
          assertThat(c.records()).as("%d auditing %d repairs", a, b).isZero();
        }
      }
    }
    // The outsider never saw the skill's name in any audit value.
    byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
    for (int a = 1; a <= 2; a++) {
      byte[] toOutsider = net.encoder.toBytes(net.c(a).summaryFor(Net.eid(3)));
      assertThat(SyncTest.indexOf(toOutsider, secret)).isNegative();
    }
  }

  @Test
  void a_member_missing_the_skill_is_repaired_by_the_other_member_once() throws Exception {
    Net net = triangle();
    net.c(1).register(SyncTest.reg("drone", Skill.of("relay"), IMAGING));
    // Only through 3: 2 holds the version without the skill, and 1 believes 2 has it.
    net.push(net.c(1), net.c(3));
    net.push(net.c(3), net.c(2));
    net.push(net.c(1), net.c(2));
    assertThat(net.c(2).get("drone").orElseThrow().skills()).contains(IMAGING);
    Net stripped = triangle();
    stripped.c(1).register(SyncTest.reg("drone", Skill.of("relay"), IMAGING));
    stripped.push(stripped.c(1), stripped.c(3));
    stripped.push(stripped.c(3), stripped.c(2));
    // 2 acknowledges to 1 what it got from 3 (an empty delta from 1 would carry the record, so the
    // ack of 2's knowledge travels as a sync-ack would).
    stripped.c(1).acknowledge(Net.eid(2), new RegistryAck(Net.eid(2), stripped.c(2).vector()));
    stripped.sync();
    assertThat(stripped.c(2).get("drone").orElseThrow().skills()).doesNotContain(IMAGING);
    // The outsider's audit finds nothing (it may not see the skill); the member's repairs it.
    List<byte[]> seen = new ArrayList<>();
    assertThat(AuditTest.audit(stripped, stripped.c(2), stripped.c(3), seen).owners()).isZero();
    assertThat(AuditTest.audit(stripped, stripped.c(2), stripped.c(1), seen).records())
        .isPositive();
    assertThat(stripped.c(2).get("drone").orElseThrow().skills()).contains(IMAGING);
    for (int a = 1; a <= 3; a++) {
      for (int b = 1; b <= 3; b++) {
        if (a != b) {
          assertThat(AuditTest.audit(stripped, stripped.c(a), stripped.c(b), seen).owners())
              .isZero();
        }
      }
    }
  }
}
