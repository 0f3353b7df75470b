package dev.ama.model.ari.cbor;

/**
 * The limits an {@link AriCborDecoder} enforces on untrusted input. Exceeding one gives an {@link
 * dev.ama.model.ari.AriDecodeException} with code {@code LIMIT_EXCEEDED}, never an out-of-memory
 * error or a stack overflow.
 *
 * @param maxBytes largest input, in bytes
 * @param maxDepth deepest nesting of arrays and maps
 * @param maxContainerItems most items in one array or entries in one map
 * @param maxTotalItems most data items in the whole input
 * @param maxStringBytes longest text or byte string, in bytes
 */
public record CborLimits(
    int maxBytes, int maxDepth, int maxContainerItems, int maxTotalItems, int maxStringBytes) {

  /** Limits that suit AMP messages: 4 MiB, depth 32, 65,536 items a container, 1 MiB strings. */
  public static final CborLimits DEFAULTS = builder().build();

  public CborLimits {
    positive("maxBytes", maxBytes);
    positive("maxDepth", maxDepth);
    positive("maxContainerItems", maxContainerItems);
    positive("maxTotalItems", maxTotalItems);
    positive("maxStringBytes", maxStringBytes);
    if (maxDepth > 1000) {
      throw new IllegalArgumentException(
          "maxDepth above 1000 risks the decoder's stack: " + maxDepth);
    }
  }

  private static void positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, not " + value);
    }
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link CborLimits}; {@link #build()} checks every value. */
  public static final class Builder {
    private int maxBytes = 4 * 1024 * 1024;
    private int maxDepth = 32;
    private int maxContainerItems = 65_536;
    private int maxTotalItems = 1_000_000;
    private int maxStringBytes = 1024 * 1024;

    private Builder() {}

    public Builder maxBytes(int v) {
      maxBytes = v;
      return this;
    }

    public Builder maxDepth(int v) {
      maxDepth = v;
      return this;
    }

    public Builder maxContainerItems(int v) {
      maxContainerItems = v;
      return this;
    }

    public Builder maxTotalItems(int v) {
      maxTotalItems = v;
      return this;
    }

    public Builder maxStringBytes(int v) {
      maxStringBytes = v;
      return this;
    }

    public CborLimits build() {
      return new CborLimits(maxBytes, maxDepth, maxContainerItems, maxTotalItems, maxStringBytes);
    }
  }
}
