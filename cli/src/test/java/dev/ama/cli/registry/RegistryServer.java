package dev.ama.cli.registry;

import dev.ama.agent.registry.InMemoryRegistryStore;
import dev.ama.agent.registry.RegistryCenter;
import dev.ama.manager.http.ManagerHttpServer;
import dev.ama.transport.Eid;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.function.UnaryOperator;

/** A registry center behind a real HTTP server on loopback, with a clock the test moves. */
final class RegistryServer implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

  /** A clock that stands still until the test moves it. */
  static final class MutableClock extends Clock {
    private volatile Instant now = T0;

    void advance(Duration d) {
      now = now.plus(d);
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

  final InMemoryRegistryStore store = new InMemoryRegistryStore();
  final RegistryCenter center;
  final ManagerHttpServer http;

  RegistryServer(
      String eid, MutableClock clock, String token, UnaryOperator<RegistryCenter.Builder> more)
      throws IOException {
    center =
        more.apply(
                RegistryCenter.builder()
                    .eid(Eid.of(eid))
                    .store(store)
                    .clock(clock)
                    .heartbeatTimeout(Duration.ofSeconds(90)))
            .build();
    http =
        new RegistryHttpApi(center, store)
            .mountOn(ManagerHttpServer.builder().token(token).clock(clock).maxBodyBytes(64 * 1024))
            .build();
    http.start();
  }

  /** A center without peers. */
  static RegistryServer alone(String eid, MutableClock clock, String token) throws IOException {
    return new RegistryServer(eid, clock, token, b -> b);
  }

  /** A center with one peer in the given ACL groups. */
  static RegistryServer withPeer(
      String eid, MutableClock clock, String peer, Set<String> groups, Duration takeover)
      throws IOException {
    return new RegistryServer(
        eid, clock, null, b -> b.peer(Eid.of(peer), groups).takeoverTime(takeover));
  }

  String url() {
    return "http://127.0.0.1:" + http.port();
  }

  @Override
  public void close() {
    http.close();
  }
}
