/**
 * ama's operator language: what operators write and keep in files, compiled to standard DTNMA
 * values. {@link dev.ama.grammar.lang.ExprCompiler} compiles infix expressions to postfix EXPRs;
 * problems come back as {@link dev.ama.grammar.lang.Diagnostic}s with line and column.
 */
package dev.ama.grammar.lang;
