/**
 * The Manager role: {@link dev.ama.manager.Manager} sends EXECSETs to agents, stores the reports
 * that come back, keeps a directory of its agents and what it defined on each, and fuses reports
 * ({@link dev.ama.manager.FusionDefinition}). Its report store is in {@code reports}, its own state
 * in {@code store}, its HTTP API in {@code http}. docs/manager.md describes it.
 */
package dev.ama.manager;
