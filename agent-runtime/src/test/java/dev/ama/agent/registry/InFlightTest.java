package dev.ama.agent.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The in-flight mark: a delta starts after what was already sent, until resendAfter passes. */
class InFlightTest {
  private final Net net =
      Net.of(2, new int[][] {{1, 2}}, Map.of(), 1000, b -> b.resendAfter(Duration.ofMinutes(10)));
  private final RegistryCenter a = net.c(1);
  private final RegistryCenter b = net.c(2);

  /** A delta from a as bytes, decoded as b would receive it. */
  private RegistryDelta send() throws RegistryDecodeException {
    return net.decoder.delta(net.encoder.toBytes(a.deltaFor(b.eid())));
  }

  private void deliver(RegistryDelta d) throws RegistryDecodeException {
    RegistryAck ack = b.apply(a.eid(), d);
    a.acknowledge(b.eid(), net.decoder.ack(net.encoder.toBytes(ack)));
  }

  private void register(int from, int to) {
    for (int i = from; i < to; i++) {
      a.register(SyncTest.reg("x" + i, Skill.of("temp")));
    }
  }

  @Test
  void pushes_over_a_down_link_queue_each_version_once_not_once_per_push() throws Exception {
    List<RegistryDelta> queued = new ArrayList<>();
    for (int push = 0; push < 120; push++) {
      if (push % 10 == 0) {
        register(push, push + 3);
      }
      queued.add(send());
      net.clock.advance(Duration.ofSeconds(1));
    }
    int records = queued.stream().mapToInt(RegistryDelta::recordCount).sum();
    assertThat(records).isEqualTo(36);
    assertThat(a.pendingFor(b.eid())).isEqualTo(36);
    assertThat(a.unsentFor(b.eid())).isZero();
    // The link comes back and the queue drains in order: b converges and every ack lands.
    for (RegistryDelta d : queued) {
      deliver(d);
    }
    assertThat(net.snapshot(b.eid())).isEqualTo(net.homeVersions());
    assertThat(b.vector()).containsEntry(a.eid(), a.sequence());
    assertThat(a.pendingFor(b.eid())).isZero();
    assertThat(send().isEmpty()).isTrue();
  }

  @Test
  void an_ack_carries_the_owners_of_its_delta_and_what_changed_not_the_whole_vector()
      throws Exception {
    register(0, 3);
    RegistryAck first = b.apply(a.eid(), send());
    assertThat(first.vector()).containsEntry(a.eid(), a.sequence());

    // Nothing new: a keepalive delta is acked with nothing b already told a.
    RegistryAck keepalive = b.apply(a.eid(), send());
    assertThat(keepalive.vector()).isEmpty();
    assertThat(net.decoder.ack(net.encoder.toBytes(keepalive)).vector()).isEmpty();

    // b registers an agent of its own: its own entry changed, so the next ack tells it.
    b.register(SyncTest.reg("y1", Skill.of("temp")));
    register(3, 4);
    RegistryAck next = b.apply(a.eid(), send());
    assertThat(next.vector()).containsOnlyKeys(a.eid(), b.eid());
    assertThat(next.vector()).containsEntry(a.eid(), 4L);

    // A resent delta (its ack was lost) is acked again for its owners.
    a.resend(b.eid());
    RegistryAck again = b.apply(a.eid(), send());
    assertThat(again.vector()).containsEntry(a.eid(), 4L);
  }

  @Test
  void pipelined_deltas_sent_before_any_ack_converge() throws Exception {
    register(0, 5);
    RegistryDelta first = send();
    register(5, 8);
    a.update(SyncTest.reg("x1", Skill.of("wind")));
    RegistryDelta second = send();

    assertThat(first.segments().get(0).after()).isZero();
    assertThat(second.segments().get(0).after()).isEqualTo(5);
    assertThat(second.recordCount()).isEqualTo(4);
    deliver(first);
    deliver(second);

    assertThat(net.snapshot(b.eid())).isEqualTo(net.homeVersions());
    assertThat(b.vector()).containsEntry(a.eid(), a.sequence());
    assertThat(a.pendingFor(b.eid())).isZero();
  }

  @Test
  void a_lost_delta_is_sent_again_once_no_ack_moved_for_resend_after() throws Exception {
    register(0, 5);
    send(); // lost
    net.clock.advance(Duration.ofMinutes(1));
    register(5, 7);
    RegistryDelta later = send();
    assertThat(later.recordCount()).isEqualTo(2);
    deliver(later); // merged, but b's vector cannot move past the gap
    assertThat(b.vector().getOrDefault(a.eid(), 0L)).isZero();
    assertThat(b.get("x6")).isPresent();
    assertThat(b.get("x0")).isEmpty();

    net.clock.advance(Duration.ofMinutes(8));
    assertThat(send().isEmpty()).as("still waiting for the ack").isTrue();
    net.clock.advance(Duration.ofMinutes(1)); // 10 minutes since the first send
    RegistryDelta again = send();
    assertThat(again.segments().get(0).after()).isZero();
    assertThat(again.recordCount()).isEqualTo(7);
    deliver(again);

    assertThat(net.snapshot(b.eid())).isEqualTo(net.homeVersions());
    assertThat(b.vector()).containsEntry(a.eid(), a.sequence());
    assertThat(a.pendingFor(b.eid())).isZero();
  }

  @Test
  void an_ack_that_moves_restarts_the_wait_before_a_resend() throws Exception {
    register(0, 3);
    RegistryDelta first = send();
    register(3, 6);
    send(); // lost
    net.clock.advance(Duration.ofMinutes(9));
    deliver(first); // progress: acked 3, sent 6
    net.clock.advance(Duration.ofMinutes(9));
    assertThat(send().isEmpty()).isTrue();
    net.clock.advance(Duration.ofMinutes(1));
    RegistryDelta again = send();
    assertThat(again.segments().get(0).after()).isEqualTo(3);
    assertThat(again.recordCount()).isEqualTo(3);
  }

  @Test
  void resend_sends_what_is_unacknowledged_at_once_and_peek_does_not_mark() throws Exception {
    register(0, 4);
    assertThat(a.peekDelta(b.eid()).recordCount()).isEqualTo(4);
    assertThat(a.unsentFor(b.eid())).isEqualTo(4);
    send(); // lost
    assertThat(a.unsentFor(b.eid())).isZero();
    assertThat(a.peekDelta(b.eid()).isEmpty()).isTrue();

    a.resend(b.eid());

    assertThat(a.unsentFor(b.eid())).isEqualTo(4);
    deliver(send());
    assertThat(net.snapshot(b.eid())).isEqualTo(net.homeVersions());
  }

  @Test
  void rejects_a_resend_after_that_is_not_positive() {
    RegistryCenter.Builder bad =
        RegistryCenter.builder()
            .eid(Fixtures.A)
            .store(new InMemoryRegistryStore())
            .clock(net.clock)
            .resendAfter(Duration.ZERO);
    assertThatThrownBy(bad::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resendAfter");
  }
}
