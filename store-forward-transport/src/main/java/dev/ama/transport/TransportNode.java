package dev.ama.transport;

import dev.ama.transport.cl.ConvergenceLayer;
import dev.ama.transport.internal.BundleStore;
import dev.ama.transport.internal.Engine;
import dev.ama.transport.plan.ContactPlan;
import dev.ama.transport.time.RealTimeScheduler;
import dev.ama.transport.time.TransportScheduler;
import dev.ama.transport.time.VirtualTimeScheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store-and-forward node: it accepts bundles from the application, keeps them on disk until a
 * link to the next hop is in contact, sends them by priority class, keeps them in custody until the
 * next hop acknowledges, relays bundles for other nodes, and hands bundles addressed to it to the
 * application once each.
 *
 * <pre>{@code
 * TransportNode node = TransportNode.builder(Eid.of("ipn:1.1"))
 *     .store(Path.of("data/transport.mv.db"))
 *     .link("to-hub", TcpConvergenceLayer.connect(hubAddress, TcpOptions.DEFAULTS))
 *     .route("*", "to-hub")
 *     .delivery(d -> handle(d.items()))
 *     .build();
 * node.send(Eid.of("ipn:9.1"), payload, SendOptions.DEFAULT);
 * }</pre>
 *
 * <p>Thread-safe. {@link #close} stops the layers and closes the store after pending commits.
 */
public final class TransportNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TransportNode.class);

  private final Eid local;
  private final Engine engine;
  private final List<AutoCloseable> owned;

  private TransportNode(Eid local, Engine engine, List<AutoCloseable> owned) {
    this.local = local;
    this.engine = engine;
    this.owned = owned;
  }

  /** A builder for the node whose own endpoint is {@code local}. */
  public static Builder builder(Eid local) {
    return new Builder(local);
  }

  /** This node's endpoint. */
  public Eid localEid() {
    return local;
  }

  /**
   * Sends a payload and returns once the bundle is on disk (or delivered to this node's own inbox
   * when addressed to it).
   *
   * @throws TransportException {@code QUOTA_EXCEEDED} when the store is full (retriable, never a
   *     hang), {@code DISK_FULL}, {@code INVALID_REQUEST}, {@code CLOSED}
   */
  public BundleId send(Eid destination, byte[] payload, SendOptions options)
      throws TransportException {
    return await(sendAsync(destination, payload, options));
  }

  /**
   * Sends a payload; the future completes with the bundle's identity once it is on disk, or fails
   * with a {@link TransportException}. Many bundles sent this way share one commit.
   */
  public CompletableFuture<BundleId> sendAsync(
      Eid destination, byte[] payload, SendOptions options) {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(options, "options");
    return engine.send(destination, payload, options, 0);
  }

  /**
   * Sends an item packed with other items for the same destination and options: items sent within
   * the packing window travel in one bundle, up to the packing size limit ({@link
   * Builder#packing}). The receiver sees them as {@link Delivery#items()}. The future completes
   * when the bundle that carries the item is on disk.
   */
  public CompletableFuture<BundleId> sendItem(Eid destination, byte[] item, SendOptions options) {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(options, "options");
    return engine.sendItem(destination, item, options);
  }

  /**
   * Tells the node that the application has durably applied every delivery up to {@code sequence}.
   * Only for nodes built with an application cursor ({@link Builder#delivery( DeliveryListener,
   * long)}); other nodes forget a delivery as soon as the listener returns.
   */
  public void acknowledgeDelivered(long sequence) {
    engine.acknowledgeDelivered(sequence);
  }

  /** Sets a link up or down (the operator's switch; contact plans still apply when up). */
  public void setLinkUp(String link, boolean up) {
    engine.setLinkUp(link, up);
  }

  /** Queues, links and store, now. */
  public TransportStatus status() {
    return engine.status();
  }

  @Override
  public void close() {
    engine.close();
    for (AutoCloseable c : owned) {
      try {
        c.close();
      } catch (Exception e) {
        // Nothing the caller could act on; the node is closed either way.
        LOG.warn("closing {} of node {}: {}", c, local, e.toString());
      }
    }
  }

  private static <T> T await(CompletableFuture<T> f) throws TransportException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException(TransportException.Code.CLOSED, "interrupted while sending");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TransportException te) {
        throw te;
      }
      throw new TransportException(
          TransportException.Code.STORE_FAILURE, String.valueOf(e.getCause()), e.getCause());
    }
  }

  /** How a node writes to disk. */
  public enum Durability {
    /**
     * Many bundles share one commit, forced to the device (fsync): a bundle accepted survives a
     * crash of the process and of the machine. The default.
     */
    GROUP_COMMIT,
    /**
     * Many bundles share one commit, written to the operating system without fsync: survives a
     * crash of the process, not a power cut.
     */
    GROUP_COMMIT_NO_SYNC,
    /** One commit and one fsync per write: the naive mode, kept as a benchmark baseline. */
    COMMIT_PER_BUNDLE
  }

  /** Collects a node's configuration; {@link #build} validates it and starts the node. */
  public static final class Builder {
    private final Eid local;
    private Path storeFile;
    private boolean inMemory;
    private Durability durability = Durability.GROUP_COMMIT;
    private TransportScheduler scheduler;
    private final List<Engine.LinkConfig> links = new ArrayList<>();
    private final List<ConvergenceLayer> inbound = new ArrayList<>();
    private final List<Engine.Route> routes = new ArrayList<>();
    private long quotaBytes = 1L << 30;
    private long quotaBundles = 1_000_000;
    private RetransmitPolicy retransmit = RetransmitPolicy.DEFAULT;
    private TransportListener listener = new TransportListener() {};
    private DeliveryListener delivery;
    private boolean applicationCursor;
    private long resumeAfter = -1;
    private BundleLimits limits = BundleLimits.DEFAULT;
    private long seed = 1;
    private int maxInFlightPerLink = 10_000;
    private Duration packWindow = Duration.ofMillis(200);
    private int packMaxBytes = 64 * 1024;

    private Builder(Eid local) {
      this.local = Objects.requireNonNull(local, "local");
    }

    /** Keeps the store in this H2 MVStore file (created if missing). */
    public Builder store(Path file) {
      this.storeFile = Objects.requireNonNull(file, "file");
      this.inMemory = false;
      return this;
    }

    /** Keeps the store in memory: for simulations and tests only, nothing survives the process. */
    public Builder inMemoryStore() {
      this.inMemory = true;
      this.storeFile = null;
      return this;
    }

    /** How writes reach the disk; {@link Durability#GROUP_COMMIT} by default. */
    public Builder durability(Durability d) {
      this.durability = Objects.requireNonNull(d, "durability");
      return this;
    }

    /**
     * Runs timers on this scheduler (a {@link VirtualTimeScheduler} for simulations). By default
     * the node makes its own real-time scheduler and closes it with the node.
     */
    public Builder scheduler(TransportScheduler s) {
      this.scheduler = Objects.requireNonNull(s, "scheduler");
      return this;
    }

    /** Adds a link, up, without a contact plan. */
    public Builder link(String name, ConvergenceLayer layer) {
      return link(name, layer, null, true);
    }

    /**
     * Adds a link.
     *
     * @param plan its contact windows, or {@code null} if it is governed by its up/down state alone
     * @param up its initial operator state
     */
    public Builder link(String name, ConvergenceLayer layer, ContactPlan plan, boolean up) {
      links.add(new Engine.LinkConfig(name, Objects.requireNonNull(layer, "layer"), plan, up));
      return this;
    }

    /** Adds a layer that only receives (a TCP server, an incoming folder). */
    public Builder inbound(ConvergenceLayer layer) {
      inbound.add(Objects.requireNonNull(layer, "layer"));
      return this;
    }

    /**
     * Sends bundles for destinations matching {@code pattern} over {@code link}: an exact EID, a
     * prefix ending in {@code *} ({@code ipn:7.*}), or {@code *} for every destination. The first
     * matching route wins.
     */
    public Builder route(String pattern, String link) {
      routes.add(new Engine.Route(Objects.requireNonNull(pattern), Objects.requireNonNull(link)));
      return this;
    }

    /** The most bytes and bundles the store holds (1 GiB and 1,000,000 by default). */
    public Builder quota(long maxBytes, long maxBundles) {
      this.quotaBytes = maxBytes;
      this.quotaBundles = maxBundles;
      return this;
    }

    public Builder retransmit(RetransmitPolicy p) {
      this.retransmit = Objects.requireNonNull(p, "policy");
      return this;
    }

    public Builder listener(TransportListener l) {
      this.listener = Objects.requireNonNull(l, "listener");
      return this;
    }

    /**
     * Hands bundles addressed to this node to {@code l}; a delivery is forgotten as soon as the
     * listener returns. A crash while the listener runs offers that delivery again at restart.
     */
    public Builder delivery(DeliveryListener l) {
      this.delivery = Objects.requireNonNull(l, "listener");
      this.applicationCursor = false;
      this.resumeAfter = -1;
      return this;
    }

    /**
     * Hands bundles to {@code l} under the application's own cursor: every delivery with a sequence
     * above {@code appliedUpTo} (the last one the application applied durably, or -1) is offered,
     * and kept until {@link TransportNode#acknowledgeDelivered}. With the sequence stored
     * atomically with its effects, the application sees each bundle exactly once across crashes of
     * either side.
     */
    public Builder delivery(DeliveryListener l, long appliedUpTo) {
      if (appliedUpTo < -1) {
        throw new IllegalArgumentException("appliedUpTo must be -1 or a delivery sequence");
      }
      this.delivery = Objects.requireNonNull(l, "listener");
      this.applicationCursor = true;
      this.resumeAfter = appliedUpTo;
      return this;
    }

    public Builder limits(BundleLimits l) {
      this.limits = Objects.requireNonNull(l, "limits");
      return this;
    }

    /** Seeds the retransmission jitter, so simulations repeat exactly. */
    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    /** The most unacknowledged bundles one link carries at a time (10,000 by default). */
    public Builder maxInFlightPerLink(int n) {
      this.maxInFlightPerLink = n;
      return this;
    }

    /**
     * Items given to {@link #sendItem} wait at most {@code window} and pack up to {@code maxBytes}.
     */
    public Builder packing(Duration window, int maxBytes) {
      this.packWindow = Objects.requireNonNull(window, "window");
      this.packMaxBytes = maxBytes;
      return this;
    }

    /**
     * Validates the configuration, opens the store and starts the node.
     *
     * @throws IllegalArgumentException saying which setting is wrong
     * @throws TransportException if the store cannot be opened
     */
    public TransportNode build() throws TransportException {
      if (local.isNone()) {
        throw new IllegalArgumentException("the node's own EID may not be dtn:none");
      }
      if (storeFile == null && !inMemory) {
        throw new IllegalArgumentException("no store: call store(file) or inMemoryStore()");
      }
      if (quotaBytes < 1 || quotaBundles < 1) {
        throw new IllegalArgumentException(
            "quota must be positive: " + quotaBytes + " bytes, " + quotaBundles + " bundles");
      }
      if (maxInFlightPerLink < 1) {
        throw new IllegalArgumentException("maxInFlightPerLink must be at least 1");
      }
      if (packMaxBytes < 1 || packMaxBytes > limits.maxPayloadBytes() || packWindow.isNegative()) {
        throw new IllegalArgumentException(
            "packing needs a window >= 0 and 1 <= maxBytes <= the payload limit "
                + limits.maxPayloadBytes());
      }
      Set<String> names = new HashSet<>();
      for (Engine.LinkConfig l : links) {
        if (!l.name().matches("[A-Za-z0-9._-]+")) {
          throw new IllegalArgumentException(
              "link name '" + l.name() + "' may hold only letters, digits, '.', '_' and '-'");
        }
        if (!names.add(l.name())) {
          throw new IllegalArgumentException("two links are named " + l.name());
        }
      }
      for (Engine.Route r : routes) {
        if (!names.contains(r.link())) {
          throw new IllegalArgumentException(
              "route "
                  + r.pattern()
                  + " names link '"
                  + r.link()
                  + "', which is not configured; "
                  + "links: "
                  + names);
        }
      }
      List<AutoCloseable> owned = new ArrayList<>();
      TransportScheduler s = scheduler;
      if (s == null) {
        RealTimeScheduler rt = new RealTimeScheduler("ama-transport-" + local);
        owned.add(rt);
        s = rt;
      }
      boolean virtual = s instanceof VirtualTimeScheduler;
      BundleStore.CommitMode mode =
          virtual || inMemory
              ? BundleStore.CommitMode.INLINE
              : durability == Durability.COMMIT_PER_BUNDLE
                  ? BundleStore.CommitMode.PER_OPERATION
                  : BundleStore.CommitMode.GROUP;
      boolean fsync = durability != Durability.GROUP_COMMIT_NO_SYNC;
      Executor deliveryExecutor;
      if (virtual) {
        deliveryExecutor = s::execute;
      } else {
        ExecutorService ex =
            Executors.newSingleThreadExecutor(
                r -> {
                  Thread t = new Thread(r, "ama-delivery-" + local);
                  t.setDaemon(true);
                  return t;
                });
        owned.add(ex::shutdownNow);
        deliveryExecutor = ex;
      }
      BundleStore store = BundleStore.open(storeFile, mode, fsync);
      Engine engine;
      try {
        engine =
            Engine.start(
                new Engine.Config(
                    local,
                    store,
                    s,
                    List.copyOf(links),
                    List.copyOf(inbound),
                    List.copyOf(routes),
                    quotaBytes,
                    quotaBundles,
                    retransmit,
                    listener,
                    delivery,
                    applicationCursor,
                    resumeAfter,
                    deliveryExecutor,
                    limits,
                    seed,
                    maxInFlightPerLink,
                    packWindow,
                    packMaxBytes));
      } catch (TransportException | RuntimeException e) {
        store.close();
        for (AutoCloseable c : owned) {
          try {
            c.close();
          } catch (Exception again) {
            e.addSuppressed(again);
          }
        }
        throw e;
      }
      return new TransportNode(local, engine, owned);
    }
  }
}
