/** Helpers of the CBOR codec; not part of ama's API. */
package dev.ama.model.ari.cbor.internal;
