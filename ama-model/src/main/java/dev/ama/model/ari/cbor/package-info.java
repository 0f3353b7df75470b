/**
 * The CBOR form of ARIs (draft-ietf-dtn-ari), byte for byte as the reference implementation: {@link
 * dev.ama.model.ari.cbor.AriCborEncoder} and {@link dev.ama.model.ari.cbor.AriCborDecoder}, the
 * latter bounded by {@link dev.ama.model.ari.cbor.CborLimits}. Both sit on Jackson's streaming CBOR
 * parser and generator.
 */
package dev.ama.model.ari.cbor;
