/**
 * Internal to the transport: the CBOR reading and writing shared by the bundle codec and the frame
 * codec that nodes use over a convergence layer. Not an API; it may change without notice. Use
 * {@link dev.ama.transport.BundleEncoder} and {@link dev.ama.transport.BundleDecoder} instead.
 */
package dev.ama.transport.internal;
