package dev.ama.agent.registry;

import dev.ama.agent.registry.RegistryDecodeException.Code;
import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.AmLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriDecodeException;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.BoolLiteral;
import dev.ama.model.ari.BytesLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.TextLiteral;
import dev.ama.model.ari.TimeLiteral;
import dev.ama.model.ari.cbor.AriCborDecoder;
import dev.ama.model.ari.cbor.CborLimits;
import dev.ama.transport.Eid;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads registry values from ARIs and CBOR bytes that peers sent, checking shape, types and {@link
 * RegistryLimits}; every failure is a {@link RegistryDecodeException} with a code.
 */
public final class RegistryDecoder {
  private static final int RECORD_ITEMS = 13;

  private final RegistryLimits limits;
  private final AriCborDecoder cbor;

  /** A decoder with the default limits. */
  public RegistryDecoder() {
    this(RegistryLimits.DEFAULTS);
  }

  public RegistryDecoder(RegistryLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.cbor =
        new AriCborDecoder(
            CborLimits.builder()
                .maxBytes(limits.maxBytes())
                .maxContainerItems(Math.max(limits.maxRecords(), limits.maxEntries()) * 2 + 16)
                .maxTotalItems(Math.max(1_000_000, limits.maxRecords() * 64))
                // Digest buckets travel as one byte string of 8 bytes per bucket.
                .maxStringBytes(
                    (int)
                        Math.min(
                            limits.maxBytes(),
                            Math.max(limits.maxTextLength() * 4L, 8L * limits.maxEntries())))
                .build());
  }

  public RegistryLimits limits() {
    return limits;
  }

  /** One ARI from CBOR bytes. */
  public Ari fromBytes(byte[] bytes) throws RegistryDecodeException {
    if (bytes.length > limits.maxBytes()) {
      throw new RegistryDecodeException(
          Code.LIMIT_EXCEEDED, bytes.length + " bytes, more than " + limits.maxBytes());
    }
    try {
      return cbor.decode(bytes);
    } catch (AriDecodeException e) {
      throw new RegistryDecodeException(
          e.code() == AriDecodeException.Code.LIMIT_EXCEEDED ? Code.LIMIT_EXCEEDED : Code.MALFORMED,
          "not a registry value: " + e.getMessage(),
          e);
    }
  }

  /** A record from its CBOR bytes. */
  public RegistryRecord record(byte[] bytes) throws RegistryDecodeException {
    return record(fromBytes(bytes));
  }

