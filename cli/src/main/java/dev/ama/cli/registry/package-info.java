/**
 * The registry center's HTTP API ({@link dev.ama.cli.registry.RegistryHttpApi}, mounted on a node's
 * HTTP server under {@code /registry}) and the {@code ama registry} commands that call it.
 */
package dev.ama.cli.registry;
