package dev.ama.bench;

import dev.ama.agent.registry.H2RegistryStore;
import dev.ama.agent.registry.HlcTimestamp;
import dev.ama.agent.registry.RegistryAck;
import dev.ama.agent.registry.RegistryCenter;
import dev.ama.agent.registry.RegistryDecodeException;
import dev.ama.agent.registry.RegistryDecoder;
import dev.ama.agent.registry.RegistryDelta;
import dev.ama.agent.registry.RegistryEncoder;
import dev.ama.agent.registry.RegistryRecord;
import dev.ama.agent.registry.RegistryStatus;
import dev.ama.agent.registry.RegistryStore;
import dev.ama.agent.registry.Skill;
import dev.ama.agent.registry.Version;
import dev.ama.transport.BundleLimits;
import dev.ama.transport.Delivery;
import dev.ama.transport.Eid;
import dev.ama.transport.Priority;
import dev.ama.transport.SendOptions;
import dev.ama.transport.TransportException;
import dev.ama.transport.TransportNode;
import dev.ama.transport.cl.TcpConvergenceLayer;
import dev.ama.transport.cl.TcpOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The registry at scale (issue 6): one center's H2 store filled with generated records, lookups on
 * it, a store-to-store copy in one process, and the bootstrap of a new peer over loopback TCP. Each
 * step is a method so that {@link RegistryScaleBenchmark} prints the figures and the harness test
 * runs the same steps at a small scale.
 *
 * <p>The records: agent {@code agent-9e3779b1} (a scrambled index), a name shared by four agents,
 * two or three endpoints, three to five skills from a vocabulary of {@value #VOCABULARY}, one agent
 * in ten with a skill restricted to the ACL group {@value #GROUP}, two metadata pairs. The center
 * {@link #SOURCE} is home of 70% of them; the rest are replicas of three other centers (10% each),
 * as a center of a federation holds.
 */
final class RegistryScale {
  static final Eid SOURCE = Eid.of("ipn:1.1");
  static final Eid NEWCOMER = Eid.of("ipn:2.1");
  static final List<Eid> OTHERS =
      List.of(Eid.of("ipn:11.1"), Eid.of("ipn:12.1"), Eid.of("ipn:13.1"));
  static final int VOCABULARY = 1000;
  static final String GROUP = "ops";
  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  static final int LOAD_CHUNK = 10_000;

  private static final SendOptions OPTIONS =
      new SendOptions(Priority.NORMAL, Duration.ofHours(1), true);

  private RegistryScale() {}

  /** Which center owns record {@code i} (0-based): 7 in 10 the source, then one of the others. */
  static Eid owner(int i) {
    int k = Math.floorMod(i, 10);
    return k < 7 ? SOURCE : OTHERS.get(k - 7);
  }

  /** The skill name of vocabulary entry {@code k}. */
  static String skill(int k) {
    return SKILLS[k];
  }

  private static final String[] SKILLS = new String[VOCABULARY];

  static {
    for (int k = 0; k < VOCABULARY; k++) {
      SKILLS[k] = String.format("skill-%04d", k);
    }
  }

  /**
   * The agent id of record {@code i}: {@code i} scrambled (a bijection), so that ids arrive in no
   * particular order, as generated ids (UUIDs and the like) do.
   */
  static String agentId(int i) {
    return String.format("agent-%08x", i * 0x9E3779B1);
  }

  /** The name of record {@code i}: four agents share one. */
  static String name(int i) {
    return String.format("station-%06d", i / 4);
  }

  /** Record {@code i} with the given counter of its owner; deterministic for {@code (seed, i)}. */
  static RegistryRecord record(long seed, int i, long counter) {
    SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
    Eid owner = owner(i);
    List<String> endpoints = new ArrayList<>();
    endpoints.add("tcp://10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255) + ":4556");
    endpoints.add("https://agent-" + i + ".site-" + (i % 97) + ".example.org/amp");
    if (r.nextInt(3) == 0) {
      endpoints.add("dtn://agent-" + i + "/amp");
    }
    List<Skill> skills = new ArrayList<>();
    int n = 3 + r.nextInt(3);
    while (skills.size() < n) {
      Skill s = Skill.of(skill(r.nextInt(VOCABULARY)));
      if (!skills.contains(s)) {
        skills.add(s);
      }
    }
    if (r.nextInt(10) == 0) {
      skills.set(0, Skill.restricted(skills.get(0).name(), GROUP));
    }
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("site", "site-" + (i % 97));
    meta.put("model", "probe-mk" + (1 + r.nextInt(5)));
    long ms = T0.toEpochMilli() + counter;
    return RegistryRecord.builder()
        .agentId(agentId(i))
        .name(name(i))
        .endpoints(endpoints)
        .skills(skills)
        .status(r.nextInt(20) == 0 ? RegistryStatus.OFFLINE : RegistryStatus.ONLINE)
        .lastSeen(Instant.ofEpochMilli(ms + r.nextInt(30_000)))
        .version(new Version(owner, counter, new HlcTimestamp(ms, 0, owner)))
        .retention(Duration.ofDays(7))
        .metadata(meta)
        .build();
  }

  /** What a load wrote, how long it took and the CPU time of the whole process meanwhile. */
  record Load(int records, long nanos, long cpuNanos, Map<Eid, Long> counters) {}

  /** CPU time of the whole process (all threads), in nanoseconds. */
  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * Writes {@code n} records into the store through {@code putAll} in calls of {@value
   * #LOAD_CHUNK}, then the source's sequence and its knowledge of the other owners (as a center
   * that received them would hold).
   */
  static Load load(RegistryStore store, int n, long seed) {
    Map<Eid, Long> counters = new LinkedHashMap<>();
    long cpu = cpuNanos();
    long t = System.nanoTime();
    List<RegistryRecord> chunk = new ArrayList<>(LOAD_CHUNK);
    for (int i = 0; i < n; i++) {
      long c = counters.merge(owner(i), 1L, Long::sum);
      chunk.add(record(seed, i, c));
      if (chunk.size() == LOAD_CHUNK) {
        store.putAll(chunk);
        chunk.clear();
      }
    }
    store.putAll(chunk);
    store.saveSequence(counters.getOrDefault(SOURCE, 0L));
    Map<Eid, Long> knowledge = new LinkedHashMap<>(counters);
    knowledge.remove(SOURCE);
    store.saveAcknowledged(SOURCE, knowledge);
    return new Load(n, System.nanoTime() - t, cpuNanos() - cpu, counters);
  }

  /** A center on {@code store} with one peer, delta size {@code deltaMax}. */
  static RegistryCenter center(Eid eid, RegistryStore store, Eid peer, int deltaMax) {
    return RegistryCenter.builder()
        .eid(eid)
        .store(store)
        .clock(Clock.fixed(T0.plus(Duration.ofDays(1)), ZoneOffset.UTC))
        .peer(peer, Set.of())
        .deltaMaxRecords(deltaMax)
        .build();
  }

  /** Latencies of one kind of lookup, sorted. */
  record Latencies(String what, long[] nanos, long found) {
    double percentileMs(double p) {
      int k = (int) Math.min(nanos.length - 1, Math.max(0, Math.ceil(p * nanos.length) - 1));
      return nanos[k] / 1e6;
    }
  }

  /**
   * {@code count} lookups of a page of 50 by a random skill (first page, or the page at {@code
   * offset}) through the center; {@code found} counts the records returned.
   */
  static Latencies lookupBySkill(RegistryCenter c, int count, int offset, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    long[] out = new long[count];
    long found = 0;
    for (int k = 0; k < count; k++) {
      String s = skill(r.nextInt(VOCABULARY));
      long t = System.nanoTime();
      found += c.lookupBySkill(s, offset, 50).size();
      out[k] = System.nanoTime() - t;
    }
    Arrays.sort(out);
    return new Latencies("by skill, page of 50 at offset " + offset, out, found);
  }

  /** {@code count} lookups by a random name (four agents each) through the center. */
  static Latencies lookupByName(RegistryCenter c, int records, int count, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    long[] out = new long[count];
    long found = 0;
    for (int k = 0; k < count; k++) {
      String n = name(r.nextInt(records));
      long t = System.nanoTime();
      found += c.lookupByName(n, 0, 50).size();
      out[k] = System.nanoTime() - t;
    }
    Arrays.sort(out);
    return new Latencies("by name, page of 50", out, found);
  }

  /** {@code count} gets of a random agent id through the center. */
  static Latencies getById(RegistryCenter c, int records, int count, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    long[] out = new long[count];
    long found = 0;
    for (int k = 0; k < count; k++) {
      String id = agentId(r.nextInt(records));
      long t = System.nanoTime();
      found += c.get(id).isPresent() ? 1 : 0;
      out[k] = System.nanoTime() - t;
    }
    Arrays.sort(out);
    return new Latencies("get by agent id", out, found);
  }

  /** What a copy or a bootstrap moved, in how long. */
  record Transfer(long records, long nanos, long cpuNanos, long bytes, int messages) {
    double recordsPerSecond() {
      return records / (nanos / 1e9);
    }
  }

  /**
   * The baseline: every record of {@code from} read by owner in pages of {@code page} and written
   * to {@code to} with {@code putAll}, in one process, no encoding and no network.
   */
  static Transfer copy(RegistryStore from, RegistryStore to, int page) {
    long cpu = cpuNanos();
    long t = System.nanoTime();
    long n = 0;
    int pages = 0;
    for (Eid owner : from.owners()) {
      long after = 0;
      while (true) {
        List<RegistryRecord> recs = from.byOwner(owner, after, page);
        if (recs.isEmpty()) {
          break;
        }
        to.putAll(recs);
        n += recs.size();
        pages++;
        after = recs.get(recs.size() - 1).version().counter();
      }
    }
    return new Transfer(n, System.nanoTime() - t, cpuNanos() - cpu, 0, pages);
  }

  /** Deltas of a bootstrap sent and not yet acknowledged, at most. */
  static final int IN_FLIGHT = 3;

  /**
   * Bootstraps a new, empty center from {@code source} over real TCP on loopback: two transport
   * nodes (H2 outboxes with custody, group commit) in {@code dir}, each listening and linked to the
   * other. The source sends {@code RegistryCenter.deltaFor(newcomer)} encoded as one bundle; the
   * newcomer decodes it, applies it and sends its ack back; the source takes the acks. Pipelined:
   * up to {@value #IN_FLIGHT} deltas are in flight ({@code deltaFor} does not offer again what is
   * in flight). Ends when the source has nothing left to send and every delta is acknowledged.
   */
  static Transfer bootstrap(RegistryCenter source, RegistryCenter newcomer, Path dir)
      throws TransportException, InterruptedException {
    BundleLimits limits = new BundleLimits(16 << 20, Eid.MAX_LENGTH, 4096);
    TcpOptions tcp = TcpOptions.DEFAULT.withMaxFrameBytes(limits.maxFrameBytes());
    RegistryEncoder encoder = new RegistryEncoder();
    RegistryDecoder decoder = new RegistryDecoder();
    BlockingQueue<Object> acks = new ArrayBlockingQueue<>(4);
    AtomicReference<TransportNode> newNode = new AtomicReference<>();
    AtomicLong bytes = new AtomicLong();
    // Each node listens and links to the other: the ports are picked first, because a listening
    // layer learns its port only when its node starts.
    InetSocketAddress sourceAddress = freeLoopback();
    InetSocketAddress newAddress = freeLoopback();
    TcpConvergenceLayer sourceIn = TcpConvergenceLayer.listen(sourceAddress, tcp);
    TcpConvergenceLayer newIn = TcpConvergenceLayer.listen(newAddress, tcp);
    TransportNode src =
        TransportNode.builder(SOURCE)
            .store(dir.resolve("source-node"))
            .limits(limits)
            .durability(TransportNode.Durability.GROUP_COMMIT)
            .inbound(sourceIn)
            .link("out", TcpConvergenceLayer.connect(newAddress, tcp))
            .route("*", "out")
            .delivery(d -> acks.put(receiveAck(decoder, d)))
            .build();
    try {
      newNode.set(
          TransportNode.builder(NEWCOMER)
              .store(dir.resolve("newcomer-node"))
              .limits(limits)
              .durability(TransportNode.Durability.GROUP_COMMIT)
              .inbound(newIn)
              .link("out", TcpConvergenceLayer.connect(sourceAddress, tcp))
              .route("*", "out")
              .delivery(
                  d -> {
                    RegistryAck ack;
                    try {
                      ack = newcomer.apply(SOURCE, decoder.delta(d.bundle().payload()));
                    } catch (RegistryDecodeException | RuntimeException e) {
                      acks.put(e);
                      return;
                    }
                    byte[] a = encoder.toBytes(ack);
                    bytes.addAndGet(a.length);
                    // Not send(): it waits for the node's own thread, which runs this listener.
                    newNode
                        .get()
                        .sendAsync(SOURCE, a, OPTIONS)
                        .whenComplete(
                            (id, err) -> {
                              if (err != null) {
                                acks.offer(err);
                              }
                            });
                  })
              .build());
      long cpu = cpuNanos();
      long t = System.nanoTime();
      long records = 0;
      int messages = 0;
      // Up to IN_FLIGHT deltas unacknowledged: the source reads and encodes the next while the
      // newcomer applies one (the center's in-flight mark keeps deltaFor from offering again
      // what is sent and not yet acknowledged). Acks come back in order over the one link.
      int inFlight = 0;
      while (true) {
        while (inFlight < IN_FLIGHT) {
          RegistryDelta delta = source.deltaFor(NEWCOMER);
          if (delta.isEmpty()) {
            break;
          }
          byte[] b = encoder.toBytes(delta);
          bytes.addAndGet(b.length);
          records += delta.recordCount();
          messages++;
          inFlight++;
          src.send(NEWCOMER, b, OPTIONS);
        }
        if (inFlight == 0) {
          break;
        }
        Object got = acks.poll(5, TimeUnit.MINUTES);
        if (got instanceof RegistryAck ack) {
          source.acknowledge(NEWCOMER, ack);
          inFlight--;
        } else if (got instanceof Throwable e) {
          throw new IllegalStateException("the bootstrap failed: " + e, e);
        } else {
          throw new IllegalStateException("no ack within 5 minutes after " + messages + " deltas");
        }
      }
      return new Transfer(
          records, System.nanoTime() - t, cpuNanos() - cpu, bytes.get(), 2 * messages);
    } finally {
      if (newNode.get() != null) {
        newNode.get().close();
      }
      src.close();
    }
  }

  private static Object receiveAck(RegistryDecoder decoder, Delivery d) {
    try {
      return decoder.ack(d.bundle().payload());
    } catch (RegistryDecodeException e) {
      return e;
    }
  }

  private static InetSocketAddress freeLoopback() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return new InetSocketAddress(InetAddress.getLoopbackAddress(), s.getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens an H2 registry store {@code name} in {@code dir}. */
  static H2RegistryStore open(Path dir, String name) {
    return H2RegistryStore.open(dir.resolve(name));
  }

  /** The size of an H2 store's file, in bytes. */
  static long fileSize(Path dir, String name) {
    try {
      return Files.size(dir.resolve(name + ".mv.db"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
