package dev.ama.cli.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A {@link SimSummary} as JSON for scripts ({@code ama sim --json FILE}): durations in seconds
 * (fields ending in {@code _s}, null when something did not happen), bytes as integers. The fields
 * are listed in docs/sim.md.
 */
public final class SimSummaryJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SimSummaryJson() {}

  /** The summary as a JSON tree. */
  public static ObjectNode toJson(SimSummary s) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("scenario", s.scenario());
    o.put("seed", s.seed());
    seconds(o, "duration_s", s.duration());
    seconds(o, "drained_s", s.drained());
    seconds(o, "wall_time_s", s.wallTime());
    o.put("events", s.events());
    o.put("wire_bytes", s.wireBytes());
    o.put("frames", s.frames());
    seconds(o, "steady_from_s", s.steadyFrom());
    o.put("steady_wire_bytes", s.steadyWireBytes());
    o.put("steady_versions", s.steadyVersions());
    Duration steady = s.steadyFrom() == null ? null : s.duration().minus(s.steadyFrom());
    if (steady != null && steady.toMillis() > 0) {
      o.put("steady_wire_bytes_per_s", s.steadyWireBytes() * 1000.0 / steady.toMillis());
    } else {
      o.putNull("steady_wire_bytes_per_s");
    }
    ObjectNode payload = o.putObject("payload");
    for (Map.Entry<String, Long> e : s.payloadBytes().entrySet()) {
      ObjectNode k = payload.putObject(e.getKey());
      k.put("bytes", e.getValue());
      k.put("messages", s.payloadMessages().getOrDefault(e.getKey(), 0L));
    }
    ArrayNode links = o.putArray("links");
    for (SimSummary.LinkTraffic l : s.links()) {
      ObjectNode n = links.addObject();
      n.put("name", l.name());
      n.put("a", l.a());
      n.put("b", l.b());
      n.put("bytes_a_to_b", l.bytesAtoB());
      n.put("bytes_b_to_a", l.bytesBtoA());
      n.put("frames", l.frames());
      n.put("frames_lost", l.framesLost());
      seconds(n, "down_s", l.down());
    }
    ArrayNode outages = o.putArray("outages");
    for (SimSummary.OutageRecovery r : s.outages()) {
      ObjectNode n = outages.addObject();
      n.put("link", r.link());
      seconds(n, "from_s", r.from());
      seconds(n, "to_s", r.to());
      n.put("versions_behind", r.versionsBehind());
      seconds(n, "caught_up_after_s", r.caughtUpAfter());
    }
    seconds(o, "converged_after_drain_s", s.convergedAfterDrain());
    ArrayNode centers = o.putArray("centers");
    for (SimSummary.CenterState c : s.centers()) {
      ObjectNode n = centers.addObject();
      n.put("name", c.name());
      n.put("eid", c.eid());
      n.put("own_online", c.ownOnline());
      n.put("own_offline", c.ownOffline());
      n.put("records", c.records());
      n.put("versions_behind", c.versionsBehind());
      n.put("conflicts", c.conflicts());
      n.put("taken_over", c.takenOver());
      n.put("guard_held", c.guardHeld());
    }
    ArrayNode managers = o.putArray("managers");
    for (SimSummary.ManagerState m : s.managers()) {
      ObjectNode n = managers.addObject();
      n.put("name", m.name());
      n.put("eid", m.eid());
      n.put("reports", m.reports());
      n.put("fused_reports", m.fusedReports());
      n.put("online_estimate", m.onlineEstimate());
    }
    o.put("online_truth", s.onlineTruth());
    ObjectNode w = o.putObject("workload");
    w.put("initial", s.workload().initial());
    w.put("joins", s.workload().joins());
    w.put("leaves", s.workload().leaves());
    w.put("vanished", s.workload().vanished());
    w.put("flaps", s.workload().flaps());
    w.put("skill_changes", s.workload().skillChanges());
    w.put("heartbeats", s.workload().heartbeats());
    w.put("moved", s.workload().moved());
    return o;
  }

  /** Writes the summary to a file. */
  public static void write(SimSummary s, Path file) throws IOException {
    MAPPER.writeValue(file.toFile(), toJson(s));
  }

  private static void seconds(ObjectNode o, String field, Duration d) {
    if (d == null) {
      o.putNull(field);
    } else {
      o.put(field, d.toMillis() / 1000.0);
    }
  }
}
