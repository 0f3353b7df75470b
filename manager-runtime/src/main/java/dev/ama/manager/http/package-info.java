/**
 * The Manager's HTTP API ({@link dev.ama.manager.http.ManagerHttpServer}): agents, sends, reports,
 * nonces, fusions and status as JSON, on loopback by default, with a bearer token beyond it.
 */
package dev.ama.manager.http;
