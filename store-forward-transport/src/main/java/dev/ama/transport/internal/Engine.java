package dev.ama.transport.internal;

import dev.ama.transport.Bundle;
import dev.ama.transport.BundleDecodeException;
import dev.ama.transport.BundleId;
import dev.ama.transport.BundleLimits;
import dev.ama.transport.Delivery;
import dev.ama.transport.DeliveryListener;
import dev.ama.transport.Eid;
import dev.ama.transport.Priority;
import dev.ama.transport.RetransmitPolicy;
import dev.ama.transport.SendOptions;
import dev.ama.transport.TransportException;
import dev.ama.transport.TransportListener;
import dev.ama.transport.TransportStatus;
import dev.ama.transport.cl.ConvergenceLayer;
import dev.ama.transport.plan.Contact;
import dev.ama.transport.plan.ContactPlan;
import dev.ama.transport.time.TransportScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's logic: queues, custody, retransmission, expiry, quota, links, routing, delivery. All
 * mutable state is guarded by this object's monitor; nothing inside it blocks (the store commits on
 * its own thread, layers send without blocking), so the monitor is held only briefly.
 */
public final class Engine {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  private static final int QUEUED = 1;
  private static final int IN_FLIGHT = 2;
  private static final int PENDING = 0;
  private static final int GONE = 3;

  private static final Duration SEEN_PRUNE_INTERVAL = Duration.ofMinutes(1);
  private static final Duration DELIVERY_RETRY = Duration.ofSeconds(1);
  private static final String META_BUNDLE_SEQ = "nextBundleSeq";
  private static final String META_DELIVERY_SEQ = "nextDeliverySeq";
  private static final String META_LOCAL_SEQ = "nextLocalSeq";

  /** What the builder collected. */
  public record Config(
      Eid local,
      BundleStore store,
      TransportScheduler scheduler,
      List<LinkConfig> links,
      List<ConvergenceLayer> inbound,
      List<Route> routes,
      long quotaBytes,
      long quotaBundles,
      RetransmitPolicy retransmit,
      TransportListener listener,
      DeliveryListener delivery,
      boolean applicationCursor,
      long resumeAfter,
      Executor deliveryExecutor,
      BundleLimits limits,
      long seed,
      int maxInFlightPerLink,
      Duration packWindow,
      int packMaxBytes) {}

  /** One configured link. */
  public record LinkConfig(String name, ConvergenceLayer layer, ContactPlan plan, boolean up) {}

  /** Destinations matching {@code pattern} go out on {@code link}. */
  public record Route(String pattern, String link) {
    boolean matches(Eid destination) {
      if (pattern.equals("*")) {
        return true;
      }
      if (pattern.endsWith("*")) {
        return destination.toString().startsWith(pattern.substring(0, pattern.length() - 1));
      }
      return destination.toString().equals(pattern);
    }
  }

  /** A bundle this node holds in its outbox. */
  private static final class Entry {
    final long seq;
    final BundleId id;
    final Eid dest;
    final Priority prio;
    final long expiry;
    final int size;
    final long acceptedMillis;
    final boolean custody;
    final DestQueue queue;
    int state = PENDING;
    int attempts;
    long deadline;
    long wait;
    LinkRt link;

    Entry(long seq, Bundle b, int size, long now, DestQueue queue) {
      this.seq = seq;
      this.id = b.id();
      this.dest = b.destination();
      this.prio = b.priority();
      this.expiry = b.expiryMillis();
      this.size = size;
      this.acceptedMillis = now;
      this.custody = b.custodyRequested();
      this.queue = queue;
    }
  }

  private static final Comparator<Entry> BY_EXPIRY =
      Comparator.<Entry>comparingLong(e -> e.expiry).thenComparingLong(e -> e.seq);
  private static final Comparator<Entry> BY_DEADLINE =
      Comparator.<Entry>comparingLong(e -> e.deadline).thenComparingLong(e -> e.seq);

  /** One class of one destination: its waiting bundles in acceptance order, and its counters. */
  private static final class ClassQueue {
    final TreeMap<Long, Entry> waiting = new TreeMap<>();
    long queuedBytes;
    long inCustody;
    long sent;
    long acknowledged;
    long expired;
    long evicted;
    long retransmitted;
    long duplicates;
  }

  private static final class DestQueue {
    final Eid dest;
    final ClassQueue[] classes = new ClassQueue[3];
    LinkRt link;

    DestQueue(Eid dest) {
      this.dest = dest;
      for (int i = 0; i < classes.length; i++) {
        classes[i] = new ClassQueue();
      }
    }
  }

  private final class LinkRt implements ConvergenceLayer.Listener {
    final String name;
    final ConvergenceLayer layer;
    final ContactPlan plan;
    final List<DestQueue> dests = new ArrayList<>();
    boolean up;
    boolean ready;
    boolean inContact;
    boolean blocked;
    int inFlight;
    double tokens;
    long lastRefill;
    long rateWakeAt = Long.MAX_VALUE;
    long framesSent;
    long bytesSent;
    long framesReceived;

    LinkRt(LinkConfig c) {
      this.name = c.name();
      this.layer = c.layer();
      this.plan = c.plan();
      this.up = c.up();
    }

