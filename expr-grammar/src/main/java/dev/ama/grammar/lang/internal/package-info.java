/** The operator language's tree compiler and its ANTLR-generated parser; not part of ama's API. */
package dev.ama.grammar.lang.internal;
