/**
 * The Manager's own state, beside its reports: the nonce counter, the EXECSETs it sent, the objects
 * it defined on each agent, what each agent's hello said, and its fusion definitions. {@link
 * dev.ama.manager.store.H2ManagerStore} keeps them in an H2 file; docs/manager.md describes the
 * tables.
 */
package dev.ama.manager.store;
