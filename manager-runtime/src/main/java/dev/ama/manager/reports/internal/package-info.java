/** Internals of the report store: the SQL schema and statements, and time conversions. */
package dev.ama.manager.reports.internal;
