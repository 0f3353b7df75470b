package dev.ama.model.ari.internal;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An immutable list over an array that nobody else holds. Decoders build a value's items into a
 * fresh array and hand it over in one of these, so the value need not copy it again.
 */
public final class FrozenList<E> extends AbstractList<E> implements RandomAccess {
  private final Object[] items;

  private FrozenList(Object[] items) {
    this.items = items;
  }

  /**
   * Wraps an array the caller gives up: it must not be touched afterwards.
   *
   * @throws NullPointerException if an item is null
   */
  public static <E> List<E> handOver(Object[] items) {
    for (Object o : items) {
      Objects.requireNonNull(o, "list item");
    }
    return new FrozenList<>(items);
  }

  /** The list itself when it is already frozen, otherwise an immutable copy. */
  public static <E> List<E> copyOf(List<? extends E> list) {
    if (list instanceof FrozenList<?>) {
      @SuppressWarnings("unchecked")
      List<E> frozen = (List<E>) list;
      return frozen;
    }
    return List.copyOf(list);
  }

  @Override
  @SuppressWarnings("unchecked")
  public E get(int index) {
    return (E) items[index];
  }

  @Override
  public int size() {
    return items.length;
  }
}
