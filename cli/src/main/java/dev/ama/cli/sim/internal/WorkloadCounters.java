package dev.ama.cli.sim.internal;

/** What the simulated agents did, over the whole run. Written by the simulation thread only. */
public final class WorkloadCounters {
  /** Agents registered at the start (duplicates included). */
  public long initial;

  /** Registrations of new agents during the run. */
  public long joins;

  /** Deregistrations. */
  public long leaves;

  /** Agents that fell silent for good. */
  public long vanished;

  /** Agents that fell silent for a few minutes. */
  public long flaps;

  /** Skill changes. */
  public long skillChanges;

  /** Heartbeats received by centers (they never travel between centers). */
  public long heartbeats;

  /** Agents told by a heartbeat that their home moved (takeover, duplicate). */
  public long moved;

  /** Changes a center refused (the agent was no longer at home there). */
  public long refused;
}
