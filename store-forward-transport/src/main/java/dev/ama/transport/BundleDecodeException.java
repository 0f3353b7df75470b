package dev.ama.transport;

/**
 * Bytes that are not a valid bundle or frame. Says what is wrong ({@link #code()}) and at which
 * byte offset; the message is always one line.
 */
public final class BundleDecodeException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The kinds of decoding failure. */
  public enum Code {
    /** Not well-formed CBOR, or truncated. */
    MALFORMED,
    /** Well-formed CBOR that does not have the bundle's or frame's structure. */
    UNEXPECTED_ITEM,
    /** A field with a value out of range (bad EID, negative time, unknown version …). */
    INVALID_VALUE,
    /** Beyond a configured limit (payload size, EID length, frame size, ids per ack). */
    LIMIT_EXCEEDED,
    /** Bytes left after the bundle or frame. */
    TRAILING_DATA
  }

  private final Code code;
  private final long offset;

  public BundleDecodeException(Code code, long offset, String detail) {
    super("at byte " + offset + ": " + detail.replaceAll("[\\r\\n\\t]", " "));
    this.code = code;
    this.offset = offset;
  }

  /** The kind of failure. */
  public Code code() {
    return code;
  }

  /** The byte offset where decoding stopped. */
  public long offset() {
    return offset;
  }
}
