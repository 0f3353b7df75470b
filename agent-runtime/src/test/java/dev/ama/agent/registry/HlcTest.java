package dev.ama.agent.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class HlcTest {
  private final MutableClock clock = new MutableClock(Fixtures.T0);

  @Test
  void stamps_increase_while_the_clock_stands_still_or_goes_back() {
    Hlc hlc = new Hlc(clock, Fixtures.A);
    HlcTimestamp a = hlc.now();
    HlcTimestamp b = hlc.now();
    clock.set(Fixtures.T0.minusSeconds(10));
    HlcTimestamp c = hlc.now();
    assertThat(b).isGreaterThan(a);
    assertThat(c).isGreaterThan(b);
    assertThat(c.physicalMillis()).isEqualTo(Fixtures.T0.toEpochMilli());
    assertThat(c.logical()).isEqualTo(2);
  }

  @Test
  void follows_the_clock_when_it_moves_on() {
    Hlc hlc = new Hlc(clock, Fixtures.A);
    hlc.now();
    clock.set(Fixtures.T0.plusMillis(5));
    HlcTimestamp t = hlc.now();
    assertThat(t.physicalMillis()).isEqualTo(Fixtures.T0.toEpochMilli() + 5);
    assertThat(t.logical()).isZero();
  }

  @Test
  void update_comes_after_a_remote_stamp_from_a_clock_ahead() {
    Hlc hlc = new Hlc(clock, Fixtures.A);
    HlcTimestamp remote = new HlcTimestamp(Fixtures.T0.toEpochMilli() + 60_000, 7, Fixtures.B);
    HlcTimestamp t = hlc.update(remote);
    assertThat(t).isGreaterThan(remote);
    assertThat(t.logical()).isEqualTo(8);
    assertThat(hlc.now()).isGreaterThan(t);
  }

  @Test
  void witness_moves_past_a_stored_stamp_without_an_event() {
    Hlc hlc = new Hlc(clock, Fixtures.A);
    HlcTimestamp stored = new HlcTimestamp(Fixtures.T0.toEpochMilli() + 1000, 3, Fixtures.A);
    hlc.witness(stored);
    assertThat(hlc.now()).isGreaterThan(stored);
  }

  /** A clock tests set by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      now = start;
    }

    void set(Instant t) {
      now = t;
    }

    void advance(java.time.Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