  /** A record from its ARI (an AC of 13 items). */
  public RegistryRecord record(Ari value) throws RegistryDecodeException {
    List<Ari> it = ac(value, "record", RECORD_ITEMS, RECORD_ITEMS);
    String agentId = text(it.get(0), "agent id");
    if (agentId.isEmpty()) {
      throw new RegistryDecodeException(Code.INVALID_VALUE, "record: the agent id is empty");
    }
    String where = "record " + agentId;
    String name = text(it.get(1), where + " name");
    Eid home = eid(it.get(2), where + " home");
    long counter = uint(it.get(3), where + " counter");
    if (counter < 1) {
      throw new RegistryDecodeException(Code.INVALID_VALUE, where + ": counter 0");
    }
    HlcTimestamp stamp = stamp(it.get(4), where + " version stamp");
    HlcTimestamp registered = stamp(it.get(5), where + " registration stamp");
    RegistryStatus status = RegistryStatus.ofCode(uint(it.get(6), where + " status"));
    if (status == null) {
      throw new RegistryDecodeException(Code.INVALID_VALUE, where + ": unknown status code");
    }
    TimeLiteral seenTime = time(it.get(7), AriType.TP, where + " last seen");
    TimeLiteral retentionTime = time(it.get(8), AriType.TD, where + " retention");
    Instant lastSeen;
    Duration retention;
    try {
      lastSeen = seenTime.toInstant();
      lastSeen.toEpochMilli(); // stores keep milliseconds: refuse what they cannot hold
      retention = retentionTime.toDuration();
    } catch (ArithmeticException | java.time.DateTimeException e) {
      throw new RegistryDecodeException(
          Code.INVALID_VALUE, where + ": a time out of range: " + e.getMessage(), e);
    }
    if (retention.isNegative()) {
      throw new RegistryDecodeException(Code.INVALID_VALUE, where + ": negative retention");
    }
    List<Ari> eps = ac(it.get(9), where + " endpoints", 0, limits.maxEndpoints());
    List<String> endpoints = new ArrayList<>(eps.size());
    for (Ari a : eps) {
      endpoints.add(text(a, where + " endpoint"));
    }
    List<Ari> sks = ac(it.get(10), where + " skills", 0, limits.maxSkills());
    List<Skill> skills = new ArrayList<>(sks.size());
    for (Ari a : sks) {
      skills.add(skill(a, where));
    }
    if (!(it.get(11) instanceof AmLiteral am)) {
      throw new RegistryDecodeException(Code.WRONG_SHAPE, where + ": metadata is not an AM");
    }
    if (am.entries().size() > limits.maxMetadata()) {
      throw new RegistryDecodeException(
          Code.LIMIT_EXCEEDED, where + ": more than " + limits.maxMetadata() + " metadata pairs");
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    for (Map.Entry<Ari, Ari> e : am.entries().entrySet()) {
      metadata.put(
          text(e.getKey(), where + " metadata key"), text(e.getValue(), where + " metadata"));
    }
    if (!(it.get(12) instanceof BoolLiteral tomb) || tomb.isTyped()) {
      throw new RegistryDecodeException(Code.WRONG_SHAPE, where + ": tombstone is not a BOOL");
    }
    try {
      return new RegistryRecord(
          agentId,
          name,
          home,
          endpoints,
          skills,
          status,
          lastSeen,
          new Version(home, counter, stamp),
          registered,
          retention,
          metadata,
          tomb.value());
    } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
      throw new RegistryDecodeException(Code.INVALID_VALUE, where + ": " + e.getMessage(), e);
    }
  }

  /** A delta from its CBOR bytes. */
  public RegistryDelta delta(byte[] bytes) throws RegistryDecodeException {
    return delta(fromBytes(bytes));
  }

  /**
   * A delta from its ARI. Checks that each segment's records belong to its owner, lie in its range
   * in increasing counter order, and that an owner has one segment at most.
   */
  public RegistryDelta delta(Ari value) throws RegistryDecodeException {
    List<Ari> it = ac(value, "delta", 3, 3);
    Eid from = eid(it.get(0), "delta sender");
    List<Ari> segs = ac(it.get(1), "delta segments", 0, limits.maxEntries());
    List<RegistryDelta.Segment> out = new ArrayList<>(segs.size());
    java.util.Set<Eid> owners = new java.util.HashSet<>();
    int total = 0;
    for (Ari sa : segs) {
      List<Ari> s = ac(sa, "delta segment", 4, 4);
      Eid owner = eid(s.get(0), "segment owner");
      if (!owners.add(owner)) {
        throw new RegistryDecodeException(Code.INVALID_VALUE, "two segments of owner " + owner);
      }
      long after = uint(s.get(1), "segment start");
      long upTo = uint(s.get(2), "segment end");
      if (upTo < after) {
        throw new RegistryDecodeException(
            Code.INVALID_VALUE, "segment of " + owner + " ends before it starts");
      }
      List<Ari> recs = ac(s.get(3), "segment records", 0, limits.maxRecords());
      total += recs.size();
      if (total > limits.maxRecords()) {
        throw new RegistryDecodeException(
            Code.LIMIT_EXCEEDED, "more than " + limits.maxRecords() + " records in a delta");
      }
      List<RegistryRecord> records = new ArrayList<>(recs.size());
      long last = after;
      for (Ari ra : recs) {
        RegistryRecord r = record(ra);
        long c = r.version().counter();
        if (!r.home().equals(owner)) {
          throw new RegistryDecodeException(
              Code.INVALID_VALUE,
              "record " + r.agentId() + " of " + r.home() + " in segment of " + owner);
        }
        boolean claims = upTo > after;
        if (c <= last || (claims && c > upTo)) {
          throw new RegistryDecodeException(
              Code.INVALID_VALUE,
              "record " + r.agentId() + " counter " + c + " out of order or outside its segment");
        }
        last = claims ? c : last;
        records.add(r);
      }
      out.add(new RegistryDelta.Segment(owner, after, upTo, records));
    }
    List<Ari> ps = ac(it.get(2), "delta peers", 0, limits.maxEntries());
    List<Eid> peers = new ArrayList<>(ps.size());
    for (Ari pa : ps) {
      peers.add(eid(pa, "delta peer"));
    }
    return new RegistryDelta(from, out, peers);
  }

