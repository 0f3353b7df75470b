package dev.ama.transport.cl;

import dev.ama.transport.plan.Contact;
import dev.ama.transport.plan.ContactPlan;
import dev.ama.transport.time.VirtualTimeScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A simulated link between two nodes in one process, driven by a {@link VirtualTimeScheduler}: each
 * direction serialises frames at the link's rate, delays them by the propagation delay, loses a
 * share of them at random, and carries nothing while the link is down (by its schedule or by {@link
 * #setUp}). Frames already on their way when the link goes down still arrive, as light in flight
 * does. Deterministic for a given seed and sequence of calls.
 *
 * <p>{@link #endA()} and {@link #endB()} are the two ends, each a {@link ConvergenceLayer}; a frame
 * sent at one end is received at the other, and replies travel back the same way.
 */
public final class SimulatedLink {
  private final String name;
  private final VirtualTimeScheduler scheduler;
  private final Duration delay;
  private final double loss;
  private final long rate;
  private final Duration maxBacklog;
  private final SplittableRandom random;
  private final End a;
  private final End b;
  private boolean up;

  private SimulatedLink(Builder builder) {
    this.name = builder.name;
    this.scheduler = builder.scheduler;
    this.delay = builder.delay;
    this.loss = builder.loss;
    this.rate = builder.rate;
    this.maxBacklog = builder.maxBacklog;
    this.random = new SplittableRandom(builder.seed);
    this.a = new End(name + ":a");
    this.b = new End(name + ":b");
    a.peer = b;
    b.peer = a;
    Instant now = scheduler.now();
    this.up = builder.plan == null || builder.plan.contactAt(now).isPresent();
    if (builder.plan != null) {
      for (Contact c : builder.plan.contacts()) {
        if (c.end().isAfter(now)) {
          if (c.start().isAfter(now)) {
            scheduler.schedule(() -> setUp(true), Duration.between(now, c.start()));
          }
          scheduler.schedule(() -> setUp(false), Duration.between(now, c.end()));
        }
      }
    }
  }

  /** A builder for a link named {@code name} driven by {@code scheduler}. */
  public static Builder builder(String name, VirtualTimeScheduler scheduler) {
    return new Builder(name, scheduler);
  }

  /** One end. */
  public ConvergenceLayer endA() {
    return a;
  }

  /** The other end. */
  public ConvergenceLayer endB() {
    return b;
  }

  /** Whether the link carries frames now. */
  public boolean isUp() {
    return up;
  }

  /** Brings the link up or down; both ends are told. */
  public void setUp(boolean up) {
    if (this.up == up) {
      return;
    }
    this.up = up;
    for (End e : new End[] {a, b}) {
      if (e.listener != null) {
        if (up) {
          e.listener.onReady();
        } else {
          e.listener.onDown("simulated link " + name + " went down");
        }
      }
    }
  }

  /** Bytes sent from end A towards end B (lost frames included). */
  public long bytesAtoB() {
    return a.bytesSent;
  }

  /** Bytes sent from end B towards end A (lost frames included). */
  public long bytesBtoA() {
    return b.bytesSent;
  }

  /** Frames sent in either direction. */
  public long framesSent() {
    return a.framesSent + b.framesSent;
  }

  /** Frames lost in either direction. */
  public long framesLost() {
    return a.framesLost + b.framesLost;
  }

  private final class End implements ConvergenceLayer {
    final String endName;
    End peer;
    Listener listener;
    long busyUntilNanos;
    long bytesSent;
    long framesSent;
    long framesLost;
    boolean full;

    End(String endName) {
      this.endName = endName;
    }

    @Override
    public String name() {
      return "sim:" + endName;
    }

    @Override
    public void start(Listener l) {
      this.listener = Objects.requireNonNull(l);
      if (up) {
        scheduler.execute(
            () -> {
              if (listener != null && up) {
                listener.onReady();
              }
            });
      }
    }

    @Override
    public void stop() {
      listener = null;
    }

    @Override
    public void close() {
      stop();
    }

    @Override
    public boolean isReady() {
      return listener != null && up && !full;
    }

    @Override
    public boolean send(long token, byte[] frame) {
      if (!isReady()) {
        return false;
      }
      if (!transmit(frame, token, true)) {
        full = true;
        return false;
      }
      return true;
    }

    /** Puts a frame on the wire; returns false if the backlog is longer than allowed. */
    boolean transmit(byte[] frame, long token, boolean report) {
      long now = nanos(scheduler.now());
      long start = Math.max(now, busyUntilNanos);
      if (start - now > maxBacklog.toNanos()) {
        if (report) {
          // Wake the sender when the backlog has drained.
          scheduler.schedule(
              () -> {
                full = false;
                if (listener != null && up) {
                  listener.onReady();
                }
              },
              Duration.ofNanos(start - now));
        }
        return false;
      }
      long serialization = rate > 0 ? frame.length * 1_000_000_000L / rate : 0;
      long departure = start + serialization;
      busyUntilNanos = departure;
      bytesSent += frame.length;
      framesSent++;
      boolean lost = loss > 0 && random.nextDouble() < loss;
      if (lost) {
        framesLost++;
      }
      Listener sender = listener;
      if (report) {
        scheduler.schedule(
            () -> {
              if (sender != null) {
                sender.onSent(token);
              }
            },
            Duration.ofNanos(departure - now));
      }
      if (!lost) {
        End to = peer;
        End from = this;
        scheduler.schedule(
            () -> {
              Listener l = to.listener;
              if (l != null) {
                l.onReceive(frame, reply -> from.up() && from.transmitReply(reply));
              }
            },
            Duration.ofNanos(departure - now).plus(delay));
      }
      return true;
    }

    boolean up() {
      return up && listener != null;
    }

    /** Replies travel on the reverse direction of the same link: from the receiver back. */
    boolean transmitReply(byte[] frame) {
      return peer.up() && peer.transmit(frame, -1, false);
    }
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  /** Collects a link's properties. */
  public static final class Builder {
    private final String name;
    private final VirtualTimeScheduler scheduler;
    private Duration delay = Duration.ZERO;
    private double loss;
    private long rate;
    private long seed = 1;
    private ContactPlan plan;
    private Duration maxBacklog = Duration.ofSeconds(10);

    private Builder(String name, VirtualTimeScheduler scheduler) {
      this.name = Objects.requireNonNull(name, "name");
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /** One-way propagation delay. */
    public Builder delay(Duration d) {
      this.delay = Objects.requireNonNull(d);
      return this;
    }

    /** The share of frames lost, in [0, 1). */
    public Builder loss(double share) {
      this.loss = share;
      return this;
    }

    /** Bytes per second in each direction; 0 for no limit. */
    public Builder rate(long bytesPerSecond) {
      this.rate = bytesPerSecond;
      return this;
    }

    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    /** When the link is up; without a plan it is up until {@link #setUp}. */
    public Builder schedule(ContactPlan p) {
      this.plan = p;
      return this;
    }

    /** The longest a frame may wait behind others before sends are refused (10 s). */
    public Builder maxBacklog(Duration d) {
      this.maxBacklog = Objects.requireNonNull(d);
      return this;
    }

    /** Validates and builds the link. */
    public SimulatedLink build() {
      if (!(loss >= 0 && loss < 1)) {
        throw new IllegalArgumentException("loss must be in [0, 1): " + loss);
      }
      if (rate < 0 || delay.isNegative() || maxBacklog.isNegative()) {
        throw new IllegalArgumentException("rate, delay and backlog may not be negative");
      }
      return new SimulatedLink(this);
    }
  }
}
