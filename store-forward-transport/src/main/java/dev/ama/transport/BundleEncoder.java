package dev.ama.transport;

import dev.ama.transport.internal.BundleCbor;

/**
 * Encodes a {@link Bundle} to its compact CBOR form, which {@link BundleDecoder} reads back.
 *
 * <p>A bundle is one definite-length CBOR array of 9 items:
 *
 * <pre>
 * [ 1,                 ; version of this encoding (uint)
 *   flags,             ; uint, Bundle.flags() (bit 0: custody requested)
 *   source EID,
 *   creation ms,       ; uint, milliseconds since the Unix epoch
 *   sequence,          ; uint
 *   destination EID,   ; never dtn:none
 *   lifetime ms,       ; uint, at least 1
 *   priority,          ; uint: 0 bulk, 1 normal, 2 expedited
 *   payload ]          ; byte string
 * </pre>
 *
 * <p>An EID is encoded as BPv7 does (RFC 9171 §4.2.5.1): {@code [1, "//node/demux"]} for {@code
 * dtn://node/demux} (the text after {@code dtn:}), {@code [1, 0]} for {@code dtn:none}, {@code [2,
 * [node, service]]} for {@code ipn:node.service} and {@code [2, [allocator, node, service]]} for
 * the three-part {@code ipn:allocator.node.service} (RFC 9758's numbers, each a full unsigned
 * 64-bit integer here). Integers use the shortest CBOR head; all lengths are definite; there are no
 * tags. The encoding of a bundle is therefore unique: equal bundles encode to equal bytes.
 *
 * <p>Thread-safe and stateless. Each call reuses a per-thread buffer, so the only allocations of
 * note are the payload copy and the returned array.
 */
public final class BundleEncoder {
  private BundleEncoder() {}

  /** The encoding of {@code bundle}. */
  public static byte[] encode(Bundle bundle) {
    return BundleCbor.encode(g -> BundleCbor.writeBundle(g, bundle));
  }
}
