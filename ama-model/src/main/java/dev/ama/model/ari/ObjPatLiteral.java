package dev.ama.model.ari;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * An object pattern (OBJPAT): four parts that match the organisation, model, object type and object
 * of references, e.g. {@code ari:/OBJPAT/(65535)(..-1,1)(*)(10..100)}. Access-control entries use
 * patterns to name many objects at once.
 *
 * <p>Each part is a wildcard, a name, or a set of integer intervals over the 32-bit domain.
 * Interval sets are kept sorted and merged, so equal sets are equal values.
 */
public record ObjPatLiteral(Part org, Part model, Part objectType, Part object) implements Literal {
  public ObjPatLiteral {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(objectType, "objectType");
    Objects.requireNonNull(object, "object");
  }

  @Override
  public AriType type() {
    return AriType.OBJPAT;
  }

  /** The four parts in order: organisation, model, object type, object. */
  public List<Part> parts() {
    return List.of(org, model, objectType, object);
  }

  /** One part of a pattern. */
  public sealed interface Part permits Any, Name, Ranges {
    /** True when this part matches the identifier. */
    boolean matches(AriId id);
  }

  /** Matches anything ({@code *}). */
  public enum Any implements Part {
    INSTANCE;

    @Override
    public boolean matches(AriId id) {
      return true;
    }
  }

  /** Matches one name. */
  public record Name(String name) implements Part {
    public Name {
      if (name == null || name.isEmpty()) {
        throw new IllegalArgumentException("a pattern name is never empty");
      }
      TextLiteral.checkWellFormed(name);
    }

    @Override
    public boolean matches(AriId id) {
      return id != null && name.equals(id.text());
    }
  }

  /**
   * An inclusive interval of 32-bit integers; {@code Integer.MIN_VALUE}/{@code MAX_VALUE} are open
   * ends.
   */
  public record Range(int low, int high) {
    public Range {
      if (low > high) {
        throw new IllegalArgumentException("empty interval " + low + ".." + high);
      }
    }

    /** The interval holding one value. */
    public static Range of(int value) {
      return new Range(value, value);
    }
  }

  /** Matches integers in a set of intervals, kept sorted, disjoint and merged. */
  public record Ranges(List<Range> ranges) implements Part {
    public Ranges {
      if (ranges.isEmpty()) {
        throw new IllegalArgumentException("an interval set is never empty");
      }
      List<Range> sorted = new ArrayList<>(ranges);
      sorted.sort(Comparator.comparingInt(Range::low));
      List<Range> merged = new ArrayList<>();
      for (Range r : sorted) {
        if (!merged.isEmpty()) {
          Range last = merged.get(merged.size() - 1);
          // Overlapping or adjacent intervals merge (long arithmetic: high may be MAX_VALUE).
          if ((long) r.low() <= (long) last.high() + 1) {
            merged.set(merged.size() - 1, new Range(last.low(), Math.max(last.high(), r.high())));
            continue;
          }
        }
        merged.add(r);
      }
      ranges = List.copyOf(merged);
    }

    /** The set holding one value. */
    public static Ranges of(int value) {
      return new Ranges(List.of(Range.of(value)));
    }

    /** True when the set is exactly one value. */
    public boolean isSingle() {
      return ranges.size() == 1 && ranges.get(0).low() == ranges.get(0).high();
    }

    @Override
    public boolean matches(AriId id) {
      if (id == null || id.isText()) {
        return false;
      }
      long v = id.number();
      for (Range r : ranges) {
        if (v >= r.low() && v <= r.high()) {
          return true;
        }
      }
      return false;
    }
  }
}
