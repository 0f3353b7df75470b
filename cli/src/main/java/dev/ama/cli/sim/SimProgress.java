package dev.ama.cli.sim;

import java.time.Duration;
import java.util.List;

/**
 * Where a running simulation is.
 *
 * @param elapsed virtual time since the start
 * @param duration the run's virtual length
 * @param events tasks run so far (every timer, frame, rule and agent event)
 * @param wireBytes bytes sent on every link so far
 * @param linksDown links down now
 */
public record SimProgress(
    Duration elapsed, Duration duration, long events, long wireBytes, List<String> linksDown) {
  public SimProgress {
    linksDown = List.copyOf(linksDown);
  }
}
