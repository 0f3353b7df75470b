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
   * The bytes of one audit of {@code auditor} against {@code audited}: digests, request, records.
   */
  static long audit(Net net, RegistryCenter auditor, RegistryCenter audited, List<byte[]> seen)
      throws RegistryDecodeException {
    byte[] dg = net.encoder.toBytes(audited.digestsFor(auditor.eid()));
    BucketRequest req = auditor.compare(audited.eid(), net.decoder.digests(dg));
    byte[] rq = net.encoder.toBytes(req);
    seen.add(dg);
    seen.add(rq);
    if (req.isEmpty()) {
      return dg.length + rq.length;
    }
    RegistryDelta repair = audited.bucketRecords(auditor.eid(), net.decoder.bucketRequest(rq));
    byte[] rp = net.encoder.toBytes(repair);
    seen.add(rp);
    auditor.apply(audited.eid(), net.decoder.delta(rp));
    return dg.length + rq.length + rp.length;
  }

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
    net.cut(1, 2);
    List<RegistryRecord> changed = new ArrayList<>();
    for (int i = 0; i < d; i++) {
      changed.add(
          net.c(1).update(SyncTest.reg("agent-" + (i * 97), Skill.of("temp"), Skill.of("moved"))));
    }
    long changedBytes = 0;
    for (RegistryRecord r : changed) {
      changedBytes += net.encoder.toBytes(r).length;
    }
    long digests = digestBytes(net, net.c(1), net.c(2));
    long cost = audit(net, net.c(2), net.c(1), new ArrayList<>());

    for (RegistryRecord r : changed) {
      assertThat(net.c(2).get(r.agentId())).contains(r);
    }
    assertThat(cost).isLessThanOrEqualTo(2 * (changedBytes + digests));
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
    assertThat(cost * 5).isLessThan(fullState);
    // Repaired: the next audit finds nothing, and a healed link sends the versions once more only
    // as far as the vector says (they are already held, nothing changes).
    assertThat(net.c(2).compare(Net.eid(1), net.c(1).digestsFor(Net.eid(2))).isEmpty()).isTrue();
    net.heal(1, 2);
    net.sync();
    assertThat(net.snapshot(Net.eid(2))).isEqualTo(net.homeVersions());
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
    audit(net, net.c(2), net.c(1), seen);
    audit(net, net.c(1), net.c(2), seen);
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

  record Eid2(int a, int b) {}

  static List<Eid2> pairs() {
    return List.of(new Eid2(1, 2), new Eid2(2, 3));
  }
}
