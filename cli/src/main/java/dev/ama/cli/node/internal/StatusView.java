package dev.ama.cli.node.internal;

import dev.ama.agent.AgentStatus;
import dev.ama.cli.node.Node;
import dev.ama.rules.schedule.RuleState;
import dev.ama.transport.TransportStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The node's status sections for {@code GET /status}: node, agent and transport, as JSON maps. */
public final class StatusView {
  private StatusView() {}

  /** Every section this node has. */
  public static Map<String, Object> of(Node node, Instant started) {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> n = new LinkedHashMap<>();
    n.put("eid", node.config().eid());
    n.put("roles", node.config().roles());
    n.put("data", node.config().data().toString());
    n.put("started", started.toString());
    n.put("uptimeSeconds", Duration.between(started, Instant.now()).toSeconds());
    out.put("node", n);
    if (node.agent() != null) {
      out.put("agent", agent(node.agent().status()));
    }
    if (node.transport() != null) {
      out.put("transport", transport(node.transport().status()));
    }
    return out;
  }

  static Map<String, Object> agent(AgentStatus s) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("odms", s.odms());
    a.put("objects", s.objects());
    var c = s.counters();
    Map<String, Object> counters = new LinkedHashMap<>();
    counters.put("msgRx", c.msgRx());
    counters.put("msgRxFailed", c.msgRxFailed());
    counters.put("msgTx", c.msgTx());
    counters.put("msgTxFailed", c.msgTxFailed());
    counters.put("execStarted", c.execStarted());
    counters.put("execSucceeded", c.execSucceeded());
    counters.put("execFailed", c.execFailed());
    counters.put("accessDenied", c.accessDenied());
    counters.put("reportsSent", c.reportsSent());
    counters.put("reportsConsolidated", c.reportsConsolidated());
    a.put("counters", counters);
    List<Map<String, Object>> rules = new ArrayList<>();
    for (RuleState r : s.rules()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", r.name());
      m.put("enabled", r.enabled());
      m.put("count", r.count());
      m.put("lastRun", r.lastRun() == null ? null : r.lastRun().toString());
      m.put("nextRun", r.nextRun() == null ? null : r.nextRun().toString());
      rules.add(m);
    }
    a.put("rules", rules);
    return a;
  }

  static Map<String, Object> transport(TransportStatus s) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("storedBundles", s.storedBundles());
    t.put("storedBytes", s.storedBytes());
    t.put("delivered", s.delivered());
    t.put("received", s.received());
    List<Map<String, Object>> queues = new ArrayList<>();
    for (TransportStatus.QueueStatus q : s.queues()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("destination", q.destination().toString());
      m.put("priority", q.priority().name().toLowerCase(java.util.Locale.ROOT));
      m.put("queued", q.queued());
      m.put("queuedBytes", q.queuedBytes());
      m.put("oldestAgeSeconds", q.oldestAge().toSeconds());
      m.put("inCustody", q.inCustody());
      m.put("sent", q.sent());
      m.put("acknowledged", q.acknowledged());
      m.put("expired", q.expired());
      m.put("evicted", q.evicted());
      m.put("retransmitted", q.retransmitted());
      queues.add(m);
    }
    t.put("queues", queues);
    List<Map<String, Object>> links = new ArrayList<>();
    for (TransportStatus.LinkStatus l : s.links()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", l.name());
      m.put("layer", l.layer());
      m.put("up", l.up());
      m.put("inContact", l.inContact());
      m.put("ready", l.ready());
      m.put("framesSent", l.framesSent());
      m.put("bytesSent", l.bytesSent());
      links.add(m);
    }
    t.put("links", links);
    return t;
  }
}
