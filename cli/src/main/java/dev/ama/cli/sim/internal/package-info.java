/** The parts of a simulation: centers, managers, the shared virtual clock, routes, meters. */
package dev.ama.cli.sim.internal;
