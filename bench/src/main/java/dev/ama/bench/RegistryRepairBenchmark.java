package dev.ama.bench;

import dev.ama.agent.registry.BucketRequest;
import dev.ama.agent.registry.DigestRequest;
import dev.ama.agent.registry.HlcTimestamp;
import dev.ama.agent.registry.InMemoryRegistryStore;
import dev.ama.agent.registry.RegistryCenter;
import dev.ama.agent.registry.RegistryDecodeException;
import dev.ama.agent.registry.RegistryDecoder;
import dev.ama.agent.registry.RegistryDelta;
import dev.ama.agent.registry.RegistryDigests;
import dev.ama.agent.registry.RegistryEncoder;
import dev.ama.agent.registry.RegistryRecord;
import dev.ama.agent.registry.RegistryStatus;
import dev.ama.agent.registry.RegistrySummary;
import dev.ama.agent.registry.Skill;
import dev.ama.agent.registry.Version;
import dev.ama.transport.Eid;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Bytes of a registry audit after a partition: two centers hold the same {@code n} records of one
 * or several owners; while the deltas are lost, {@code d} records change at the audited center; the
 * other center then audits it over encoded bytes (every value encoded with {@link RegistryEncoder}
 * and decoded on the other side, as {@code AuditTest} does) until its summary agrees. Beside it, in
 * the same run: the full state (every record, encoded as one delta) and the one-level audit the
 * registry used before (a bucket digest per record of every owner, then the differing buckets). The
 * target of issue 6 is audit bytes ≤ 2 × (the d changed records encoded + the digests exchanged).
 *
 * <p>Not JMH: the figure is a byte count, not a time. Run: {@code java -cp
 * bench/target/benchmarks.jar dev.ama.bench.RegistryRepairBenchmark [--records 10000,100000]
 * [--owners 1,10] [--changed 10,100,1000] [--seed 1]}.
 */
public final class RegistryRepairBenchmark {
  private static final Eid AUDITED = Eid.of("ipn:1.0");
  private static final Eid AUDITOR = Eid.of("ipn:2.0");
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final int MAX_AUDITS = 20;

  private final RegistryEncoder encoder = new RegistryEncoder();
  private final RegistryDecoder decoder = new RegistryDecoder();

  /**
   * One configuration.
   *
   * @param records n, all owners together
   * @param owners how many owners share them (homes other than the two centers)
   * @param changed d, records changed at the audited center during the partition
   * @param seed which records change
   */
  public record Scenario(int records, int owners, int changed, long seed) {
    /** Checks the sizes. */
    public Scenario {
      if (records < 1 || owners < 1 || owners > records || changed < 0 || changed > records) {
        throw new IllegalArgumentException(
            "need 1 <= owners <= records and 0 <= changed <= records");
      }
    }
  }

  /**
   * What one configuration measured.
   *
   * @param scenario the configuration
   * @param changedBytes the d changed records, each encoded (as the auditor may see them)
   * @param summaryBytes level 1: every summary of every audit
   * @param levelTwoBytes digest requests, bucket digests and bucket requests
   * @param repairBytes the records of the differing buckets
   * @param audits audits until the summaries agreed (the first only notes a difference)
   * @param ownersAsked owners whose bucket digests were asked for, over all audits
   * @param converged whether the auditor then held exactly the audited center's records
   * @param fullStateBytes every record of the audited center, encoded as one delta
   * @param oneLevelBytes the one-level audit: digests of every owner, request, every record of the
   *     differing buckets
   * @param millis wall time of the two-level audits (both sides' work, no transport)
   * @param idleBytes an audit of agreeing copies (the last one): one summary
   * @param oneLevelIdleBytes an audit of agreeing copies in the one-level audit: every owner's
   *     digests and an empty request
   */
  public record Result(
      Scenario scenario,
      long changedBytes,
      long summaryBytes,
      long levelTwoBytes,
      long repairBytes,
      int audits,
      int ownersAsked,
      boolean converged,
      long fullStateBytes,
      long oneLevelBytes,
      long millis,
      long idleBytes,
      long oneLevelIdleBytes) {
    /** Every byte the audits exchanged. */
    public long auditBytes() {
      return summaryBytes + levelTwoBytes + repairBytes;
    }

    /** The target: 2 × (changed records + digests exchanged). */
    public long targetBytes() {
      return 2 * (changedBytes + summaryBytes + levelTwoBytes);
    }
  }

