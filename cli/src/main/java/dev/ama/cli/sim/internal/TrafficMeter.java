package dev.ama.cli.sim.internal;

import dev.ama.agent.registry.RegistryAdm;
import dev.ama.model.amp.AmpMessage;
import dev.ama.model.amp.AmpMessageDecoder;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriDecodeException;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.Report;
import dev.ama.model.ari.RptSetLiteral;
import dev.ama.model.ari.cbor.AriCborEncoder;
import dev.ama.model.ari.cbor.CborLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts what nodes hand to their transports, by kind: registry deltas, acks and audit messages
 * between centers, reports to managers, fused reports between managers. These are AMP payload
 * bytes; the links count the bytes on the wire (bundles, frames, custody signals) on top.
 */
public final class TrafficMeter {
  /** The kind of a registry report, by the CTRL that names it. */
  private static final Map<String, String> REGISTRY_KINDS =
      Map.of(
          "sync-push", "registry delta",
          "sync-ack", "registry ack",
          "audit", "audit summary",
          "audit-ask", "audit digest request",
          "audit-digests", "audit digests",
          "audit-compare", "audit bucket request",
          "audit-repair", "audit repair");

  private final AmpMessageDecoder decoder = new AmpMessageDecoder(CborLimits.DEFAULTS);
  private final AriCborEncoder encoder = new AriCborEncoder();
  private final Map<String, long[]> byKind = new TreeMap<>();

  /** Counts one AMP message; {@code fromManager} tells fused reports from agents' reports. */
  public void count(byte[] ampMessage, boolean fromManager) {
    AmpMessage m;
    try {
      m = decoder.decode(ampMessage);
    } catch (AriDecodeException e) {
      add("undecodable", ampMessage.length, 1);
      return;
    }
    List<String> kinds = new ArrayList<>();
    List<Long> sizes = new ArrayList<>();
    long total = 0;
    for (Ari item : m.items()) {
      if (item instanceof RptSetLiteral set) {
        for (Report r : set.reports()) {
          kinds.add(kindOf(r, fromManager));
          long size = 0;
          for (Ari a : r.items()) {
            size += encoder.encode(a).length;
          }
          sizes.add(size + 1);
          total += size + 1;
        }
      } else {
        kinds.add("control");
        sizes.add(1L);
        total++;
      }
    }
    // The message's bytes are shared among its reports by the size of their items.
    long left = ampMessage.length;
    for (int i = 0; i < kinds.size(); i++) {
      long part =
          i == kinds.size() - 1
              ? left
              : Math.round((double) ampMessage.length * sizes.get(i) / total);
      left -= part;
      add(kinds.get(i), part, i == 0 ? 1 : 0);
    }
  }

  private static String kindOf(Report r, boolean fromManager) {
    if (fromManager) {
      return "fused report";
    }
    if (RegistryAdm.isRegistryReport(r) && r.source() instanceof ObjectRef ref) {
      String name = ref.object().isText() ? ref.object().text() : null;
      String kind = name == null ? null : REGISTRY_KINDS.get(name);
      if (kind != null) {
        return kind;
      }
    }
    return "report to manager";
  }

  private void add(String kind, long bytes, long messages) {
    long[] c = byKind.computeIfAbsent(kind, k -> new long[2]);
    c[0] += bytes;
    c[1] += messages;
  }

  /** Payload bytes by kind. */
  public Map<String, Long> bytes() {
    Map<String, Long> out = new TreeMap<>();
    byKind.forEach((k, v) -> out.put(k, v[0]));
    return out;
  }

  /** Messages by kind (a message counts for the kind of its first report). */
  public Map<String, Long> messages() {
    Map<String, Long> out = new TreeMap<>();
    byKind.forEach((k, v) -> out.put(k, v[1]));
    return out;
  }
}
