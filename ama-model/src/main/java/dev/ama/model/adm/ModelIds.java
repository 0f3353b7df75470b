package dev.ama.model.adm;

import dev.ama.model.ari.AriType;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The identifiers of one model (ADM): its organisation and model names with their integer enums,
 * its revision, and the name ↔ enum pairs of its objects, per object type. This is what lets ARIs
 * travel with compact integer enums ("nicknames") and still print with names.
 */
public final class ModelIds {
  private final String org;
  private final Long orgEnum;
  private final String model;
  private final Long modelEnum;
  private final LocalDate revision;
  private final Map<AriType, Map<String, Long>> enumsByName;
  private final Map<AriType, Map<Long, String>> namesByEnum;

  private ModelIds(Builder b) {
    this.org = b.org;
    this.orgEnum = b.orgEnum;
    this.model = b.model;
    this.modelEnum = b.modelEnum;
    this.revision = b.revision;
    Map<AriType, Map<String, Long>> byName = new EnumMap<>(AriType.class);
    Map<AriType, Map<Long, String>> byEnum = new EnumMap<>(AriType.class);
    b.objects.forEach(
        (type, names) -> {
          byName.put(type, Collections.unmodifiableMap(new LinkedHashMap<>(names)));
          Map<Long, String> rev = new HashMap<>();
          names.forEach((n, e) -> rev.put(e, n));
          byEnum.put(type, Collections.unmodifiableMap(rev));
        });
    this.enumsByName = Collections.unmodifiableMap(byName);
    this.namesByEnum = Collections.unmodifiableMap(byEnum);
  }

  /** A builder for the model {@code //org/model/} with registered organisation and model enums. */
  public static Builder builder(String org, long orgEnum, String model, long modelEnum) {
    return new Builder(org, orgEnum, model, modelEnum);
  }

  /**
   * A builder for a model known by name only: its organisation and model have no registered enums
   * (ama's own ADM, an application's model). Its objects may still have enums.
   */
  public static Builder builder(String org, String model) {
    return new Builder(org, null, model, null);
  }

  public String org() {
    return org;
  }

  /** True when the organisation and model have integer enums. */
  public boolean hasEnums() {
    return orgEnum != null;
  }

  /**
   * The organisation's enum.
   *
   * @throws IllegalStateException for a model known by name only
   */
  public long orgEnum() {
    if (orgEnum == null) {
      throw new IllegalStateException(this + " has no organisation enum");
    }
    return orgEnum;
  }

  public String model() {
    return model;
  }

  /**
   * The model's enum.
   *
   * @throws IllegalStateException for a model known by name only
   */
  public long modelEnum() {
    if (modelEnum == null) {
      throw new IllegalStateException(this + " has no model enum");
    }
    return modelEnum;
  }

  /** The revision these identifiers are taken from. */
  public LocalDate revision() {
    return revision;
  }

  /** The enum of an object, if the model defines it. */
  public Optional<Long> enumOf(AriType type, String name) {
    Map<String, Long> m = enumsByName.get(type);
    return Optional.ofNullable(m == null ? null : m.get(name));
  }

  /** The name of an object, if the model defines it. */
  public Optional<String> nameOf(AriType type, long enumValue) {
    Map<Long, String> m = namesByEnum.get(type);
    return Optional.ofNullable(m == null ? null : m.get(enumValue));
  }

  /** Every object name of one type with its enum, in definition order. */
  public Map<String, Long> objects(AriType type) {
    return enumsByName.getOrDefault(type, Map.of());
  }

  @Override
  public String toString() {
    return "//" + org + "/" + model + "@" + revision;
  }

  /** Builds {@link ModelIds}; {@link #build()} refuses duplicate names or enums within a type. */
  public static final class Builder {
    private final String org;
    private final Long orgEnum;
    private final String model;
    private final Long modelEnum;
    private LocalDate revision;
    private final Map<AriType, Map<String, Long>> objects = new EnumMap<>(AriType.class);
    private String problem;

    private Builder(String org, Long orgEnum, String model, Long modelEnum) {
      this.org = Objects.requireNonNull(org, "org");
      this.orgEnum = orgEnum;
      this.model = Objects.requireNonNull(model, "model");
      this.modelEnum = modelEnum;
    }

    public Builder revision(LocalDate date) {
      this.revision = date;
      return this;
    }

    /** Adds one object of the model. */
    public Builder object(AriType type, String name, long enumValue) {
      if (!type.isObjectKind()) {
        problem = type + " is not an object type (" + name + ")";
        return this;
      }
      Map<String, Long> names = objects.computeIfAbsent(type, t -> new LinkedHashMap<>());
      if (names.containsKey(name)) {
        problem = "duplicate " + type + " name " + name;
      } else if (names.containsValue(enumValue)) {
        problem = "duplicate " + type + " enum " + enumValue + " (" + name + ")";
      }
      names.put(name, enumValue);
      return this;
    }

    /**
     * The identifiers.
     *
     * @throws IllegalStateException when a name or enum repeats within a type, or the revision is
     *     missing
     */
    public ModelIds build() {
      if (problem != null) {
        throw new IllegalStateException("model " + org + "/" + model + ": " + problem);
      }
      if (revision == null) {
        throw new IllegalStateException("model " + org + "/" + model + " has no revision");
      }
      return new ModelIds(this);
    }
  }
}
