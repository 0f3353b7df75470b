package dev.ama.agent.internal;

import dev.ama.agent.ReportOptions;
import dev.ama.agent.ReportSender;
import dev.ama.model.amp.AmpMessageEncoder;
import dev.ama.model.ari.RptSetLiteral;
import dev.ama.rules.schedule.RuleScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consolidation: RPTSETs for one destination (and one set of report options) wait up to the window,
 * then leave together in as few AMP messages as fit the size limit. The flush is a task on the rule
 * scheduler, so it happens in virtual time in a simulation. With a zero window, what an execution
 * produced leaves when that execution ends.
 */
final class Reporter {
  private static final Logger LOG = LoggerFactory.getLogger(Reporter.class);

  private record Key(String destination, ReportOptions options) {}

  private final Object lock;
  private final RuleScheduler scheduler;
  private final ReportSender sender;
  private final Duration window;
  private final int maxBytes;
  private final Counters counters;
  private final AmpMessageEncoder encoder = new AmpMessageEncoder();
  private final Map<Key, List<RptSetLiteral>> pending = new LinkedHashMap<>();
  private final Map<Key, RuleScheduler.Cancellable> flushes = new LinkedHashMap<>();

  Reporter(
      Object lock,
      RuleScheduler scheduler,
      ReportSender sender,
      Duration window,
      int maxBytes,
      Counters counters) {
    this.lock = lock;
    this.scheduler = scheduler;
    this.sender = sender;
    this.window = window;
    this.maxBytes = maxBytes;
    this.counters = counters;
  }

  /** Queues one RPTSET for a destination. Called with the lock held. */
  void queue(String destination, ReportOptions options, RptSetLiteral rptSet) {
    Key key = new Key(destination, options);
    List<RptSetLiteral> list = pending.computeIfAbsent(key, k -> new ArrayList<>());
    list.add(rptSet);
    if (list.size() == 1 && !window.isZero()) {
      flushes.put(
          key,
          scheduler.schedule(
              scheduler.now().plus(window),
              () -> {
                synchronized (lock) {
                  flushes.remove(key);
                  flush(key);
                }
              }));
    }
  }

  /** At the end of an execution: with a zero window, everything leaves now. */
  void executionEnded() {
    if (window.isZero()) {
      flushAll();
    }
  }

  /** Sends everything pending (on close). Called with the lock held. */
  void flushAll() {
    for (RuleScheduler.Cancellable c : flushes.values()) {
      c.cancel();
    }
    flushes.clear();
    for (Key k : List.copyOf(pending.keySet())) {
      flush(k);
    }
  }

  /** How many RPTSETs wait. */
  int pendingCount() {
    int n = 0;
    for (List<RptSetLiteral> l : pending.values()) {
      n += l.size();
    }
    return n;
  }

  private void flush(Key key) {
    List<RptSetLiteral> list = pending.remove(key);
    if (list == null || list.isEmpty()) {
      return;
    }
    List<byte[]> messages = encoder.encodePacked(list, maxBytes);
    counters.reportsConsolidated += list.size() - messages.size();
    for (byte[] m : messages) {
      try {
        sender.send(key.destination, m, key.options);
        counters.msgTx++;
      } catch (Exception e) {
        counters.msgTxFailed++;
        LOG.warn(
            "could not send a report message of {} bytes to {}: {}",
            m.length,
            key.destination,
            e.toString());
      }
    }
    counters.reportsSent += list.size();
  }
}
