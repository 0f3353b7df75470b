/** The JSON forms of registry records and registrations used by the registry's HTTP API. */
package dev.ama.cli.registry.internal;
