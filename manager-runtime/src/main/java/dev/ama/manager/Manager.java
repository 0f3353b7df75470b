package dev.ama.manager;

import dev.ama.grammar.ari.AriTextDecoder;
import dev.ama.grammar.lang.Compilation;
import dev.ama.grammar.lang.Definition;
import dev.ama.grammar.lang.LangCompiler;
import dev.ama.grammar.lang.LangException;
import dev.ama.manager.internal.EidGlob;
import dev.ama.manager.internal.FusionCodec;
import dev.ama.manager.internal.FusionEngine;
import dev.ama.manager.internal.HelloParser;
import dev.ama.manager.reports.Expectation;
import dev.ama.manager.reports.H2ReportStore;
import dev.ama.manager.reports.ReceivedRptSet;
import dev.ama.manager.reports.ReportQuery;
import dev.ama.manager.reports.ReportStore;
import dev.ama.manager.reports.ReportStoreException;
import dev.ama.manager.reports.Staleness;
import dev.ama.manager.reports.StoredReport;
import dev.ama.manager.reports.internal.Times;
import dev.ama.manager.store.AgentHello;
import dev.ama.manager.store.H2ManagerStore;
import dev.ama.manager.store.ManagerStore;
import dev.ama.manager.store.ManagerStoreException;
import dev.ama.manager.store.SentExecSet;
import dev.ama.model.adm.AmaModels;
import dev.ama.model.adm.ModelIds;
import dev.ama.model.adm.Nicknames;
import dev.ama.model.amp.AmpMessage;
import dev.ama.model.amp.AmpMessageDecoder;
import dev.ama.model.amp.AmpMessageEncoder;
import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriDecodeException;
import dev.ama.model.ari.AriId;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.ExecSetLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.NamespaceRef;
import dev.ama.model.ari.NullLiteral;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.Report;
import dev.ama.model.ari.RptSetLiteral;
import dev.ama.model.ari.TimeLiteral;
import dev.ama.model.ari.cbor.CborLimits;
import dev.ama.model.ari.text.AriTextEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Manager role: sends EXECSETs compiled from the operator language (or given as ARI text) to
 * agents, keeps every report that comes back, knows its agents (when each was heard, which models
 * its hello listed, whether it is late), remembers what it defined on each agent so later sends can
 * name it, and fuses reports of many agents into new ones for other managers.
 *
 * <p>Build with {@link #builder()}, then {@link #start()}. Thread-safe: received messages are
 * applied one at a time, sends one at a time; queries run beside both. docs/manager.md describes
 * the behaviour and the choices made where the standard is silent.
 */
public final class Manager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Manager.class);
  private static final Duration DEFAULT_MARGIN = Duration.ofSeconds(30);
  private static final String DEFAULT_FILE = "<input>";

  private final String eid;
  private final ReportStore reports;
  private final ManagerStore state;
  private final Clock clock;
  private final MessageSender sender;
  private final NamespaceRef namespace;
  private final List<ModelIds> models;
  private final List<FusionDefinition> configuredFusions;
  private final Duration stalenessMargin;
  private final Nicknames nicknames;
  private final AmpMessageDecoder decoder;
  private final AmpMessageEncoder encoder = new AmpMessageEncoder();
  private final AriTextEncoder text = new AriTextEncoder();
  private final FusionEngine fusion;

  private final ReentrantLock receiveLock = new ReentrantLock();
  private final ReentrantLock sendLock = new ReentrantLock();
  private final AtomicLong messagesReceived = new AtomicLong();
  private final AtomicLong messagesRejected = new AtomicLong();
  private final AtomicLong reportsStored = new AtomicLong();
  private final AtomicLong execSetsSent = new AtomicLong();
  private final AtomicLong sendFailures = new AtomicLong();
  private final AtomicLong fusedReportsSent = new AtomicLong();
  private volatile long appliedUpTo = -1;
  private volatile boolean started;
  private volatile boolean closed;

  private Manager(Builder b, ReportStore reports, ManagerStore state, Nicknames nicknames) {
    this.eid = b.eid;
    this.reports = reports;
    this.state = state;
    this.clock = b.clock;
    this.sender = b.sender;
    this.namespace = b.parsedNamespace;
    this.models = List.copyOf(b.models);
    this.configuredFusions = List.copyOf(b.fusions);
    this.stalenessMargin = b.stalenessMargin;
    this.nicknames = nicknames;
    this.decoder = new AmpMessageDecoder(b.limits);
    this.fusion = new FusionEngine(nicknames);
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** This Manager's endpoint ID. */
  public String eid() {
    return eid;
  }

  /** The ODM its definitions go into, e.g. {@code //ama/!m-ipn-1-1/}. */
  public NamespaceRef namespace() {
    return namespace;
  }

  /** The clock it runs on. */
  public Clock clock() {
    return clock;
  }

  /**
   * Loads the persisted state: the delivery cursor, the fusion definitions (those given to the
   * builder replace persisted ones of the same name, and are persisted), and each fusion's latest
   * input values from the report store.
   *
   * @throws IllegalStateException when called twice or after {@link #close()}
   * @throws dev.ama.manager.reports.ReportStoreException or {@link ManagerStoreException} (both
   *     unchecked, with a code) when a store fails
   */
  public void start() {
    if (started || closed) {
      throw new IllegalStateException("the manager " + eid + " is already started or closed");
    }
    appliedUpTo = reports.appliedUpTo();
    Map<String, FusionDefinition> all = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : state.fusions().entrySet()) {
      try {
        all.put(e.getKey(), FusionCodec.fromJson(e.getValue()));
      } catch (IllegalArgumentException bad) {
        LOG.warn(
            "manager {}: persisted fusion {} is refused and left out: {}",
            eid,
            e.getKey(),
            bad.getMessage());
      }
    }
    for (FusionDefinition d : configuredFusions) {
      all.put(d.name(), d);
      state.putFusion(d.name(), FusionCodec.toJson(d));
    }
    for (FusionDefinition d : all.values()) {
      fusion.put(d);
      warm(d);
    }
    started = true;
    LOG.info(
        "manager {} started: namespace {}, {} fusions, applied up to delivery {}",
        eid,
        text.encode(namespace),
        fusion.size(),
        appliedUpTo);
  }

  /** Feeds a fusion the stored reports of its inputs (within its window). */
  private void warm(FusionDefinition d) {
    Instant now = clock.instant();
    Instant from = d.window().map(now::minus).orElse(null);
    for (FusionDefinition.Input in : d.inputs()) {
      for (String source : fusion.sourceForms(in.source())) {
        ReportQuery q =
            ReportQuery.all()
                .withSource(source)
                .withTimeRange(from, null)
                .withLimit(ReportQuery.MAX_LIMIT);
        if (!in.isGlob()) {
          q = q.withAgent(in.agent());
        }
        for (StoredReport r : reports.query(q)) {
          fusion.offer(r.agent(), r.source(), r.referenceTime(), r.items());
        }
      }
    }
  }

  // ---- receiving ----

  /**
   * An AMP message from {@code from} (RPTSETs). Never throws for bad input: a message that does not
   * decode, or holds a report too large to store, is counted as rejected and logged (WARN, naming
   * the sender), and nothing of it is stored. EXECSETs in it are logged and ignored: a Manager does
   * not execute.
   */
  public void onMessage(String from, byte[] ampMessage) {
    receive(from, ampMessage, -1);
  }

  /**
   * As {@link #onMessage(String, byte[])}, and records {@code deliverySequence} in the same H2
   * transaction as the reports: a sequence at or below {@link #appliedUpTo()} was applied before
   * and is skipped, so with a transport's application-cursor mode no report is stored twice, even
   * after a kill -9. A rejected message's sequence is recorded too (it will not get better).
   */
  public void onMessage(String from, byte[] ampMessage, long deliverySequence) {
    if (deliverySequence < 0) {
      throw new IllegalArgumentException(
          "a delivery sequence is not negative: " + deliverySequence);
    }
    receive(from, ampMessage, deliverySequence);
  }

  /**
   * The last delivery sequence whose reports are committed (-1 if none: delivery sequences start at
   * 0): give it to the transport. Read from the store until {@link #start()}, so that a node can
   * build its transport (which needs the cursor) before it starts the manager (which may send).
   */
  public long appliedUpTo() {
    return started ? appliedUpTo : reports.appliedUpTo();
  }

  private void receive(String from, byte[] message, long sequence) {
    checkStarted();
    receiveLock.lock();
    try {
      messagesReceived.incrementAndGet();
      if (sequence >= 0 && sequence <= appliedUpTo) {
        LOG.debug(
            "manager {}: delivery {} from {} was applied before; skipped", eid, sequence, from);
        return;
      }
      Instant arrival = clock.instant();
      if (from == null || from.isBlank()) {
        reject(from, sequence, "the sender is unknown");
        return;
      }
      AmpMessage decoded;
      try {
        decoded = decoder.decode(message == null ? new byte[0] : message);
      } catch (AriDecodeException e) {
        reject(
            from,
            sequence,
            "malformed AMP message of " + lengthOf(message) + " bytes: " + e.getMessage());
        return;
      }
      List<RptSetLiteral> sets = new ArrayList<>();
      for (Ari item : decoded.items()) {
        if (item instanceof RptSetLiteral r) {
          sets.add(r);
        } else {
          LOG.warn(
              "manager {}: an EXECSET from {} is ignored; a Manager does not execute: {}",
              eid,
              from,
              text.encode(item));
        }
      }
      noteHellos(from, sets);
      List<ReceivedRptSet> received =
          sets.stream().map(s -> new ReceivedRptSet(from, s, arrival)).collect(Collectors.toList());
      int stored;
      try {
        stored =
            sequence >= 0 ? reports.ingestAll(received, sequence) : reports.ingestAll(received);
      } catch (ReportStoreException e) {
        if (e.code() == ReportStoreException.Code.INVALID_ARGUMENT) {
          reject(from, sequence, e.getMessage());
        } else {
          // The store failed: nothing is recorded, so the transport will offer it again.
          messagesRejected.incrementAndGet();
          LOG.error("manager {}: cannot store a message from {}: {}", eid, from, e.getMessage());
        }
        return;
      }
      if (sequence >= 0) {
        appliedUpTo = sequence;
      }
      reportsStored.addAndGet(stored);
      fuse(from, sets);
    } finally {
      receiveLock.unlock();
    }
  }

  private static int lengthOf(byte[] message) {
    return message == null ? 0 : message.length;
  }

  /**
   * Counts and logs a message that is not stored; records its sequence so it is not offered again.
   */
  private void reject(String from, long sequence, String why) {
    messagesRejected.incrementAndGet();
    LOG.warn("manager {}: message from {} rejected, nothing stored: {}", eid, from, why);
    if (sequence >= 0) {
      try {
        reports.ingestAll(List.of(), sequence);
        appliedUpTo = sequence;
      } catch (ReportStoreException e) {
        LOG.error("manager {}: cannot record delivery {}: {}", eid, sequence, e.getMessage());
      }
    }
  }

  /** Keeps what hello reports say; idempotent, so it may run before the reports are stored. */
  private void noteHellos(String from, List<RptSetLiteral> sets) {
    for (RptSetLiteral set : sets) {
      for (Report r : set.reports()) {
        Optional<AgentHello> hello =
            HelloParser.parse(
                from,
                Times.instant(Times.absolute(set.referenceTime(), r.relativeTime())),
                r,
                nicknames);
        if (hello.isPresent()) {
          try {
            if (state.putHello(hello.get())) {
              LOG.info(
                  "manager {}: agent {} says hello: {} {}, models {}",
                  eid,
                  from,
                  hello.get().swVendor(),
                  hello.get().swVersion(),
                  hello.get().models());
            }
          } catch (ManagerStoreException e) {
            LOG.error("manager {}: cannot keep the hello of {}: {}", eid, from, e.getMessage());
          }
        }
      }
    }
  }

  // ---- fusion ----

  private void fuse(String from, List<RptSetLiteral> sets) {
    if (fusion.size() == 0) {
      return;
    }
    Set<String> fed = new LinkedHashSet<>();
    for (RptSetLiteral set : sets) {
      for (Report r : set.reports()) {
        Instant time = Times.instant(Times.absolute(set.referenceTime(), r.relativeTime()));
        fed.addAll(fusion.offer(from, r.source(), time, r.items()));
        // A report built from a template (PROD(1s, EDD1) reports /AC/(EDD1)) also feeds the
        // inputs that name one of the template's objects, with that object's item.
        if (r.source() instanceof AcLiteral template) {
          List<Ari> parts = template.items();
          for (int k = 0; k < parts.size() && k < r.items().size(); k++) {
            if (parts.get(k) instanceof ObjectRef part) {
              fed.addAll(fusion.offer(from, part, time, List.of(r.items().get(k))));
            }
          }
        }
      }
    }
    for (String name : fed) {
      produce(name);
    }
  }

  /**
   * Computes one fusion now and, when it has a value, stores it and sends it to its destinations.
   */
  private void produce(String name) {
    Optional<FusionDefinition> def = fusion.get(name);
    Instant now = clock.instant();
    Optional<Ari> value = fusion.compute(name, now);
    if (def.isEmpty() || value.isEmpty()) {
      return;
    }
    RptSetLiteral set =
        new RptSetLiteral(
            NullLiteral.UNTYPED,
            TimeLiteral.tp(now),
            List.of(new Report(TimeLiteral.td(0, 0), fusedSource(name), List.of(value.get()))));
    try {
      reports.ingest(eid, set, now);
    } catch (ReportStoreException e) {
      LOG.error("manager {}: cannot store fused report {}: {}", eid, name, e.getMessage());
    }
    byte[] bytes = encoder.encode(AmpMessage.of(set));
    for (String dest : def.get().destinations()) {
      if (!def.get().allows(dest)) {
        LOG.error("manager {}: fused report {} withheld from {}: not in its ACL", eid, name, dest);
        continue;
      }
      try {
        sender.send(dest, bytes);
        fusedReportsSent.incrementAndGet();
      } catch (Exception e) {
        sendFailures.incrementAndGet();
        LOG.warn("manager {}: fused report {} to {} refused: {}", eid, name, dest, e.toString());
      }
    }
  }

  /** The source of a fusion's reports: the fused VAR in this Manager's namespace. */
  public ObjectRef fusedSource(String fusionName) {
    return new ObjectRef(
        namespace.org(), namespace.model(), null, AriType.VAR, AriId.of(fusionName), null);
  }

  /**
   * Puts a fusion in force (replacing one of the same name), persistently, and feeds it the stored
   * reports of its inputs. Its ACL was checked when it was built.
   *
   * @throws ManagerException {@link ManagerException.Code#STORE_FAILURE} when it cannot be kept
   */
  public void addFusion(FusionDefinition definition) throws ManagerException {
    checkStarted();
    receiveLock.lock();
    try {
      state.putFusion(definition.name(), FusionCodec.toJson(definition));
      fusion.put(definition);
      warm(definition);
      LOG.info("manager {}: {} in force", eid, definition);
    } catch (ReportStoreException | ManagerStoreException e) {
      throw storeFailure("add fusion " + definition.name(), e);
    } finally {
      receiveLock.unlock();
    }
  }

  /**
   * Takes a fusion out of force, persistently.
   *
   * @throws ManagerException {@link ManagerException.Code#INVALID_FUSION} when there is none of
   *     that name
   */
  public void removeFusion(String name) throws ManagerException {
    checkStarted();
    receiveLock.lock();
    try {
      boolean known = fusion.remove(name);
      boolean kept = state.removeFusion(name);
      if (!known && !kept) {
        throw new ManagerException(ManagerException.Code.INVALID_FUSION, "no fusion named " + name);
      }
    } catch (ManagerStoreException e) {
      throw storeFailure("remove fusion " + name, e);
    } finally {
      receiveLock.unlock();
    }
  }

  /** The fusions in force. */
  public List<FusionDefinition> fusions() {
    return fusion.all();
  }

  // ---- sending ----

  /** As {@link #send(String, String, String)}, with {@code <input>} as the file name. */
  public SendResult send(String agent, String text) throws ManagerException {
    return send(agent, text, DEFAULT_FILE);
  }

  /**
   * Compiles {@code text} and sends one AMP message per EXECSET to {@code agent}, each with a fresh
   * nonce (never reused: a persisted counter). The text is the operator language, or ARI text when
   * it starts with {@code ari:}: one EXECSET (its nonce is replaced) or one CTRL or macro reference
   * (wrapped in an EXECSET). Short names may name what earlier sends defined on the same agent; new
   * definitions continue their enums. Rule reports go to this Manager unless the text says
   * otherwise. What was sent, and what it defined, is recorded before it is sent.
   *
   * @param file the name diagnostics give the text
   * @throws ManagerException {@code INVALID_AGENT}, {@code COMPILE} (with every diagnostic), {@code
   *     STORE_FAILURE} (nothing sent), {@code SEND_FAILED} (the sender refused at least one; the
   *     others went)
   */
  public SendResult send(String agent, String text, String file) throws ManagerException {
    checkStarted();
    if (agent == null || !EidGlob.isEid(agent)) {
      throw new ManagerException(
          ManagerException.Code.INVALID_AGENT,
          "not an agent endpoint ID (ipn:N.N or dtn:…): " + agent);
    }
    if (text == null || text.isBlank()) {
      throw new ManagerException(ManagerException.Code.INVALID_ARGUMENT, "nothing to send");
    }
    String fileName = file == null || file.isBlank() ? DEFAULT_FILE : file;
    sendLock.lock();
    try {
      List<ExecSetLiteral> execSets;
      List<Definition> defined;
      if (text.strip().startsWith("ari:")) {
        execSets = List.of(execSetOf(text.strip(), fileName));
        defined = List.of();
      } else {
        Compilation c = compile(agent, text, fileName);
        execSets = c.execSets();
        defined = c.definitions();
      }
      if (execSets.isEmpty()) {
        throw new ManagerException(
            ManagerException.Code.COMPILE,
            "nothing to send: the text has no statement that asks the agent to do something",
            List.of(fileName + ":1:1: no statement to send (only declarations)"),
            null);
      }
      List<SentExecSet> records;
      try {
        records = state.recordSend(agent, clock.instant(), text, execSets, defined);
      } catch (ManagerStoreException e) {
        throw storeFailure("record a send to " + agent, e);
      }
      List<String> failures = new ArrayList<>();
      for (int i = 0; i < records.size(); i++) {
        SentExecSet r = records.get(i);
        ExecSetLiteral es = new ExecSetLiteral(IntLiteral.of(r.nonce()), execSets.get(i).targets());
        try {
          sender.send(agent, encoder.encode(AmpMessage.of(es)));
          execSetsSent.incrementAndGet();
        } catch (Exception e) {
          sendFailures.incrementAndGet();
          String why = e.getMessage() == null ? e.toString() : e.getMessage();
          failures.add("nonce " + r.nonce() + ": " + why);
          LOG.warn("manager {}: EXECSET {} to {} refused: {}", eid, r.nonce(), agent, why);
          try {
            state.markFailed(r.nonce(), why);
          } catch (ManagerStoreException m) {
            LOG.error("manager {}: cannot record the failure of nonce {}", eid, r.nonce(), m);
          }
        }
      }
      if (!failures.isEmpty()) {
        throw new ManagerException(
            ManagerException.Code.SEND_FAILED,
            failures.size() + " of " + records.size() + " EXECSETs to " + agent + " were refused",
            failures,
            null);
      }
      LOG.info("manager {}: sent {} EXECSETs to {}", eid, records.size(), agent);
      return new SendResult(
          agent,
          records.stream().map(r -> this.text.encode(IntLiteral.of(r.nonce()))).toList(),
          records.stream().map(SentExecSet::execSet).toList());
    } finally {
      sendLock.unlock();
    }
  }

  private Compilation compile(String agent, String source, String file) throws ManagerException {
    LangCompiler.Builder b = LangCompiler.builder().namespace(namespace).reportTo(eid);
    models.forEach(b::model);
    try {
      b.defined(state.definitions(agent));
    } catch (ManagerStoreException e) {
      throw storeFailure("read the definitions on " + agent, e);
    }
    try {
      return b.build().compile(source, file);
    } catch (LangException e) {
      throw new ManagerException(
          ManagerException.Code.COMPILE,
          "the text does not compile: " + e.diagnostics().size() + " problems",
          e.diagnostics().stream().map(Object::toString).toList(),
          e);
    }
  }

  /** ARI text to send: one EXECSET, or one CTRL or macro reference wrapped in one. */
  private static ExecSetLiteral execSetOf(String ari, String file) throws ManagerException {
    Ari value;
    try {
      value = new AriTextDecoder().decode(ari);
    } catch (AriDecodeException e) {
      long col = e.offset() < 0 ? 1 : e.offset() + 1;
      throw new ManagerException(
          ManagerException.Code.COMPILE,
          "the ARI text does not decode",
          List.of(file + ":1:" + col + ": " + e.detail()),
          e);
    }
    if (value instanceof ExecSetLiteral es) {
      return new ExecSetLiteral(NullLiteral.UNTYPED, es.targets());
    }
    if (value instanceof ObjectRef ref
        && (ref.objectType() == AriType.CTRL || ref.objectType() == AriType.CONST)) {
      return new ExecSetLiteral(NullLiteral.UNTYPED, List.of(ref));
    }
    throw new ManagerException(
        ManagerException.Code.COMPILE,
        "ARI text to send is an EXECSET or a CTRL reference",
        List.of(file + ":1:1: expected an EXECSET or a CTRL (or macro) reference, not " + ari),
        null);
  }

  // ---- queries ----

  /**
   * Every agent heard from or sent to (not this Manager itself, whose fused reports the store also
   * holds), by endpoint ID.
   */
  public List<AgentInfo> agents() {
    checkStarted();
    Instant now = clock.instant();
    Map<String, AgentInfo> out = new TreeMap<>();
    Set<String> stale = new HashSet<>();
    for (Staleness s : reports.stale(now, stalenessMargin)) {
      stale.add(s.agent());
    }
    Map<String, AgentHello> hellos = state.hellos();
    for (var a : reports.agents()) {
      out.put(
          a.agent(),
          new AgentInfo(
              a.agent(),
              a.lastHeard(),
              a.reports(),
              modelsOf(hellos, a.agent()),
              stale.contains(a.agent())));
    }
    for (String a : state.agentsSentTo()) {
      out.putIfAbsent(a, new AgentInfo(a, null, 0, modelsOf(hellos, a), stale.contains(a)));
    }
    out.remove(eid);
    return List.copyOf(out.values());
  }

  private static List<String> modelsOf(Map<String, AgentHello> hellos, String agent) {
    AgentHello h = hellos.get(agent);
    return h == null ? List.of() : h.models();
  }

  /** What each agent's latest hello said, by agent. */
  public Map<String, AgentHello> hellos() {
    checkStarted();
    return state.hellos();
  }

  /** The stored reports that match. */
  public List<StoredReport> reports(ReportQuery q) {
    checkStarted();
    return reports.query(q);
  }

  /** Deletes the stored reports that match; how many. */
  public long clearReports(ReportQuery q) {
    checkStarted();
    return reports.clear(q);
  }

  /**
   * The reports that came back with a nonce (the answers to one EXECSET), at most {@code limit}.
   *
   * @param nonce in ARI text, {@code ari:17} or {@code 17}
   * @throws ManagerException {@link ManagerException.Code#INVALID_ARGUMENT} when it is not a nonce
   */
  public List<StoredReport> reportsByNonce(String nonce, int limit) throws ManagerException {
    checkStarted();
    return reports.byNonce(parseNonce(nonce), limit);
  }

  /** The EXECSET sent with this nonce ({@code ari:17} or {@code 17}), if this Manager sent it. */
  public Optional<SentExecSet> sent(String nonce) throws ManagerException {
    checkStarted();
    Ari n = parseNonce(nonce);
    if (n instanceof IntLiteral i && i.fitsLong() && i.longValue() > 0) {
      return state.sent(i.longValue());
    }
    return Optional.empty();
  }

  /** The latest EXECSETs sent to one agent, newest first. */
  public List<SentExecSet> sentTo(String agent, int limit) {
    checkStarted();
    return state.sentTo(agent, limit);
  }

  /** The objects this Manager defined on one agent, in definition order. */
  public List<Definition> definitions(String agent) {
    checkStarted();
    return state.definitions(agent);
  }

  private static Ari parseNonce(String nonce) throws ManagerException {
    if (nonce == null || nonce.isBlank()) {
      throw new ManagerException(ManagerException.Code.INVALID_ARGUMENT, "no nonce given");
    }
    String t = nonce.strip();
    try {
      Ari a = new AriTextDecoder().decode(t.startsWith("ari:") ? t : "ari:" + t);
      if (a instanceof IntLiteral i && i.type() == null && !i.negative()) {
        return a;
      }
      if (a instanceof dev.ama.model.ari.BytesLiteral b && b.type() == null) {
        return a;
      }
    } catch (AriDecodeException e) {
      // reported below
    }
    throw new ManagerException(
        ManagerException.Code.INVALID_ARGUMENT,
        "a nonce is an unsigned integer or a byte string (ari:17), not " + nonce);
  }

  /**
   * Registers an expectation (an agent, or one of its periodic reports, to be heard from every
   * period), persistently; {@link #agents()} flags the agents that are late.
   */
  public void expect(Expectation expectation) {
    checkStarted();
    reports.expect(expectation);
  }

  /** The agents and periodic reports overdue now, with the staleness margin. */
  public List<Staleness> stale() {
    checkStarted();
    return reports.stale(clock.instant(), stalenessMargin);
  }

  /** The counters; see {@link ManagerStatus}. */
  public ManagerStatus status() {
    checkStarted();
    return new ManagerStatus(
        eid,
        messagesReceived.get(),
        messagesRejected.get(),
        reportsStored.get(),
        execSetsSent.get(),
        sendFailures.get(),
        agents().size(),
        fusion.size(),
        fusedReportsSent.get());
  }

  /** Closes both stores. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    receiveLock.lock();
    sendLock.lock();
    try {
      try {
        reports.close();
      } finally {
        state.close();
      }
      LOG.info("manager {} closed", eid);
    } finally {
      sendLock.unlock();
      receiveLock.unlock();
    }
  }

  private void checkStarted() {
    if (closed) {
      throw new IllegalStateException("the manager " + eid + " is closed");
    }
    if (!started) {
      throw new IllegalStateException("the manager " + eid + " is not started: call start()");
    }
  }

  private ManagerException storeFailure(String what, RuntimeException e) {
    LOG.error("manager {}: cannot {}: {}", eid, what, e.getMessage());
    return new ManagerException(
        ManagerException.Code.STORE_FAILURE,
        "cannot " + what + ": " + e.getMessage(),
        List.of(),
        e);
  }

  /**
   * The namespace a Manager uses by default: {@code //ama/!m-<eid>}, e.g. {@code //ama/!m-ipn-1-1}.
   */
  public static String defaultNamespace(String eid) {
    String slug = eid.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-+|-+$", "");
    return "//ama/!m-" + (slug.isEmpty() ? "manager" : slug);
  }

  /** Builds a {@link Manager}; {@link #build()} checks the settings and opens the stores. */
  public static final class Builder {
    private String eid;
    private Path dataDirectory;
    private ReportStore reportStore;
    private ManagerStore managerStore;
    private Clock clock = Clock.systemUTC();
    private MessageSender sender;
    private String namespaceText;
    private NamespaceRef parsedNamespace;
    private final List<ModelIds> models = new ArrayList<>();
    private final List<FusionDefinition> fusions = new ArrayList<>();
    private Duration stalenessMargin = DEFAULT_MARGIN;
    private CborLimits limits = CborLimits.DEFAULTS;

    private Builder() {}

    /** This Manager's endpoint ID (required), e.g. {@code ipn:1.1}. */
    public Builder eid(String managerEid) {
      this.eid = managerEid;
      return this;
    }

    /**
     * Where the H2 files go ({@code reports.mv.db}, {@code manager.mv.db}); created when missing.
     */
    public Builder dataDirectory(Path dir) {
      this.dataDirectory = dir;
      return this;
    }

    /** Stores to use instead of a data directory (tests); the Manager closes them. */
    public Builder stores(ReportStore reportsStore, ManagerStore stateStore) {
      this.reportStore = reportsStore;
      this.managerStore = stateStore;
      return this;
    }

    /** The clock (default UTC system clock). */
    public Builder clock(Clock c) {
      this.clock = c;
      return this;
    }

    /** How AMP messages leave (required). */
    public Builder sender(MessageSender s) {
      this.sender = s;
      return this;
    }

    /**
     * The ODM this Manager's definitions go into, e.g. {@code //ama/!m-ipn-1-1} (the default, from
     * the EID). Unique per Manager, so two Managers' enums never collide on an agent.
     */
    public Builder namespace(String nsText) {
      this.namespaceText = nsText;
      return this;
    }

    /** An application model whose names the text sent may use (and whose enums are known). */
    public Builder model(ModelIds model) {
      models.add(model);
      return this;
    }

    /** A fusion to put in force at start (replacing a persisted one of the same name). */
    public Builder fusion(FusionDefinition definition) {
      fusions.add(definition);
      return this;
    }

    /** How late past an expected period an agent may be before it is stale (default 30 s). */
    public Builder stalenessMargin(Duration margin) {
      this.stalenessMargin = margin;
      return this;
    }

    /** Decoder limits for received messages (default {@link CborLimits#DEFAULTS}). */
    public Builder limits(CborLimits l) {
      this.limits = l;
      return this;
    }

    /**
     * The Manager, with its stores open (not started).
     *
     * @throws IllegalStateException naming the setting that is missing or wrong
     */
    public Manager build() {
      if (eid == null || !EidGlob.isEid(eid)) {
        throw new IllegalStateException(
            "eid: an endpoint ID such as ipn:1.1 is required, not " + eid);
      }
      if (sender == null) {
        throw new IllegalStateException("sender: required (how AMP messages leave)");
      }
      if (clock == null) {
        throw new IllegalStateException("clock: must not be null");
      }
      if (limits == null) {
        throw new IllegalStateException("limits: must not be null");
      }
      if (stalenessMargin == null || stalenessMargin.isNegative()) {
        throw new IllegalStateException(
            "stalenessMargin: must not be negative: " + stalenessMargin);
      }
      if ((dataDirectory == null) == (reportStore == null)) {
        throw new IllegalStateException(
            "dataDirectory: give a data directory or stores(...), exactly one of them");
      }
      if (reportStore != null && managerStore == null) {
        throw new IllegalStateException("stores: both a report store and a manager store");
      }
      String ns = namespaceText == null ? defaultNamespace(eid) : namespaceText.strip();
      try {
        Ari a = new AriTextDecoder().decode(ns.startsWith("ari:") ? ns : "ari:" + ns);
        if (!(a instanceof NamespaceRef ref) || !ref.model().isOdmName()) {
          throw new IllegalStateException(
              "namespace: a run-time model (ODM), //org/!model, not " + ns);
        }
        parsedNamespace = ref;
      } catch (AriDecodeException e) {
        throw new IllegalStateException("namespace: not a model reference: " + ns, e);
      }
      List<ModelIds> all = new ArrayList<>(AmaModels.namedByTools());
      all.addAll(models);
      Nicknames nick;
      try {
        nick = Nicknames.of(all);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("model: " + e.getMessage(), e);
      }
      Set<String> names = new HashSet<>();
      for (FusionDefinition f : fusions) {
        if (!names.add(f.name())) {
          throw new IllegalStateException("fusion: two fusions are named " + f.name());
        }
      }
      if (dataDirectory == null) {
        return new Manager(this, reportStore, managerStore, nick);
      }
      try {
        Files.createDirectories(dataDirectory);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the data directory " + dataDirectory, e);
      }
      ReportStore r = H2ReportStore.open(dataDirectory.resolve("reports"));
      try {
        return new Manager(this, r, H2ManagerStore.open(dataDirectory.resolve("manager")), nick);
      } catch (RuntimeException e) {
        r.close();
        throw e;
      }
    }
  }
}
