/**
 * The ARI text form: {@link dev.ama.model.ari.text.AriTextEncoder} prints canonical text. Parsing
 * text needs a grammar and lives in the {@code expr-grammar} module ({@code AriTextDecoder}).
 */
package dev.ama.model.ari.text;
