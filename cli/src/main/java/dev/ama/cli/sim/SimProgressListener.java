package dev.ama.cli.sim;

/** Told how a simulation progresses, on the simulation's thread, a few times per wall second. */
@FunctionalInterface
public interface SimProgressListener {
  /** Where the run is now. */
  void onProgress(SimProgress progress);
}
