package dev.ama.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ama.agent.registry.H2RegistryStore;
import dev.ama.agent.registry.RegistryRecord;
import dev.ama.agent.registry.Skill;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry scale benchmark at a small scale (2,000 records, deltas of 500): every phase runs,
 * and the new peer ends with every record, as it may see it, over real TCP.
 */
class RegistryScaleBenchmarkTest {
  @TempDir Path dir;

  @Test
  void bootstraps_a_new_peer_over_tcp_with_every_record_as_it_may_see_it() throws Exception {
    RegistryScaleBenchmark.Settings s =
        RegistryScaleBenchmark.Settings.parse(
            new String[] {"--records", "2000", "--lookups", "50", "--delta", "500"});
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    RegistryScaleBenchmark.Result r =
        RegistryScaleBenchmark.run(s, dir, new PrintStream(progress, true, StandardCharsets.UTF_8));
    assertThat(progress.toString(StandardCharsets.UTF_8))
        .contains("load: 2,000 records")
        .contains("bootstrap: ");

    assertThat(r.load().records()).isEqualTo(2000);
    assertThat(r.load().counters())
        .isEqualTo(
            Map.of(
                RegistryScale.SOURCE,
                1400L,
                RegistryScale.OTHERS.get(0),
                200L,
                RegistryScale.OTHERS.get(1),
                200L,
                RegistryScale.OTHERS.get(2),
                200L));
    assertThat(r.fileBytes()).isPositive();
    assertThat(r.heapBytes()).isPositive();
    assertThat(r.lookups()).hasSize(4);
    for (RegistryScale.Latencies l : r.lookups()) {
      assertThat(l.nanos()).hasSize(50).isSorted();
    }
    // The deep page (offset 1,000) is past the 16 or so agents of a skill at this scale.
    assertThat(r.lookups().get(1).found()).isZero();
    assertThat(r.lookups().get(2).found()).isPositive();
    // A page of 50 from about 16 agents per skill (2,000 × 4 / 1,000): the page holds them all.
    assertThat(r.lookups().get(0).found()).isLessThan(50L * 50);
    assertThat(r.lookups().get(3).found()).isEqualTo(50); // every id asked for exists
    assertThat(r.copy().records()).isEqualTo(2000);
    assertThat(r.bootstrap().records()).isEqualTo(2000);
    assertThat(r.bootstrap().messages()).isEqualTo(8); // four deltas of 500, four acks
    assertThat(r.bootstrap().bytes()).isGreaterThan(2000L * 150);
    assertThat(r.newcomerRecords()).isEqualTo(2000);

    try (H2RegistryStore source = RegistryScale.open(dir, "source");
        H2RegistryStore copy = RegistryScale.open(dir, "copy");
        H2RegistryStore newcomer = RegistryScale.open(dir, "newcomer")) {
      int restricted = 0;
      for (int i = 0; i < 2000; i++) {
        String id = RegistryScale.agentId(i);
        RegistryRecord held = source.get(id).orElseThrow();
        assertThat(copy.get(id)).contains(held);
        RegistryRecord got = newcomer.get(id).orElseThrow();
        // The newcomer is in no ACL group: restricted skills never reach it, the rest is equal.
        List<Skill> visible = held.skills().stream().filter(Skill::isPublic).toList();
        assertThat(got).isEqualTo(held.toBuilder().skills(visible).build());
        restricted += visible.size() < held.skills().size() ? 1 : 0;
      }
      assertThat(restricted).isBetween(100, 300); // about one in ten
      // The newcomer knows every owner up to the end; the source knows that from the acks.
      // (Each side may also hold a 0 entry for the other's own counter: nothing of it yet.)
      assertThat(newcomer.acknowledged(RegistryScale.NEWCOMER))
          .containsAllEntriesOf(r.load().counters());
      assertThat(source.acknowledged(RegistryScale.NEWCOMER))
          .containsAllEntriesOf(r.load().counters());
    }

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RegistryScaleBenchmark.print(r, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String table = bytes.toString(StandardCharsets.UTF_8);
    assertThat(table)
        .contains("| bootstrap of a new peer over loopback TCP |")
        .contains("| new peer holds | 2,000 records |");
  }

  @Test
  void records_are_deterministic_and_ids_unique() {
    assertThat(RegistryScale.record(7, 123, 5)).isEqualTo(RegistryScale.record(7, 123, 5));
    assertThat(RegistryScale.record(7, 123, 5).skills()).hasSizeBetween(3, 5);
    assertThat(RegistryScale.agentId(1)).isNotEqualTo(RegistryScale.agentId(2));
    assertThat(
            java.util.stream.IntStream.range(0, 100_000)
                .mapToObj(RegistryScale::agentId)
                .distinct()
                .count())
        .isEqualTo(100_000);
  }

  @Test
  void refuses_an_unknown_option_or_phase() {
    assertThatThrownBy(() -> RegistryScaleBenchmark.Settings.parse(new String[] {"--record", "5"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--record");
    assertThatThrownBy(
            () -> RegistryScaleBenchmark.Settings.parse(new String[] {"--phases", "load,warp"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("warp");
  }
}
