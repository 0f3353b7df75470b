/**
 * The ARI text grammar's tree builder and the rules for reading one value segment; not part of
 * ama's API.
 */
package dev.ama.grammar.ari.internal;
