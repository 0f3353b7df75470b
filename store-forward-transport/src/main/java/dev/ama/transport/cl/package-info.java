/**
 * Convergence layers: the one small {@link dev.ama.transport.cl.ConvergenceLayer} interface that
 * moves frames between nodes, and its implementations (TCP, a folder pair for carried media, and a
 * simulated link driven by virtual time).
 */
package dev.ama.transport.cl;
