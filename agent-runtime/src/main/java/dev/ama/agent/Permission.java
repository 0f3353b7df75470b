package dev.ama.agent;

import dev.ama.model.adm.StandardModels;
import dev.ama.model.ari.AriId;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.ObjectRef;
import java.util.Optional;

/** The built-in permissions of ietf-dtnma-agent-acl, each an IDENT of that model. */
public enum Permission {
  EXECUTE("execute"),
  PRODUCE("produce"),
  MODIFY_VAR("modify-var"),
  MODIFY_RULE_ENABLED("modify-rule-enabled"),
  ENSURE_ODM("ensure-odm"),
  OBSOLETE_ODM("obsolete-odm"),
  ENSURE_OBJECT("ensure-object"),
  OBSOLETE_OBJECT("obsolete-object");

  private final String identName;

  Permission(String identName) {
    this.identName = identName;
  }

  /** The IDENT's name in ietf-dtnma-agent-acl, e.g. {@code modify-var}. */
  public String identName() {
    return identName;
  }

  /** The IDENT's enum in ietf-dtnma-agent-acl, e.g. 12 for {@code modify-var}. */
  public long identEnum() {
    return StandardModels.DTNMA_AGENT_ACL.enumOf(AriType.IDENT, identName).orElseThrow();
  }

  /** The IDENT reference by name, {@code //ietf/dtnma-agent-acl/IDENT/modify-var}. */
  public ObjectRef ident() {
    return ObjectRef.of("ietf", "dtnma-agent-acl", AriType.IDENT, identName);
  }

  /** The permission an IDENT name or enum of ietf-dtnma-agent-acl stands for. */
  public static Optional<Permission> fromIdent(AriId object) {
    for (Permission p : values()) {
      if (object.isText() ? p.identName.equals(object.text()) : p.identEnum() == object.number()) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
