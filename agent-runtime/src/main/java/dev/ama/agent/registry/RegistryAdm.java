package dev.ama.agent.registry;

import dev.ama.agent.Adm;
import dev.ama.agent.Agent;
import dev.ama.agent.ExecutionException;
import dev.ama.model.adm.AmaModels;
import dev.ama.model.adm.ModelIds;
import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.AmLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriId;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.BoolLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.Params;
import dev.ama.model.ari.Report;
import dev.ama.model.ari.TblLiteral;
import dev.ama.model.ari.TextLiteral;
import dev.ama.model.ari.TimeLiteral;
import dev.ama.transport.Eid;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry ADM {@code //ama/ama-registry/} over one {@link RegistryCenter}, and the two ends of
 * the sync between centers: its CTRLs send registry values to peers as reports through the agent's
 * report path ({@link Agent#report}), and {@link #onReport} hands the registry reports that arrive
 * from peers to the center (and answers them the same way). docs/registry.md lists every object.
 *
 * <p>Build the {@link #adm()} into the agent, then {@link #bind} the built agent. No lock of the
 * center is held while the agent's is taken, so a rule (agent lock, then center) and an arriving
 * report (center, released, then agent) never wait on each other.
 */
public final class RegistryAdm {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryAdm.class);

  /** The model's identifiers. */
  public static final ModelIds IDS = AmaModels.AMA_REGISTRY;

  /** The most rows the {@code records} EDD gives without a limit. */
  static final int DEFAULT_RECORDS = 100;

  private final RegistryCenter center;
  private final RegistryEncoder encoder = new RegistryEncoder();
  private final RegistryDecoder decoder;
  private final AtomicReference<Agent> agent = new AtomicReference<>();
  private final Adm adm;

  /** The ADM over {@code center}, decoding what peers send within {@code limits}. */
  public RegistryAdm(RegistryCenter center, RegistryLimits limits) {
    this.center = Objects.requireNonNull(center, "center");
    this.decoder = new RegistryDecoder(Objects.requireNonNull(limits, "limits"));
    this.adm = buildAdm();
  }

  /** The ADM over {@code center} with the default limits. */
  public RegistryAdm(RegistryCenter center) {
    this(center, RegistryLimits.DEFAULTS);
  }

  /** The ADM to host in the agent. */
  public Adm adm() {
    return adm;
  }

  /** The center. */
  public RegistryCenter center() {
    return center;
  }

  /** The agent that hosts the ADM and sends its reports; call once, after building it. */
  public void bind(Agent hosting) {
    if (!agent.compareAndSet(null, Objects.requireNonNull(hosting, "agent"))) {
      throw new IllegalStateException("the registry ADM is bound already");
    }
  }

  /** A reference to one object of the model, by name, with positional parameters if any. */
  public static ObjectRef ref(AriType type, String name, Ari... params) {
    ObjectRef r = ObjectRef.of(IDS.org(), IDS.model(), type, name);
    return params.length == 0 ? r : r.withParams(new Params.Positional(List.of(params)));
  }

  /** True when the report's source is an object of the registry model: a report between centers. */
  public static boolean isRegistryReport(Report report) {
    return report.source() instanceof ObjectRef r
        && r.org() != null
        && IDS.org().equals(r.org().text())
        && IDS.model().equals(r.model().text());
  }

  // --- sending ---------------------------------------------------------------------------------

  /**
   * Sends {@code peer} its delta (an empty one is a keepalive), source {@code CTRL
   * sync-push(peer)}.
   *
   * @return the records in the delta, or -1 when the access lists withheld the report
   * @throws RegistryException {@code INVALID} when {@code peer} is not a configured peer
   */
  public int push(Eid peer) {
    RegistryDelta d = center.deltaFor(peer);
    boolean sent = send(peer, "sync-push", encoder.encode(d));
    return sent ? d.recordCount() : -1;
  }

  /** Sends {@code peer} this center's knowledge vector as an ack, source {@code CTRL sync-ack}. */
  public boolean ack(Eid peer) {
    checkPeer(peer);
    return send(peer, "sync-ack", encoder.encode(new RegistryAck(center.eid(), center.vector())));
  }

  /**
   * Offers {@code peer} an audit of its copy of this center's view: sends the summary for it (one
   * hash per owner), source {@code CTRL audit(peer)}. The peer asks for the bucket digests of the
   * owners that differ ({@code audit-ask}), this center sends them ({@code audit-digests}), the
   * peer asks for the differing buckets ({@code audit-compare}) and this center sends their records
   * ({@code audit-repair}).
   */
  public boolean audit(Eid peer) {
    return send(peer, "audit", encoder.encode(center.summaryFor(peer)));
  }

  private boolean send(Eid peer, String ctrl, AcLiteral value) {
    Agent a = agent.get();
    if (a == null) {
      throw new IllegalStateException("the registry ADM is not bound to its agent yet");
    }
    return a.report(
        peer.toString(), ref(AriType.CTRL, ctrl, TextLiteral.of(peer.toString())), List.of(value));
  }

  // --- receiving -------------------------------------------------------------------------------

  /**
   * One registry report from the peer center {@code from} (the bundle's source): a delta is applied
   * and acknowledged, an ack recorded, an audit summary answered with a digest request (for the
   * owners worth it), a digest request with bucket digests, bucket digests with a bucket request, a
   * bucket request with the buckets' records, repair records applied. Applying twice is harmless
   * (versions only move forward), so redelivery after a crash needs no cursor.
   *
   * @throws RegistryDecodeException when the item is not the value the source announces
   * @throws RegistryException {@code INVALID} when the sender is not a configured peer, the value
   *     names another sender, or the source is no object that carries registry values
   */
  public void onReport(Eid from, Report report) throws RegistryDecodeException {
    if (!isRegistryReport(report)) {
      throw new RegistryException(
          RegistryException.Code.INVALID, "not a registry report: " + report.source());
    }
    ObjectRef src = (ObjectRef) report.source();
    String name = objectName(src);
    if (report.items().size() != 1) {
      throw new RegistryException(
          RegistryException.Code.INVALID,
          "a registry report carries one value, not " + report.items().size());
    }
    Ari item = report.items().get(0);
    checkPeer(from);
    switch (name == null ? "" : name) {
      case "sync-push" -> {
        // The ack apply returns: the delta's owners and what changed, not the whole vector.
        RegistryAck ack = center.apply(from, decoder.delta(item));
        send(from, "sync-ack", encoder.encode(ack));
      }
      case "sync-ack" -> center.acknowledge(from, decoder.ack(item));
      case "audit" -> {
        RegistrySummary summary = decoder.summary(item);
        sameSender(from, summary.from());
        DigestRequest ask = center.compare(from, summary);
        if (!ask.isEmpty()) {
          send(from, "audit-ask", encoder.encode(ask));
        }
      }
      case "audit-ask" -> {
        DigestRequest ask = decoder.digestRequest(item);
        sameSender(from, ask.from());
        send(from, "audit-digests", encoder.encode(center.digestsFor(from, ask)));
      }
      case "audit-digests" -> {
        RegistryDigests digests = decoder.digests(item);
        sameSender(from, digests.from());
        BucketRequest request = center.compare(from, digests);
        if (!request.isEmpty()) {
          send(from, "audit-compare", encoder.encode(request));
        }
      }
      case "audit-compare" -> {
        BucketRequest request = decoder.bucketRequest(item);
        sameSender(from, request.from());
        for (RegistryDelta repair : center.repairFor(from, request)) {
          send(from, "audit-repair", encoder.encode(repair));
        }
      }
      case "audit-repair" -> center.apply(from, decoder.delta(item));
      default ->
          throw new RegistryException(
              RegistryException.Code.INVALID,
              "registry object " + name + " does not carry values between centers");
    }
  }

  private static String objectName(ObjectRef r) {
    AriId o = r.object();
    if (o.text() != null) {
      return o.text();
    }
    return IDS.nameOf(r.objectType(), o.number()).orElse(null);
  }

  private static void sameSender(Eid from, Eid named) {
    if (!named.equals(from)) {
      throw new RegistryException(
          RegistryException.Code.INVALID, "a registry value from " + from + " names " + named);
    }
  }

  private void checkPeer(Eid peer) {
    if (!center.peers().containsKey(peer)) {
      throw new RegistryException(
          RegistryException.Code.INVALID, peer + " is not a peer of " + center.eid());
    }
  }

  // --- the ADM ---------------------------------------------------------------------------------

  private Adm buildAdm() {
    Adm.Builder b = Adm.builder(IDS);
    b.ctrl("sync-push", (ctx, p) -> uvast(run(() -> requireSent(push(peer(p, 0))))));
    b.ctrl(
        "sync-ack",
        (ctx, p) -> {
          Eid peer = peer(p, 0);
          run(() -> requireSent(ack(peer) ? 0 : -1));
          return null;
        });
    b.ctrl(
        "audit",
        (ctx, p) -> {
          Eid peer = peer(p, 0);
          run(() -> requireSent(audit(peer) ? 0 : -1));
          return null;
        });
    b.ctrl(
        "audit-ask",
        (ctx, p) -> {
          RegistrySummary summary = decode(() -> decoder.summary(param(p, 0)));
          DigestRequest ask = run(() -> center.compare(summary.from(), summary));
          if (!ask.isEmpty()) {
            run(() -> requireSent(send(summary.from(), "audit-ask", encoder.encode(ask)) ? 0 : -1));
          }
          return uvast(ask.owners().size());
        });
    b.ctrl(
        "audit-digests",
        (ctx, p) -> {
          DigestRequest ask = decode(() -> decoder.digestRequest(param(p, 0)));
          RegistryDigests digests = run(() -> center.digestsFor(ask.from(), ask));
          run(
              () ->
                  requireSent(send(ask.from(), "audit-digests", encoder.encode(digests)) ? 0 : -1));
          long buckets = 0;
          for (RegistryDigests.OwnerDigests o : digests.owners()) {
            buckets += o.buckets().size();
          }
          return uvast(buckets);
        });
    b.ctrl(
        "audit-compare",
        (ctx, p) -> {
          RegistryDigests digests = decode(() -> decoder.digests(param(p, 0)));
          BucketRequest request = run(() -> center.compare(digests.from(), digests));
          if (!request.isEmpty()) {
            run(
                () ->
                    requireSent(
                        send(digests.from(), "audit-compare", encoder.encode(request)) ? 0 : -1));
          }
          return uvast(request.bucketCount());
        });
    b.ctrl(
        "audit-repair",
        (ctx, p) -> {
          BucketRequest request = decode(() -> decoder.bucketRequest(param(p, 0)));
          List<RegistryDelta> repairs = run(() -> center.repairFor(request.from(), request));
          long records = 0;
          for (RegistryDelta repair : repairs) {
            run(
                () ->
                    requireSent(
                        send(request.from(), "audit-repair", encoder.encode(repair)) ? 0 : -1));
            records += repair.recordCount();
          }
          return uvast(records);
        });
    b.ctrl(
        "takeover",
        (ctx, p) -> {
          Eid home = eid(param(p, 0));
          return uvast(run(() -> center.takeOver(home)));
        });
    b.ctrl(
        "set-retention",
        (ctx, p) -> {
          if (!(param(p, 0) instanceof TimeLiteral t) || t.type() != AriType.TD) {
            throw new ExecutionException(
                ExecutionException.Code.TYPE_MISMATCH, "set-retention takes a TD");
          }
          try {
            center.setRetention(t.toDuration());
          } catch (IllegalArgumentException e) {
            throw new ExecutionException(ExecutionException.Code.BAD_PARAMETERS, e.getMessage());
          }
          return null;
        });
    b.ctrl(
        "maintain",
        (ctx, p) -> {
          RegistryCenter.Maintenance m = center.maintain();
          return AcLiteral.of(
              uvast(m.expired()),
              uvast(m.retired()),
              uvast(m.purged()),
              uvast(m.takenOver()),
              BoolLiteral.typed(m.guardHeld()));
        });
    b.ctrl(
        "resend",
        (ctx, p) -> {
          Eid peer = peer(p, 0);
          run(
              () -> {
                center.resend(peer);
                return 0;
              });
          return null;
        });
    b.ctrl(
        "release-guard",
        (ctx, p) -> {
          center.releaseGuard();
          return null;
        });
    b.edd("num-online", p -> uvast(total(RegistryStatus.ONLINE)));
    b.edd("num-offline", p -> uvast(total(RegistryStatus.OFFLINE)));
    b.edd("num-unknown", p -> uvast(total(RegistryStatus.UNKNOWN)));
    b.edd("counts-by-owner", p -> countsByOwner());
    // This center's own share: managers sum it across domains without counting replicas twice.
    b.edd("own-online", p -> uvast(center.ownCounts().getOrDefault(RegistryStatus.ONLINE, 0L)));
    b.edd("pending", p -> eddOf(p, peer -> uvast(center.pendingFor(peer))));
    b.edd("delta", p -> eddOf(p, peer -> encoder.encode(center.peekDelta(peer))));
    b.edd("unsent", p -> eddOf(p, peer -> uvast(center.unsentFor(peer))));
    b.edd("digests", p -> eddOf(p, peer -> encoder.encode(center.digestsFor(peer))));
    b.edd("summary", p -> eddOf(p, peer -> encoder.encode(center.summaryFor(peer))));
    b.edd("vector", p -> vector());
    b.edd("conflicts", p -> conflicts());
    b.edd("guard-held", p -> BoolLiteral.typed(center.guardHeld()));
    b.edd("taken-over", p -> uvast(center.takenOver()));
    b.edd("records", this::records);
    b.edd("retention", p -> TimeLiteral.td(center.retention()));
    return b.build();
  }

  private long total(RegistryStatus status) {
    long n = 0;
    for (Map<RegistryStatus, Long> byStatus : center.counts().values()) {
      n += byStatus.getOrDefault(status, 0L);
    }
    return n;
  }

  private Ari countsByOwner() {
    List<List<Ari>> rows = new ArrayList<>();
    for (Map.Entry<Eid, Map<RegistryStatus, Long>> e : center.counts().entrySet()) {
      Map<RegistryStatus, Long> c = e.getValue();
      rows.add(
          List.of(
              TextLiteral.of(e.getKey().toString()),
              uvast(c.getOrDefault(RegistryStatus.ONLINE, 0L)),
              uvast(c.getOrDefault(RegistryStatus.OFFLINE, 0L)),
              uvast(c.getOrDefault(RegistryStatus.UNKNOWN, 0L))));
    }
    return TblLiteral.ofRows(4, rows);
  }

  private Ari vector() {
    Map<Ari, Ari> m = new LinkedHashMap<>();
    for (Map.Entry<Eid, Long> e : center.vector().entrySet()) {
      m.put(TextLiteral.of(e.getKey().toString()), uvast(e.getValue()));
    }
    return new AmLiteral(m);
  }

  private Ari conflicts() {
    List<List<Ari>> rows = new ArrayList<>();
    for (Conflict c : center.conflicts()) {
      rows.add(
          List.of(
              TextLiteral.of(c.agentId()),
              TextLiteral.of(c.winner().toString()),
              TextLiteral.of(c.loser().toString()),
              TimeLiteral.tp(c.detected())));
    }
    return TblLiteral.ofRows(4, rows);
  }

  private Ari records(List<Ari> p) {
    long offset = 0;
    long limit = DEFAULT_RECORDS;
    if (p.size() > 2) {
      return Ari.UNDEFINED;
    }
    if (!p.isEmpty()) {
      if (!(p.get(0) instanceof IntLiteral o) || o.negative() || !o.fitsLong()) {
        return Ari.UNDEFINED;
      }
      offset = o.longValue();
    }
    if (p.size() == 2) {
      if (!(p.get(1) instanceof IntLiteral l) || l.negative() || !l.fitsLong()) {
        return Ari.UNDEFINED;
      }
      limit = l.longValue();
    }
    List<List<Ari>> rows = new ArrayList<>();
    for (RegistryRecord r :
        center.records((int) Math.min(offset, Integer.MAX_VALUE), (int) Math.min(limit, 10_000))) {
      rows.add(
          List.of(
              TextLiteral.of(r.agentId()),
              TextLiteral.of(r.name()),
              TextLiteral.of(r.home().toString()),
              TextLiteral.of(r.status().name().toLowerCase(java.util.Locale.ROOT)),
              TimeLiteral.tp(r.lastSeen()),
              uvast(r.version().counter()),
              BoolLiteral.typed(r.tombstone())));
    }
    return TblLiteral.ofRows(7, rows);
  }

  // --- parameters ------------------------------------------------------------------------------

  private interface PeerValue {
    Ari of(Eid peer);
  }

  private Ari eddOf(List<Ari> p, PeerValue f) {
    if (p.size() != 1 || !(p.get(0) instanceof TextLiteral t)) {
      return Ari.UNDEFINED;
    }
    try {
      Eid peer = Eid.of(t.value());
      if (!center.peers().containsKey(peer)) {
        return Ari.UNDEFINED;
      }
      return f.of(peer);
    } catch (IllegalArgumentException e) {
      return Ari.UNDEFINED;
    }
  }

  private static Ari param(List<Ari> p, int i) throws ExecutionException {
    if (p.size() <= i) {
      throw new ExecutionException(
          ExecutionException.Code.BAD_PARAMETERS, "parameter " + i + " is missing");
    }
    return p.get(i);
  }

  private static Eid eid(Ari a) throws ExecutionException {
    if (!(a instanceof TextLiteral t)) {
      throw new ExecutionException(
          ExecutionException.Code.TYPE_MISMATCH, "an EID is text, not " + a);
    }
    try {
      return Eid.of(t.value());
    } catch (IllegalArgumentException e) {
      throw new ExecutionException(ExecutionException.Code.BAD_PARAMETERS, e.getMessage());
    }
  }

  private Eid peer(List<Ari> p, int i) throws ExecutionException {
    Eid peer = eid(param(p, i));
    if (!center.peers().containsKey(peer)) {
      throw new ExecutionException(
          ExecutionException.Code.BAD_PARAMETERS, peer + " is not a peer of " + center.eid());
    }
    return peer;
  }

  private interface Action<T> {
    T run() throws ExecutionException;
  }

  private interface Decoding<T> {
    T run() throws RegistryDecodeException, ExecutionException;
  }

  /** Runs a center operation; its typed refusal becomes the control's failure. */
  private static <T> T run(Action<T> a) throws ExecutionException {
    try {
      return a.run();
    } catch (RegistryException e) {
      throw new ExecutionException(ExecutionException.Code.BAD_PARAMETERS, e.getMessage());
    }
  }

  private static <T> T decode(Decoding<T> d) throws ExecutionException {
    try {
      return d.run();
    } catch (RegistryDecodeException e) {
      throw new ExecutionException(ExecutionException.Code.TYPE_MISMATCH, e.getMessage());
    }
  }

  private static int requireSent(int result) throws ExecutionException {
    if (result < 0) {
      throw new ExecutionException(
          ExecutionException.Code.ACCESS_DENIED, "the access lists withhold the registry report");
    }
    return result;
  }

  private static IntLiteral uvast(long n) {
    return IntLiteral.of(AriType.UVAST, n);
  }

  /** Logs a registry report that could not be handled; for the node's inbox. */
  public static void logRefused(String from, Report report, Exception e) {
    LOG.warn("registry report {} from {} refused: {}", report.source(), from, e.getMessage());
  }
}