    boolean usable() {
      return up && ready && inContact && !blocked;
    }

    Optional<Contact> contact(Instant now) {
      return plan == null ? Optional.empty() : plan.contactAt(now);
    }

    @Override
    public void onReady() {
      synchronized (Engine.this) {
        boolean was = usable();
        ready = true;
        blocked = false;
        if (!was && usable()) {
          listener.onLinkChanged(name, true, "layer ready");
        }
      }
      requestPump();
    }

    @Override
    public void onReceive(byte[] frame, ConvergenceLayer.Reply reply) {
      synchronized (Engine.this) {
        framesReceived++;
      }
      receive(frame, reply, layer.name());
    }

    @Override
    public void onSent(long token) {
      synchronized (Engine.this) {
        Entry e = bySeq.get(token);
        if (e != null && e.state == IN_FLIGHT && !e.custody) {
          // No custody asked: the bundle is gone from this node once it left on the link.
          forget(e);
          e.queue.classes[e.prio.ordinal()].acknowledged++;
        } else if (e != null && e.state == IN_FLIGHT && Engine.this.inFlight.remove(e)) {
          // The custody timer runs from when the frame left, not from when the layer took it:
          // behind a slow link's backlog it would otherwise expire before the frame is even out.
          e.deadline = now() + e.wait;
          Engine.this.inFlight.add(e);
          if (e.deadline < timerAt) {
            scheduleTimer(e.deadline);
          }
        }
      }
    }

    @Override
    public void onFailed(long token, String reason) {
      synchronized (Engine.this) {
        Entry e = bySeq.get(token);
        if (e != null && e.state == IN_FLIGHT && e.link == this) {
          requeue(e);
        }
      }
      requestPump();
    }

    @Override
    public void onDown(String reason) {
      synchronized (Engine.this) {
        boolean was = usable();
        ready = false;
        // What was in flight on a lost connection may or may not have arrived: send it again
        // when the link is back; the receiver drops what it already has.
        List<Entry> lost = new ArrayList<>();
        for (Entry e : bySeq.values()) {
          if (e.state == IN_FLIGHT && e.link == this) {
            lost.add(e);
          }
        }
        lost.forEach(Engine.this::requeue);
        if (was) {
          listener.onLinkChanged(name, false, reason);
        }
      }
      LOG.info("link {} down: {}", name, reason);
    }
  }

  /** The listener of a receive-only layer (a TCP server, an incoming folder). */
  private final class InboundListener implements ConvergenceLayer.Listener {
    final ConvergenceLayer layer;

    InboundListener(ConvergenceLayer layer) {
      this.layer = layer;
    }

    @Override
    public void onReady() {}

    @Override
    public void onReceive(byte[] frame, ConvergenceLayer.Reply reply) {
      receive(frame, reply, layer.name());
    }

    @Override
    public void onSent(long token) {}

    @Override
    public void onFailed(long token, String reason) {}

    @Override
    public void onDown(String reason) {}
  }

  private record PackKey(Eid dest, SendOptions options) {}

  private static final class PackBuffer {
    final List<byte[]> items = new ArrayList<>();
    final List<CompletableFuture<BundleId>> futures = new ArrayList<>();
    int bytes;
  }

  private final Config config;
  private final BundleStore store;
  private final TransportScheduler scheduler;
  private final TransportListener listener;
  private final FrameCodec codec;
  private final SplittableRandom random;
  private final Map<String, LinkRt> links = new LinkedHashMap<>();
  private final List<InboundListener> inbound = new ArrayList<>();
  private final Map<Eid, DestQueue> queues = new LinkedHashMap<>();
  private final Map<Long, Entry> bySeq = new HashMap<>();
  private final Map<BundleId, Entry> byId = new HashMap<>();
  private final TreeSet<Entry> byExpiry = new TreeSet<>(BY_EXPIRY);
  private final TreeSet<Entry> inFlight = new TreeSet<>(BY_DEADLINE);
  private final Set<BundleId> pendingSeen = new HashSet<>();
  private final TreeMap<Long, Integer> inboxReady = new TreeMap<>();
  private final Map<Long, Integer> inboxSizes = new HashMap<>();
  private final Map<ConvergenceLayer.Reply, List<BundleId>> pendingAcks = new LinkedHashMap<>();
  private final Map<PackKey, PackBuffer> packs = new LinkedHashMap<>();
  private final Map<Eid, Long> duplicatesByDest = new HashMap<>();
  private long nextLocalSeq;
  private long nextBundleSeq;
  private long nextDeliverySeq;
  private long storedBytes;
  private long storedBundles;
  private long delivered;
  private long received;
  private long lastSeenPrune;
  private long timerAt = Long.MAX_VALUE;
  private TransportScheduler.Cancellable timer;
  private boolean pumpRequested;
  private boolean ackFlushRequested;
  private boolean deliveryRunning;
  private boolean closed;

  private Engine(Config config) {
    this.config = config;
    this.store = config.store();
    this.scheduler = config.scheduler();
    this.listener = config.listener();
    this.codec = new FrameCodec(config.limits());
    this.random = new SplittableRandom(config.seed());
  }