  /** An ack from its CBOR bytes. */
  public RegistryAck ack(byte[] bytes) throws RegistryDecodeException {
    return ack(fromBytes(bytes));
  }

  /** An ack from its ARI. */
  public RegistryAck ack(Ari value) throws RegistryDecodeException {
    List<Ari> it = ac(value, "ack", 2, 2);
    Eid from = eid(it.get(0), "ack sender");
    if (!(it.get(1) instanceof AmLiteral am)) {
      throw new RegistryDecodeException(Code.WRONG_SHAPE, "ack vector is not an AM");
    }
    if (am.entries().size() > limits.maxEntries()) {
      throw new RegistryDecodeException(
          Code.LIMIT_EXCEEDED, "more than " + limits.maxEntries() + " ack entries");
    }
    Map<Eid, Long> vector = new LinkedHashMap<>();
    for (Map.Entry<Ari, Ari> e : am.entries().entrySet()) {
      vector.put(eid(e.getKey(), "ack owner"), uint(e.getValue(), "ack counter"));
    }
    return new RegistryAck(from, vector);
  }

  /** Digests from their CBOR bytes. */
  public RegistryDigests digests(byte[] bytes) throws RegistryDecodeException {
    return digests(fromBytes(bytes));
  }

  /** Digests from their ARI; each owner once, a power-of-two bucket count within the limits. */
  public RegistryDigests digests(Ari value) throws RegistryDecodeException {
    List<Ari> it = ac(value, "digests", 2, 2);
    Eid from = eid(it.get(0), "digests sender");
    List<Ari> os = ac(it.get(1), "digest owners", 0, limits.maxEntries());
    List<RegistryDigests.OwnerDigests> out = new ArrayList<>(os.size());
    java.util.Set<Eid> seen = new java.util.HashSet<>();
    long total = 0;
    for (Ari oa : os) {
      List<Ari> o = ac(oa, "owner digests", 2, 2);
      Eid owner = eid(o.get(0), "digest owner");
      if (!seen.add(owner)) {
        throw new RegistryDecodeException(Code.INVALID_VALUE, "two digests of owner " + owner);
      }
      if (!(o.get(1) instanceof BytesLiteral b) || b.isTyped()) {
        throw new RegistryDecodeException(
            Code.WRONG_SHAPE, "digests of " + owner + " are not untyped bytes");
      }
      int n = b.length() / 8;
      if (b.length() % 8 != 0 || n == 0 || (n & (n - 1)) != 0) {
        throw new RegistryDecodeException(
            Code.INVALID_VALUE, "digests of " + owner + ": not a power of two of 8-byte buckets");
      }
      total += n;
      if (total > limits.maxEntries()) {
        throw new RegistryDecodeException(
            Code.LIMIT_EXCEEDED, "more than " + limits.maxEntries() + " buckets");
      }
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b.bytes());
      List<Long> buckets = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        buckets.add(buf.getLong());
      }
      out.add(new RegistryDigests.OwnerDigests(owner, buckets));
    }
    return new RegistryDigests(from, out);
  }

  /** A summary from its CBOR bytes. */
  public RegistrySummary summary(byte[] bytes) throws RegistryDecodeException {
    return summary(fromBytes(bytes));
  }

  /** A summary from its ARI; each owner once, an 8-byte top hash. */
  public RegistrySummary summary(Ari value) throws RegistryDecodeException {
    List<Ari> it = ac(value, "summary", 2, 2);
    Eid from = eid(it.get(0), "summary sender");
    List<Ari> os = ac(it.get(1), "summary owners", 0, limits.maxEntries());
    List<RegistrySummary.OwnerSummary> out = new ArrayList<>(os.size());
    java.util.Set<Eid> seen = new java.util.HashSet<>();
    for (Ari oa : os) {
      List<Ari> o = ac(oa, "owner summary", 4, 4);
      Eid owner = eid(o.get(0), "summary owner");
      if (!seen.add(owner)) {
        throw new RegistryDecodeException(Code.INVALID_VALUE, "two summaries of owner " + owner);
      }
      long records = uint(o.get(1), "summary record count");
      long knows = uint(o.get(2), "summary knowledge");
      if (!(o.get(3) instanceof BytesLiteral b) || b.isTyped()) {
        throw new RegistryDecodeException(
            Code.WRONG_SHAPE, "top hash of " + owner + " is not untyped bytes");
      }
      if (b.length() != 8) {
        throw new RegistryDecodeException(
            Code.INVALID_VALUE, "top hash of " + owner + " is not 8 bytes");
      }
      long top = java.nio.ByteBuffer.wrap(b.bytes()).getLong();
      out.add(new RegistrySummary.OwnerSummary(owner, records, knows, top));
    }
    return new RegistrySummary(from, out);
  }

  /** A digest request from its CBOR bytes. */
  public DigestRequest digestRequest(byte[] bytes) throws RegistryDecodeException {
    return digestRequest(fromBytes(bytes));
  }

  /** A digest request from its ARI; each owner once, a power-of-two bucket count ≤ 2^20. */
  public DigestRequest digestRequest(Ari value) throws RegistryDecodeException {
    List<Ari> it = ac(value, "digest request", 2, 2);
    Eid from = eid(it.get(0), "digest request sender");
    List<Ari> os = ac(it.get(1), "digest request owners", 0, limits.maxEntries());
    List<DigestRequest.OwnerAsk> out = new ArrayList<>(os.size());
    java.util.Set<Eid> seen = new java.util.HashSet<>();
    long total = 0;
    for (Ari oa : os) {
      List<Ari> o = ac(oa, "owner ask", 2, 2);
      Eid owner = eid(o.get(0), "asked owner");
      if (!seen.add(owner)) {
        throw new RegistryDecodeException(Code.INVALID_VALUE, "owner " + owner + " asked twice");
      }
      long n = uint(o.get(1), "asked bucket count");
      if (n < 1 || n > (1 << 20) || (n & (n - 1)) != 0) {
        throw new RegistryDecodeException(
            Code.INVALID_VALUE, "bucket count " + n + " of " + owner + " is not a power of two");
      }
      total += n;
      if (total > limits.maxEntries()) {
        throw new RegistryDecodeException(
            Code.LIMIT_EXCEEDED, "more than " + limits.maxEntries() + " buckets asked for");
      }
      out.add(new DigestRequest.OwnerAsk(owner, (int) n));
    }
    return new DigestRequest(from, out);
  }

  /** A bucket request from its CBOR bytes. */
  public BucketRequest bucketRequest(byte[] bytes) throws RegistryDecodeException {
    return bucketRequest(fromBytes(bytes));
  }

  /** A bucket request from its ARI. */
  public BucketRequest bucketRequest(Ari value) throws RegistryDecodeException {
    List<Ari> it = ac(value, "bucket request", 2, 2);
    Eid from = eid(it.get(0), "bucket request sender");
    List<Ari> os = ac(it.get(1), "bucket request owners", 0, limits.maxEntries());
    List<BucketRequest.OwnerBuckets> out = new ArrayList<>(os.size());
    long total = 0;
    for (Ari oa : os) {
      List<Ari> o = ac(oa, "owner buckets", 3, 3);
      Eid owner = eid(o.get(0), "bucket owner");
      long n = uint(o.get(1), "bucket count");
      if (n < 1 || n > (1 << 20) || (n & (n - 1)) != 0) {
        throw new RegistryDecodeException(
            Code.INVALID_VALUE, "bucket count " + n + " of " + owner + " is not a power of two");
      }
      List<Ari> idx = ac(o.get(2), "bucket indexes", 0, limits.maxEntries());
      total += idx.size();
      if (total > limits.maxEntries()) {
        throw new RegistryDecodeException(
            Code.LIMIT_EXCEEDED, "more than " + limits.maxEntries() + " buckets asked for");
      }
      List<Integer> indexes = new ArrayList<>(idx.size());
      for (Ari a : idx) {
        long i = uint(a, "bucket index");
        if (i >= n) {
          throw new RegistryDecodeException(
              Code.INVALID_VALUE, "bucket " + i + " of " + owner + " outside [0, " + n + ")");
        }
        indexes.add((int) i);
      }
      out.add(new BucketRequest.OwnerBuckets(owner, (int) n, indexes));
    }
    return new BucketRequest(from, out);
  }

  /** A stamp from its AC of three items. */
  public HlcTimestamp stamp(Ari value, String what) throws RegistryDecodeException {
    List<Ari> it = ac(value, what, 3, 3);
    return new HlcTimestamp(uint(it.get(0), what), uint(it.get(1), what), eid(it.get(2), what));
  }

  private Skill skill(Ari a, String where) throws RegistryDecodeException {
    if (a instanceof TextLiteral) {
      String n = text(a, where + " skill");
      if (n.isEmpty()) {
        throw new RegistryDecodeException(Code.INVALID_VALUE, where + ": empty skill name");
      }
      return Skill.of(n);
    }
    List<Ari> pair = ac(a, where + " skill", 2, 2);
    String n = text(pair.get(0), where + " skill");
    String g = text(pair.get(1), where + " skill group");
    if (n.isEmpty() || g.isEmpty()) {
      throw new RegistryDecodeException(Code.INVALID_VALUE, where + ": empty skill name or group");
    }
    return Skill.restricted(n, g);
  }

  // --- typed readers, shared with the delta readers -----------------------------------------

  List<Ari> ac(Ari value, String what, int min, int max) throws RegistryDecodeException {
    if (!(value instanceof AcLiteral ac)) {
      throw new RegistryDecodeException(Code.WRONG_SHAPE, what + " is not an AC");
    }
    int n = ac.items().size();
    if (n > max) {
      throw new RegistryDecodeException(
          min == max ? Code.WRONG_SHAPE : Code.LIMIT_EXCEEDED,
          what + " has " + n + " items, at most " + max + " allowed");
    }
    if (n < min) {
      throw new RegistryDecodeException(
          Code.WRONG_SHAPE, what + " has " + n + " items, at least " + min + " needed");
    }
    return ac.items();
  }

  String text(Ari value, String what) throws RegistryDecodeException {
    if (!(value instanceof TextLiteral t) || t.isTyped()) {
      throw new RegistryDecodeException(Code.WRONG_SHAPE, what + " is not an untyped text");
    }
    if (t.value().length() > limits.maxTextLength()) {
      throw new RegistryDecodeException(
          Code.LIMIT_EXCEEDED, what + " is longer than " + limits.maxTextLength() + " characters");
    }
    return t.value();
  }

  long uint(Ari value, String what) throws RegistryDecodeException {
    if (!(value instanceof IntLiteral i) || i.isTyped()) {
      throw new RegistryDecodeException(Code.WRONG_SHAPE, what + " is not an untyped integer");
    }
    if (i.negative() || !i.fitsLong()) {
      throw new RegistryDecodeException(
          Code.INVALID_VALUE, what + " is out of range: " + i.toDecimalString());
    }
    return i.longValue();
  }

  Eid eid(Ari value, String what) throws RegistryDecodeException {
    String s = text(value, what);
    try {
      return Eid.of(s);
    } catch (IllegalArgumentException e) {
      throw new RegistryDecodeException(Code.INVALID_VALUE, what + ": " + e.getMessage(), e);
    }
  }

  private static TimeLiteral time(Ari value, AriType type, String what)
      throws RegistryDecodeException {
    if (!(value instanceof TimeLiteral t) || t.type() != type) {
      throw new RegistryDecodeException(Code.WRONG_SHAPE, what + " is not a " + type);
    }
    return t;
  }
}
