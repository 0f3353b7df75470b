package dev.ama.rules.expr.internal;

import dev.ama.model.adm.AmaModels;
import dev.ama.model.adm.ModelIds;
import dev.ama.model.ari.AriId;
import dev.ama.model.ari.ObjectRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the reference-inspecting OPERs need to know about identifiers: whether two organisation,
 * model or object identifiers (each a name or an integer enum) name the same thing, and the integer
 * form of an identifier given by name.
 *
 * <p>A name and an enum are the same only when the {@link ModelIds} of a model every ama agent
 * hosts ({@link AmaModels#hostedByEveryAgent()}) maps one to the other; identifiers of the same
 * form compare as given (names case-sensitively). Anything else, an ODM defined at run time
 * included, is known only in the form it is written in.
 */
final class Identity {
  private Identity() {}

  private static final Map<String, Long> ORG_ENUMS = new HashMap<>();
  private static final Map<Long, String> ORG_NAMES = new HashMap<>();
  private static final Map<String, ModelIds> MODELS_BY_NAME = new HashMap<>();
  private static final Map<String, ModelIds> MODELS_BY_ENUM = new HashMap<>();

  static {
    List<ModelIds> hosted = AmaModels.hostedByEveryAgent();
    for (ModelIds m : hosted) {
      MODELS_BY_NAME.put(m.org() + "/" + m.model(), m);
      if (m.hasEnums()) {
        ORG_ENUMS.put(m.org(), m.orgEnum());
        ORG_NAMES.put(m.orgEnum(), m.org());
        MODELS_BY_ENUM.put(m.org() + "/" + m.modelEnum(), m);
      }
    }
  }

  /** The organisation's name, from either form; null for an enum no known model uses. */
  private static String orgName(AriId org) {
    return org.isText() ? org.text() : ORG_NAMES.get(org.number());
  }

  /** The known model an organisation and model identifier name, or null. */
  static ModelIds model(AriId org, AriId model) {
    if (org == null || model == null) {
      return null;
    }
    String orgName = orgName(org);
    if (orgName == null) {
      return null;
    }
    return model.isText()
        ? MODELS_BY_NAME.get(orgName + "/" + model.text())
        : MODELS_BY_ENUM.get(orgName + "/" + model.number());
  }

  /** True when two organisation identifiers name the same organisation. */
  static boolean sameOrg(AriId a, AriId b) {
    if (a.isText() == b.isText()) {
      return a.equals(b);
    }
    String na = orgName(a);
    return na != null && na.equals(orgName(b));
  }

  /** True when two namespaces (organisation and model identifiers) are the same. */
  static boolean sameNamespace(AriId orgA, AriId modelA, AriId orgB, AriId modelB) {
    if (!sameOrg(orgA, orgB)) {
      return false;
    }
    if (modelA.isText() == modelB.isText()) {
      return modelA.equals(modelB);
    }
    ModelIds m = model(orgA, modelA);
    return m != null && m == model(orgB, modelB);
  }

  /**
   * True when two absolute object references name the same object: same namespace, same object
   * type, same object by name or enum. Parameters and revisions are not part of the identity.
   */
  static boolean sameObject(ObjectRef a, ObjectRef b) {
    if (a.objectType() != b.objectType()
        || !sameNamespace(a.org(), a.model(), b.org(), b.model())) {
      return false;
    }
    AriId oa = a.object();
    AriId ob = b.object();
    if (oa.isText() == ob.isText()) {
      return oa.equals(ob);
    }
    ModelIds m = model(a.org(), a.model());
    if (m == null) {
      return false;
    }
    AriId text = oa.isText() ? oa : ob;
    AriId number = oa.isText() ? ob : oa;
    return m.enumOf(a.objectType(), text.text()).map(e -> e == number.number()).orElse(false);
  }

  /** The organisation enum, or null when it is a name no known model maps to an enum. */
  static Long orgEnum(AriId org) {
    return org.isText() ? ORG_ENUMS.get(org.text()) : Long.valueOf(org.number());
  }

  /** The model enum, or null when it is a name no known model maps to an enum. */
  static Long modelEnum(AriId org, AriId model) {
    if (!model.isText()) {
      return model.number();
    }
    ModelIds m = model(org, model);
    return m != null && m.hasEnums() ? m.modelEnum() : null;
  }

  /** The object enum, or null when it is a name its (known) model does not map to an enum. */
  static Long objectEnum(ObjectRef ref) {
    AriId object = ref.object();
    if (!object.isText()) {
      return object.number();
    }
    ModelIds m = model(ref.org(), ref.model());
    return m == null ? null : m.enumOf(ref.objectType(), object.text()).orElse(null);
  }
}
