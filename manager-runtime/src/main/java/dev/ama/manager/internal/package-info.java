/** Internals of the Manager: hello parsing, endpoint ID globs, the fusion engine and its JSON. */
package dev.ama.manager.internal;
