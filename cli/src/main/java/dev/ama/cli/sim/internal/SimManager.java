package dev.ama.cli.sim.internal;

import dev.ama.cli.sim.Scenario;
import dev.ama.manager.FusionDefinition;
import dev.ama.manager.Manager;
import dev.ama.manager.reports.ReportQuery;
import dev.ama.manager.reports.StoredReport;
import dev.ama.model.adm.AmaModels;
import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.ObjectRef;
import dev.ama.transport.Eid;
import dev.ama.transport.SendOptions;
import dev.ama.transport.TransportNode;
import dev.ama.transport.time.VirtualTimeScheduler;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One manager of a simulation: a real {@link Manager} (H2 stores in the run's work folder) that
 * collects the counts of its centers and fuses them into {@value #FUSION}, the agents online in its
 * domains, sent to the managers it shares with.
 */
public final class SimManager {
  /** The fused variable every manager produces. */
  public static final String FUSION = "online";

  /** The center EDD the managers collect: online agents whose home the center is. */
  public static final String OWN_ONLINE = "//ama/ama-registry/EDD/own-online";

  private final Scenario.Manager spec;
  private final Manager manager;
  private TransportNode transport;

  /** Builds the manager; its fusion exists when it collects at least one center. */
  public SimManager(
      Scenario scenario,
      Scenario.Manager spec,
      Map<String, String> eidsByName,
      VirtualTimeScheduler time,
      Path dataDirectory,
      TrafficMeter meter) {
    this.spec = spec;
    Manager.Builder b =
        Manager.builder()
            .eid(spec.eid())
            .dataDirectory(dataDirectory)
            .clock(time.clock())
            .sender(
                (destination, message) -> {
                  meter.count(message, true);
                  transport.send(Eid.of(destination), message, SendOptions.DEFAULT);
                });
    if (!spec.collect().isEmpty()) {
      FusionDefinition.Builder f =
          FusionDefinition.builder()
              .name(FUSION)
              .window(scenario.reportEvery().multipliedBy(3))
              .function(FusionDefinition.Function.SUM);
      for (String c : spec.collect()) {
        f.input(eidsByName.get(c), OWN_ONLINE, 0);
      }
      String[] to = spec.shareWith().stream().map(eidsByName::get).toArray(String[]::new);
      for (String d : to) {
        f.destination(d);
      }
      f.acl(to);
      b.fusion(f.build());
    }
    this.manager = b.build();
  }

  /** The manager. */
  public Manager manager() {
    return manager;
  }

  /** Its name in the scenario. */
  public String name() {
    return spec.name();
  }

  /** Its endpoint. */
  public String eid() {
    return spec.eid();
  }

  /** Attaches the built transport and starts the manager. */
  public void start(TransportNode t) {
    this.transport = t;
    manager.start();
  }

  /** The transport. */
  public TransportNode transport() {
    return transport;
  }

  /** The latest own-online a center reported, or 0 if none. */
  public long latestOwnOnline(String centerEid) {
    long enumValue = AmaModels.AMA_REGISTRY.enumOf(AriType.EDD, "own-online").orElseThrow();
    StoredReport last = null;
    for (StoredReport r :
        manager.reports(ReportQuery.all().withAgent(centerEid).withLimit(ReportQuery.MAX_LIMIT))) {
      // A report-on's source is its template, here of one item.
      Ari source =
          r.source() instanceof AcLiteral ac && ac.items().size() == 1
              ? ac.items().get(0)
              : r.source();
      // The agent may name the EDD or give its enum: match either.
      if (source instanceof ObjectRef ref
          && ref.objectType() == AriType.EDD
          && (ref.object().isText()
              ? "own-online".equals(ref.object().text())
              : ref.object().number() == enumValue)) {
        last = r;
      }
    }
    return last == null ? 0 : firstInteger(last.items());
  }

  /** The latest value of another manager's fused variable received here, or 0 if none. */
  public long latestFused(SimManager other) {
    List<StoredReport> rs =
        manager.reports(
            ReportQuery.all()
                .withAgent(other.eid())
                .withSource(other.manager.fusedSource(FUSION))
                .withLimit(ReportQuery.MAX_LIMIT));
    return rs.isEmpty() ? 0 : firstInteger(rs.get(rs.size() - 1).items());
  }

  private static long firstInteger(List<Ari> items) {
    return !items.isEmpty() && items.get(0) instanceof IntLiteral i ? i.longValue() : 0;
  }

  /** How many reports came from {@code agentEid}. */
  public long count(String agentEid) {
    return manager
        .reports(ReportQuery.all().withAgent(agentEid).withLimit(ReportQuery.MAX_LIMIT))
        .size();
  }
}
