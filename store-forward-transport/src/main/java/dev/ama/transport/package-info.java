/**
 * ama's store-and-forward transport: bundles ({@link dev.ama.transport.Bundle}, identified by
 * {@link dev.ama.transport.BundleId}, addressed by {@link dev.ama.transport.Eid}) wait in a durable
 * store for a contact, go out by priority class, expire when stale, are kept in custody until the
 * next hop has stored them, and reach the application once. Carries bytes; knows nothing of ARIs.
 */
package dev.ama.transport;
