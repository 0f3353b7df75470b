package dev.ama.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriDecodeException;
import dev.ama.model.ari.ExecSetLiteral;
import dev.ama.model.ari.RptSetLiteral;
import dev.ama.model.ari.cbor.AriCborDecoder;
import dev.ama.model.ari.cbor.AriCborEncoder;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ARI CBOR encode and decode of a 10-item RPTSET and a 3-target EXECSET, beside the baseline: the
 * same RPTSET content written and read as JSON by Jackson databind.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar CodecBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@Threads(1)
public class CodecBenchmark {
  private final AriCborEncoder encoder = new AriCborEncoder();
  private final AriCborDecoder decoder = new AriCborDecoder();
  private final ObjectMapper json = new ObjectMapper();
  private final CBORFactory cbor = new CBORFactory();

  private RptSetLiteral rptSet;
  private byte[] rptSetCbor;
  private ExecSetLiteral execSet;
  private byte[] execSetCbor;
  private Map<String, Object> rptSetJsonContent;
  private byte[] rptSetJson;

  @Setup
  public void setUp() throws IOException {
    rptSet = Samples.rptSet();
    rptSetCbor = encoder.encode(rptSet);
    execSet = Samples.execSet();
    execSetCbor = encoder.encode(execSet);
    rptSetJsonContent = Samples.rptSetAsJson();
    rptSetJson = json.writeValueAsBytes(rptSetJsonContent);
  }

  @Benchmark
  public byte[] rptSetEncodeCbor() {
    return encoder.encode(rptSet);
  }

  @Benchmark
  public Ari rptSetDecodeCbor() throws AriDecodeException {
    return decoder.decode(rptSetCbor);
  }

  @Benchmark
  public byte[] execSetEncodeCbor() {
    return encoder.encode(execSet);
  }

  @Benchmark
  public Ari execSetDecodeCbor() throws AriDecodeException {
    return decoder.decode(execSetCbor);
  }

  /**
   * Floor: Jackson's CBOR parser reading every token of the RPTSET and building nothing, the least
   * any decoder on Jackson's streaming parser can cost.
   */
  @Benchmark
  public int rptSetTokenScanJacksonFloor() throws IOException {
    int n = 0;
    try (JsonParser p = cbor.createParser(rptSetCbor)) {
      while (p.nextToken() != null) {
        n++;
      }
    }
    return n;
  }

  /** Baseline: the same RPTSET content written as JSON by Jackson databind. */
  @Benchmark
  public byte[] rptSetEncodeJsonBaseline() throws IOException {
    return json.writeValueAsBytes(rptSetJsonContent);
  }

  /** Baseline: the same RPTSET content read from JSON by Jackson databind into a tree. */
  @Benchmark
  public JsonNode rptSetDecodeJsonBaseline() throws IOException {
    return json.readTree(rptSetJson);
  }
}
