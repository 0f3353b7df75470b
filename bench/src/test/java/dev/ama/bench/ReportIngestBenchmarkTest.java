package dev.ama.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ama.manager.reports.StoredReport;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportIngestBenchmarkTest {

  @Test
  void ingests_a_batch_and_queries_one_agents_window_of_100_reports() throws IOException {
    ReportIngestBenchmark b = new ReportIngestBenchmark();
    b.setUp();
    try {
      assertThat(b.ingestBatch100()).isEqualTo(100);
      assertThat(b.ingestBatch500()).isEqualTo(500);
      assertThat(b.ingestOnePerTransactionBaseline()).isEqualTo(1);
      List<StoredReport> window = b.queryAgentTimeRange();
      assertThat(window).hasSize(ReportIngestBenchmark.QUERY_ROWS);
      assertThat(window).extracting(StoredReport::agent).containsOnly(window.get(0).agent());
      assertThat(window.get(0).items()).isEqualTo(Samples.rptSet().reports().get(0).items());
    } finally {
      b.tearDown();
    }
  }
}
