/**
 * Rule scheduling: time-based rules ({@link dev.ama.rules.schedule.Tbr}) and state-based rules
 * ({@link dev.ama.rules.schedule.Sbr}) run by a {@link dev.ama.rules.schedule.RuleEngine} on a
 * {@link dev.ama.rules.schedule.RuleScheduler}.
 *
 * <p>The scheduler is the engine's only source of time. {@link
 * dev.ama.rules.schedule.QuartzRuleScheduler} runs in real time on Quartz; {@link
 * dev.ama.rules.schedule.VirtualRuleScheduler} runs in virtual time, deterministically, so a test
 * or a simulation can run days of rules in seconds. A {@link
 * dev.ama.rules.schedule.RuleStateListener} sees every {@link dev.ama.rules.schedule.RuleState}
 * change, for an agent to persist, and {@link dev.ama.rules.schedule.RuleEngine#restore} continues
 * from it after a restart. The semantics (grid, catch-up run, min-interval, max count) are
 * described in {@code docs/rules.md}. The implementation lives in {@code
 * dev.ama.rules.schedule.internal}, which is not API.
 */
package dev.ama.rules.schedule;
