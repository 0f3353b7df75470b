/**
 * Contact plans: the windows (start, end, rate, one-way light time) in which a link may carry
 * bundles, and their small text file format.
 */
package dev.ama.transport.plan;
