package dev.ama.model.ari;

/** The rule shared by EXECSET and RPTSET nonces. */
final class Nonce {
  private Nonce() {}

  /** A nonce is null, an unsigned integer, or a byte string, all untyped. */
  static boolean isValid(Ari nonce) {
    if (nonce instanceof NullLiteral n) {
      return !n.isTyped();
    }
    if (nonce instanceof IntLiteral i) {
      return !i.isTyped() && !i.negative();
    }
    if (nonce instanceof BytesLiteral b) {
      return !b.isTyped();
    }
    return false;
  }

  static void check(Ari nonce) {
    if (!isValid(nonce)) {
      throw new IllegalArgumentException(
          "a nonce is null, an unsigned integer or a byte string, not " + nonce);
    }
  }
}
