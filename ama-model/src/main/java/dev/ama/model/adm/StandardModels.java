package dev.ama.model.adm;

import static dev.ama.model.ari.AriType.CONST;
import static dev.ama.model.ari.AriType.CTRL;
import static dev.ama.model.ari.AriType.EDD;
import static dev.ama.model.ari.AriType.IDENT;
import static dev.ama.model.ari.AriType.OPER;
import static dev.ama.model.ari.AriType.TYPEDEF;
import static dev.ama.model.ari.AriType.VAR;

import java.time.LocalDate;
import java.util.List;

/**
 * The identifiers of the standard models an ama agent hosts, written by ama from the published ADMs
 * (draft-ietf-dtn-adm-yang). A test checks every name and enum against the YANG modules.
 *
 * <p>Each model lists its objects grouped by object type, in ARI type-code order (IDENT, CONST,
 * CTRL, EDD, OPER, VAR, TYPEDEF), and within a type in the order the module defines them. Enums are
 * unique per object type only, so the same number appears under different types.
 */
public final class StandardModels {
  private StandardModels() {}

  /** The IETF organisation, which owns every standard model. */
  private static final String IETF = "ietf";

  private static final long IETF_ENUM = 1;

  /** {@code //ietf/dtnma-agent/}: the agent's own EDDs, CTRLs and OPERs. */
  public static final ModelIds DTNMA_AGENT =
      ModelIds.builder(IETF, IETF_ENUM, "dtnma-agent", 1)
          .revision(LocalDate.of(2026, 5, 1))
          // CONST: the agent's hello report template
          .object(CONST, "hello", 0)
          // CTRL: execution flow, reporting, ODM and object management, rules
          .object(CTRL, "if-then-else", 0)
          .object(CTRL, "catch", 1)
          .object(CTRL, "exec-deadline", 22)
          .object(CTRL, "wait-for", 2)
          .object(CTRL, "wait-until", 3)
          .object(CTRL, "wait-cond", 4)
          .object(CTRL, "inspect", 5)
          .object(CTRL, "report-on", 6)
          .object(CTRL, "ensure-odm", 18)
          .object(CTRL, "obsolete-odm", 19)
          .object(CTRL, "var-reset", 7)
          .object(CTRL, "var-store", 8)
          .object(CTRL, "ensure-ident", 20)
          .object(CTRL, "obsolete-ident", 21)
          .object(CTRL, "ensure-const", 11)
          .object(CTRL, "obsolete-const", 12)
          .object(CTRL, "ensure-var", 9)
          .object(CTRL, "obsolete-var", 10)
          .object(CTRL, "ensure-sbr", 13)
          .object(CTRL, "ensure-tbr", 14)
          .object(CTRL, "ensure-rule-enabled", 15)
          .object(CTRL, "reset-rule-enabled", 16)
          .object(CTRL, "obsolete-rule", 17)
          // EDD: software identity, message and execution counters, object listings
          .object(EDD, "sw-vendor", 0)
          .object(EDD, "sw-version", 1)
          .object(EDD, "capability", 2)
          .object(EDD, "num-msg-rx", 3)
          .object(EDD, "num-msg-rx-failed", 4)
          .object(EDD, "num-msg-tx", 5)
          .object(EDD, "num-msg-tx-failed", 15)
          .object(EDD, "last-msg-rx-time", 17)
          .object(EDD, "num-exec-started", 6)
          .object(EDD, "num-exec-succeeded", 7)
          .object(EDD, "num-exec-failed", 8)
          .object(EDD, "exec-running", 9)
          .object(EDD, "odm-list", 16)
          .object(EDD, "ident-list", 18)
          .object(EDD, "typedef-list", 10)
          .object(EDD, "const-list", 14)
          .object(EDD, "var-list", 11)
          .object(EDD, "sbr-list", 12)
          .object(EDD, "tbr-list", 13)
          // OPER: arithmetic, bitwise, boolean, comparison, predicates, evaluation, containers
          .object(OPER, "negate", 0)
          .object(OPER, "add", 1)
          .object(OPER, "sub", 2)
          .object(OPER, "multiply", 3)
          .object(OPER, "divide", 4)
          .object(OPER, "remainder", 5)
          .object(OPER, "bit-not", 6)
          .object(OPER, "bit-and", 7)
          .object(OPER, "bit-or", 8)
          .object(OPER, "bit-xor", 9)
          .object(OPER, "bool-not", 10)
          .object(OPER, "bool-and", 11)
          .object(OPER, "bool-or", 12)
          .object(OPER, "bool-xor", 13)
          .object(OPER, "strict-eq", 33)
          .object(OPER, "strict-ne", 34)
          .object(OPER, "compare-eq", 14)
          .object(OPER, "compare-ne", 15)
          .object(OPER, "compare-gt", 16)
          .object(OPER, "compare-ge", 17)
          .object(OPER, "compare-lt", 18)
          .object(OPER, "compare-le", 19)
          .object(OPER, "is-undefined", 29)
          .object(OPER, "is-not-undefined", 30)
          .object(OPER, "is-truthy", 35)
          .object(OPER, "match-type", 45)
          .object(OPER, "convert-type", 46)
          .object(OPER, "match-regexp", 23)
          .object(OPER, "is-org-private", 36)
          .object(OPER, "match-org-int-range", 37)
          .object(OPER, "is-model-odm", 38)
          .object(OPER, "match-model-int-range", 39)
          .object(OPER, "is-same-ns", 40)
          .object(OPER, "match-object-type", 42)
          .object(OPER, "match-object-int-range", 44)
          .object(OPER, "is-same-object", 41)
          .object(OPER, "ref", 43)
          .object(OPER, "predicate-all", 24)
          .object(OPER, "predicate-any", 25)
          .object(OPER, "predicate-none", 26)
          .object(OPER, "eval", 28)
          .object(OPER, "unary-eval", 27)
          .object(OPER, "nary-eval", 31)
          .object(OPER, "tbl-filter", 20)
          .object(OPER, "tbl-get", 32)
          .object(OPER, "list-get", 21)
          .object(OPER, "map-get", 22)
          // TYPEDEF: formal-parameter introspection and table filtering
          .object(TYPEDEF, "formal-params-tbl", 1)
          .object(TYPEDEF, "tbl-row-filter", 0)
          .build();

