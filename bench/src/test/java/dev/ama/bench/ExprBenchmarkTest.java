package dev.ama.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ama.model.ari.AriType;
import dev.ama.model.ari.BoolLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.rules.expr.ExprException;
import org.junit.jupiter.api.Test;

class ExprBenchmarkTest {

  @Test
  void ama_and_jexl_agree_on_the_five_benchmark_expressions() throws ExprException {
    ExprBenchmark b = new ExprBenchmark();
    b.setUp();
    assertThat(b.predicateAma()).isEqualTo(BoolLiteral.TRUE);
    assertThat(b.predicateAmaEqualityMap()).isEqualTo(BoolLiteral.TRUE);
    assertThat(b.predicateJexl()).isEqualTo(true);
    assertThat(b.arithmeticAma()).isEqualTo(IntLiteral.of(AriType.VAST, 3190));
    assertThat(b.arithmeticJexl()).isEqualTo(3190L);
    assertThat(b.realAma()).isEqualTo(BoolLiteral.TRUE);
    assertThat(b.realJexl()).isEqualTo(true);
    assertThat(b.logicAma()).isEqualTo(BoolLiteral.TRUE);
    assertThat(b.logicJexl()).isEqualTo(true);
    assertThat(b.bitwiseAma()).isEqualTo(BoolLiteral.TRUE);
    assertThat(b.bitwiseJexl()).isEqualTo(true);
    // Evaluating from slots gives the same results as through the provider.
    assertThat(b.predicateAmaSlots()).isEqualTo(b.predicateAma());
    assertThat(b.arithmeticAmaSlots()).isEqualTo(b.arithmeticAma());
    assertThat(b.realAmaSlots()).isEqualTo(b.realAma());
    assertThat(b.logicAmaSlots()).isEqualTo(b.logicAma());
    assertThat(b.bitwiseAmaSlots()).isEqualTo(b.bitwiseAma());
  }
}