  /** Loads the store, starts the layers and the timers. */
  public static Engine start(Config config) throws TransportException {
    Engine e = new Engine(config);
    synchronized (e) {
      for (LinkConfig lc : config.links()) {
        e.links.put(lc.name(), e.new LinkRt(lc));
      }
      e.load();
    }
    for (LinkRt l : e.links.values()) {
      l.layer.start(l);
    }
    for (ConvergenceLayer cl : config.inbound()) {
      InboundListener il = e.new InboundListener(cl);
      e.inbound.add(il);
      cl.start(il);
    }
    synchronized (e) {
      e.onTimerLocked();
    }
    e.requestPump();
    e.requestDelivery();
    return e;
  }

  private long now() {
    return scheduler.clock().millis();
  }

  // ---------------------------------------------------------------- loading

  private void load() throws TransportException {
    store.read(
        maps -> {
          loadFrom(maps);
          return null;
        });
  }

  private void loadFrom(BundleStore.Maps maps) {
    long now = now();
    nextBundleSeq = maps.meta().getOrDefault(META_BUNDLE_SEQ, 0L);
    nextDeliverySeq = maps.meta().getOrDefault(META_DELIVERY_SEQ, 0L);
    nextLocalSeq = maps.meta().getOrDefault(META_LOCAL_SEQ, 0L);
    List<Long> unreadable = new ArrayList<>();
    for (Map.Entry<Long, byte[]> row : maps.outbox().entrySet()) {
      Bundle b;
      try {
        b = bundleOf(codec.decode(row.getValue()));
      } catch (BundleDecodeException e) {
        LOG.error(
            "outbox row {} cannot be read ({}); it is left out", row.getKey(), e.getMessage());
        unreadable.add(row.getKey());
        continue;
      }
      Entry en = new Entry(row.getKey(), b, row.getValue().length, now, queue(b.destination()));
      register(en);
      en.state = QUEUED;
      en.queue.classes[en.prio.ordinal()].waiting.put(en.seq, en);
      en.queue.classes[en.prio.ordinal()].queuedBytes += en.size;
      nextLocalSeq = Math.max(nextLocalSeq, en.seq + 1);
    }
    for (Map.Entry<Long, byte[]> row : maps.inbox().entrySet()) {
      long d = row.getKey();
      nextDeliverySeq = Math.max(nextDeliverySeq, d + 1);
      if (config.applicationCursor() && d <= config.resumeAfter()) {
        long seq = d;
        forgetInStore(m -> m.inbox().remove(seq));
        continue;
      }
      inboxReady.put(d, row.getValue().length);
      inboxSizes.put(d, row.getValue().length);
      storedBundles++;
      storedBytes += row.getValue().length;
    }
    if (!unreadable.isEmpty()) {
      LOG.warn("{} unreadable outbox rows kept on disk for inspection", unreadable.size());
    }
    lastSeenPrune = now;
    LOG.info(
        "transport {} loaded: {} bundles in the outbox, {} waiting for the application; next"
            + " bundle sequence {}, next delivery {}",
        config.local(),
        byId.size(),
        inboxReady.size(),
        nextBundleSeq,
        nextDeliverySeq);
  }

  private static Bundle bundleOf(FrameCodec.Frame f) throws BundleDecodeException {
    if (f instanceof FrameCodec.BundleFrame bf) {
      return bf.bundle();
    }
    throw new BundleDecodeException(
        BundleDecodeException.Code.UNEXPECTED_ITEM, 0, "stored frame is not a bundle");
  }

  private void register(Entry e) {
    bySeq.put(e.seq, e);
    byId.put(e.id, e);
    byExpiry.add(e);
    storedBundles++;
    storedBytes += e.size;
  }

  private DestQueue queue(Eid dest) {
    DestQueue q = queues.get(dest);
    if (q == null) {
      q = new DestQueue(dest);
      queues.put(dest, q);
      for (Route r : config.routes()) {
        if (r.matches(dest)) {
          q.link = links.get(r.link());
          break;
        }
      }
      if (q.link != null) {
        q.link.dests.add(q);
      } else if (!dest.equals(config.local())) {
        LOG.warn("no route to {}: its bundles wait until one is configured", dest);
      }
    }
    return q;
  }

  // ---------------------------------------------------------------- sending

