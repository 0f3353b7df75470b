package dev.ama.agent;

import dev.ama.grammar.ari.AriTextDecoder;
import dev.ama.grammar.lang.LangCompiler;
import dev.ama.model.amp.AmpMessage;
import dev.ama.model.amp.AmpMessageDecoder;
import dev.ama.model.amp.AmpMessageEncoder;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriDecodeException;
import dev.ama.model.ari.ExecSetLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.NullLiteral;
import dev.ama.model.ari.Report;
import dev.ama.model.ari.RptSetLiteral;
import dev.ama.rules.schedule.VirtualRuleScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * An agent in virtual time whose messages are captured, with helpers to send EXECSETs in ARI text
 * and read back the reports each manager got.
 */
final class AgentFixture implements AutoCloseable {
  static final String AGENT = "ipn:2.1";
  static final String MGR = "ipn:1.1";
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** One message handed to the sender. */
  record Sent(String destination, byte[] bytes, ReportOptions options, Instant at) {
    List<RptSetLiteral> rptSets() {
      try {
        AmpMessage m = new AmpMessageDecoder().decode(bytes);
        List<RptSetLiteral> out = new ArrayList<>();
        for (Ari a : m.items()) {
          out.add((RptSetLiteral) a);
        }
        return out;
      } catch (AriDecodeException e) {
        throw new AssertionError(e);
      }
    }
  }

  final VirtualRuleScheduler scheduler;
  final AgentStore store;
  final List<Sent> sent = new ArrayList<>();
  final Agent agent;
  boolean failSends;

  AgentFixture() {
    this(b -> {});
  }

  AgentFixture(Consumer<Agent.Builder> config) {
    this(new VirtualRuleScheduler(T0), new InMemoryAgentStore(), config);
  }

  AgentFixture(VirtualRuleScheduler scheduler, AgentStore store, Consumer<Agent.Builder> config) {
    this.scheduler = scheduler;
    this.store = store;
    Agent.Builder b =
        Agent.builder()
            .eid(AGENT)
            .store(store)
            .scheduler(scheduler)
            .consolidationWindow(Duration.ZERO)
            .sender(
                (dest, bytes, options) -> {
                  if (failSends) {
                    throw new java.io.IOException("link down");
                  }
                  sent.add(new Sent(dest, bytes, options, scheduler.now()));
                });
    config.accept(b);
    this.agent = b.build();
    agent.start();
  }

  static Ari ari(String text) {
    try {
      return new AriTextDecoder().decode(text);
    } catch (AriDecodeException e) {
      throw new AssertionError(text + ": " + e.getMessage(), e);
    }
  }

  static byte[] message(Ari... items) {
    return new AmpMessageEncoder().encode(new AmpMessage(List.of(items)));
  }

  static ExecSetLiteral execSet(Ari nonce, String... targets) {
    return new ExecSetLiteral(nonce, Arrays.stream(targets).map(AgentFixture::ari).toList());
  }

  /** Sends the targets from {@code from} with a nonce, returns the results in order. */
  List<Ari> run(String from, long nonce, String... targets) {
    int before = sent.size();
    agent.onMessage(from, message(execSet(IntLiteral.of(nonce), targets)));
    return results(from, before, nonce);
  }

  /** Sends the targets from the manager with no nonce. */
  void runQuiet(String from, String... targets) {
    agent.onMessage(from, message(execSet(NullLiteral.UNTYPED, targets)));
  }

  /** The single result of one target. */
  Ari result(String target) {
    List<Ari> r = run(MGR, 7, target);
    if (r.size() != 1) {
      throw new AssertionError("expected one execution report, got " + r);
    }
    return r.get(0);
  }

  /** The execution results with this nonce sent to {@code dest} from message {@code from} on. */
  List<Ari> results(String dest, int fromIndex, long nonce) {
    List<Ari> out = new ArrayList<>();
    for (Report r : reports(dest, fromIndex, IntLiteral.of(nonce))) {
      out.add(r.items().get(0));
    }
    return out;
  }

  /**
   * Every report sent to {@code dest} from message index {@code fromIndex} whose nonce is as given.
   */
  List<Report> reports(String dest, int fromIndex, Ari nonce) {
    List<Report> out = new ArrayList<>();
    for (Sent s : sent.subList(fromIndex, sent.size())) {
      if (!s.destination().equals(dest)) {
        continue;
      }
      for (RptSetLiteral rs : s.rptSets()) {
        if (rs.nonce().equals(nonce)) {
          out.addAll(rs.reports());
        }
      }
    }
    return out;
  }

  /** Every report without a nonce sent to {@code dest}. */
  List<Report> reportsTo(String dest) {
    return reports(dest, 0, NullLiteral.UNTYPED);
  }

  void compileAndRun(String from, String source) {
    try {
      for (ExecSetLiteral es :
          LangCompiler.builder().build().compile(source, "test.ama").execSets()) {
        agent.onMessage(from, message(es));
      }
    } catch (dev.ama.grammar.lang.LangException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  AgentCounters counters() {
    return agent.status().counters();
  }

  @Override
  public void close() {
    agent.close();
  }
}
