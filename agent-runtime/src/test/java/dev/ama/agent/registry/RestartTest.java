package dev.ama.agent.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartTest {
  @TempDir Path dir;

  private RegistryCenter center(int i, int peer, RegistryStore store, Net net) {
    return RegistryCenter.builder()
        .eid(Net.eid(i))
        .store(store)
        .clock(net.clock)
        .peer(Net.eid(peer), Set.of())
        .build();
  }

  @Test
  void a_restarted_center_resumes_sync_from_its_persisted_vectors_without_resending()
      throws Exception {
    Net net = new Net();
    RegistryStore s1 = H2RegistryStore.open(dir.resolve("one"));
    RegistryStore s2 = H2RegistryStore.open(dir.resolve("two"));
    RegistryCenter one = center(1, 2, s1, net);
    RegistryCenter two = center(2, 1, s2, net);
    for (int i = 0; i < 30; i++) {
      one.register(SyncTest.reg("a" + i));
      two.register(SyncTest.reg("b" + i));
    }
    exchange(net, one, two);
    exchange(net, two, one);
    s1.close();
    s2.close();

    try (RegistryStore r1 = H2RegistryStore.open(dir.resolve("one"));
        RegistryStore r2 = H2RegistryStore.open(dir.resolve("two"))) {
      RegistryCenter one2 = center(1, 2, r1, net);
      RegistryCenter two2 = center(2, 1, r2, net);
      assertThat(one2.vector()).isEqualTo(two2.vector());
      assertThat(one2.deltaFor(Net.eid(2)).isEmpty()).isTrue();
      assertThat(two2.deltaFor(Net.eid(1)).isEmpty()).isTrue();
      one2.update(SyncTest.reg("a7", Skill.of("new")));
      RegistryDelta d = one2.deltaFor(Net.eid(2));
      assertThat(d.recordCount()).isEqualTo(1);
      assertThat(d.segments().get(0).after()).isEqualTo(30);
      assertThat(one2.register(SyncTest.reg("a99")).version().counter()).isEqualTo(32);
    }
  }

  private static void exchange(Net net, RegistryCenter a, RegistryCenter b) throws Exception {
    RegistryDelta d = a.deltaFor(b.eid());
    RegistryAck ack = b.apply(a.eid(), net.decoder.delta(net.encoder.toBytes(d)));
    a.acknowledge(b.eid(), net.decoder.ack(net.encoder.toBytes(ack)));
  }
}
