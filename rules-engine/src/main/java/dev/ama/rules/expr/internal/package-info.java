/**
 * The expression compiler and evaluator behind {@link dev.ama.rules.expr.ExprCompiler}. Not API.
 *
 * <p>{@link dev.ama.rules.expr.internal.Compiler} replays the postfix EXPR on a stack of {@link
 * dev.ama.rules.expr.internal.Node}s, so the result is a tree of nodes built once. Evaluating a
 * node writes its result into a {@link dev.ama.rules.expr.internal.Frame}, a per-thread register
 * that holds booleans, integers and reals as primitives: a predicate over numbers runs without
 * allocating. Values the fast paths do not cover (integers beyond 64 bits, times, containers) go
 * through {@link dev.ama.rules.expr.internal.Semantics}, which works on ARI values and is the one
 * definition of every rule; the fast paths give the same answers.
 *
 * <p>The OPERs beyond numbers and logic have their own nodes and helpers: {@code RefNodes} and
 * {@code Identity} (references as values, name ↔ enum through the hosted models), {@code TypeNodes}
 * with {@code Types} (match-type, convert-type) and {@code IRegexp} (match-regexp, with its
 * limits), {@code EvalNodes} (eval, unary-eval, nary-eval, with a depth limit and a cache of
 * run-time targets).
 */
package dev.ama.rules.expr.internal;
