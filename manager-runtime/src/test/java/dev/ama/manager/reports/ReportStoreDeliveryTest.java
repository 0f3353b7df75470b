package dev.ama.manager.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.BytesLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.NullLiteral;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.Report;
import dev.ama.model.ari.RptSetLiteral;
import dev.ama.model.ari.TextLiteral;
import dev.ama.model.ari.TimeLiteral;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The delivery cursor kept with the reports, and lookups by nonce. */
class ReportStoreDeliveryTest {
  private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
  private static final ObjectRef CPU = ObjectRef.of("example", "host", AriType.EDD, "cpu");

  @TempDir Path dir;

  private static List<ReceivedRptSet> one(Ari nonce, long value) {
    return List.of(
        new ReceivedRptSet(
            "ipn:2.1",
            new RptSetLiteral(
                nonce,
                TimeLiteral.tp(T0.plusSeconds(value)),
                List.of(new Report(TimeLiteral.td(0, 0), CPU, List.of(IntLiteral.of(value))))),
            T0));
  }

  @Test
  void a_delivery_sequence_is_recorded_with_its_reports_and_never_applied_twice() {
    try (H2ReportStore store = H2ReportStore.open(dir.resolve("reports"))) {
      assertThat(store.appliedUpTo()).isEqualTo(-1);
      // Transports number deliveries from 0.
      assertThat(store.ingestAll(one(NullLiteral.UNTYPED, 0), 0)).isEqualTo(1);
      assertThat(store.appliedUpTo()).isZero();
      assertThat(store.ingestAll(one(NullLiteral.UNTYPED, 1), 1)).isEqualTo(1);
      assertThat(store.ingestAll(one(NullLiteral.UNTYPED, 1), 1)).isZero();
      assertThat(store.ingestAll(List.of(), 4)).isZero();
      assertThat(store.ingestAll(one(NullLiteral.UNTYPED, 2), 3)).isZero();
      assertThat(store.appliedUpTo()).isEqualTo(4);
      assertThat(store.count(ReportQuery.all())).isEqualTo(2);
    }
    try (H2ReportStore store = H2ReportStore.open(dir.resolve("reports"))) {
      assertThat(store.appliedUpTo()).isEqualTo(4);
    }
  }

  @Test
  void a_refused_report_records_no_sequence() {
    try (H2ReportStore store = H2ReportStore.open(dir.resolve("reports"))) {
      List<ReceivedRptSet> huge =
          List.of(
              new ReceivedRptSet(
                  "ipn:2.1",
                  new RptSetLiteral(
                      NullLiteral.UNTYPED,
                      TimeLiteral.tp(T0),
                      List.of(
                          new Report(
                              TimeLiteral.td(0, 0),
                              CPU,
                              List.of(TextLiteral.of("x".repeat(1_000_001)))))),
                  T0));
      assertThatThrownBy(() -> store.ingestAll(huge, 9))
          .isInstanceOfSatisfying(
              ReportStoreException.class,
              e -> assertThat(e.code()).isEqualTo(ReportStoreException.Code.INVALID_ARGUMENT));
      assertThat(store.appliedUpTo()).isEqualTo(-1);
      assertThatThrownBy(() -> store.ingestAll(List.of(), -1))
          .isInstanceOfSatisfying(
              ReportStoreException.class,
              e -> assertThat(e.code()).isEqualTo(ReportStoreException.Code.INVALID_ARGUMENT));
    }
  }

  @Test
  void reports_are_found_by_the_nonce_they_came_with() {
    try (H2ReportStore store = H2ReportStore.open(dir.resolve("reports"))) {
      store.ingestAll(one(IntLiteral.of(7), 1));
      store.ingestAll(one(IntLiteral.of(7), 2));
      store.ingestAll(one(IntLiteral.of(8), 3));
      store.ingestAll(one(BytesLiteral.of(new byte[] {7}), 4));
      store.ingestAll(one(NullLiteral.UNTYPED, 5));
      assertThat(store.byNonce(IntLiteral.of(7), 10))
          .extracting(r -> r.items().get(0))
          .containsExactly(IntLiteral.of(1), IntLiteral.of(2));
      assertThat(store.byNonce(IntLiteral.of(7), 1)).hasSize(1);
      assertThat(store.byNonce(BytesLiteral.of(new byte[] {7}), 10)).hasSize(1);
      assertThat(store.byNonce(IntLiteral.of(9), 10)).isEmpty();
      assertThatThrownBy(() -> store.byNonce(NullLiteral.UNTYPED, 10))
          .isInstanceOf(ReportStoreException.class);
      assertThatThrownBy(() -> store.byNonce(IntLiteral.of(7), 0))
          .isInstanceOfSatisfying(
              ReportStoreException.class,
              e -> assertThat(e.code()).isEqualTo(ReportStoreException.Code.INVALID_QUERY));
    }
  }
}
