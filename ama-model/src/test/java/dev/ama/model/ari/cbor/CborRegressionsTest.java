package dev.ama.model.ari.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ama.model.ari.TestData;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every CBOR input that once broke the decoder's contract, one file each in
 * testdata/regressions/cbor (format: {@link TestData}). Each must keep the contract, for decode and
 * decodeSequence, within a hang guard, and give the outcome its file expects.
 */
class CborRegressionsTest {
  static List<TestData.Regression> regressions() {
    return TestData.regressions("cbor");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("regressions")
  void a_saved_input_keeps_the_contract_and_gives_the_expected_outcome(TestData.Regression r) {
    byte[] in = r.bytes();
    CborContract.Outcome out =
        assertTimeoutPreemptively(
            Duration.ofSeconds(5),
            () -> {
              CborContract.checkSequence(in);
              return CborContract.check(in);
            });
    if (r.expect().equals("value")) {
      assertThat(out.error()).as("error for %s", r.name()).isNull();
    } else {
      assertThat(out.error()).as("error for %s", r.name()).isNotNull();
      assertThat(out.error().code().name()).as(out.error().getMessage()).isEqualTo(r.expect());
    }
  }

  @Test
  void the_regression_folder_is_not_empty() {
    assertThat(regressions()).isNotEmpty();
  }
}
