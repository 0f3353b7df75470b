/** A client of a running node's HTTP API, used by {@code ama send / reports / agents / status}. */
package dev.ama.cli.client;
