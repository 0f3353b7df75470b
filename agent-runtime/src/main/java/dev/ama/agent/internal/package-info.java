/**
 * The agent's engine, not API. {@code AgentCore} runs everything under one lock (shared with the
 * rule engine): {@code ObjectStore} holds models and objects and resolves references, {@code
 * Builtins} gives the standard EDDs and CTRLs their code, {@code Rules} bridges ensured SBRs and
 * TBRs to the rule engine, {@code AccessControl} decides permissions, {@code Reporter} consolidates
 * reports per destination on the scheduler.
 */
package dev.ama.agent.internal;
