/**
 * Registry centers: each center is the home of the agents that register with it, the only writer of
 * their {@link dev.ama.agent.registry.RegistryRecord}s, and keeps replicas of its peers' records.
 * Centers exchange {@link dev.ama.agent.registry.RegistryDelta}s (what a peer has not acknowledged,
 * filtered by what that peer may see) and {@link dev.ama.agent.registry.RegistryAck}s, passed on
 * transitively, and audit each other with per-owner bucket digests. Records live in a {@link
 * dev.ama.agent.registry.RegistryStore} (H2 on a file, or in memory). Everything here is
 * transport-agnostic: values go in and out as ARIs ({@link dev.ama.agent.registry.RegistryEncoder},
 * {@link dev.ama.agent.registry.RegistryDecoder}). docs/registry.md explains every choice.
 */
package dev.ama.agent.registry;