  /** {@code //ietf/amm-base/}: display-hint IDENTs and the base named types of the AMM. */
  public static final ModelIds AMM_BASE =
      ModelIds.builder(IETF, IETF_ENUM, "amm-base", 25)
          .revision(LocalDate.of(2026, 5, 1))
          // IDENT: the abstract display-hint hierarchy
          .object(IDENT, "display-hint", 0)
          .object(IDENT, "display-hint-integer", 1)
          .object(IDENT, "display-hint-float", 2)
          .object(IDENT, "display-hint-bstr", 3)
          .object(IDENT, "display-hint-time", 4)
          // TYPEDEF: type unions, identifiers, counters, expression, execution and report types
          .object(TYPEDEF, "type-ref", 0)
          .object(TYPEDEF, "integer", 1)
          .object(TYPEDEF, "float", 2)
          .object(TYPEDEF, "numeric", 3)
          .object(TYPEDEF, "numeric-or-time", 27)
          .object(TYPEDEF, "primitive", 4)
          .object(TYPEDEF, "time", 5)
          .object(TYPEDEF, "simple", 6)
          .object(TYPEDEF, "nested", 7)
          .object(TYPEDEF, "any", 8)
          .object(TYPEDEF, "value-obj", 9)
          .object(TYPEDEF, "nonce", 10)
          .object(TYPEDEF, "id-text", 25)
          .object(TYPEDEF, "id-int", 26)
          .object(TYPEDEF, "counter32", 11)
          .object(TYPEDEF, "counter64", 12)
          .object(TYPEDEF, "gauge32", 13)
          .object(TYPEDEF, "gauge64", 14)
          .object(TYPEDEF, "timestamp", 15)
          .object(TYPEDEF, "eval-tgt", 16)
          .object(TYPEDEF, "expr-item", 17)
          .object(TYPEDEF, "expr", 18)
          .object(TYPEDEF, "exec-tgt", 19)
          .object(TYPEDEF, "exec-item", 20)
          .object(TYPEDEF, "mac", 21)
          .object(TYPEDEF, "rpt-tgt", 22)
          .object(TYPEDEF, "rptt-item", 23)
          .object(TYPEDEF, "rptt", 24)
          .build();

