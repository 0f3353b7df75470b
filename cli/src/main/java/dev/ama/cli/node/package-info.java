/**
 * The {@code ama node} process: its configuration ({@link dev.ama.cli.node.NodeConfigLoader}) and
 * the {@link dev.ama.cli.node.Node} that wires the transport, the agent and manager roles and the
 * HTTP API together.
 */
package dev.ama.cli.node;
