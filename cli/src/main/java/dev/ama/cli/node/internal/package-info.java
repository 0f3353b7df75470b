/** Internals of the node: configuration parsing helpers and the wiring of its parts. */
package dev.ama.cli.node.internal;
