package dev.ama.model.ari;

/**
 * One identifier segment of a reference (organisation, model or object): a text name or an integer
 * enum. Names starting with {@code !} denote run-time models (ODMs).
 *
 * <p>Exactly one of the two forms is present: {@code text} is non-null for a name, null for an
 * enum.
 */
public record AriId(String text, long number) {

  public AriId {
    if (text != null) {
      if (text.isEmpty()) {
        throw new IllegalArgumentException("an identifier name is never empty");
      }
      TextLiteral.checkWellFormed(text);
      if (number != 0) {
        throw new IllegalArgumentException("an identifier is a name or an enum, not both");
      }
    }
  }

  /** A named identifier. */
  public static AriId of(String name) {
    return new AriId(name, 0);
  }

  private static final AriId[] SMALL = new AriId[256];

  static {
    for (int i = 0; i < SMALL.length; i++) {
      SMALL[i] = new AriId(null, i);
    }
  }

  /** An integer-enum identifier. */
  public static AriId of(long number) {
    // Enums of standard models are small; sharing them keeps decoding from allocating.
    return number >= 0 && number < SMALL.length ? SMALL[(int) number] : new AriId(null, number);
  }

  /** True for a name, false for an integer enum. */
  public boolean isText() {
    return text != null;
  }

  /** True for a name starting with {@code !} (a run-time model, ODM). */
  public boolean isOdmName() {
    return text != null && text.startsWith("!");
  }

  @Override
  public String toString() {
    return text != null ? text : Long.toString(number);
  }
}
