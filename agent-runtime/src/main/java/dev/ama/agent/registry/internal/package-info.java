/** Internals of the registry: hashing, ACL filtering and SQL helpers; not an API. */
package dev.ama.agent.registry.internal;
