package dev.ama.agent.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LifecycleTest {
  @Test
  void retention_ends_in_a_tombstone_kept_until_every_peer_acknowledged_it() throws Exception {
    Net net = Net.of(3, new int[][] {{1, 2}, {2, 3}});
    net.c(1)
        .register(
            new Registration(
                "old",
                "old",
                List.of("tcp://o:1"),
                List.of(Skill.of("t")),
                Map.of(),
                Duration.ofHours(1)));
    net.c(1).register(SyncTest.reg("keeper"));
    net.sync();
    net.clock.advance(Duration.ofSeconds(100));
    net.c(1).heartbeat("keeper");
    assertThat(net.c(1).expire()).isEqualTo(1);
    net.sync();
    assertThat(net.c(3).get("old").orElseThrow().status()).isEqualTo(RegistryStatus.OFFLINE);

    net.cut(2, 3);
    net.clock.advance(Duration.ofMinutes(57)); // retention counts from last seen, T0
    assertThat(net.c(1).retire()).isZero();
    net.clock.advance(Duration.ofMinutes(2));
    assertThat(net.c(1).retire()).isEqualTo(1);
    net.sync();
    assertThat(net.c(1).purgeTombstones()).isEqualTo(1); // its only peer, 2, acknowledged
    assertThat(net.c(2).purgeTombstones()).isZero(); // 3 has not
    assertThat(net.stores.get(Net.eid(2)).get("old")).get().matches(RegistryRecord::tombstone);

    net.heal(2, 3);
    net.sync();
    assertThat(net.c(2).purgeTombstones()).isEqualTo(1);
    assertThat(net.c(3).purgeTombstones()).isEqualTo(1);
    for (int i = 1; i <= 3; i++) {
      assertThat(net.stores.get(Net.eid(i)).get("old")).isEmpty();
    }
    // Audits do not bring the tombstone back, and all agree.
    List<byte[]> seen = new java.util.ArrayList<>();
    AuditTest.audit(net, net.c(1), net.c(2), seen);
    AuditTest.audit(net, net.c(2), net.c(1), seen);
    assertThat(net.stores.get(Net.eid(1)).get("old")).isEmpty();
    assertThat(net.c(1).heartbeat("old").outcome()).isEqualTo(HeartbeatResult.Outcome.UNKNOWN);
    assertThat(net.c(3).get("keeper")).isPresent();
  }

  @Test
  void a_silent_home_is_taken_over_by_the_lowest_live_peer_and_its_agents_are_told()
      throws Exception {
    Net net =
        Net.of(
            3,
            new int[][] {{1, 2}, {2, 3}, {1, 3}},
            Map.of(),
            1000,
            b -> b.takeoverTime(Duration.ofMinutes(10)).heartbeatTimeout(Duration.ofHours(1)));
    for (int i = 0; i < 5; i++) {
      net.c(2).register(SyncTest.reg("agent-" + i));
    }
    net.sync();
    net.cut(1, 2);
    net.cut(2, 3);
    net.clock.advance(Duration.ofMinutes(5));
    net.keepalive();
    assertThat(net.c(1).takeOver()).isZero(); // not silent long enough
    net.clock.advance(Duration.ofMinutes(6));
    net.keepalive();
    assertThat(net.c(3).takeOver()).isZero(); // 1 is the heir, and alive
    assertThat(net.c(1).takeOver()).isEqualTo(5);
    assertThat(net.c(1).takenOver()).isEqualTo(5);
    assertThat(net.c(1).get("agent-0").orElseThrow().home()).isEqualTo(Net.eid(1));
    net.sync();
    assertThat(net.c(3).get("agent-3").orElseThrow().home()).isEqualTo(Net.eid(1));
    assertThat(net.c(1).heartbeat("agent-1").outcome()).isEqualTo(HeartbeatResult.Outcome.OK);

    // The old home comes back: it learns the new owner, and tells its agents where to go.
    assertThat(net.c(2).heartbeat("agent-2").outcome()).isEqualTo(HeartbeatResult.Outcome.OK);
    net.heal(1, 2);
    net.heal(2, 3);
    net.sync();
    assertThat(net.c(2).heartbeat("agent-2"))
        .isEqualTo(new HeartbeatResult(HeartbeatResult.Outcome.MOVED, Net.eid(1)));
    SyncTest.assertConverged(net);
  }

  @Test
  void the_partition_guard_holds_expiry_when_most_agents_fall_silent_at_once() {
    Net net =
        Net.of(
            1,
            new int[][] {},
            Map.of(),
            1000,
            b -> b.partitionGuard(0.5, Duration.ofMinutes(5), 10));
    RegistryCenter c = net.c(1);
    for (int i = 0; i < 20; i++) {
      c.register(SyncTest.reg("a" + i));
    }
    net.clock.advance(Duration.ofSeconds(100));
    for (int i = 0; i < 5; i++) {
      c.heartbeat("a" + i);
    }
    assertThat(c.expire()).isZero();
    assertThat(c.guardHeld()).isTrue();
    assertThat(c.ownCounts()).isEqualTo(Map.of(RegistryStatus.ONLINE, 20L));
    // Heartbeats return for most: expiry resumes for the few still silent.
    for (int i = 5; i < 17; i++) {
      c.heartbeat("a" + i);
    }
    assertThat(c.expire()).isEqualTo(3);
    assertThat(c.guardHeld()).isFalse();
    // An operator may release a hold when the agents are really gone.
    net.clock.advance(Duration.ofSeconds(100));
    assertThat(c.expire()).isZero();
    assertThat(c.guardHeld()).isTrue();
    c.releaseGuard();
    assertThat(c.expire()).isEqualTo(17);
    assertThat(c.maintain().guardHeld()).isFalse();
  }

  @Test
  void a_duplicate_is_resolved_for_the_earlier_registration_everywhere_and_reported()
      throws Exception {
    Net net = Net.of(3, new int[][] {{1, 2}, {2, 3}});
    net.c(3).register(SyncTest.reg("dup", Skill.of("early")));
    net.clock.advance(Duration.ofMillis(5));
    net.c(1).register(SyncTest.reg("dup", Skill.of("late")));
    net.sync();
    SyncTest.assertConverged(net);
    for (int i = 1; i <= 3; i++) {
      assertThat(net.c(i).get("dup").orElseThrow().home()).isEqualTo(Net.eid(3));
    }
    assertThat(net.c(1).conflicts())
        .singleElement()
        .matches(k -> k.winner().equals(Net.eid(3)) && k.loser().equals(Net.eid(1)));
    assertThat(net.c(2).conflicts()).hasSize(1);
    assertThat(net.c(1).heartbeat("dup"))
        .isEqualTo(new HeartbeatResult(HeartbeatResult.Outcome.MOVED, Net.eid(3)));
  }

  @Test
  void a_duplicate_registered_in_the_same_instant_goes_to_the_lower_eid() throws Exception {
    Net net = Net.of(2, new int[][] {{1, 2}});
    net.c(2).register(SyncTest.reg("dup"));
    net.c(1).register(SyncTest.reg("dup"));
    net.sync();
    SyncTest.assertConverged(net);
    assertThat(net.c(2).get("dup").orElseThrow().home()).isEqualTo(Net.eid(1));
  }

  @Test
  void registering_an_agent_known_live_elsewhere_is_refused_but_one_removed_elsewhere_is_not()
      throws Exception {
    Net net = Net.of(2, new int[][] {{1, 2}});
    net.c(1).register(SyncTest.reg("x"));
    net.sync();
    assertThatThrownBy(() -> net.c(2).register(SyncTest.reg("x")))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> assertThat(e.code()).isEqualTo(RegistryException.Code.NOT_HOME));
    net.c(1).deregister("x");
    net.sync();
    net.clock.advance(Duration.ofSeconds(1));
    net.c(2).register(SyncTest.reg("x"));
    net.sync();
    SyncTest.assertConverged(net);
    assertThat(net.c(1).get("x").orElseThrow().home()).isEqualTo(Net.eid(2));
    assertThat(net.c(1).conflicts()).isEmpty();
  }
}
