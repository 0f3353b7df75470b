/**
 * The Agent role: {@link dev.ama.agent.Agent} hosts the standard models, ama's own ADM, the
 * application's {@link dev.ama.agent.Adm}s and the ODMs managers create; executes EXECSETs; runs
 * SBRs and TBRs on a {@link dev.ama.rules.schedule.RuleScheduler}; sends consolidated reports
 * through a {@link dev.ama.agent.ReportSender}, each destination seeing what its access-control
 * list allows; keeps its state in an {@link dev.ama.agent.AgentStore} (H2AgentStore on a file,
 * {@link dev.ama.agent.InMemoryAgentStore} in tests). docs/agent.md describes the behaviour and
 * every choice where the standard is silent.
 */
package dev.ama.agent;
