package dev.ama.agent.registry;

import dev.ama.transport.Eid;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Centers joined by links, in virtual time; values cross links as CBOR bytes, as they would over
 * the transport. Links can be cut and healed.
 */
final class Net {
  final HlcTest.MutableClock clock = new HlcTest.MutableClock(Fixtures.T0);
  final Map<Eid, RegistryCenter> centers = new LinkedHashMap<>();
  final Map<Eid, InMemoryRegistryStore> stores = new HashMap<>();
  final List<Eid[]> links = new ArrayList<>();
  final Set<String> down = new HashSet<>();
  final RegistryEncoder encoder = new RegistryEncoder();
  final RegistryDecoder decoder = new RegistryDecoder();
  final Map<String, List<byte[]>> sent = new HashMap<>();
  long bytes;
  int messages;

  static Eid eid(int i) {
    return Eid.of("ipn:" + i + ".0");
  }

  /** Builds centers 1..n with the given links (pairs of indexes) and no ACL groups. */
  static Net of(int n, int[][] pairs) {
    return of(n, pairs, Map.of(), 1000);
  }

  static Net of(int n, int[][] pairs, Map<Integer, Set<String>> groups, int deltaMax) {
    return of(n, pairs, groups, deltaMax, b -> {});
  }

  static Net of(
      int n,
      int[][] pairs,
      Map<Integer, Set<String>> groups,
      int deltaMax,
      java.util.function.Consumer<RegistryCenter.Builder> extra) {
    Net net = new Net();
    Map<Integer, List<Integer>> adj = new TreeMap<>();
    for (int[] p : pairs) {
      adj.computeIfAbsent(p[0], k -> new ArrayList<>()).add(p[1]);
      adj.computeIfAbsent(p[1], k -> new ArrayList<>()).add(p[0]);
      net.links.add(new Eid[] {eid(p[0]), eid(p[1])});
    }
    for (int i = 1; i <= n; i++) {
      InMemoryRegistryStore store = new InMemoryRegistryStore();
      RegistryCenter.Builder b =
          RegistryCenter.builder()
              .eid(eid(i))
              .store(store)
              .clock(net.clock)
              .heartbeatTimeout(Duration.ofSeconds(90))
              .deltaMaxRecords(deltaMax);
      for (int j : adj.getOrDefault(i, List.of())) {
        b.peer(eid(j), groups.getOrDefault(j, Set.of()));
      }
      extra.accept(b);
      net.centers.put(eid(i), b.build());
      net.stores.put(eid(i), store);
    }
    return net;
  }

  RegistryCenter c(int i) {
    return centers.get(eid(i));
  }

  /** Every value sent from a to b, as bytes. */
  List<byte[]> sent(int a, int b) {
    return sent.getOrDefault(eid(a) + ">" + eid(b), List.of());
  }

  void cut(int a, int b) {
    down.add(key(eid(a), eid(b)));
  }

  void heal(int a, int b) {
    down.remove(key(eid(a), eid(b)));
  }

  private static String key(Eid a, Eid b) {
    return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
  }

  /** One delta from a to b and its ack back, as bytes; false when there was nothing to send. */
  boolean push(RegistryCenter a, RegistryCenter b) throws RegistryDecodeException {
    if (down.contains(key(a.eid(), b.eid()))) {
      return false;
    }
    RegistryDelta d = a.deltaFor(b.eid());
    if (d.isEmpty()) {
      return false;
    }
    byte[] out = encoder.toBytes(d);
    sent.computeIfAbsent(a.eid() + ">" + b.eid(), k -> new ArrayList<>()).add(out);
    RegistryAck ack = b.apply(a.eid(), decoder.delta(out));
    byte[] back = encoder.toBytes(ack);
    sent.computeIfAbsent(b.eid() + ">" + a.eid(), k -> new ArrayList<>()).add(back);
    a.acknowledge(b.eid(), decoder.ack(back));
    bytes += out.length + back.length;
    messages += 2;
    return true;
  }

  /** A delta (empty or not) and its ack over every live link both ways: centers hear each other. */
  void keepalive() throws RegistryDecodeException {
    for (Eid[] l : links) {
      for (int k = 0; k < 2; k++) {
        RegistryCenter a = centers.get(l[k]);
        RegistryCenter b = centers.get(l[1 - k]);
        if (down.contains(key(a.eid(), b.eid()))) {
          continue;
        }
        RegistryAck ack = b.apply(a.eid(), decoder.delta(encoder.toBytes(a.deltaFor(b.eid()))));
        a.acknowledge(b.eid(), decoder.ack(encoder.toBytes(ack)));
      }
    }
  }

  /** Pushes over every live link both ways until nothing moves; returns the rounds taken. */
  int sync() throws RegistryDecodeException {
    for (int round = 1; round <= 500; round++) {
      boolean moved = false;
      for (Eid[] l : links) {
        moved |= push(centers.get(l[0]), centers.get(l[1]));
        moved |= push(centers.get(l[1]), centers.get(l[0]));
      }
      if (!moved) {
        return round;
      }
    }
    throw new AssertionError("no convergence in 500 rounds");
  }

  /** Agent id → version as a center holds it (tombstones included). */
  Map<String, Version> snapshot(Eid center) {
    InMemoryRegistryStore s = stores.get(center);
    Map<String, Version> out = new TreeMap<>();
    for (Eid o : s.owners()) {
      for (RegistryRecord r : s.byOwner(o, 0, Integer.MAX_VALUE)) {
        out.put(r.agentId(), r.version());
      }
    }
    return out;
  }

  /** Agent id → version as each record's home holds it: the latest versions. */
  Map<String, Version> homeVersions() {
    Map<String, Version> out = new TreeMap<>();
    for (Eid c : centers.keySet()) {
      for (RegistryRecord r : stores.get(c).byOwner(c, 0, Integer.MAX_VALUE)) {
        out.put(r.agentId(), r.version());
      }
    }
    return out;
  }
}
