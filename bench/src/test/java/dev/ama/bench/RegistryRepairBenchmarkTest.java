package dev.ama.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ama.bench.RegistryRepairBenchmark.Result;
import dev.ama.bench.RegistryRepairBenchmark.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The repair benchmark at a small scale: the audit repairs, within the target, below the rest. */
class RegistryRepairBenchmarkTest {
  private final RegistryRepairBenchmark bench = new RegistryRepairBenchmark();

  @Test
  void the_audit_repairs_the_changed_records_within_the_target_and_below_the_full_state()
      throws Exception {
    Result r = bench.run(new Scenario(2000, 1, 10, 7));

    assertThat(r.converged()).isTrue();
    assertThat(r.audits()).isEqualTo(3); // noted, repaired, agreed
    assertThat(r.ownersAsked()).isEqualTo(1);
    assertThat(r.auditBytes()).isLessThanOrEqualTo(r.targetBytes());
    assertThat(r.repairBytes()).isGreaterThanOrEqualTo(r.changedBytes());
    assertThat(r.auditBytes() * 10).isLessThan(r.fullStateBytes());
    assertThat(r.auditBytes()).isLessThan(r.oneLevelBytes());
    assertThat(r.idleBytes()).isLessThan(60); // one summary of one owner
    assertThat(r.oneLevelIdleBytes()).isGreaterThan(8 * 2000);
  }

  @Test
  void with_several_owners_only_those_that_changed_send_bucket_digests() throws Exception {
    Result few = bench.run(new Scenario(2000, 20, 3, 7));

    assertThat(few.converged()).isTrue();
    assertThat(few.ownersAsked()).isLessThanOrEqualTo(3);
    assertThat(few.auditBytes()).isLessThanOrEqualTo(few.targetBytes());
    assertThat(few.auditBytes() * 3).isLessThan(few.oneLevelBytes());
  }

  @Test
  void prints_one_row_per_result_and_refuses_impossible_scenarios() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    RegistryRepairBenchmark.print(
        new PrintStream(buf, true, StandardCharsets.UTF_8),
        List.of(bench.run(new Scenario(500, 2, 5, 1))));
    List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).contains(" 500 ").contains(" yes ");
    assertThatThrownBy(() -> new Scenario(10, 20, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
