package dev.ama.manager;

import dev.ama.model.amp.AmpMessage;
import dev.ama.model.amp.AmpMessageDecoder;
import dev.ama.model.amp.AmpMessageEncoder;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.ExecSetLiteral;
import dev.ama.model.ari.NullLiteral;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.Report;
import dev.ama.model.ari.RptSetLiteral;
import dev.ama.model.ari.TblLiteral;
import dev.ama.model.ari.TextLiteral;
import dev.ama.model.ari.TimeLiteral;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A settable clock, a recording sender, and message builders for the Manager's tests. */
final class TestSupport {
  static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

  private TestSupport() {}

  /** A clock that stays where it is set. */
  static final class TestClock extends Clock {
    private volatile Instant now;

    TestClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    void set(Instant t) {
      now = t;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** One message the Manager handed to its sender. */
  record Sent(String destination, byte[] bytes) {
    AmpMessage message() {
      try {
        return new AmpMessageDecoder().decode(bytes);
      } catch (Exception e) {
        throw new AssertionError("the Manager sent bytes that do not decode", e);
      }
    }

    ExecSetLiteral execSet() {
      return (ExecSetLiteral) message().items().get(0);
    }

    RptSetLiteral rptSet() {
      return (RptSetLiteral) message().items().get(0);
    }
  }

  /** Records every message; refuses when told to. */
  static final class RecordingSender implements MessageSender {
    final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
    volatile boolean refuse;

    @Override
    public void send(String destination, byte[] ampMessage) throws Exception {
      if (refuse) {
        throw new java.io.IOException("outbox full");
      }
      sent.add(new Sent(destination, ampMessage));
    }

    List<Sent> to(String destination) {
      synchronized (sent) {
        return sent.stream().filter(s -> s.destination().equals(destination)).toList();
      }
    }
  }

  static ObjectRef edd(String name) {
    return ObjectRef.of("example", "app", AriType.EDD, name);
  }

  /** An AMP message of one RPTSET at {@code time} with one report of {@code source}. */
  static byte[] nonced(Instant time, Ari nonce, Ari source, Ari... items) {
    return new AmpMessageEncoder()
        .encode(
            AmpMessage.of(
                new RptSetLiteral(
                    nonce,
                    TimeLiteral.tp(time),
                    List.of(new Report(TimeLiteral.td(0, 0), source, List.of(items))))));
  }

  static byte[] report(Instant time, Ari source, Ari... items) {
    return nonced(time, NullLiteral.UNTYPED, source, items);
  }

  /** A hello report with the standard six-column capability table. */
  static byte[] hello(Instant time, Ari source, String... orgModelRev) {
    List<List<Ari>> rows = new ArrayList<>();
    for (int i = 0; i < orgModelRev.length; i += 3) {
      rows.add(
          List.of(
              TextLiteral.of(orgModelRev[i]),
              dev.ama.model.ari.IntLiteral.of(AriType.VAST, 1),
              TextLiteral.of(orgModelRev[i + 1]),
              dev.ama.model.ari.IntLiteral.of(AriType.VAST, i),
              TextLiteral.of(orgModelRev[i + 2]),
              new dev.ama.model.ari.AcLiteral(List.of())));
    }
    return report(
        time, source, TextLiteral.of("ama"), TextLiteral.of("0.1.0"), TblLiteral.ofRows(6, rows));
  }
}
