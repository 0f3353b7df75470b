package dev.ama.model.ari;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * A byte string: untyped, typed BYTESTR, or typed CBOR (an encoded CBOR item carried as bytes and
 * not interpreted by the codec).
 */
public final class BytesLiteral implements Literal {
  private static final Set<AriType> TYPES = EnumSet.of(AriType.BYTESTR, AriType.CBOR);

  private final AriType type;
  private final byte[] bytes;

  private BytesLiteral(AriType type, byte[] bytes) {
    Checks.typeIn(type, TYPES);
    this.type = type;
    this.bytes = bytes;
  }

  /** A byte string with the given type ({@code null} for untyped); the array is copied. */
  public static BytesLiteral of(AriType type, byte[] bytes) {
    return new BytesLiteral(type, bytes.clone());
  }

  /** An untyped byte string; the array is copied. */
  public static BytesLiteral of(byte[] bytes) {
    return of(null, bytes);
  }

  @Override
  public AriType type() {
    return type;
  }

  /** A copy of the bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The number of bytes. */
  public int length() {
    return bytes.length;
  }

  /** The byte at {@code index}. */
  public byte byteAt(int index) {
    return bytes[index];
  }

  /** Upper-case hexadecimal, two digits per byte. */
  public String toHex() {
    return HexFormat.of().withUpperCase().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BytesLiteral b && b.type == type && Arrays.equals(b.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return 31 * (type == null ? 0 : type.hashCode()) + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return (type == null ? "" : "/" + type + "/") + "h'" + toHex() + "'";
  }
}
