package dev.ama.agent.registry;

import static dev.ama.agent.registry.Fixtures.A;
import static dev.ama.agent.registry.Fixtures.B;
import static dev.ama.agent.registry.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryCenterTest {
  private final HlcTest.MutableClock clock = new HlcTest.MutableClock(T0);
  private final InMemoryRegistryStore store = new InMemoryRegistryStore();
  private final RegistryCenter center =
      RegistryCenter.builder()
          .eid(A)
          .store(store)
          .clock(clock)
          .heartbeatTimeout(Duration.ofSeconds(90))
          .retention(Duration.ofHours(1))
          .build();

  static Registration reg(String id, String... skills) {
    return Registration.of(
        id,
        "n-" + id,
        List.of("tcp://h:1"),
        java.util.Arrays.stream(skills).map(Skill::of).toList());
  }

  @Test
  void register_creates_an_online_record_owned_here_with_the_next_counter() {
    RegistryRecord r1 = center.register(reg("a1", "temp"));
    RegistryRecord r2 = center.register(reg("a2", "temp"));
    assertThat(r1.home()).isEqualTo(A);
    assertThat(r1.status()).isEqualTo(RegistryStatus.ONLINE);
    assertThat(r1.version().counter()).isEqualTo(1);
    assertThat(r2.version().counter()).isEqualTo(2);
    assertThat(r2.version().stamp()).isGreaterThan(r1.version().stamp());
    assertThat(r1.retention()).isEqualTo(Duration.ofHours(1));
    assertThat(center.get("a1")).contains(r1);
  }

  @Test
  void update_makes_a_new_version_and_keeps_the_registration_stamp() {
    RegistryRecord r1 = center.register(reg("a1", "temp"));
    clock.advance(Duration.ofSeconds(5));
    RegistryRecord r2 = center.update(reg("a1", "humidity"));
    assertThat(r2.version().counter()).isEqualTo(2);
    assertThat(r2.registered()).isEqualTo(r1.registered());
    assertThat(r2.skills()).containsExactly(Skill.of("humidity"));
    assertThat(center.lookupBySkill("temp", 0, 10)).isEmpty();
  }

  @Test
  void only_the_home_changes_a_record() {
    store.put(Fixtures.record("remote", B, 4));
    assertThatThrownBy(() -> center.update(reg("remote")))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> assertThat(e.code()).isEqualTo(RegistryException.Code.NOT_HOME));
    assertThatThrownBy(() -> center.deregister("remote"))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> assertThat(e.code()).isEqualTo(RegistryException.Code.NOT_HOME));
    assertThatThrownBy(() -> center.update(reg("nobody")))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> assertThat(e.code()).isEqualTo(RegistryException.Code.NOT_FOUND));
    assertThat(store.get("remote")).contains(Fixtures.record("remote", B, 4));
  }

  @Test
  void a_plain_heartbeat_moves_last_seen_without_a_new_version() {
    RegistryRecord r1 = center.register(reg("a1"));
    clock.advance(Duration.ofSeconds(30));
    assertThat(center.heartbeat("a1"))
        .isEqualTo(new HeartbeatResult(HeartbeatResult.Outcome.OK, A));
    RegistryRecord now = center.get("a1").orElseThrow();
    assertThat(now.version()).isEqualTo(r1.version());
    assertThat(now.lastSeen()).isEqualTo(T0.plusSeconds(30));
    assertThat(center.sequence()).isEqualTo(1);
  }

  @Test
  void silent_agents_expire_to_offline_and_a_heartbeat_brings_them_back_as_new_versions() {
    center.register(reg("quiet"));
    clock.advance(Duration.ofSeconds(60));
    center.register(reg("talker"));
    clock.advance(Duration.ofSeconds(40));
    assertThat(center.expire()).isEqualTo(1);
    RegistryRecord quiet = center.get("quiet").orElseThrow();
    assertThat(quiet.status()).isEqualTo(RegistryStatus.OFFLINE);
    assertThat(quiet.version().counter()).isEqualTo(3);
    assertThat(center.get("talker").orElseThrow().status()).isEqualTo(RegistryStatus.ONLINE);
    assertThat(center.expire()).isZero();

    center.heartbeat("quiet");
    RegistryRecord back = center.get("quiet").orElseThrow();
    assertThat(back.status()).isEqualTo(RegistryStatus.ONLINE);
    assertThat(back.version().counter()).isEqualTo(4);
    assertThat(center.ownCounts()).isEqualTo(Map.of(RegistryStatus.ONLINE, 2L));
  }

  @Test
  void heartbeat_answers_moved_for_a_replica_and_unknown_for_a_stranger() {
    store.put(Fixtures.record("remote", B, 4));
    assertThat(center.heartbeat("remote"))
        .isEqualTo(new HeartbeatResult(HeartbeatResult.Outcome.MOVED, B));
    assertThat(center.heartbeat("stranger").outcome()).isEqualTo(HeartbeatResult.Outcome.UNKNOWN);
  }

  @Test
  void deregister_leaves_a_tombstone_that_lookups_do_not_show() {
    center.register(reg("a1", "temp"));
    RegistryRecord t = center.deregister("a1");
    assertThat(t.tombstone()).isTrue();
    assertThat(t.version().counter()).isEqualTo(2);
    assertThat(center.get("a1")).isEmpty();
    assertThat(store.get("a1")).contains(t);
    assertThat(center.lookupBySkill("temp", 0, 10)).isEmpty();
    assertThat(center.heartbeat("a1").outcome()).isEqualTo(HeartbeatResult.Outcome.UNKNOWN);
  }

  @Test
  void lookups_give_own_records_first_then_replicas_paged() {
    store.put(Fixtures.record("r-0", B, 1));
    center.register(reg("z-own", "temperature"));
    center.register(reg("y-own", "temperature"));
    assertThat(center.lookupBySkill("temperature", 0, 10))
        .extracting(RegistryRecord::agentId)
        .containsExactly("y-own", "z-own", "r-0");
    assertThat(center.lookupBySkill("temperature", 2, 5))
        .extracting(RegistryRecord::agentId)
        .containsExactly("r-0");
    assertThat(center.lookupByName("n-y-own", 0, 5)).hasSize(1);
    assertThatThrownBy(() -> center.lookupByName("x", -1, 5))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> assertThat(e.code()).isEqualTo(RegistryException.Code.INVALID));
    assertThat(center.counts().get(B)).isEqualTo(Map.of(RegistryStatus.ONLINE, 1L));
  }

  @Test
  void the_sequence_and_clock_continue_after_a_restart(@TempDir Path dir) {
    RegistryRecord before;
    try (H2RegistryStore s = H2RegistryStore.open(dir.resolve("center"))) {
      RegistryCenter c = RegistryCenter.builder().eid(A).store(s).clock(clock).build();
      c.register(reg("a1"));
      before = c.register(reg("a2"));
    }
    clock.set(T0.minusSeconds(3600)); // the clock went back while the center was down
    try (H2RegistryStore s = H2RegistryStore.open(dir.resolve("center"))) {
      RegistryCenter c = RegistryCenter.builder().eid(A).store(s).clock(clock).build();
      RegistryRecord after = c.register(reg("a3"));
      assertThat(after.version().counter()).isEqualTo(3);
      assertThat(after.version().stamp()).isGreaterThan(before.version().stamp());
    }
  }

  @Test
  void a_retention_beyond_the_calendar_keeps_the_record_without_failing() {
    center.register(
        new Registration(
            "forever", "f", List.of(), List.of(), Map.of(), Duration.ofSeconds(Long.MAX_VALUE)));
    clock.advance(Duration.ofDays(400));
    assertThat(center.expire()).isEqualTo(1);
    assertThat(center.retire()).isZero();
    assertThat(center.get("forever")).isPresent();
  }

  @Test
  void the_builder_refuses_missing_or_bad_settings() {
    assertThatThrownBy(() -> RegistryCenter.builder().eid(A).clock(clock).build())
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(
            () ->
                RegistryCenter.builder()
                    .eid(A)
                    .store(store)
                    .clock(clock)
                    .heartbeatTimeout(Duration.ZERO)
                    .build())
        .isInstanceOf(IllegalArgumentException.class);
  }
}
