package dev.ama.manager.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ama.grammar.lang.Definition;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.ExecSetLiteral;
import dev.ama.model.ari.NullLiteral;
import dev.ama.model.ari.ObjectRef;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2ManagerStoreTest {
  private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
  private static final ExecSetLiteral INSPECT =
      new ExecSetLiteral(
          NullLiteral.UNTYPED,
          List.of(ObjectRef.of("ietf", "dtnma-agent", AriType.CTRL, "inspect")));

  @TempDir Path dir;

  private H2ManagerStore open() {
    return H2ManagerStore.open(dir.resolve("manager"));
  }

  private static Definition var(String name, long enumValue) {
    return new Definition(
        ObjectRef.of("ama", "!m", AriType.VAR, name), enumValue, Definition.Role.VALUE, enumValue);
  }

  @Test
  void nonces_count_on_from_the_persisted_counter() {
    try (H2ManagerStore s = open()) {
      List<SentExecSet> sent =
          s.recordSend("ipn:2.1", T0, "x", List.of(INSPECT, INSPECT), List.of());
      assertThat(sent).extracting(SentExecSet::nonce).containsExactly(1L, 2L);
      assertThat(sent.get(1).execSet())
          .isEqualTo("ari:/EXECSET/n=2;(//ietf/dtnma-agent/CTRL/inspect)");
    }
    try (H2ManagerStore s = open()) {
      assertThat(s.lastNonce()).isEqualTo(2);
      assertThat(s.recordSend("ipn:3.1", T0, "y", List.of(INSPECT), List.of()).get(0).nonce())
          .isEqualTo(3);
      s.markFailed(3, "outbox full");
      assertThat(s.sent(3)).get().extracting(SentExecSet::failure).isEqualTo("outbox full");
      assertThat(s.sent(4)).isEmpty();
      assertThat(s.sentTo("ipn:2.1", 10)).extracting(SentExecSet::nonce).containsExactly(2L, 1L);
      assertThat(s.agentsSentTo()).containsExactly("ipn:2.1", "ipn:3.1");
    }
  }

  @Test
  void definitions_are_kept_per_agent_in_order_and_updated_in_place() {
    try (H2ManagerStore s = open()) {
      s.recordSend("ipn:2.1", T0, "a", List.of(INSPECT), List.of(var("V1", 1), var("V2", 2)));
      s.recordSend("ipn:2.1", T0, "b", List.of(INSPECT), List.of(var("V3", 3), var("V1", 1)));
      s.recordSend("ipn:3.1", T0, "c", List.of(INSPECT), List.of(var("W", 1)));
    }
    try (H2ManagerStore s = open()) {
      assertThat(s.definitions("ipn:2.1"))
          .extracting(Definition::name)
          .containsExactly("V2", "V3", "V1");
      assertThat(s.definitions("ipn:3.1")).containsExactly(var("W", 1));
      assertThat(s.definitions("ipn:9.9")).isEmpty();
    }
  }

  @Test
  void an_older_hello_does_not_replace_a_newer_one() {
    try (H2ManagerStore s = open()) {
      assertThat(s.putHello(new AgentHello("ipn:2.1", T0, "ama", "2", List.of("//a/b")))).isTrue();
      assertThat(s.putHello(new AgentHello("ipn:2.1", T0.minusSeconds(1), "ama", "1", List.of())))
          .isFalse();
      assertThat(s.hellos().get("ipn:2.1").swVersion()).isEqualTo("2");
      assertThat(s.hellos().get("ipn:2.1").models()).containsExactly("//a/b");
    }
  }

  @Test
  void fusions_are_kept_by_name_and_a_closed_store_says_so() {
    H2ManagerStore s = open();
    s.putFusion("V0", "{}");
    s.putFusion("V0", "{\"a\":1}");
    assertThat(s.fusions()).containsExactly(java.util.Map.entry("V0", "{\"a\":1}"));
    assertThat(s.removeFusion("V0")).isTrue();
    assertThat(s.removeFusion("V0")).isFalse();
    s.close();
    assertThatThrownBy(s::lastNonce)
        .isInstanceOfSatisfying(
            ManagerStoreException.class,
            e -> assertThat(e.code()).isEqualTo(ManagerStoreException.Code.CLOSED));
  }

  @Test
  void a_missing_directory_is_a_store_failure() {
    assertThatThrownBy(() -> H2ManagerStore.open(dir.resolve("no/such/manager")))
        .isInstanceOfSatisfying(
            ManagerStoreException.class,
            e -> assertThat(e.code()).isEqualTo(ManagerStoreException.Code.STORE_FAILURE));
  }
}
