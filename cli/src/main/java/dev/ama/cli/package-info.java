/**
 * The {@code ama} command line (picocli). The only package that prints to standard output: every
 * command writes through picocli's writers so tests can capture it.
 */
package dev.ama.cli;
