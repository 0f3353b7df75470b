package dev.ama.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ama.transport.cl.SimulatedLink;
import dev.ama.transport.plan.Contact;
import dev.ama.transport.plan.ContactPlan;
import dev.ama.transport.time.VirtualTimeScheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nodes on simulated links in virtual time: custody, expiry, priority, quota, relays, contacts. */
class TransportNodeSimulationTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Eid A = Eid.of("ipn:1.1");
  private static final Eid B = Eid.of("ipn:2.1");
  private static final Eid C = Eid.of("ipn:3.1");
  private static final RetransmitPolicy FAST =
      new RetransmitPolicy(Duration.ofSeconds(2), Duration.ofSeconds(30), 0.2);

  private final VirtualTimeScheduler sched = new VirtualTimeScheduler(T0);

  private TransportNode.Builder node(Eid eid) {
    return TransportNode.builder(eid).scheduler(sched).inMemoryStore().retransmit(FAST);
  }

  private static byte[] payload(int i) {
    byte[] p = new byte[200];
    p[0] = (byte) i;
    p[1] = (byte) (i >> 8);
    return p;
  }

  @Test
  void delivers_each_bundle_once_over_a_lossy_link_by_retransmitting() throws Exception {
    SimulatedLink link =
        SimulatedLink.builder("ab", sched).delay(Duration.ofMillis(300)).loss(0.3).seed(7).build();
    Recorder rb = new Recorder();
    TransportNode a = node(A).link("ab", link.endA()).route("*", "ab").build();
    TransportNode b = node(B).inbound(link.endB()).delivery(rb).build();
    List<BundleId> sent = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      sent.add(a.send(B, payload(i), SendOptions.DEFAULT));
    }
    sched.runFor(Duration.ofMinutes(10));

    assertThat(rb.ids()).containsExactlyInAnyOrderElementsOf(sent);
    assertThat(new HashSet<>(rb.ids())).hasSize(200);
    TransportStatus.QueueStatus q = a.status().queue(B, Priority.NORMAL);
    assertThat(q.retransmitted()).isPositive();
    assertThat(q.acknowledged()).isEqualTo(200);
    assertThat(a.status().storedBundles()).isZero();
    assertThat(b.status().queue(B, Priority.NORMAL).duplicatesDropped()).isPositive();
    assertThat(link.framesLost()).isPositive();
    a.close();
    b.close();
  }

  @Test
  void does_not_retransmit_bundles_still_waiting_behind_a_slow_links_backlog() throws Exception {
    // 100 bundles of about 250 bytes on a 1 kB/s link: the last leaves about 25 s after it was
    // handed over, far beyond the 2 s custody timer; timed from departure, none is sent twice.
    SimulatedLink link =
        SimulatedLink.builder("ab", sched)
            .delay(Duration.ofMillis(100))
            .rate(1_000)
            .maxBacklog(Duration.ofMinutes(1))
            .build();
    Recorder rb = new Recorder();
    TransportNode a =
        node(A).link("ab", link.endA()).route("*", "ab").maxInFlightPerLink(1000).build();
    TransportNode b = node(B).inbound(link.endB()).delivery(rb).build();
    for (int i = 0; i < 100; i++) {
      a.send(B, payload(i), SendOptions.DEFAULT);
    }
    sched.runFor(Duration.ofMinutes(2));

    assertThat(rb.ids()).hasSize(100);
    assertThat(a.status().queue(B, Priority.NORMAL).retransmitted()).isZero();
    assertThat(a.status().queue(B, Priority.NORMAL).acknowledged()).isEqualTo(100);
    a.close();
    b.close();
  }

  @Test
  void repeats_exactly_for_the_same_seed_and_differs_for_another() throws Exception {
    List<String> first = lossyRun(7);
    assertThat(lossyRun(7)).isEqualTo(first);
    assertThat(lossyRun(8)).isNotEqualTo(first);
  }

  /** What happened on a lossy link, as text: each delivery's time and id, then the counters. */
  private static List<String> lossyRun(long seed) throws Exception {
    VirtualTimeScheduler s = new VirtualTimeScheduler(T0);
    SimulatedLink link =
        SimulatedLink.builder("ab", s).delay(Duration.ofMillis(250)).loss(0.2).seed(seed).build();
    List<String> events = new ArrayList<>();
    TransportNode a =
        TransportNode.builder(A)
            .scheduler(s)
            .inMemoryStore()
            .retransmit(FAST)
            .seed(seed)
            .link("ab", link.endA())
            .route("*", "ab")
            .build();
    TransportNode b =
        TransportNode.builder(B)
            .scheduler(s)
            .inMemoryStore()
            .inbound(link.endB())
            .delivery(d -> events.add(s.now() + " " + d.bundle().id()))
            .build();
    for (int i = 0; i < 50; i++) {
      a.send(B, payload(i), SendOptions.DEFAULT);
    }
    s.runFor(Duration.ofMinutes(5));
    events.add("lost " + link.framesLost() + ", sent " + link.framesSent());
    events.add("retransmitted " + a.status().queue(B, Priority.NORMAL).retransmitted());
    a.close();
    b.close();
    return events;
  }

  @Test
  void prunes_the_duplicate_window_without_a_store_failure(@TempDir Path dir) throws Exception {
    SimulatedLink link = SimulatedLink.builder("ab", sched).build();
    List<TransportException> failures = new ArrayList<>();
    TransportListener onFailure =
        new TransportListener() {
          @Override
          public void onStoreFailure(TransportException failure) {
            failures.add(failure);
          }
        };
    Recorder rb = new Recorder();
    TransportNode a = node(A).link("ab", link.endA()).route("*", "ab").build();
    TransportNode b =
        TransportNode.builder(B)
            .scheduler(sched)
            .store(dir.resolve("b.db"))
            .inbound(link.endB())
            .delivery(rb)
            .listener(onFailure)
            .build();
    for (int i = 0; i < 5; i++) {
      a.send(B, payload(i), SendOptions.DEFAULT.withLifetime(Duration.ofSeconds(10)));
    }
    // The window is pruned once a minute; the bundles' lifetimes are long over by then.
    sched.runFor(Duration.ofMinutes(3));
    assertThat(rb.deliveries).hasSize(5);
    assertThat(failures).isEmpty();
    BundleId later = a.send(B, payload(9), SendOptions.DEFAULT);
    sched.runFor(Duration.ofSeconds(5));
    assertThat(rb.ids()).endsWith(later);
    a.close();
    b.close();
  }

  @Test
  void expired_bundles_are_deleted_counted_reported_and_never_sent() throws Exception {
    SimulatedLink link = SimulatedLink.builder("ab", sched).build();
    Recorder ra = new Recorder();
    Recorder rb = new Recorder();
    TransportNode a =
        node(A).link("ab", link.endA(), null, false).route("*", "ab").listener(ra).build();
    TransportNode b = node(B).inbound(link.endB()).delivery(rb).build();
    BundleId shortLived =
        a.send(B, payload(1), SendOptions.DEFAULT.withLifetime(Duration.ofSeconds(10)));
    BundleId longLived = a.send(B, payload(2), SendOptions.DEFAULT);
    sched.runFor(Duration.ofSeconds(11));
    assertThat(ra.expired).containsExactly(shortLived);
    assertThat(a.status().queue(B, Priority.NORMAL).expired()).isEqualTo(1);
    assertThat(a.status().queue(B, Priority.NORMAL).queued()).isEqualTo(1);

    a.setLinkUp("ab", true);
    sched.runFor(Duration.ofSeconds(5));
    assertThat(rb.ids()).containsExactly(longLived);
    a.close();
    b.close();
  }

  @Test
  void sends_expedited_then_normal_then_bulk_and_fifo_within_a_class() throws Exception {
    SimulatedLink link = SimulatedLink.builder("ab", sched).delay(Duration.ofMillis(50)).build();
    Recorder rb = new Recorder();
    TransportNode a =
        node(A).link("ab", link.endA(), null, false).route("*", "ab").maxInFlightPerLink(1).build();
    TransportNode b = node(B).inbound(link.endB()).delivery(rb).build();
    List<BundleId> bulk = new ArrayList<>();
    List<BundleId> normal = new ArrayList<>();
    List<BundleId> expedited = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      bulk.add(a.send(B, payload(i), SendOptions.DEFAULT.withPriority(Priority.BULK)));
      normal.add(a.send(B, payload(i), SendOptions.DEFAULT));
      expedited.add(a.send(B, payload(i), SendOptions.DEFAULT.withPriority(Priority.EXPEDITED)));
    }
    a.setLinkUp("ab", true);
    sched.runFor(Duration.ofSeconds(30));

    List<BundleId> expected = new ArrayList<>(expedited);
    expected.addAll(normal);
    expected.addAll(bulk);
    assertThat(rb.ids()).containsExactlyElementsOf(expected);
    a.close();
    b.close();
  }

  @Test
  void evicts_expired_then_lower_classes_and_pushes_back_when_nothing_can_go() throws Exception {
    SimulatedLink link = SimulatedLink.builder("ab", sched).build();
    Recorder ra = new Recorder();
    TransportNode a =
        node(A)
            .link("ab", link.endA(), null, false)
            .route("*", "ab")
            .quota(1 << 20, 4)
            .listener(ra)
            .build();
    SendOptions bulk = SendOptions.DEFAULT.withPriority(Priority.BULK);
    BundleId stale = a.send(B, payload(0), bulk.withLifetime(Duration.ofSeconds(1)));
    BundleId b1 = a.send(B, payload(1), bulk);
    BundleId b2 = a.send(B, payload(2), bulk);
    a.send(B, payload(3), bulk);
    sched.runFor(Duration.ofMillis(999));
    assertThatThrownBy(() -> a.send(B, payload(4), bulk))
        .isInstanceOfSatisfying(
            TransportException.class,
            e -> {
              assertThat(e.code()).isEqualTo(TransportException.Code.QUOTA_EXCEEDED);
              assertThat(e.isRetriable()).isTrue();
            });

    sched.runFor(Duration.ofMillis(1));
    assertThat(ra.expired).containsExactly(stale);
    a.send(B, payload(5), bulk);

    a.send(B, payload(6), SendOptions.DEFAULT);
    a.send(B, payload(7), SendOptions.DEFAULT);
    assertThat(ra.evicted).containsExactly(b1, b2);
    TransportStatus s = a.status();
    assertThat(s.storedBundles()).isEqualTo(4);
    assertThat(s.queue(B, Priority.BULK).evicted()).isEqualTo(2);
    assertThat(s.queue(B, Priority.BULK).queued()).isEqualTo(2);
    assertThat(s.queue(B, Priority.NORMAL).queued()).isEqualTo(2);

    a.send(B, payload(8), SendOptions.DEFAULT);
    a.send(B, payload(9), SendOptions.DEFAULT);
    assertThatThrownBy(() -> a.send(B, payload(10), SendOptions.DEFAULT))
        .isInstanceOfSatisfying(
            TransportException.class,
            e -> assertThat(e.code()).isEqualTo(TransportException.Code.QUOTA_EXCEEDED));
    a.close();
  }

  @Test
  void relays_through_a_middle_node_that_holds_custody_while_its_next_link_is_down()
      throws Exception {
    SimulatedLink ab = SimulatedLink.builder("ab", sched).delay(Duration.ofMillis(100)).build();
    SimulatedLink bc = SimulatedLink.builder("bc", sched).delay(Duration.ofMillis(100)).build();
    bc.setUp(false);
    Recorder rc = new Recorder();
    TransportNode a = node(A).link("ab", ab.endA()).route("*", "ab").build();
    TransportNode b =
        node(B).inbound(ab.endB()).link("bc", bc.endA()).route("ipn:3.*", "bc").build();
    TransportNode c = node(C).inbound(bc.endB()).delivery(rc).build();
    List<BundleId> sent = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      sent.add(a.send(C, payload(i), SendOptions.DEFAULT));
    }
    sched.runFor(Duration.ofMinutes(30));
    assertThat(rc.deliveries).isEmpty();
    assertThat(a.status().storedBundles()).as("B took custody").isZero();
    assertThat(b.status().queue(C, Priority.NORMAL).queued()).isEqualTo(50);

    bc.setUp(true);
    sched.runFor(Duration.ofMinutes(1));
    assertThat(rc.ids()).containsExactlyElementsOf(sent);
    assertThat(b.status().storedBundles()).isZero();
    a.close();
    b.close();
    c.close();
  }

  @Test
  void waits_for_contact_windows_and_keeps_to_their_rate() throws Exception {
    SimulatedLink link = SimulatedLink.builder("ab", sched).delay(Duration.ofSeconds(1)).build();
    Instant open = T0.plus(Duration.ofMinutes(10));
    ContactPlan plan =
        ContactPlan.of(
            List.of(
                new Contact(open, open.plus(Duration.ofMinutes(10)), 1000, Duration.ofSeconds(1))));
    List<Instant> arrivals = new ArrayList<>();
    TransportNode a = node(A).link("ab", link.endA(), plan, true).route("*", "ab").build();
    TransportNode b = node(B).inbound(link.endB()).delivery(d -> arrivals.add(sched.now())).build();
    for (int i = 0; i < 30; i++) {
      a.send(B, payload(i), SendOptions.DEFAULT);
    }
    sched.runFor(Duration.ofMinutes(9).plusSeconds(59));
    assertThat(arrivals).isEmpty();
    assertThat(a.status().links().get(0).inContact()).isFalse();

    sched.runFor(Duration.ofMinutes(5));
    assertThat(arrivals).hasSize(30);
    assertThat(arrivals.get(0)).isAfterOrEqualTo(open);
    // 30 frames of about 230 bytes at 1000 B/s, less a burst of 100 bytes: at least 6 s.
    assertThat(Duration.between(arrivals.get(0), arrivals.get(29)))
        .isGreaterThan(Duration.ofSeconds(6));
    a.close();
    b.close();
  }

  @Test
  void packs_items_sent_within_the_window_into_one_bundle() throws Exception {
    SimulatedLink link = SimulatedLink.builder("ab", sched).build();
    Recorder rb = new Recorder();
    TransportNode a =
        node(A)
            .link("ab", link.endA())
            .route("*", "ab")
            .packing(Duration.ofMillis(500), 1000)
            .build();
    TransportNode b = node(B).inbound(link.endB()).delivery(rb).build();
    List<CompletableFuture<BundleId>> fs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      fs.add(a.sendItem(B, new byte[] {(byte) i, 1, 2}, SendOptions.DEFAULT));
    }
    // Six items of 3 + 4 bytes fit; a 990-byte item does not and starts a second bundle.
    fs.add(a.sendItem(B, new byte[990], SendOptions.DEFAULT));
    sched.runFor(Duration.ofSeconds(2));

    assertThat(rb.deliveries).hasSize(2);
    assertThat(rb.deliveries.get(0).items()).hasSize(6);
    assertThat(rb.deliveries.get(0).items().get(5)).containsExactly(5, 1, 2);
    assertThat(rb.deliveries.get(1).items()).hasSize(1);
    assertThat(fs.get(0).join()).isEqualTo(fs.get(5).join()).isNotEqualTo(fs.get(6).join());
    a.close();
    b.close();
  }

  @Test
  void drops_a_resent_bundle_after_both_nodes_restart_from_their_files(@TempDir Path dir)
      throws Exception {
    SimulatedLink link = SimulatedLink.builder("ab", sched).delay(Duration.ofSeconds(1)).build();
    Recorder rb = new Recorder();
    TransportNode.Builder ba =
        TransportNode.builder(A)
            .scheduler(sched)
            .store(dir.resolve("a.db"))
            .retransmit(FAST)
            .link("ab", link.endA())
            .route("*", "ab");
    TransportNode.Builder bb =
        TransportNode.builder(B).scheduler(sched).store(dir.resolve("b.db")).inbound(link.endB());
    TransportNode a = ba.build();
    TransportNode b = bb.delivery(rb).build();
    BundleId id = a.send(B, payload(1), SendOptions.DEFAULT);
    // B stores it at 1 s and acknowledges; A goes away before the acknowledgement lands at 2 s.
    sched.runFor(Duration.ofMillis(1500));
    assertThat(rb.ids()).containsExactly(id);
    a.close();
    b.close();
    sched.runFor(Duration.ofSeconds(2));

    Recorder rb2 = new Recorder();
    b = bb.delivery(rb2).build();
    a = ba.build();
    assertThat(a.status().storedBundles()).isEqualTo(1);
    sched.runFor(Duration.ofSeconds(10));
    assertThat(rb2.deliveries).isEmpty();
    assertThat(b.status().queue(B, Priority.NORMAL).duplicatesDropped()).isEqualTo(1);
    assertThat(a.status().storedBundles()).isZero();
    a.close();
    b.close();
  }
}