  /** Accepts a bundle from the application; the future completes once it is on disk. */
  public CompletableFuture<BundleId> send(
      Eid destination, byte[] payload, SendOptions options, int extraFlags) {
    CompletableFuture<BundleId> result = new CompletableFuture<>();
    if (payload.length > config.limits().maxPayloadBytes()) {
      result.completeExceptionally(
          new TransportException(
              TransportException.Code.INVALID_REQUEST,
              "payload of "
                  + payload.length
                  + " bytes is larger than the limit of "
                  + config.limits().maxPayloadBytes()));
      return result;
    }
    Bundle bundle;
    synchronized (this) {
      if (closed) {
        result.completeExceptionally(closedException());
        return result;
      }
      int flags = extraFlags | (options.custody() ? Bundle.FLAG_CUSTODY_REQUESTED : 0);
      BundleId id = new BundleId(config.local(), now(), nextBundleSeq++);
      bundle = new Bundle(id, destination, options.lifetime(), options.priority(), flags, payload);
    }
    byte[] frame = codec.encodeBundle(bundle);
    if (destination.equals(config.local())) {
      CompletableFuture<Void> stored = acceptForInbox(bundle, frame, null);
      return stored.thenApply(v -> bundle.id());
    }
    Entry entry;
    long bundleSeq = bundle.id().sequence() + 1;
    synchronized (this) {
      try {
        admit(frame.length, bundle.priority());
      } catch (TransportException e) {
        result.completeExceptionally(e);
        return result;
      }
      entry = new Entry(nextLocalSeq++, bundle, frame.length, now(), queue(destination));
      register(entry);
    }
    long localSeq = entry.seq;
    store
        .submit(
            m -> {
              m.outbox().put(localSeq, frame);
              putMax(m, META_BUNDLE_SEQ, bundleSeq);
              putMax(m, META_LOCAL_SEQ, localSeq + 1);
            })
        .whenComplete(
            (v, err) -> {
              synchronized (this) {
                if (err != null) {
                  unregister(entry);
                } else if (entry.state == PENDING) {
                  enqueue(entry);
                }
              }
              if (err != null) {
                TransportException te = unwrap(err);
                reportStoreFailure(te);
                result.completeExceptionally(te);
              } else {
                requestPump();
                result.complete(entry.id);
              }
            });
    return result;
  }

  private static void putMax(BundleStore.Maps m, String key, long value) {
    Long old = m.meta().get(key);
    if (old == null || old < value) {
      m.meta().put(key, value);
    }
  }

  /**
   * Queues an item to be packed with others for the same destination and options into one bundle,
   * sent when the packing window ends or the bundle would exceed the size limit.
   */
  public CompletableFuture<BundleId> sendItem(Eid destination, byte[] item, SendOptions options) {
    CompletableFuture<BundleId> f = new CompletableFuture<>();
    PackBuffer full = null;
    PackKey key = new PackKey(destination, options);
    synchronized (this) {
      if (closed) {
        f.completeExceptionally(closedException());
        return f;
      }
      PackBuffer buf = packs.get(key);
      int add = item.length + Packing.ITEM_OVERHEAD;
      if (buf != null && buf.bytes + add > config.packMaxBytes()) {
        full = packs.remove(key);
        buf = null;
      }
      if (buf == null) {
        buf = new PackBuffer();
        packs.put(key, buf);
        PackBuffer mine = buf;
        scheduler.schedule(() -> flushPack(key, mine), config.packWindow());
      }
      buf.items.add(item);
      buf.futures.add(f);
      buf.bytes += add;
    }
    if (full != null) {
      sendPack(key, full);
    }
    return f;
  }

  private void flushPack(PackKey key, PackBuffer buf) {
    synchronized (this) {
      if (packs.get(key) != buf) {
        return;
      }
      packs.remove(key);
    }
    sendPack(key, buf);
  }

  private void sendPack(PackKey key, PackBuffer buf) {
    send(key.dest(), Packing.pack(buf.items), key.options(), Packing.FLAG_PACKED)
        .whenComplete(
            (id, err) -> {
              for (CompletableFuture<BundleId> f : buf.futures) {
                if (err != null) {
                  f.completeExceptionally(unwrap(err));
                } else {
                  f.complete(id);
                }
              }
            });
  }

  /**
   * Makes room for a bundle of {@code size} bytes and class {@code prio}: expired bundles go first,
   * then bundles of lower classes, oldest first. Bundles of the same or a higher class are never
   * evicted for it.
   */
  private void admit(int size, Priority prio) throws TransportException {
    if (fits(size)) {
      return;
    }
    long now = now();
    while (!byExpiry.isEmpty() && byExpiry.first().expiry <= now && !fits(size)) {
      Entry e = byExpiry.first();
      if (e.state == PENDING) {
        break;
      }
      expire(e);
    }
    for (int c = 0; c < prio.ordinal() && !fits(size); c++) {
      while (!fits(size)) {
        Entry victim = oldest(c);
        if (victim == null) {
          break;
        }
        evict(victim);
      }
    }
    if (!fits(size)) {
      throw new TransportException(
          TransportException.Code.QUOTA_EXCEEDED,
          "the store holds "
              + storedBundles
              + " bundles and "
              + storedBytes
              + " bytes (quota "
              + config.quotaBundles()
              + " bundles, "
              + config.quotaBytes()
              + " bytes) and nothing of a lower class is left to evict; try again later");
    }
  }

  private boolean fits(int size) {
    return storedBundles + 1 <= config.quotaBundles() && storedBytes + size <= config.quotaBytes();
  }

  private Entry oldest(int cls) {
    Entry best = null;
    for (DestQueue q : queues.values()) {
      ClassQueue cq = q.classes[cls];
      if (!cq.waiting.isEmpty()) {
        Entry e = cq.waiting.firstEntry().getValue();
        if (best == null || e.seq < best.seq) {
          best = e;
        }
      }
    }
    if (best == null) {
      // Nothing waiting in this class: bundles in flight may go too (a late ack is ignored).
      for (Entry e : inFlight) {
        if (e.prio.ordinal() == cls && (best == null || e.seq < best.seq)) {
          best = e;
        }
      }
    }
    return best;
  }

