package dev.ama.model.ari;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ARI map (AM), e.g. {@code ari:/AM/(1=true)}: keys are untyped integers or text strings, values
 * any ARI.
 *
 * <p>Entries are kept in the order the reference implementation keeps them, which is also the order
 * of the CBOR and text forms: integers before text; integers above 2<sup>63</sup>−1 first, then the
 * rest by value; text by UTF-8 length, then bytewise. Keys of other primitive kinds (booleans,
 * floats, byte strings) are refused: ARI uses none, and refusing them keeps every AM decodable.
 */
public record AmLiteral(Map<Ari, Ari> entries) implements Literal {
  /** The empty map. */
  public static final AmLiteral EMPTY = new AmLiteral(Map.of());

  /** The canonical key order. */
  public static final Comparator<Ari> KEY_ORDER = AmLiteral::compareKeys;

  public AmLiteral {
    List<Map.Entry<Ari, Ari>> list = new ArrayList<>(entries.size());
    for (Map.Entry<Ari, Ari> e : entries.entrySet()) {
      Ari k = e.getKey();
      if (!isValidKey(k)) {
        throw new IllegalArgumentException(
            "an AM key must be an untyped integer or text string, not " + k);
      }
      if (e.getValue() == null) {
        throw new NullPointerException("value of key " + k);
      }
      list.add(Map.entry(k, e.getValue()));
    }
    if (list.size() > 1) {
      list.sort(Map.Entry.comparingByKey(KEY_ORDER));
    }
    LinkedHashMap<Ari, Ari> copy = new LinkedHashMap<>(Math.max(4, list.size() * 2));
    for (Map.Entry<Ari, Ari> e : list) {
      copy.put(e.getKey(), e.getValue());
    }
    entries = Collections.unmodifiableMap(copy);
  }

  /** True for the keys an AM accepts: untyped integers and text strings. */
  public static boolean isValidKey(Ari key) {
    return (key instanceof IntLiteral i && !i.isTyped())
        || (key instanceof TextLiteral t && !t.isTyped());
  }

  private static int rank(Ari key) {
    if (key instanceof IntLiteral i) {
      return !i.negative() && !i.fitsLong() ? 0 : 1;
    }
    return 2;
  }

  private static int compareKeys(Ari a, Ari b) {
    int ra = rank(a);
    int rb = rank(b);
    if (ra != rb) {
      return Integer.compare(ra, rb);
    }
    if (a instanceof IntLiteral ia && b instanceof IntLiteral ib) {
      if (ia.fitsLong() && ib.fitsLong()) {
        return Long.compare(ia.longValue(), ib.longValue());
      }
      return ia.bigValue().compareTo(ib.bigValue());
    }
    byte[] x = ((TextLiteral) a).value().getBytes(StandardCharsets.UTF_8);
    byte[] y = ((TextLiteral) b).value().getBytes(StandardCharsets.UTF_8);
    if (x.length != y.length) {
      return Integer.compare(x.length, y.length);
    }
    return java.util.Arrays.compareUnsigned(x, y);
  }

  @Override
  public AriType type() {
    return AriType.AM;
  }
}
