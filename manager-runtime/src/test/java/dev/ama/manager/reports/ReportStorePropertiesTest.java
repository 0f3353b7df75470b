package dev.ama.manager.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriArbitraries;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.BytesLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.NullLiteral;
import dev.ama.model.ari.Report;
import dev.ama.model.ari.RptSetLiteral;
import dev.ama.model.ari.TimeLiteral;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

class ReportStorePropertiesTest {
  private static Path dir;
  private static H2ReportStore store;
  private static int round;

  @BeforeContainer
  static void openStore() throws IOException {
    dir = Files.createTempDirectory("ama-report-store");
    store = H2ReportStore.open(dir.resolve("reports"));
  }

  @AfterContainer
  static void closeStore() throws IOException {
    store.close();
    try (var files = Files.walk(dir)) {
      files
          .sorted((a, b) -> b.compareTo(a))
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }

  @Property(tries = 200)
  void any_rptset_is_stored_and_read_back_equal(@ForAll("rptSets") RptSetLiteral set) {
    String agent = "ipn:" + (++round) + ".1";
    Instant arrival = Instant.ofEpochSecond(1_700_000_000L + round, round);
    store.ingest(agent, set, arrival);
    List<StoredReport> got = store.query(ReportQuery.all().withAgent(agent));
    // Reports come back in order of reference time; each has its own set's values.
    List<Report> expected = new ArrayList<>(set.reports());
    assertThat(got).hasSameSizeAs(expected);
    assertThat(got).extracting(StoredReport::report).containsExactlyInAnyOrderElementsOf(expected);
    for (StoredReport r : got) {
      assertThat(r.agent()).isEqualTo(agent);
      assertThat(r.nonce()).isEqualTo(set.nonce());
      assertThat(r.setReferenceTime()).isEqualTo(set.referenceTime());
      assertThat(r.arrival()).isEqualTo(arrival);
    }
  }

  @Provide
  Arbitrary<RptSetLiteral> rptSets() {
    Arbitrary<Ari> nonces =
        Arbitraries.oneOf(
            Arbitraries.just(NullLiteral.UNTYPED),
            Arbitraries.longs().greaterOrEqual(0).map(v -> (Ari) IntLiteral.of(v)),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(8).map(BytesLiteral::of));
    Arbitrary<Report> reports =
        Combinators.combine(
                AriArbitraries.times()
                    .map(t -> new TimeLiteral(AriType.TD, t.seconds(), t.nanos())),
                AriArbitraries.aris(1, false),
                AriArbitraries.aris(2, false).list().ofMaxSize(5))
            .as(Report::new);
    return Combinators.combine(
            nonces,
            AriArbitraries.times().map(t -> new TimeLiteral(AriType.TP, t.seconds(), t.nanos())),
            reports.list().ofMaxSize(4))
        .as(RptSetLiteral::new);
  }
}
