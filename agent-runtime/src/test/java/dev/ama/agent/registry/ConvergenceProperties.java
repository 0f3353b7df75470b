package dev.ama.agent.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ama.transport.Eid;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random workloads over 3–5 centers with random partitions and heals. Replay a failure with the
 * seed jqwik prints: {@code @Property(seed = "...")}; each try is itself driven by {@code seed}.
 */
class ConvergenceProperties {

  @Property(tries = 60, seed = "4242")
  void after_partitions_heal_all_digests_agree_and_every_record_has_its_owners_latest_version(
      @ForAll @IntRange(min = 3, max = 5) int centers,
      @ForAll @IntRange(min = 20, max = 120) int steps,
      @ForAll long seed)
      throws Exception {
    List<int[]> pairs = new ArrayList<>();
    Net net = run(centers, steps, seed, pairs, false, false);
    assertConvergedAndDigestsAgree(net, pairs);
  }

  @Property(tries = 40, seed = "5151")
  void with_takeovers_of_silent_homes_all_centers_still_end_on_one_version_per_agent(
      @ForAll @IntRange(min = 3, max = 5) int centers,
      @ForAll @IntRange(min = 20, max = 120) int steps,
      @ForAll long seed)
      throws Exception {
    List<int[]> pairs = new ArrayList<>();
    Net net = run(centers, steps, seed, pairs, true, false);
    assertConvergedAndDigestsAgree(net, pairs);
  }

  @Property(tries = 40, seed = "31")
  void with_retention_and_purges_deltas_and_audits_converge(
      @ForAll @IntRange(min = 3, max = 5) int centers,
      @ForAll @IntRange(min = 20, max = 120) int steps,
      @ForAll long seed)
      throws Exception {
    List<int[]> pairs = new ArrayList<>();
    Net net = run(centers, steps, seed, pairs, true, true);
    for (RegistryCenter c : net.centers.values()) {
      c.purgeTombstones();
    }
    for (Eid e : net.centers.keySet()) {
      assertThat(net.stores.get(e).tombstones("", 10)).isEmpty();
    }
    List<byte[]> seen = new ArrayList<>();
    for (int round = 0; round < centers; round++) {
      for (int[] p : pairs) {
        AuditTest.audit(net, net.c(p[0]), net.c(p[1]), seen);
        AuditTest.audit(net, net.c(p[1]), net.c(p[0]), seen);
      }
    }
    net.sync();
    assertConvergedAndDigestsAgree(net, pairs);
  }

  private static void assertConvergedAndDigestsAgree(Net net, List<int[]> pairs) {
    Map<String, Version> latest = net.homeVersions();
    for (Eid e : net.centers.keySet()) {
      assertThat(net.snapshot(e)).as("records at %s", e).isEqualTo(latest);
    }
    for (int[] p : pairs) {
      RegistryCenter a = net.c(p[0]);
      RegistryCenter b = net.c(p[1]);
      assertThat(b.compare(a.eid(), a.digestsFor(b.eid())).isEmpty()).isTrue();
      assertThat(a.compare(b.eid(), b.digestsFor(a.eid())).isEmpty()).isTrue();
      assertThat(b.compare(a.eid(), a.summaryFor(b.eid())).isEmpty()).isTrue();
      assertThat(a.compare(b.eid(), b.summaryFor(a.eid())).isEmpty()).isTrue();
    }
  }

  /** Runs one random workload; fills {@code pairs} and returns the network, healed and synced. */
  static Net run(
      int centers, int steps, long seed, List<int[]> pairs, boolean takeovers, boolean purges)
      throws Exception {
    Random rnd = new Random(seed);
    // A random tree keeps the centers connected; a few extra links make cycles.
    for (int i = 2; i <= centers; i++) {
      pairs.add(new int[] {1 + rnd.nextInt(i - 1), i});
    }
    for (int k = 0; k < rnd.nextInt(3); k++) {
      int a = 1 + rnd.nextInt(centers);
      int b = 1 + rnd.nextInt(centers);
      if (a != b && pairs.stream().noneMatch(p -> same(p, a, b))) {
        pairs.add(new int[] {a, b});
      }
    }
    Net net =
        Net.of(
            centers,
            pairs.toArray(new int[0][]),
            Map.of(),
            1 + rnd.nextInt(20),
            b -> {
              if (takeovers) {
                b.takeoverTime(Duration.ofMinutes(5));
              }
            });

    for (int s = 0; s < steps; s++) {
      RegistryCenter c = net.c(1 + rnd.nextInt(centers));
      String id = "agent-" + rnd.nextInt(25);
      int[] link = pairs.get(rnd.nextInt(pairs.size()));
      try {
        switch (rnd.nextInt(takeovers ? 11 : 9)) {
          case 0, 1 -> c.register(SyncTest.reg(id, Skill.of("s" + rnd.nextInt(4))));
          case 2 -> c.update(SyncTest.reg(id, Skill.of("s" + rnd.nextInt(4))));
          case 3 -> c.deregister(id);
          case 4 -> c.heartbeat(id);
          case 5 -> {
            net.clock.advance(Duration.ofSeconds(rnd.nextInt(120)));
            c.expire();
          }
          case 6 -> net.cut(link[0], link[1]);
          case 7 -> net.heal(link[0], link[1]);
          case 9 -> net.keepalive();
          case 10 -> {
            net.clock.advance(Duration.ofMinutes(rnd.nextInt(4)));
            if (purges) {
              c.maintain();
            } else {
              c.expire();
              c.takeOver();
            }
          }
          default -> {
            if (rnd.nextBoolean()) {
              net.push(net.c(link[0]), net.c(link[1]));
            } else {
              net.push(net.c(link[1]), net.c(link[0]));
            }
          }
        }
      } catch (RegistryException expected) {
        // NOT_FOUND / NOT_HOME for a random id: refused, nothing changed
      }
      net.clock.advance(Duration.ofMillis(rnd.nextInt(3)));
    }

    for (int[] p : pairs) {
      net.heal(p[0], p[1]);
    }
    net.sync();
    return net;
  }

  private static boolean same(int[] p, int a, int b) {
    return (p[0] == a && p[1] == b) || (p[0] == b && p[1] == a);
  }
}
