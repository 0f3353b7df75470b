package dev.ama.cli.node.internal;

import dev.ama.agent.Agent;
import dev.ama.agent.registry.RegistryAdm;
import dev.ama.agent.registry.RegistryDecodeException;
import dev.ama.agent.registry.RegistryException;
import dev.ama.manager.Manager;
import dev.ama.model.amp.AmpMessage;
import dev.ama.model.amp.AmpMessageDecoder;
import dev.ama.model.amp.AmpMessageEncoder;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriDecodeException;
import dev.ama.model.ari.ExecSetLiteral;
import dev.ama.model.ari.Report;
import dev.ama.model.ari.RptSetLiteral;
import dev.ama.model.ari.cbor.CborLimits;
import dev.ama.transport.Delivery;
import dev.ama.transport.DeliveryListener;
import dev.ama.transport.Eid;
import dev.ama.transport.TransportNode;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each delivered bundle to the role it is for: EXECSETs to the agent, RPTSETs to the manager.
 * Each role stores the delivery's sequence with its effects, so a bundle is applied exactly once
 * across crashes; the transport forgets a delivery once every role has it.
 *
 * <p>A message neither role can read goes to the agent when there is one (it answers with an error
 * report and counts it), else to the manager (which counts it).
 *
 * <p>On a registry center, reports whose source is an object of {@code //ama/ama-registry/} go to
 * the center ({@link RegistryAdm#onReport}) and not to the manager: they are sync traffic between
 * centers, idempotent, so they need no place in the delivery cursor (docs/registry.md).
 */
public final class Inbox implements DeliveryListener {
  /** An AMP message with no items: lets a role record a sequence that had nothing for it. */
  private static final byte[] EMPTY = {(byte) AmpMessage.VERSION};

  private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);

  private final Agent agent;
  private final Manager manager;
  private final RegistryAdm registry;
  private final AtomicReference<TransportNode> transport;
  private final AmpMessageDecoder decoder = new AmpMessageDecoder(CborLimits.DEFAULTS);
  private final AmpMessageEncoder encoder = new AmpMessageEncoder();

  /**
   * The inbox of a node's roles.
   *
   * @param registry the registry center's ADM when the node is a center (it has an agent), or null
   */
  public Inbox(
      Agent agent,
      Manager manager,
      RegistryAdm registry,
      AtomicReference<TransportNode> transport) {
    if (agent == null && manager == null) {
      throw new IllegalArgumentException("a node has at least one role");
    }
    if (registry != null && agent == null) {
      throw new IllegalArgumentException("a registry center hosts its ADM in an agent");
    }
    this.agent = agent;
    this.manager = manager;
    this.registry = registry;
    this.transport = transport;
  }

  /** The last delivery every role has applied, or -1. */
  public long appliedUpTo() {
    long a = agent == null ? Long.MAX_VALUE : agent.appliedUpTo();
    long m = manager == null ? Long.MAX_VALUE : manager.appliedUpTo();
    return Math.min(a, m);
  }

  @Override
  public void onDelivery(Delivery d) {
    String from = d.bundle().id().source().toString();
    byte[] message = join(d.items());
    long seq = d.sequence();
    if (registry != null) {
      message = takeRegistryReports(from, message);
    }
    if (manager == null) {
      agent.onMessage(from, message, seq);
    } else if (agent == null) {
      manager.onMessage(from, message, seq);
    } else {
      split(from, message, seq);
    }
    TransportNode t = transport.get();
    if (t != null) {
      t.acknowledgeDelivered(seq);
    }
  }

  /**
   * Hands the registry reports of a message to the center and returns the message without them
   * (unchanged when it has none or cannot be decoded: the roles deal with it as before).
   */
  private byte[] takeRegistryReports(String from, byte[] message) {
    AmpMessage decoded;
    try {
      decoded = decoder.decode(message);
    } catch (AriDecodeException e) {
      return message;
    }
    List<Ari> rest = new ArrayList<>();
    boolean found = false;
    for (Ari item : decoded.items()) {
      if (!(item instanceof RptSetLiteral rs)) {
        rest.add(item);
        continue;
      }
      List<Report> others = new ArrayList<>();
      for (Report r : rs.reports()) {
        if (RegistryAdm.isRegistryReport(r)) {
          found = true;
          handOver(from, r);
        } else {
          others.add(r);
        }
      }
      if (!others.isEmpty()) {
        rest.add(
            others.size() == rs.reports().size()
                ? rs
                : new RptSetLiteral(rs.nonce(), rs.referenceTime(), others));
      }
    }
    return found ? encoder.encode(new AmpMessage(rest)) : message;
  }

  private void handOver(String from, Report r) {
    try {
      registry.onReport(Eid.of(from), r);
    } catch (RegistryDecodeException | RegistryException | IllegalArgumentException e) {
      RegistryAdm.logRefused(from, r, e);
    } catch (RuntimeException e) {
      // A store or agent failure: log it and go on; the next push or audit offers it again.
      LOG.warn("registry report from {} not applied: {}", from, e.toString(), e);
    }
  }

  /** Both roles: EXECSETs to the agent, the rest to the manager; each records the sequence. */
  private void split(String from, byte[] message, long seq) {
    AmpMessage decoded;
    try {
      decoded = decoder.decode(message);
    } catch (AriDecodeException e) {
      agent.onMessage(from, message, seq);
      manager.onMessage(from, EMPTY, seq);
      return;
    }
    List<Ari> forAgent = new ArrayList<>();
    List<Ari> forManager = new ArrayList<>();
    for (Ari item : decoded.items()) {
      (item instanceof ExecSetLiteral ? forAgent : forManager).add(item);
    }
    agent.onMessage(
        from, forAgent.isEmpty() ? EMPTY : encoder.encode(new AmpMessage(forAgent)), seq);
    manager.onMessage(
        from, forManager.isEmpty() ? EMPTY : encoder.encode(new AmpMessage(forManager)), seq);
  }

  /** Items packed into one bundle become one AMP message: one version byte, every item's body. */
  private static byte[] join(List<byte[]> items) {
    if (items.size() == 1) {
      return items.get(0);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(AmpMessage.VERSION);
    for (byte[] item : items) {
      if (item.length > 0) {
        out.write(item, 1, item.length - 1);
      }
    }
    return out.toByteArray();
  }
}
