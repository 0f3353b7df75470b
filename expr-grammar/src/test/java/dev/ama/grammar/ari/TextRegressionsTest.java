package dev.ama.grammar.ari;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ama.model.ari.AriDecodeException;
import dev.ama.model.ari.TestData;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every text input that once broke the decoder's contract, one file each in
 * testdata/regressions/text (format: {@link TestData}). Each must keep the contract, within a hang
 * guard, and give the outcome its file expects.
 */
class TextRegressionsTest {
  static List<TestData.Regression> regressions() {
    return TestData.regressions("text");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("regressions")
  void a_saved_input_keeps_the_contract_and_gives_the_expected_outcome(TestData.Regression r) {
    AriDecodeException e =
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> TextContract.check(r.input()));
    if (r.expect().equals("value")) {
      assertThat(e).as("error for %s", r.name()).isNull();
    } else {
      assertThat(e).as("error for %s", r.name()).isNotNull();
      assertThat(e.code().name()).as(e.getMessage()).isEqualTo(r.expect());
    }
  }

  @Test
  void the_regression_folder_is_not_empty() {
    assertThat(regressions()).isNotEmpty();
  }
}
