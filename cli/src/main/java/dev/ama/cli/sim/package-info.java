/**
 * {@code ama sim}: a whole deployment of registry centers and managers in one process, in virtual
 * time, deterministic for a seed ({@link dev.ama.cli.sim.Simulation}), read from a scenario ({@link
 * dev.ama.cli.sim.ScenarioLoader}), summarised in {@link dev.ama.cli.sim.SimSummary}. docs/sim.md.
 */
package dev.ama.cli.sim;