  /** Runs one configuration. */
  public Result run(Scenario s) throws RegistryDecodeException {
    Clock clock = Clock.fixed(T0.plus(Duration.ofDays(1)), ZoneOffset.UTC);
    List<Eid> owners = new ArrayList<>();
    for (int i = 0; i < s.owners(); i++) {
      owners.add(Eid.of("ipn:" + (10 + i) + ".0"));
    }
    // The same records at both centers, as after a complete sync.
    InMemoryRegistryStore audited = new InMemoryRegistryStore();
    InMemoryRegistryStore auditor = new InMemoryRegistryStore();
    Map<Eid, Long> counters = new HashMap<>();
    List<RegistryRecord> all = new ArrayList<>(s.records());
    for (int i = 0; i < s.records(); i++) {
      Eid owner = owners.get(i % s.owners());
      long c = counters.merge(owner, 1L, Long::sum);
      all.add(record("agent-" + i, owner, c, i));
    }
    audited.putAll(all);
    auditor.putAll(all);
    audited.saveAcknowledged(AUDITED, counters);
    auditor.saveAcknowledged(AUDITOR, counters);
    // The partition: d records change at their homes; the audited center learns them, the auditor
    // does not (the deltas were lost).
    Random rnd = new Random(s.seed());
    List<RegistryRecord> changed = new ArrayList<>();
    Map<Eid, Long> knowledge = new HashMap<>(counters);
    for (int k : pick(rnd, s.records(), s.changed())) {
      RegistryRecord old = all.get(k);
      Eid owner = old.home();
      long c = knowledge.merge(owner, 1L, Long::sum);
      RegistryRecord r =
          old.toBuilder()
              .skills(List.of(Skill.of("temperature"), Skill.of("moved-" + k)))
              .status(RegistryStatus.OFFLINE)
              .version(new Version(owner, c, new HlcTimestamp(stampOf(s.records() + k), 0, owner)))
              .build();
      changed.add(r);
    }
    audited.putAll(changed);
    audited.saveAcknowledged(AUDITED, knowledge);
    RegistryCenter a = center(AUDITED, AUDITOR, audited, clock);
    RegistryCenter b = center(AUDITOR, AUDITED, auditor, clock);
    long changedBytes = 0;
    for (RegistryRecord r : changed) {
      changedBytes += encoder.toBytes(r).length;
    }

    // The baselines, measured on the same state before the repair changes it.
    long fullState = encoder.toBytes(fullState(audited, owners)).length;
    long oneLevel = oneLevel(a, b);
    long oneLevelIdle = encoder.toBytes(a.digestsFor(AUDITOR)).length;

    long started = System.nanoTime();
    long summaries = 0;
    long levelTwo = 0;
    long repair = 0;
    int audits = 0;
    int asked = 0;
    long idle = 0;
    while (audits < MAX_AUDITS) {
      audits++;
      byte[] sm = encoder.toBytes(a.summaryFor(AUDITOR));
      summaries += sm.length;
      idle = sm.length;
      RegistrySummary summary = decoder.summary(sm);
      DigestRequest ask = b.compare(AUDITED, summary);
      if (ask.isEmpty()) {
        if (snapshot(audited).equals(snapshot(auditor))) {
          break; // the summaries agreed (this audit is the one a periodic rule would run anyway)
        }
        continue; // only noted: deltas could be in flight
      }
      asked += ask.owners().size();
      byte[] ak = encoder.toBytes(ask);
      byte[] dg = encoder.toBytes(a.digestsFor(AUDITOR, decoder.digestRequest(ak)));
      BucketRequest req = b.compare(AUDITED, decoder.digests(dg));
      byte[] rq = encoder.toBytes(req);
      levelTwo += ak.length + dg.length + rq.length;
      for (RegistryDelta answer : a.repairFor(AUDITOR, decoder.bucketRequest(rq))) {
        byte[] rp = encoder.toBytes(answer);
        repair += rp.length;
        b.apply(AUDITED, decoder.delta(rp));
      }
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    boolean converged = snapshot(audited).equals(snapshot(auditor));
    return new Result(
        s,
        changedBytes,
        summaries,
        levelTwo,
        repair,
        audits,
        asked,
        converged,
        fullState,
        oneLevel,
        millis,
        idle,
        oneLevelIdle + encoder.toBytes(new BucketRequest(AUDITOR, List.of())).length);
  }

  /**
   * The one-level audit's bytes: every owner's digests at one record per bucket, the request, and
   * every record of the differing buckets (not applied). The previous protocol sent one answer per
   * audit; counting every answer at once is in its favour.
   */
  private long oneLevel(RegistryCenter a, RegistryCenter b) throws RegistryDecodeException {
    byte[] dg = encoder.toBytes(a.digestsFor(AUDITOR));
    RegistryDigests digests = decoder.digests(dg);
    byte[] rq = encoder.toBytes(b.compare(AUDITED, digests));
    BucketRequest req = decoder.bucketRequest(rq);
    long bytes = dg.length + rq.length;
    for (RegistryDelta answer : a.repairFor(AUDITOR, req)) {
      bytes += encoder.toBytes(answer).length;
    }
    return bytes;
  }

  private static RegistryDelta fullState(InMemoryRegistryStore store, List<Eid> owners) {
    List<RegistryDelta.Segment> segs = new ArrayList<>();
    for (Eid o : owners) {
      List<RegistryRecord> recs = store.byOwner(o, 0, Integer.MAX_VALUE);
      long upTo = recs.isEmpty() ? 0 : recs.get(recs.size() - 1).version().counter();
      segs.add(new RegistryDelta.Segment(o, 0, upTo, recs));
    }
    return new RegistryDelta(AUDITED, segs);
  }

  private static Map<String, Version> snapshot(InMemoryRegistryStore store) {
    Map<String, Version> out = new TreeMap<>();
    for (Eid o : store.owners()) {
      for (RegistryRecord r : store.byOwner(o, 0, Integer.MAX_VALUE)) {
        out.put(r.agentId(), r.version());
      }
    }
    return out;
  }

  private static RegistryCenter center(
      Eid eid, Eid peer, InMemoryRegistryStore store, Clock clock) {
    return RegistryCenter.builder().eid(eid).store(store).clock(clock).peer(peer, Set.of()).build();
  }

  private static long stampOf(long n) {
    return T0.toEpochMilli() + n;
  }

  /** A record of the size docs/registry.md calls typical: two endpoints, two skills, metadata. */
  static RegistryRecord record(String id, Eid owner, long counter, int i) {
    return RegistryRecord.builder()
        .agentId(id)
        .name("probe " + i)
        .endpoints(List.of("tcp://10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + ".1:4556"))
        .skills(List.of(Skill.of("temperature"), Skill.of("site-" + (i % 1000))))
        .status(RegistryStatus.ONLINE)
        .lastSeen(T0)
        .version(new Version(owner, counter, new HlcTimestamp(stampOf(i), 0, owner)))
        .registered(new HlcTimestamp(stampOf(i), 0, owner))
        .retention(Duration.ofDays(7))
        .metadata(Map.of("site", "site-" + (i % 1000)))
        .build();
  }

  private static List<Integer> pick(Random rnd, int n, int d) {
    List<Integer> all = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      all.add(i);
    }
    java.util.Collections.shuffle(all, rnd);
    return new ArrayList<>(all.subList(0, d));
  }

  /** Prints the table of results. */
  static void print(PrintStream out, List<Result> results) {
    out.printf(
        "%8s %6s %5s | %9s %9s %9s %9s %10s | %6s %6s %5s | %11s %11s | %6s %6s | %6s %9s%n",
        "n",
        "owners",
        "d",
        "changed",
        "summary",
        "level 2",
        "repair",
        "audit",
        "audits",
        "asked",
        "ok",
        "full state",
        "one-level",
        "/tgt",
        "/full",
        "idle",
        "idle 1-lv");
    for (Result r : results) {
      Scenario s = r.scenario();
      out.printf(
          "%8d %6d %5d | %9d %9d %9d %9d %10d | %6d %6d %5s | %11d %11d | %6.2f %6.4f | %6d %9d%n",
          s.records(),
          s.owners(),
          s.changed(),
          r.changedBytes(),
          r.summaryBytes(),
          r.levelTwoBytes(),
          r.repairBytes(),
          r.auditBytes(),
          r.audits(),
          r.ownersAsked(),
          r.converged() ? "yes" : "NO",
          r.fullStateBytes(),
          r.oneLevelBytes(),
          (double) r.auditBytes() / r.targetBytes(),
          (double) r.auditBytes() / r.fullStateBytes(),
          r.idleBytes(),
          r.oneLevelIdleBytes());
    }
  }

  private static List<Integer> ints(String csv) {
    List<Integer> out = new ArrayList<>();
    for (String p : csv.split(",")) {
      out.add(Integer.parseInt(p.trim()));
    }
    return out;
  }

  /** Runs every combination of the options and prints the table. */
  public static void main(String[] args) throws RegistryDecodeException {
    Map<String, String> opt = new HashMap<>();
    opt.put("records", "10000,100000");
    opt.put("owners", "1,10");
    opt.put("changed", "10,100,1000");
    opt.put("seed", "1");
    for (int i = 0; i < args.length; i++) {
      String key = args[i].startsWith("--") ? args[i].substring(2) : null;
      if (key == null || !opt.containsKey(key) || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "unknown or incomplete option " + args[i] + "; options: --" + opt.keySet());
      }
      opt.put(key, args[++i]);
    }
    long seed = Long.parseLong(opt.get("seed"));
    RegistryRepairBenchmark bench = new RegistryRepairBenchmark();
    List<Result> results = new ArrayList<>();
    for (int n : ints(opt.get("records"))) {
      for (int owners : ints(opt.get("owners"))) {
        for (int d : ints(opt.get("changed"))) {
          results.add(bench.run(new Scenario(n, owners, d, seed)));
        }
      }
    }
    print(System.out, results);
  }
}
