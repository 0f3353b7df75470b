/** Internals of the HTTP API: query parameters and the JSON forms of the Manager's values. */
package dev.ama.manager.http.internal;
