package dev.ama.grammar.lang;

import dev.ama.model.ari.AriType;
import dev.ama.model.ari.NamespaceRef;
import dev.ama.model.ari.ObjectRef;
import java.util.Objects;

/**
 * An object a compilation defined on an agent: its reference (by name, in the namespace the source
 * put it in), the enum it was given, and how later source may name it. A caller that keeps these (a
 * Manager) gives them back to {@link LangCompiler.Builder#defined(Definition)} so a later
 * compilation can name the objects and continues their enums instead of reusing them.
 *
 * @param ref the object, {@code //org/!odm/KIND/name}, without parameters
 * @param enumValue the enum the compilation gave it (unique per kind in its namespace)
 * @param role how later source names it
 * @param accessId the ACL access entry id DEF gave it, 0 when it has none
 */
public record Definition(ObjectRef ref, long enumValue, Role role, long accessId) {

  /** How later source may name a defined object. */
  public enum Role {
    /** A value (a DEF'd VAR, a TEMPLATE's CONST): named in expressions and report items. */
    VALUE,
    /** An action (a MACRO's CONST): named where a control may stand. */
    ACTION,
    /** A rule (TBR, SBR): not named in source, but its enum and name stay taken. */
    RULE
  }

  /**
   * @throws IllegalArgumentException when the reference is not a named object of a model, has
   *     parameters, or the enum or access id is negative
   */
  public Definition {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(role, "role");
    if (ref.org() == null
        || ref.model() == null
        || ref.object() == null
        || !ref.object().isText()
        || ref.params() != null) {
      throw new IllegalArgumentException(
          "a definition names an object of a model by name, without parameters: " + ref);
    }
    if (enumValue < 0 || accessId < 0) {
      throw new IllegalArgumentException(
          "enum and access id are not negative: " + enumValue + ", " + accessId);
    }
  }

  /** The object's name. */
  public String name() {
    return ref.object().text();
  }

  /** The object's kind (VAR, CONST, TBR, SBR). */
  public AriType kind() {
    return ref.objectType();
  }

  /** The model (ODM) it is defined in. */
  public NamespaceRef namespace() {
    return new NamespaceRef(ref.org(), ref.model(), ref.revision());
  }
}
