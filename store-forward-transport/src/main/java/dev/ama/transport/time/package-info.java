/**
 * Schedulers for a transport node's timers: real time on a thread, and virtual time for tests and
 * simulations.
 */
package dev.ama.transport.time;
