package dev.ama.cli.registry.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ama.agent.registry.HlcTimestamp;
import dev.ama.agent.registry.Registration;
import dev.ama.agent.registry.RegistryLimits;
import dev.ama.agent.registry.RegistryRecord;
import dev.ama.agent.registry.Skill;
import dev.ama.transport.Eid;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Registry records to JSON and registration bodies from JSON. Times are ISO-8601 instants,
 * retention an ISO-8601 duration ({@code P7D}, {@code PT12H}).
 *
 * <p>A registration body is checked against {@link RegistryLimits#DEFAULTS} (endpoints, skills,
 * metadata pairs, text length): a record the center accepted must also pass every peer's decoder,
 * or the deltas carrying it would be refused.
 */
public final class RegistryJson {
  /** The mapper the API and the CLI use. */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private static final Set<String> FIELDS =
      Set.of("id", "name", "endpoints", "skills", "metadata", "retention");
  private static final Set<String> SKILL_FIELDS = Set.of("name", "group");

  private RegistryJson() {}

  /** A body that is not a valid registration; the message names the field. */
  public static final class BadBodyException extends Exception {
    private static final long serialVersionUID = 1L;

    BadBodyException(String message) {
      super(message);
    }
  }

  /**
   * Reads a registration.
   *
   * @param body the request body, UTF-8 JSON
   * @param pathId the agent id from the path ({@code PUT /registry/agents/{id}}), or null: then
   *     {@code id} is required; else it is optional and must match
   * @param limits the limits every peer's decoder enforces
   * @throws BadBodyException naming what is wrong
   */
  public static Registration registration(byte[] body, String pathId, RegistryLimits limits)
      throws BadBodyException {
    JsonNode root;
    try {
      root = MAPPER.readTree(new String(body, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new BadBodyException("the body is not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new BadBodyException(
          "the body is a JSON object such as {\"id\":\"agent-1\",\"name\":\"…\","
              + "\"endpoints\":[…],\"skills\":[…]}");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        throw new BadBodyException(
            "unknown field '" + f + "'; known: id, name, endpoints, skills, metadata, retention");
      }
    }
    String id = text(root, "id", limits, false);
    if (pathId != null) {
      if (id != null && !id.equals(pathId)) {
        throw new BadBodyException("'id' is " + id + " but the path names " + pathId);
      }
      id = pathId;
    }
    if (id == null || id.isEmpty()) {
      throw new BadBodyException("'id' (the agent's id, text) is required");
    }
    checkLength("id", id, limits);
    String name = text(root, "name", limits, false);
    List<String> endpoints = new ArrayList<>();
    for (JsonNode e : array(root, "endpoints", limits.maxEndpoints())) {
      if (!e.isTextual() || e.asText().isEmpty()) {
        throw new BadBodyException("'endpoints' holds non-empty text, not " + e);
      }
      checkLength("an endpoint", e.asText(), limits);
      endpoints.add(e.asText());
    }
    List<Skill> skills = new ArrayList<>();
    for (JsonNode s : array(root, "skills", limits.maxSkills())) {
      skills.add(skill(s, limits));
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    JsonNode m = root.get("metadata");
    if (m != null && !m.isNull()) {
      if (!m.isObject()) {
        throw new BadBodyException("'metadata' is an object of text values, not " + m);
      }
      if (m.size() > limits.maxMetadata()) {
        throw new BadBodyException(
            "'metadata' has " + m.size() + " pairs; at most " + limits.maxMetadata());
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isTextual()) {
          throw new BadBodyException("metadata '" + e.getKey() + "' is text, not " + e.getValue());
        }
        checkLength("a metadata key", e.getKey(), limits);
        checkLength("metadata '" + e.getKey() + "'", e.getValue().asText(), limits);
        metadata.put(e.getKey(), e.getValue().asText());
      }
    }
    Duration retention = null;
    String r = text(root, "retention", limits, false);
    if (r != null) {
      try {
        retention = Duration.parse(r);
      } catch (DateTimeParseException e) {
        throw new BadBodyException(
            "'retention' is an ISO-8601 duration such as P7D or PT12H, not '" + r + "'");
      }
      if (retention.isNegative()) {
        throw new BadBodyException("'retention' is negative: " + r);
      }
    }
    return new Registration(id, name == null ? "" : name, endpoints, skills, metadata, retention);
  }

  private static Skill skill(JsonNode s, RegistryLimits limits) throws BadBodyException {
    String name;
    String group = null;
    if (s.isTextual()) {
      name = s.asText();
    } else if (s.isObject()) {
      for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!SKILL_FIELDS.contains(f)) {
          throw new BadBodyException("unknown field '" + f + "' in a skill; known: name, group");
        }
      }
      JsonNode n = s.get("name");
      JsonNode g = s.get("group");
      if (n == null || !n.isTextual()) {
        throw new BadBodyException("a skill object needs 'name' (text): " + s);
      }
      name = n.asText();
      if (g != null && !g.isNull()) {
        if (!g.isTextual() || g.asText().isEmpty()) {
          throw new BadBodyException("a skill's 'group' is non-empty text or null: " + s);
        }
        group = g.asText();
        checkLength("a skill group", group, limits);
      }
    } else {
      throw new BadBodyException(
          "a skill is text (public) or {\"name\":…,\"group\":…} (restricted), not " + s);
    }
    if (name.isEmpty()) {
      throw new BadBodyException("a skill name is empty");
    }
    checkLength("a skill name", name, limits);
    return new Skill(name, group);
  }

  private static List<JsonNode> array(JsonNode root, String field, int max)
      throws BadBodyException {
    JsonNode a = root.get(field);
    if (a == null || a.isNull()) {
      return List.of();
    }
    if (!a.isArray()) {
      throw new BadBodyException("'" + field + "' is an array, not " + a);
    }
    if (a.size() > max) {
      throw new BadBodyException("'" + field + "' has " + a.size() + " items; at most " + max);
    }
    List<JsonNode> out = new ArrayList<>();
    a.forEach(out::add);
    return out;
  }

  private static String text(JsonNode root, String field, RegistryLimits limits, boolean required)
      throws BadBodyException {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        throw new BadBodyException("'" + field + "' is required");
      }
      return null;
    }
    if (!n.isTextual()) {
      throw new BadBodyException("'" + field + "' is text, not " + n);
    }
    checkLength("'" + field + "'", n.asText(), limits);
    return n.asText();
  }

  private static void checkLength(String what, String text, RegistryLimits limits)
      throws BadBodyException {
    if (text.length() > limits.maxTextLength()) {
      throw new BadBodyException(
          what + " is " + text.length() + " characters; at most " + limits.maxTextLength());
    }
  }

  /** A record as JSON; {@code local} says whether {@code center} is its home. */
  public static ObjectNode record(RegistryRecord r, Eid center) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("id", r.agentId());
    o.put("name", r.name());
    o.put("home", r.home().toString());
    o.put("local", r.home().equals(center));
    o.put("status", r.status().name());
    o.put("lastSeen", r.lastSeen().toString());
    ArrayNode ep = o.putArray("endpoints");
    r.endpoints().forEach(ep::add);
    ArrayNode sk = o.putArray("skills");
    for (Skill s : r.skills()) {
      ObjectNode so = sk.addObject();
      so.put("name", s.name());
      if (s.group() != null) {
        so.put("group", s.group());
      }
    }
    ObjectNode md = o.putObject("metadata");
    r.metadata().forEach(md::put);
    o.put("retention", r.retention().toString());
    ObjectNode v = o.putObject("version");
    v.put("owner", r.version().owner().toString());
    v.put("counter", r.version().counter());
    v.set("stamp", stamp(r.version().stamp()));
    o.set("registered", stamp(r.registered()));
    o.put("tombstone", r.tombstone());
    return o;
  }

  private static ObjectNode stamp(HlcTimestamp t) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("time", Instant.ofEpochMilli(t.physicalMillis()).toString());
    o.put("logical", t.logical());
    o.put("node", t.node().toString());
    return o;
  }
}
