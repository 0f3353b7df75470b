package dev.ama.model.ari;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A reference to one object: {@code //org/model[@revision]/TYPE/object[(params)]}.
 *
 * <p>{@code org} and {@code model} are both null in a reference relative to its context ({@code
 * ./TYPE/object}), and only {@code org} is null in one relative to its organisation ({@code
 * ../model/TYPE/object}). The type is one of the object kinds ({@link AriType#isObjectKind()}).
 */
public record ObjectRef(
    AriId org, AriId model, LocalDate revision, AriType objectType, AriId object, Params params)
    implements Reference {

  public ObjectRef {
    Objects.requireNonNull(objectType, "objectType");
    Objects.requireNonNull(object, "object");
    if (!objectType.isObjectKind()) {
      throw new IllegalArgumentException("not an object type: " + objectType);
    }
    if (org != null && model == null) {
      throw new IllegalArgumentException("a reference with an organisation needs a model");
    }
    if (revision != null && model == null) {
      throw new IllegalArgumentException("a revision needs a model");
    }
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A reference to {@code //org/model/TYPE/object} without parameters. */
  public static ObjectRef of(String org, String model, AriType type, String object) {
    return new ObjectRef(AriId.of(org), AriId.of(model), null, type, AriId.of(object), null);
  }

  /** The same reference with other parameters ({@code null} for none). */
  public ObjectRef withParams(Params newParams) {
    return new ObjectRef(org, model, revision, objectType, object, newParams);
  }

  /** The same reference with other organisation and model identifiers. */
  public ObjectRef withNamespace(AriId newOrg, AriId newModel) {
    return new ObjectRef(newOrg, newModel, revision, objectType, object, params);
  }

  /** True when the organisation is left to the context. */
  public boolean isRelative() {
    return org == null;
  }

  /** Builds an {@link ObjectRef}; {@link #build()} checks it. */
  public static final class Builder {
    private AriId org;
    private AriId model;
    private LocalDate revision;
    private AriType type;
    private AriId object;
    private Params params;

    private Builder() {}

    public Builder org(String name) {
      return org(AriId.of(name));
    }

    public Builder org(long number) {
      return org(AriId.of(number));
    }

    public Builder org(AriId id) {
      this.org = id;
      return this;
    }

    public Builder model(String name) {
      return model(AriId.of(name));
    }

    public Builder model(long number) {
      return model(AriId.of(number));
    }

    public Builder model(AriId id) {
      this.model = id;
      return this;
    }

    public Builder revision(LocalDate date) {
      this.revision = date;
      return this;
    }

    public Builder type(AriType objectType) {
      this.type = objectType;
      return this;
    }

    public Builder object(String name) {
      return object(AriId.of(name));
    }

    public Builder object(long number) {
      return object(AriId.of(number));
    }

    public Builder object(AriId id) {
      this.object = id;
      return this;
    }

    public Builder params(Params p) {
      this.params = p;
      return this;
    }

    public Builder params(Ari... values) {
      return params(Params.of(values));
    }

    /**
     * The reference.
     *
     * @throws IllegalArgumentException when a part is missing or inconsistent
     */
    public ObjectRef build() {
      if (type == null) {
        throw new IllegalArgumentException("an object reference needs an object type");
      }
      if (object == null) {
        throw new IllegalArgumentException("an object reference needs an object name or enum");
      }
      return new ObjectRef(org, model, revision, type, object, params);
    }
  }
}