  private void enqueue(Entry e) {
    e.state = QUEUED;
    ClassQueue cq = e.queue.classes[e.prio.ordinal()];
    cq.waiting.put(e.seq, e);
    cq.queuedBytes += e.size;
    if (e.expiry < timerAt) {
      scheduleTimer(e.expiry);
    }
  }

  private void dequeue(Entry e) {
    if (e.state == QUEUED) {
      ClassQueue cq = e.queue.classes[e.prio.ordinal()];
      cq.waiting.remove(e.seq);
      cq.queuedBytes -= e.size;
    } else if (e.state == IN_FLIGHT) {
      inFlight.remove(e);
      if (e.custody) {
        e.queue.classes[e.prio.ordinal()].inCustody--;
      }
      if (e.link != null) {
        e.link.inFlight--;
      }
      e.link = null;
    }
  }

  private void unregister(Entry e) {
    dequeue(e);
    e.state = GONE;
    bySeq.remove(e.seq);
    byId.remove(e.id);
    byExpiry.remove(e);
    storedBundles--;
    storedBytes -= e.size;
  }

  /** Removes a bundle from memory and from the store. */
  private void forget(Entry e) {
    unregister(e);
    long seq = e.seq;
    forgetInStore(m -> m.outbox().remove(seq));
  }

  private void expire(Entry e) {
    forget(e);
    e.queue.classes[e.prio.ordinal()].expired++;
    LOG.debug("bundle {} to {} expired", e.id, e.dest);
    listener.onExpired(e.id, e.dest, e.prio);
  }

  private void evict(Entry e) {
    forget(e);
    e.queue.classes[e.prio.ordinal()].evicted++;
    LOG.info("bundle {} to {} ({}) evicted: the store is full", e.id, e.dest, e.prio);
    listener.onEvicted(e.id, e.dest, e.prio);
  }

  private void requeue(Entry e) {
    dequeue(e);
    enqueue(e);
  }

  // ---------------------------------------------------------------- dispatch

  private void requestPump() {
    synchronized (this) {
      if (pumpRequested || closed) {
        return;
      }
      pumpRequested = true;
    }
    scheduler.execute(this::pumpAll);
  }

  private synchronized void pumpAll() {
    pumpRequested = false;
    if (closed) {
      return;
    }
    for (LinkRt l : links.values()) {
      pump(l);
    }
  }

  private void pump(LinkRt l) {
    long now = now();
    while (l.usable() && l.inFlight < config.maxInFlightPerLink()) {
      Entry e = next(l);
      if (e == null) {
        return;
      }
      if (e.expiry <= now) {
        expire(e);
        continue;
      }
      long rate =
          l.contact(scheduler.clock().instant()).map(Contact::rateBytesPerSecond).orElse(0L);
      if (rate > 0) {
        refill(l, rate, now);
        if (l.tokens <= 0) {
          long wait = (long) Math.ceil(-l.tokens * 1000.0 / rate) + 1;
          l.rateWakeAt = now + wait;
          scheduleTimer(l.rateWakeAt);
          return;
        }
      }
      byte[] frame = store.read(m -> m.outbox().get(e.seq));
      if (frame == null) {
        LOG.error("bundle {} is missing from the store; dropped", e.id);
        unregister(e);
        continue;
      }
      dequeue(e);
      e.state = IN_FLIGHT;
      e.link = l;
      l.inFlight++;
      if (!l.layer.send(e.seq, frame)) {
        requeue(e);
        l.blocked = true;
        return;
      }
      if (rate > 0) {
        l.tokens -= frame.length;
      }
      l.framesSent++;
      l.bytesSent += frame.length;
      ClassQueue cq = e.queue.classes[e.prio.ordinal()];
      cq.sent++;
      if (e.attempts > 0) {
        cq.retransmitted++;
      }
      if (e.custody) {
        cq.inCustody++;
        Duration owlt =
            l.contact(scheduler.clock().instant())
                .map(Contact::oneWayLightTime)
                .orElse(Duration.ZERO);
        long base = config.retransmit().backoff(e.attempts).toMillis() + 2 * owlt.toMillis();
        double spread = config.retransmit().jitter() * (2 * random.nextDouble() - 1);
        e.wait = Math.max(1, Math.round(base * (1 + spread)));
        // Timed from departure (onSent); until then only a long safety deadline, in case a layer
        // never reports the frame.
        e.deadline = now + Math.max(e.wait, config.retransmit().max().toMillis());
        e.attempts++;
        inFlight.add(e);
        if (e.deadline < timerAt) {
          scheduleTimer(e.deadline);
        }
      }
    }
  }

  /** The next bundle for a link: the highest class first, then the oldest accepted. */
  private Entry next(LinkRt l) {
    for (int c = 2; c >= 0; c--) {
      Entry best = null;
      for (DestQueue q : l.dests) {
        TreeMap<Long, Entry> w = q.classes[c].waiting;
        if (!w.isEmpty()) {
          Entry e = w.firstEntry().getValue();
          if (best == null || e.seq < best.seq) {
            best = e;
          }
        }
      }
      if (best != null) {
        return best;
      }
    }
    return null;
  }

