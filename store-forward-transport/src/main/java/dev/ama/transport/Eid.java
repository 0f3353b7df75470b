package dev.ama.transport;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Objects;

/**
 * An endpoint identifier: a {@code dtn:} or {@code ipn:} URI as RFC 9171 defines them.
 *
 * <ul>
 *   <li>{@code dtn:none}, the null endpoint;
 *   <li>{@code dtn://node-name/demux} (the demux may be empty);
 *   <li>{@code ipn:node.service} or {@code ipn:allocator.node.service} (RFC 9758), each number an
 *       unsigned 64-bit integer written in decimal without leading zeros.
 * </ul>
 *
 * <p>The scheme is case-insensitive and kept in lower case; the rest is case-sensitive.
 */
public final class Eid implements Comparable<Eid> {
  /** The null endpoint. */
  public static final Eid NONE = new Eid("dtn:none");

  /** The longest EID accepted, in characters. */
  public static final int MAX_LENGTH = 1024;

  private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private final String uri;

  private Eid(String uri) {
    this.uri = uri;
  }

  /**
   * Parses and validates an EID.
   *
   * @throws IllegalArgumentException saying what is wrong, if {@code text} is not a valid EID
   */
  public static Eid of(String text) {
    Objects.requireNonNull(text, "text");
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("EID longer than " + MAX_LENGTH + " characters");
    }
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("EID '" + text + "' has no scheme (dtn: or ipn:)");
    }
    String scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
    String ssp = text.substring(colon + 1);
    return switch (scheme) {
      case "dtn" -> dtn(text, ssp);
      case "ipn" -> ipn(text, ssp);
      default ->
          throw new IllegalArgumentException(
              "EID '" + text + "' has scheme '" + scheme + "'; only dtn: and ipn: are known");
    };
  }

  /** The EID {@code ipn:node.service}. */
  public static Eid ipn(long node, long service) {
    return new Eid("ipn:" + Long.toUnsignedString(node) + "." + Long.toUnsignedString(service));
  }

  private static Eid dtn(String text, String ssp) {
    if (ssp.equals("none")) {
      return NONE;
    }
    if (!ssp.startsWith("//")) {
      throw new IllegalArgumentException(
          "dtn EID '" + text + "' must be dtn:none or dtn://node-name/demux");
    }
    int slash = ssp.indexOf('/', 2);
    if (slash < 0) {
      throw new IllegalArgumentException(
          "dtn EID '" + text + "' has no '/' after the node name (dtn://node-name/demux)");
    }
    String node = ssp.substring(2, slash);
    if (node.isEmpty()) {
      throw new IllegalArgumentException("dtn EID '" + text + "' has an empty node name");
    }
    for (int i = 0; i < node.length(); i++) {
      char c = node.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "-._~!$&'()*+,;=%".indexOf(c) >= 0;
      if (!ok) {
        throw new IllegalArgumentException(
            "dtn EID '" + text + "' has '" + c + "' in its node name");
      }
      // RFC 3986 reg-name: a '%' starts a percent-encoded octet.
      if (c == '%'
          && (i + 2 >= node.length() || !isHex(node.charAt(i + 1)) || !isHex(node.charAt(i + 2)))) {
        throw new IllegalArgumentException(
            "dtn EID '" + text + "' has '%' not followed by two hex digits in its node name");
      }
    }
    for (int i = slash; i < ssp.length(); i++) {
      char c = ssp.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw new IllegalArgumentException(
            "dtn EID '" + text + "' has a space or non-ASCII character in its demux");
      }
    }
    return new Eid("dtn:" + ssp);
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static Eid ipn(String text, String ssp) {
    String[] parts = ssp.split("\\.", -1);
    if (parts.length != 2 && parts.length != 3) {
      throw new IllegalArgumentException(
          "ipn EID '" + text + "' must be ipn:node.service or ipn:allocator.node.service");
    }
    for (String part : parts) {
      if (part.isEmpty() || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new IllegalArgumentException(
            "ipn EID '" + text + "' has '" + part + "' where a decimal number belongs");
      }
      if (part.length() > 1 && part.charAt(0) == '0') {
        throw new IllegalArgumentException(
            "ipn EID '" + text + "' has a leading zero in '" + part + "'");
      }
      if (part.length() > 20 || new BigInteger(part).compareTo(U64_MAX) > 0) {
        throw new IllegalArgumentException(
            "ipn EID '" + text + "' has '" + part + "', larger than 2^64-1");
      }
    }
    return new Eid("ipn:" + ssp);
  }

  /** {@code dtn} or {@code ipn}. */
  public String scheme() {
    return uri.substring(0, 3);
  }

  /** Whether this is {@code dtn:none}. */
  public boolean isNone() {
    return this == NONE || uri.equals(NONE.uri);
  }

  /** The canonical URI text. */
  @Override
  public String toString() {
    return uri;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Eid other && uri.equals(other.uri);
  }

  @Override
  public int hashCode() {
    return uri.hashCode();
  }

  @Override
  public int compareTo(Eid o) {
    return uri.compareTo(o.uri);
  }
}
