/**
 * Reading the ARI text form: {@link dev.ama.grammar.ari.AriTextDecoder}. The ANTLR-generated lexer
 * and parser and the tree builder sit in {@code internal} packages behind it.
 */
package dev.ama.grammar.ari;