  private void refill(LinkRt l, long rate, long now) {
    if (l.lastRefill == 0) {
      l.lastRefill = now;
      l.tokens = rate / 10.0;
    }
    long dt = now - l.lastRefill;
    if (dt > 0) {
      // A burst of at most a tenth of a second's worth, so the rate holds over short spans too.
      l.tokens = Math.min(rate / 10.0, l.tokens + dt * rate / 1000.0);
      l.lastRefill = now;
    }
  }

  // ---------------------------------------------------------------- timers

  private void scheduleTimer(long at) {
    if (closed || at >= timerAt) {
      return;
    }
    if (timer != null) {
      timer.cancel();
    }
    timerAt = at;
    long delay = Math.max(0, at - now());
    timer =
        scheduler.schedule(
            () -> {
              synchronized (this) {
                timerAt = Long.MAX_VALUE;
                timer = null;
                onTimerLocked();
              }
            },
            Duration.ofMillis(delay));
  }

  private void onTimerLocked() {
    if (closed) {
      return;
    }
    long now = now();
    Instant instant = scheduler.clock().instant();
    while (!byExpiry.isEmpty() && byExpiry.first().expiry <= now) {
      Entry e = byExpiry.first();
      if (e.state == PENDING) {
        break;
      }
      expire(e);
    }
    while (!inFlight.isEmpty() && inFlight.first().deadline <= now) {
      Entry e = inFlight.first();
      requeue(e);
    }
    long next = Long.MAX_VALUE;
    for (LinkRt l : links.values()) {
      boolean was = l.usable();
      l.inContact = l.plan == null || l.plan.contactAt(instant).isPresent();
      if (was != l.usable()) {
        listener.onLinkChanged(
            l.name, l.usable(), l.inContact ? "contact window opened" : "contact window closed");
        LOG.info("link {} {}", l.name, l.inContact ? "in contact" : "out of contact");
      }
      if (l.plan != null) {
        Optional<Instant> change = l.plan.nextChangeAfter(instant);
        if (change.isPresent()) {
          next = Math.min(next, change.get().toEpochMilli());
        }
      }
      if (l.rateWakeAt <= now) {
        l.rateWakeAt = Long.MAX_VALUE;
      }
      next = Math.min(next, l.rateWakeAt);
    }
    if (now - lastSeenPrune >= SEEN_PRUNE_INTERVAL.toMillis()) {
      lastSeenPrune = now;
      forgetInStore(m -> pruneSeen(m, now));
    }
    next = Math.min(next, lastSeenPrune + SEEN_PRUNE_INTERVAL.toMillis());
    if (!byExpiry.isEmpty()) {
      next = Math.min(next, byExpiry.first().expiry);
    }
    if (!inFlight.isEmpty()) {
      next = Math.min(next, inFlight.first().deadline);
    }
    scheduleTimer(Math.max(next, now + 1));
    requestPump();
  }

  // ---------------------------------------------------------------- receiving

  private void receive(byte[] frame, ConvergenceLayer.Reply reply, String from) {
    FrameCodec.Frame f;
    try {
      f = codec.decode(frame);
    } catch (BundleDecodeException e) {
      LOG.warn("malformed frame from {} dropped: {}", from, e.getMessage());
      reply.reject("malformed frame: " + e.getMessage());
      return;
    }
    if (f instanceof FrameCodec.AckFrame ack) {
      onAck(ack.ids());
    } else if (f instanceof FrameCodec.BundleFrame bf) {
      onBundle(bf.bundle(), frame, reply);
    }
  }

  private void onAck(List<BundleId> ids) {
    LOG.debug("custody acknowledgement of {} bundles", ids.size());
    synchronized (this) {
      for (BundleId id : ids) {
        Entry e = byId.get(id);
        if (e == null || e.state == PENDING) {
          continue;
        }
        e.queue.classes[e.prio.ordinal()].acknowledged++;
        forget(e);
      }
    }
    requestPump();
  }

  private void onBundle(Bundle b, byte[] frame, ConvergenceLayer.Reply reply) {
    boolean local = b.destination().equals(config.local());
    Entry relay = null;
    synchronized (this) {
      received++;
      if (closed) {
        return;
      }
      DestQueue q = queue(b.destination());
      ClassQueue cq = q.classes[b.priority().ordinal()];
      if (b.isExpired(scheduler.clock().instant())) {
        cq.expired++;
        listener.onExpired(b.id(), b.destination(), b.priority());
        return;
      }
      if (pendingSeen.contains(b.id())) {
        // Being stored right now; the acknowledgement follows the commit.
        cq.duplicates++;
        return;
      }
      String key = seenKey(b.id());
      if (store.read(m -> m.seen().containsKey(key))) {
        cq.duplicates++;
        if (b.custodyRequested()) {
          queueAck(reply, b.id());
        }
        return;
      }
      if (!local) {
        try {
          admit(frame.length, b.priority());
        } catch (TransportException e) {
          // Custody refused: no acknowledgement, so the previous hop keeps it and tries later.
          LOG.warn("custody of {} refused: {}", b.id(), e.getMessage());
          return;
        }
        relay = new Entry(nextLocalSeq++, b, frame.length, now(), q);
        register(relay);
      }
      pendingSeen.add(b.id());
    }
    if (local) {
      acceptForInbox(b, frame, reply);
      return;
    }
    Entry entry = relay;
    long localSeq = entry.seq;
    String key = seenKey(b.id());
    long expiry = b.expiryMillis();
    store
        .submit(
            m -> {
              m.outbox().put(localSeq, frame);
              m.seen().put(key, expiry);
              putMax(m, META_LOCAL_SEQ, localSeq + 1);
            })
        .whenComplete(
            (v, err) -> {
              synchronized (this) {
                pendingSeen.remove(b.id());
                if (err != null) {
                  unregister(entry);
                } else {
                  if (entry.state == PENDING) {
                    enqueue(entry);
                  }
                  if (b.custodyRequested()) {
                    queueAck(reply, b.id());
                  }
                }
              }
              if (err != null) {
                reportStoreFailure(unwrap(err));
              } else {
                requestPump();
              }
            });
  }

