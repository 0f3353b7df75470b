/**
 * The run-time side of {@link dev.ama.rules.schedule.RuleEngine}. Not API.
 *
 * <p>{@link dev.ama.rules.schedule.internal.RuleRunner} holds one rule's state and its one pending
 * task; {@link dev.ama.rules.schedule.internal.TbrRunner} computes grid times and the catch-up run,
 * {@link dev.ama.rules.schedule.internal.SbrRunner} the evaluations and min-interval deferrals.
 * {@link dev.ama.rules.schedule.internal.FiringJob} is the one Quartz job of {@link
 * dev.ama.rules.schedule.QuartzRuleScheduler}: it hands each firing of that scheduler's one trigger
 * to a {@link dev.ama.rules.schedule.internal.FiringListener}, which runs the tasks due.
 */
package dev.ama.rules.schedule.internal;
