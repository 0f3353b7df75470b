package dev.ama.cli.sim;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a simulation measured. Bytes on links are wire bytes (bundles, frames, custody signals);
 * payload bytes are the AMP messages nodes handed their transports, by kind.
 *
 * @param scenario the scenario's name
 * @param seed the seed it ran with
 * @param duration virtual time simulated with the workload running
 * @param drained virtual time run after the workload stopped, until the centers agreed (or the
 *     drain limit)
 * @param wallTime how long the run took
 * @param events tasks run
 * @param links traffic per link
 * @param wireBytes bytes on every link, both ways
 * @param frames frames on every link
 * @param steadyFrom when the steady-state window starts (after the start-up sync)
 * @param steadyWireBytes wire bytes from {@code steadyFrom} to the end of the workload
 * @param steadyVersions record versions the centers issued in the same window (the churn that had
 *     to travel)
 * @param payloadBytes payload bytes by kind
 * @param payloadMessages messages by kind
 * @param outages every link outage and how long after it the centers had caught up
 * @param convergedAfterDrain how long after the workload stopped every center held every version
 *     issued until then; null if not within the drain limit
 * @param centers each center's state at the end
 * @param managers what each manager received
 * @param workload what the agents did
 * @param onlineTruth agents online at their home at the end, summed over the centers
 */
public record SimSummary(
    String scenario,
    long seed,
    Duration duration,
    Duration drained,
    Duration wallTime,
    long events,
    List<LinkTraffic> links,
    long wireBytes,
    long frames,
    Duration steadyFrom,
    long steadyWireBytes,
    long steadyVersions,
    Map<String, Long> payloadBytes,
    Map<String, Long> payloadMessages,
    List<OutageRecovery> outages,
    Duration convergedAfterDrain,
    List<CenterState> centers,
    List<ManagerState> managers,
    Workload workload,
    long onlineTruth) {

  /** Bytes and frames of one link. */
  public record LinkTraffic(
      String name,
      String a,
      String b,
      long bytesAtoB,
      long bytesBtoA,
      long frames,
      long framesLost,
      Duration down) {}

  /**
   * One outage of a link.
   *
   * @param from when it went down, after the start
   * @param to when it came back
   * @param versionsBehind versions the centers lacked when it came back (summed over centers and
   *     owners)
   * @param caughtUpAfter how long after it came back every center held every version issued before
   *     that moment; null if not before the run ended
   */
  public record OutageRecovery(
      String link, Duration from, Duration to, long versionsBehind, Duration caughtUpAfter) {}

  /** A center at the end. */
  public record CenterState(
      String name,
      String eid,
      long ownOnline,
      long ownOffline,
      long records,
      long versionsBehind,
      int conflicts,
      long takenOver,
      boolean guardHeld) {}

  /**
   * A manager at the end.
   *
   * @param reports reports received from centers
   * @param fusedReports fused reports received from other managers
   * @param onlineEstimate online agents as this manager sees them: the latest own-online of each
   *     center it collects plus the latest fused count of each manager sharing with it
   */
  public record ManagerState(
      String name, String eid, long reports, long fusedReports, long onlineEstimate) {}

  /** What the agents did. */
  public record Workload(
      long initial,
      long joins,
      long leaves,
      long vanished,
      long flaps,
      long skillChanges,
      long heartbeats,
      long moved) {}
}
