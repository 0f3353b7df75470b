package dev.ama.agent.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.BytesLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.TextLiteral;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditTest {
  /**
   * One audit of {@code auditor} against {@code audited}, every value as bytes: summary, then (for
   * the owners the auditor asks for) bucket digests, bucket request and records.
   */
  static Cost audit(Net net, RegistryCenter auditor, RegistryCenter audited, List<byte[]> seen)
      throws RegistryDecodeException {
    byte[] sm = net.encoder.toBytes(audited.summaryFor(auditor.eid()));
    seen.add(sm);
    DigestRequest ask = auditor.compare(audited.eid(), net.decoder.summary(sm));
    if (ask.isEmpty()) {
      return new Cost(sm.length, 0, 0);
    }
    byte[] ak = net.encoder.toBytes(ask);
    byte[] dg =
        net.encoder.toBytes(audited.digestsFor(auditor.eid(), net.decoder.digestRequest(ak)));
    BucketRequest req = auditor.compare(audited.eid(), net.decoder.digests(dg));
    byte[] rq = net.encoder.toBytes(req);
    seen.add(ak);
    seen.add(dg);
    seen.add(rq);
    long digests = sm.length + ak.length + dg.length + rq.length;
    if (req.isEmpty()) {
      return new Cost(digests, ask.owners().size(), 0);
    }
    long records = 0;
    for (RegistryDelta repair : audited.repairFor(auditor.eid(), net.decoder.bucketRequest(rq))) {
      byte[] rp = net.encoder.toBytes(repair);
      seen.add(rp);
      auditor.apply(audited.eid(), net.decoder.delta(rp));
      records += rp.length;
    }
    return new Cost(digests, ask.owners().size(), records);
  }

  /**
   * What one audit exchanged.
   *
   * @param digests bytes of summary, digest request, bucket digests and bucket request
   * @param owners owners whose bucket digests were asked for
   * @param records bytes of the repair (the records of the differing buckets)
   */
  record Cost(long digests, int owners, long records) {
    long total() {
      return digests + records;
    }
  }

  /** The bytes of the one-level digests (a bucket per record) of every owner. */
  static long digestBytes(Net net, RegistryCenter of, RegistryCenter peer) {
    return net.encoder.toBytes(of.digestsFor(peer.eid())).length;
  }

  @Test
  void digests_agree_after_a_sync() throws Exception {
    Net net = Net.of(3, new int[][] {{1, 2}, {2, 3}});
    SyncTest.populate(net, 30);
    net.sync();
    for (Eid2 p : pairs()) {
      RegistryCenter a = net.c(p.a);
      RegistryCenter b = net.c(p.b);
      assertThat(b.compare(a.eid(), a.digestsFor(b.eid())).isEmpty()).isTrue();
      assertThat(a.compare(b.eid(), b.digestsFor(a.eid())).isEmpty()).isTrue();
      assertThat(b.compare(a.eid(), a.summaryFor(b.eid())).isEmpty()).isTrue();
      assertThat(a.compare(b.eid(), b.summaryFor(a.eid())).isEmpty()).isTrue();
    }
  }

  @Test
  void after_a_partition_an_audit_costs_about_the_changed_records_not_the_registry()
      throws Exception {
    Net net = Net.of(2, new int[][] {{1, 2}});
    int n = 1000;
    int d = 10;
    for (int i = 0; i < n; i++) {
      net.c(1).register(SyncTest.reg("agent-" + i, Skill.of("temp"), Skill.of("site-" + (i % 7))));
    }
    net.sync();
    net.cut(1, 2); // the deltas are lost; the audits get through
    List<RegistryRecord> changed = new ArrayList<>();
    for (int i = 0; i < d; i++) {
      changed.add(
          net.c(1).update(SyncTest.reg("agent-" + (i * 97), Skill.of("temp"), Skill.of("moved"))));
    }
    long changedBytes = 0;
    for (RegistryRecord r : changed) {
      changedBytes += net.encoder.toBytes(r).length;
    }
    // First audit: 2 knows less of 1 than 1 does, which deltas in flight would explain: only the
    // summary travels. Second: 2's knowledge has not moved since, so it asks for the digests.
    Cost first = audit(net, net.c(2), net.c(1), new ArrayList<>());
    assertThat(first.owners()).isZero();
    assertThat(first.total()).isLessThan(60);
    Cost second = audit(net, net.c(2), net.c(1), new ArrayList<>());
    assertThat(second.owners()).isEqualTo(1);

    for (RegistryRecord r : changed) {
      assertThat(net.c(2).get(r.agentId())).contains(r);
    }
    long cost = first.total() + second.total();
    long digests = first.digests() + second.digests();
    assertThat(cost).isLessThanOrEqualTo(2 * (changedBytes + digests));
    assertThat(second.records()).isLessThanOrEqualTo(4 * changedBytes);
    long fullState =
        net.encoder.toBytes(
                new RegistryDelta(
                    Net.eid(1),
                    List.of(
                        new RegistryDelta.Segment(
                            Net.eid(1),
                            0,
                            net.c(1).sequence(),
                            net.stores.get(Net.eid(1)).byOwner(Net.eid(1), 0, n)))))
            .length;
    assertThat(cost * 10).isLessThan(fullState);
    // Repaired: the next audit finds the same records and 2's knowledge catches up on 1's counter;
    // the healed link sends the versions once more (1 does not know), which changes nothing.
    Cost third = audit(net, net.c(2), net.c(1), new ArrayList<>());
    assertThat(third.owners()).isZero();
    assertThat(net.c(2).vector()).containsEntry(Net.eid(1), net.c(1).sequence());
    assertThat(net.c(2).compare(Net.eid(1), net.c(1).digestsFor(Net.eid(2))).isEmpty()).isTrue();
    net.heal(1, 2);
    net.sync();
    assertThat(net.snapshot(Net.eid(2))).isEqualTo(net.homeVersions());
  }

  @Test
  void repairs_send_whole_buckets_so_each_audit_progresses_when_they_exceed_one_answer()
      throws Exception {
    Net net = Net.of(2, new int[][] {{1, 2}}, Map.of(), 10);
    for (int i = 0; i < 100; i++) {
      net.c(1).register(SyncTest.reg("a" + i, Skill.of("temp")));
    }
    net.sync();
    net.cut(1, 2);
    for (int i = 0; i < 100; i += 5) {
      net.c(1).update(SyncTest.reg("a" + i, Skill.of("wind")));
    }
    // 32 buckets of about 3 records: with 20 changed, the differing buckets hold about 50 records,
    // and the unchanged neighbours alone exceed one answer of 10.
    DigestRequest ask =
        new DigestRequest(Net.eid(2), List.of(new DigestRequest.OwnerAsk(Net.eid(1), 32)));
    int rounds = 0;
    while (true) {
      BucketRequest req = net.c(2).compare(Net.eid(1), net.c(1).digestsFor(Net.eid(2), ask));
      if (req.isEmpty()) {
        break;
      }
      RegistryDelta repair = net.c(1).bucketRecords(Net.eid(2), req);
      assertThat(repair.recordCount()).isBetween(1, 10);
      net.c(2).apply(Net.eid(1), repair);
      rounds++;
      assertThat(rounds).isLessThanOrEqualTo(20); // at least one differing bucket each time
    }
    assertThat(net.snapshot(Net.eid(2))).isEqualTo(net.homeVersions());
  }

  @Test
  void one_audit_repairs_more_differences_than_one_answer_holds_in_several_answers()
      throws Exception {
    Net net = Net.of(2, new int[][] {{1, 2}}, Map.of(), 10, b -> b.auditPatience(1));
    for (int i = 0; i < 100; i++) {
      net.c(1).register(SyncTest.reg("a" + i, Skill.of("temp")));
    }
    net.sync();
    net.cut(1, 2);
    for (int i = 0; i < 100; i += 3) {
      net.c(1).update(SyncTest.reg("a" + i, Skill.of("wind")));
    }
    List<byte[]> seen = new ArrayList<>();
    Cost c = audit(net, net.c(2), net.c(1), seen);
    assertThat(c.owners()).isEqualTo(1);
    assertThat(seen.size() - 4).as("repair answers").isGreaterThanOrEqualTo(4);
    for (byte[] answer : seen.subList(4, seen.size())) {
      assertThat(net.decoder.delta(answer).recordCount()).isBetween(1, 10);
    }
    assertThat(net.snapshot(Net.eid(2))).isEqualTo(net.homeVersions());
  }

  @Test
  void an_audit_of_agreeing_copies_costs_a_summary_per_owner_whatever_the_records()
      throws Exception {
    Net net = Net.of(3, new int[][] {{1, 2}, {2, 3}});
    SyncTest.populate(net, 300);
    net.sync();
    Cost c = audit(net, net.c(2), net.c(1), new ArrayList<>());
    assertThat(c.owners()).isZero();
    // Two owners (1 and 3) as 1 holds them, about 25 bytes each, for 600 records.
    assertThat(c.total()).isLessThan(80);
    assertThat(digestBytes(net, net.c(1), net.c(2))).isGreaterThan(4000);
  }

  @Test
  void only_the_owner_that_differs_is_asked_for_its_bucket_digests() throws Exception {
    Net net = Net.of(3, new int[][] {{1, 2}, {2, 3}});
    SyncTest.populate(net, 100);
    net.sync();
    net.stores.get(Net.eid(3)).remove(Net.eid(1) + "/a5"); // lost at 3, counters agree
    List<byte[]> seen = new ArrayList<>();
    Cost c = audit(net, net.c(3), net.c(2), seen);
    assertThat(c.owners()).isEqualTo(1);
    DigestRequest ask = net.decoder.digestRequest(seen.get(1));
    assertThat(ask.owners()).extracting(DigestRequest.OwnerAsk::owner).containsExactly(Net.eid(1));
    assertThat(net.c(3).get(Net.eid(1) + "/a5")).isPresent();
  }

  @Test
  void deltas_in_flight_do_not_pull_digests_until_the_patience_runs_out() throws Exception {
    Net net = Net.of(2, new int[][] {{1, 2}}, Map.of(), 1000, b -> b.auditPatience(4));
    for (int i = 0; i < 200; i++) {
      net.c(1).register(SyncTest.reg("a" + i, Skill.of("temp")));
    }
    net.sync();
    // Constant churn: at every audit one change is in flight, and 2's knowledge moves each time.
    int asked = 0;
    for (int round = 1; round <= 3; round++) {
      net.push(net.c(1), net.c(2));
      net.c(1).update(SyncTest.reg("a" + round, Skill.of("wind")));
      asked += audit(net, net.c(2), net.c(1), new ArrayList<>()).owners();
    }
    assertThat(asked).isZero();
    net.push(net.c(1), net.c(2));
    net.c(1).update(SyncTest.reg("a9", Skill.of("wind")));
    assertThat(audit(net, net.c(2), net.c(1), new ArrayList<>()).owners()).isEqualTo(1);
    // Once the churn pauses the copies agree and nothing is asked.
    net.sync();
    assertThat(audit(net, net.c(2), net.c(1), new ArrayList<>()).owners()).isZero();
  }

  @Test
  void a_peer_restored_from_an_old_copy_is_repaired_and_its_knowledge_catches_up()
      throws Exception {
    Net net = Net.of(2, new int[][] {{1, 2}});
    for (int i = 0; i < 50; i++) {
      net.c(1).register(SyncTest.reg("a" + i, Skill.of("temp")));
    }
    net.sync();
    InMemoryRegistryStore backup = copy(net.stores.get(Net.eid(2)));
    for (int i = 0; i < 5; i++) {
      net.c(1).update(SyncTest.reg("a" + i, Skill.of("wind")));
    }
    net.sync();
    // 2 is restored from the backup: it lost 5 versions that 1 believes acknowledged.
    RegistryCenter restored =
        RegistryCenter.builder()
            .eid(Net.eid(2))
            .store(backup)
            .clock(net.clock)
            .peer(Net.eid(1), java.util.Set.of())
            .build();
    net.centers.put(Net.eid(2), restored);
    net.stores.put(Net.eid(2), backup);
    net.c(1).update(SyncTest.reg("a40", Skill.of("rain")));
    net.sync(); // merged, but 2's knowledge of 1 cannot move past the gap
    assertThat(restored.vector().get(Net.eid(1))).isEqualTo(50);
    assertThat(restored.get("a40").orElseThrow().skills()).containsExactly(Skill.of("rain"));

    assertThat(audit(net, restored, net.c(1), new ArrayList<>()).owners()).isZero();
    assertThat(audit(net, restored, net.c(1), new ArrayList<>()).owners()).isEqualTo(1);
    assertThat(audit(net, restored, net.c(1), new ArrayList<>()).owners()).isZero();

    assertThat(net.snapshot(Net.eid(2))).isEqualTo(net.homeVersions());
    assertThat(restored.vector()).containsEntry(Net.eid(1), net.c(1).sequence());
    net.c(1).update(SyncTest.reg("a41", Skill.of("rain")));
    net.sync();
    assertThat(restored.vector()).containsEntry(Net.eid(1), net.c(1).sequence());
  }

  private static InMemoryRegistryStore copy(InMemoryRegistryStore from) {
    InMemoryRegistryStore to = new InMemoryRegistryStore();
    for (dev.ama.transport.Eid o : from.owners()) {
      for (RegistryRecord r : from.byOwner(o, 0, Integer.MAX_VALUE)) {
        to.put(r);
      }
    }
    to.saveSequence(from.sequence());
    to.saveAcknowledged(Net.eid(2), from.acknowledged(Net.eid(2)));
    to.saveAcknowledged(Net.eid(1), from.acknowledged(Net.eid(1)));
    return to;
  }

  @Test
  void an_audit_sends_an_excluded_peer_no_restricted_skill() throws Exception {
    Net net = Net.of(2, new int[][] {{1, 2}}, Map.of(), 1000);
    for (int i = 0; i < 50; i++) {
      net.c(1)
          .register(
              SyncTest.reg(
                  "a" + i, Skill.of("camera"), Skill.restricted("zz-covert-relay", "ops")));
    }
    net.sync();
    net.cut(1, 2);
    net.c(1)
        .update(SyncTest.reg("a3", Skill.of("lidar"), Skill.restricted("zz-covert-relay", "ops")));
    List<byte[]> seen = new ArrayList<>();
    audit(net, net.c(2), net.c(1), seen); // the first only notes the difference
    audit(net, net.c(2), net.c(1), seen);
    audit(net, net.c(1), net.c(2), seen);
    assertThat(seen).hasSizeGreaterThan(5); // summaries, then digests, request and repair
    byte[] secret = "zz-covert-relay".getBytes(StandardCharsets.UTF_8);
    for (byte[] b : seen) {
      assertThat(SyncTest.indexOf(b, secret)).isNegative();
    }
    assertThat(net.c(2).get("a3").orElseThrow().skills()).containsExactly(Skill.of("lidar"));
    assertThat(net.c(2).compare(Net.eid(1), net.c(1).digestsFor(Net.eid(2))).isEmpty()).isTrue();
  }

  @Test
  void rejects_malformed_digests_and_requests_with_typed_errors() {
    RegistryDecoder dec = new RegistryDecoder();
    AcLiteral badBuckets =
        AcLiteral.of(
            TextLiteral.of("ipn:1.0"),
            AcLiteral.of(AcLiteral.of(TextLiteral.of("ipn:2.0"), BytesLiteral.of(new byte[12]))));
    assertThatThrownBy(() -> dec.digests(badBuckets))
        .isInstanceOfSatisfying(
            RegistryDecodeException.class,
            e -> assertThat(e.code()).isEqualTo(RegistryDecodeException.Code.INVALID_VALUE));
    AcLiteral outside =
        AcLiteral.of(
            TextLiteral.of("ipn:1.0"),
            AcLiteral.of(
                AcLiteral.of(
                    TextLiteral.of("ipn:2.0"), IntLiteral.of(8), AcLiteral.of(IntLiteral.of(8)))));
    assertThatThrownBy(() -> dec.bucketRequest(outside))
        .isInstanceOfSatisfying(
            RegistryDecodeException.class,
            e -> assertThat(e.code()).isEqualTo(RegistryDecodeException.Code.INVALID_VALUE));
    AcLiteral shortTop =
        AcLiteral.of(
            TextLiteral.of("ipn:1.0"),
            AcLiteral.of(
                AcLiteral.of(
                    TextLiteral.of("ipn:2.0"),
                    IntLiteral.of(3),
                    IntLiteral.of(3),
                    BytesLiteral.of(new byte[7]))));
    assertThatThrownBy(() -> dec.summary(shortTop))
        .isInstanceOfSatisfying(
            RegistryDecodeException.class,
            e -> assertThat(e.code()).isEqualTo(RegistryDecodeException.Code.INVALID_VALUE));
    AcLiteral notPowerOfTwo =
        AcLiteral.of(
            TextLiteral.of("ipn:1.0"),
            AcLiteral.of(AcLiteral.of(TextLiteral.of("ipn:2.0"), IntLiteral.of(3))));
    assertThatThrownBy(() -> dec.digestRequest(notPowerOfTwo))
        .isInstanceOfSatisfying(
            RegistryDecodeException.class,
            e -> assertThat(e.code()).isEqualTo(RegistryDecodeException.Code.INVALID_VALUE));
    assertThatThrownBy(() -> dec.summary(TextLiteral.of("nope")))
        .isInstanceOfSatisfying(
            RegistryDecodeException.class,
            e -> assertThat(e.code()).isEqualTo(RegistryDecodeException.Code.WRONG_SHAPE));
    RegistryDecoder small = new RegistryDecoder(new RegistryLimits(1 << 20, 10, 4, 4, 4, 64, 4));
    AcLiteral many =
        AcLiteral.of(
            TextLiteral.of("ipn:1.0"),
            AcLiteral.of(AcLiteral.of(TextLiteral.of("ipn:2.0"), BytesLiteral.of(new byte[64]))));
    assertThatThrownBy(() -> small.digests(many))
        .isInstanceOfSatisfying(
            RegistryDecodeException.class,
            e -> assertThat(e.code()).isEqualTo(RegistryDecodeException.Code.LIMIT_EXCEEDED));
  }

  @Test
  void summaries_and_digest_requests_survive_their_encoding() throws Exception {
    RegistryEncoder enc = new RegistryEncoder();
    RegistryDecoder dec = new RegistryDecoder();
    RegistrySummary s =
        new RegistrySummary(
            Net.eid(1),
            List.of(
                new RegistrySummary.OwnerSummary(Net.eid(2), 10, 12, -7L),
                new RegistrySummary.OwnerSummary(Net.eid(3), 0, 0, 0L)));
    assertThat(dec.summary(enc.toBytes(s))).isEqualTo(s);
    DigestRequest r =
        new DigestRequest(Net.eid(2), List.of(new DigestRequest.OwnerAsk(Net.eid(3), 1024)));
    assertThat(dec.digestRequest(enc.toBytes(r))).isEqualTo(r);
  }

  record Eid2(int a, int b) {}

  static List<Eid2> pairs() {
    return List.of(new Eid2(1, 2), new Eid2(2, 3));
  }
}
