package dev.ama.manager;

/**
 * The Manager's counters. Counts of messages, reports and sends are since {@link Manager#start()};
 * {@code agents} and {@code fusions} are what the Manager knows now.
 *
 * @param eid the Manager's endpoint ID
 * @param messagesReceived AMP messages given to {@link Manager#onMessage} (duplicates included)
 * @param messagesRejected messages not stored: malformed, or refused by the store
 * @param reportsStored reports stored from received messages
 * @param execSetsSent EXECSETs handed to the sender
 * @param sendFailures EXECSETs and fused reports the sender refused
 * @param agents agents in the directory
 * @param fusions fusion definitions in force
 * @param fusedReportsSent fused reports handed to the sender (one per destination)
 */
public record ManagerStatus(
    String eid,
    long messagesReceived,
    long messagesRejected,
    long reportsStored,
    long execSetsSent,
    long sendFailures,
    int agents,
    int fusions,
    long fusedReportsSent) {}