  /** Stores a bundle for this node's application; acknowledges it to {@code reply} if any. */
  private CompletableFuture<Void> acceptForInbox(
      Bundle b, byte[] frame, ConvergenceLayer.Reply reply) {
    long d;
    synchronized (this) {
      try {
        admit(frame.length, b.priority());
      } catch (TransportException e) {
        if (reply == null) {
          return CompletableFuture.failedFuture(e);
        }
        // Custody refused: no acknowledgement, so the previous hop keeps it and tries later.
        pendingSeen.remove(b.id());
        LOG.warn("custody of {} refused: {}", b.id(), e.getMessage());
        return CompletableFuture.completedFuture(null);
      }
      if (reply == null) {
        pendingSeen.add(b.id());
      }
      d = nextDeliverySeq++;
      storedBundles++;
      storedBytes += frame.length;
      inboxSizes.put(d, frame.length);
    }
    String key = seenKey(b.id());
    long expiry = b.expiryMillis();
    return store
        .submit(
            m -> {
              m.inbox().put(d, frame);
              m.seen().put(key, expiry);
              putMax(m, META_DELIVERY_SEQ, d + 1);
            })
        .whenComplete(
            (v, err) -> {
              synchronized (this) {
                pendingSeen.remove(b.id());
                if (err != null) {
                  inboxSizes.remove(d);
                  storedBundles--;
                  storedBytes -= frame.length;
                } else {
                  inboxReady.put(d, frame.length);
                  if (reply != null && b.custodyRequested()) {
                    queueAck(reply, b.id());
                  }
                }
              }
              if (err != null) {
                reportStoreFailure(unwrap(err));
              } else {
                requestDelivery();
              }
            });
  }

  /**
   * Drops the identities of bundles whose lifetime is over: a copy arriving now is dropped anyway.
   */
  private static void pruneSeen(BundleStore.Maps m, long now) {
    // MVMap's iterators cannot remove; collect first.
    List<String> over = new ArrayList<>();
    for (Map.Entry<String, Long> en : m.seen().entrySet()) {
      if (en.getValue() <= now) {
        over.add(en.getKey());
      }
    }
    over.forEach(m.seen()::remove);
  }

  /**
   * Queues a deletion without waiting for it: a deletion lost with a crash only brings back a
   * bundle that is sent again and dropped as a duplicate. A failure is still reported.
   */
  private void forgetInStore(BundleStore.Op op) {
    store
        .submit(op)
        .whenComplete(
            (v, err) -> {
              if (err != null) {
                reportStoreFailure(unwrap(err));
              }
            });
  }

  private static String seenKey(BundleId id) {
    return id.source() + " " + id.creationMillis() + " " + id.sequence();
  }

  private void queueAck(ConvergenceLayer.Reply reply, BundleId id) {
    pendingAcks.computeIfAbsent(reply, r -> new ArrayList<>()).add(id);
    if (!ackFlushRequested) {
      ackFlushRequested = true;
      scheduler.execute(this::flushAcks);
    }
  }

  private void flushAcks() {
    List<Map.Entry<ConvergenceLayer.Reply, List<BundleId>>> batch;
    synchronized (this) {
      ackFlushRequested = false;
      batch = new ArrayList<>(pendingAcks.entrySet());
      pendingAcks.clear();
    }
    for (Map.Entry<ConvergenceLayer.Reply, List<BundleId>> e : batch) {
      for (byte[] frame : codec.encodeAcks(e.getValue())) {
        // A lost acknowledgement only costs a retransmission, which is acknowledged again.
        e.getKey().send(frame);
      }
    }
  }

  // ---------------------------------------------------------------- delivery

  private void requestDelivery() {
    synchronized (this) {
      if (deliveryRunning || closed || config.delivery() == null || inboxReady.isEmpty()) {
        return;
      }
      deliveryRunning = true;
    }
    config.deliveryExecutor().execute(this::deliverAll);
  }

