/**
 * ARI values: {@link dev.ama.model.ari.Ari} is a {@link dev.ama.model.ari.Literal} (a primitive
 * value with an optional type, or a typed container such as AC, AM, TBL, EXECSET, RPTSET, OBJPAT)
 * or a {@link dev.ama.model.ari.Reference} (to a namespace or an object). All values are immutable
 * and compare by value.
 *
 * <p>The codecs live beside: {@code cbor} (binary, the wire form) and {@code text} (the printer;
 * the parser is in expr-grammar). {@link dev.ama.model.ari.AriDecodeException} is the one failure
 * type of every decoder.
 */
package dev.ama.model.ari;
