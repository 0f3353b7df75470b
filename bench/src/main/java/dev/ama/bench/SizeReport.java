package dev.ama.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ama.model.ari.cbor.AriCborEncoder;
import dev.ama.model.ari.text.AriTextEncoder;

/**
 * Prints the size of the benchmark messages in CBOR against the same content in JSON.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.ama.bench.SizeReport}.
 */
public final class SizeReport {
  private SizeReport() {}

  /** CBOR size of the sample RPTSET. */
  public static int rptSetCborBytes() {
    return new AriCborEncoder().encode(Samples.rptSet()).length;
  }

  /** JSON size of the same content. */
  public static int rptSetJsonBytes() throws JsonProcessingException {
    return new ObjectMapper().writeValueAsBytes(Samples.rptSetAsJson()).length;
  }

  public static void main(String[] args) throws JsonProcessingException {
    int cbor = rptSetCborBytes();
    int json = rptSetJsonBytes();
    System.out.println("RPTSET (10 items): " + new AriTextEncoder().encode(Samples.rptSet()));
    System.out.printf(
        "CBOR %d bytes, JSON %d bytes, CBOR/JSON = %.1f%%%n", cbor, json, 100.0 * cbor / json);
    System.out.println("EXECSET (3 targets): " + new AriTextEncoder().encode(Samples.execSet()));
    System.out.printf("CBOR %d bytes%n", new AriCborEncoder().encode(Samples.execSet()).length);
  }
}