  private void deliverAll() {
    while (true) {
      long d;
      synchronized (this) {
        if (closed || inboxReady.isEmpty()) {
          deliveryRunning = false;
          return;
        }
        d = inboxReady.firstKey();
      }
      byte[] frame = store.read(m -> m.inbox().get(d));
      Delivery delivery = null;
      if (frame != null) {
        try {
          Bundle b = bundleOf(codec.decode(frame));
          delivery = new Delivery(d, b, items(b));
        } catch (BundleDecodeException e) {
          LOG.error("inbox row {} cannot be read ({}); it is skipped", d, e.getMessage());
        }
      }
      if (delivery != null) {
        try {
          config.delivery().onDelivery(delivery);
        } catch (Exception e) {
          LOG.warn("the application refused delivery {}: {}; offered again later", d, e.toString());
          synchronized (this) {
            deliveryRunning = false;
          }
          scheduler.schedule(this::requestDelivery, DELIVERY_RETRY);
          return;
        }
      }
      synchronized (this) {
        inboxReady.remove(d);
        delivered++;
      }
      if (!config.applicationCursor()) {
        release(d);
      }
    }
  }

  private static List<byte[]> items(Bundle b) {
    if ((b.flags() & Packing.FLAG_PACKED) != 0) {
      try {
        return Packing.unpack(b.payload());
      } catch (IllegalArgumentException e) {
        LOG.warn(
            "bundle {} says it is packed but is not ({}); delivered whole", b.id(), e.getMessage());
      }
    }
    return List.of(b.payload());
  }

  /** Deletes a delivered bundle from the inbox. */
  private void release(long d) {
    synchronized (this) {
      Integer size = inboxSizes.remove(d);
      if (size == null) {
        return;
      }
      storedBundles--;
      storedBytes -= size;
    }
    forgetInStore(m -> m.inbox().remove(d));
  }

  /**
   * The application has durably applied every delivery up to {@code sequence} (application-cursor
   * mode): the inbox forgets them.
   */
  public void acknowledgeDelivered(long sequence) {
    List<Long> done = new ArrayList<>();
    synchronized (this) {
      for (Long d : inboxSizes.keySet()) {
        if (d <= sequence && !inboxReady.containsKey(d)) {
          done.add(d);
        }
      }
    }
    done.forEach(this::release);
  }

  // ---------------------------------------------------------------- status and control

  /** Sets a link's operator state. */
  public void setLinkUp(String name, boolean up) {
    synchronized (this) {
      LinkRt l = links.get(name);
      if (l == null) {
        throw new IllegalArgumentException("no link named " + name + "; links: " + links.keySet());
      }
      boolean was = l.usable();
      l.up = up;
      if (was != l.usable()) {
        listener.onLinkChanged(name, l.usable(), up ? "set up" : "set down");
      }
    }
    requestPump();
  }

  /** A snapshot of queues, links and store. */
  public synchronized TransportStatus status() {
    long now = now();
    List<TransportStatus.QueueStatus> rows = new ArrayList<>();
    for (DestQueue q : queues.values()) {
      for (Priority p : Priority.values()) {
        ClassQueue cq = q.classes[p.ordinal()];
        long oldest = 0;
        if (!cq.waiting.isEmpty()) {
          oldest = Math.max(0, now - cq.waiting.firstEntry().getValue().acceptedMillis);
        }
        boolean any =
            !cq.waiting.isEmpty()
                || cq.inCustody + cq.sent + cq.expired + cq.evicted + cq.duplicates > 0;
        if (any) {
          rows.add(
              new TransportStatus.QueueStatus(
                  q.dest,
                  p,
                  cq.waiting.size(),
                  cq.queuedBytes,
                  Duration.ofMillis(oldest),
                  cq.inCustody,
                  cq.sent,
                  cq.acknowledged,
                  cq.expired,
                  cq.evicted,
                  cq.retransmitted,
                  cq.duplicates));
        }
      }
    }
    List<TransportStatus.LinkStatus> ls = new ArrayList<>();
    for (LinkRt l : links.values()) {
      ls.add(
          new TransportStatus.LinkStatus(
              l.name,
              l.layer.name(),
              l.up,
              l.inContact,
              l.ready,
              l.framesSent,
              l.bytesSent,
              l.framesReceived));
    }
    return new TransportStatus(
        List.copyOf(rows),
        List.copyOf(ls),
        storedBundles,
        storedBytes,
        config.quotaBundles(),
        config.quotaBytes(),
        delivered,
        received);
  }

  /** Stops the layers and timers and closes the store after pending commits. */
  public void close() {
    List<PackBuffer> unsent;
    synchronized (this) {
      if (closed) {
        return;
      }
      unsent = new ArrayList<>(packs.values());
      packs.clear();
      closed = true;
      if (timer != null) {
        timer.cancel();
      }
    }
    for (PackBuffer p : unsent) {
      for (CompletableFuture<BundleId> f : p.futures) {
        f.completeExceptionally(closedException());
      }
    }
    for (LinkRt l : links.values()) {
      l.layer.close();
    }
    for (InboundListener il : inbound) {
      il.layer.close();
    }
    store.close();
  }

  private TransportException closedException() {
    return new TransportException(
        TransportException.Code.CLOSED, "the transport node " + config.local() + " is closed");
  }

  private void reportStoreFailure(TransportException e) {
    if (e.code() == TransportException.Code.DISK_FULL
        || e.code() == TransportException.Code.STORE_FAILURE) {
      listener.onStoreFailure(e);
    }
  }

  private static TransportException unwrap(Throwable err) {
    Throwable t =
        err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
    if (t instanceof TransportException te) {
      return te;
    }
    return new TransportException(TransportException.Code.STORE_FAILURE, String.valueOf(t), t);
  }
}