  /** {@code //ietf/amm-semtype/}: the IDENTs that describe semantic types for introspection. */
  public static final ModelIds AMM_SEMTYPE =
      ModelIds.builder(IETF, IETF_ENUM, "amm-semtype", 24)
          .revision(LocalDate.of(2026, 5, 1))
          // IDENT: the semtype base and its leaf kinds
          .object(IDENT, "semtype", 1)
          .object(IDENT, "type-use", 2)
          .object(IDENT, "ulist", 3)
          .object(IDENT, "dlist", 4)
          .object(IDENT, "umap", 5)
          .object(IDENT, "tblt", 6)
          .object(IDENT, "union", 8)
          .object(IDENT, "seq", 9)
          // TYPEDEF: a reference to a semantic type
          .object(TYPEDEF, "semtype", 25)
          .build();

  /** {@code //ietf/network-base/}: URI, UUID and OID types and the abstract network endpoint. */
  public static final ModelIds NETWORK_BASE =
      ModelIds.builder(IETF, IETF_ENUM, "network-base", 26)
          .revision(LocalDate.of(2026, 4, 2))
          // IDENT: byte-string display hints and the abstract endpoint base
          .object(IDENT, "display-bstr-uuid", 17)
          .object(IDENT, "display-bstr-oid", 18)
          .object(IDENT, "abstract-endpoint", 0)
          // TYPEDEF: identifier forms and endpoints
          .object(TYPEDEF, "uri", 0)
          .object(TYPEDEF, "uuid", 5)
          .object(TYPEDEF, "oid", 4)
          .object(TYPEDEF, "endpoint", 1)
          .object(TYPEDEF, "endpoint-or-uri", 3)
          .build();

  /** {@code //ietf/dtnma-agent-acl/}: access-control permissions, groups and access entries. */
  public static final ModelIds DTNMA_AGENT_ACL =
      ModelIds.builder(IETF, IETF_ENUM, "dtnma-agent-acl", 2)
          .revision(LocalDate.of(2026, 5, 1))
          // IDENT: the abstract permission and the built-in permissions
          .object(IDENT, "permission", 0)
          .object(IDENT, "execute", 10)
          .object(IDENT, "produce", 11)
          .object(IDENT, "modify-var", 12)
          .object(IDENT, "modify-rule-enabled", 17)
          .object(IDENT, "ensure-odm", 13)
          .object(IDENT, "obsolete-odm", 14)
          .object(IDENT, "ensure-object", 15)
          .object(IDENT, "obsolete-object", 16)
          // CTRL: access entry and group management
          .object(CTRL, "ensure-access", 3)
          .object(CTRL, "discard-access", 4)
          .object(CTRL, "ensure-group", 5)
          .object(CTRL, "ensure-group-members", 7)
          .object(CTRL, "discard-group", 6)
          // EDD: the access table and the groups
          .object(EDD, "access-list", 2)
          .object(EDD, "current-groups", 3)
          .object(EDD, "group-list", 4)
          // VAR: the default permission
          .object(VAR, "default-access", 1)
          // TYPEDEF: entry identifiers, permission lists and filters
          .object(TYPEDEF, "entry-id", 2)
          .object(TYPEDEF, "optional-entry-id", 3)
          .object(TYPEDEF, "permission-list", 0)
          .object(TYPEDEF, "access-target-filter", 5)
          .object(TYPEDEF, "group-member-filter", 4)
          .build();

  /** Every standard model, in the order above. */
  public static final List<ModelIds> ALL =
      List.of(DTNMA_AGENT, AMM_BASE, AMM_SEMTYPE, NETWORK_BASE, DTNMA_AGENT_ACL);
}
