package dev.ama.manager.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ama.manager.FusionDefinition;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * A fusion definition as JSON, the form the Manager persists (and the HTTP API shows):
 *
 * <pre>{@code
 * {"name":"V0","function":"SUM","expression":null,"window":"PT10M","requireAll":true,
 *  "inputs":[{"name":"in1","agent":"ipn:2.1","source":"//example/app/EDD/EDD1","item":0}],
 *  "destinations":["ipn:1.1"],"acl":["ipn:1.1"]}
 * }</pre>
 */
public final class FusionCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FusionCodec() {}

  /** The definition as a JSON tree. */
  public static ObjectNode toTree(FusionDefinition d) {
    ObjectNode o = JSON.createObjectNode();
    o.put("name", d.name());
    o.put("function", d.function().name());
    o.put("expression", d.expression());
    o.put("window", d.window().map(Duration::toString).orElse(null));
    o.put("requireAll", d.requireAll());
    ArrayNode inputs = o.putArray("inputs");
    for (FusionDefinition.Input in : d.inputs()) {
      ObjectNode i = inputs.addObject();
      i.put("name", in.name());
      i.put("agent", in.agent());
      i.put("source", in.source());
      i.put("item", in.item());
    }
    ArrayNode dests = o.putArray("destinations");
    d.destinations().forEach(dests::add);
    ArrayNode acl = o.putArray("acl");
    d.acl().forEach(acl::add);
    return o;
  }

  /** The definition as JSON text. */
  public static String toJson(FusionDefinition d) {
    return toTree(d).toString();
  }

  /**
   * A definition from JSON text.
   *
   * @throws IllegalArgumentException when the text is not JSON of a definition, or the definition
   *     is refused (the message says why)
   */
  public static FusionDefinition fromJson(String json) {
    JsonNode o;
    try {
      o = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "a fusion definition is not JSON: " + e.getOriginalMessage(), e);
    }
    if (o == null || !o.isObject()) {
      throw new IllegalArgumentException("a fusion definition is a JSON object");
    }
    try {
      FusionDefinition.Builder b = FusionDefinition.builder().name(o.path("name").asText(null));
      for (JsonNode i : o.path("inputs")) {
        if (i.hasNonNull("name")) {
          b.input(
              i.path("name").asText(),
              i.path("agent").asText(null),
              i.path("source").asText(null),
              i.path("item").asInt(0));
        } else {
          b.input(
              i.path("agent").asText(null), i.path("source").asText(null), i.path("item").asInt(0));
        }
      }
      String expression = o.path("expression").asText(null);
      if (expression != null && !o.path("expression").isNull()) {
        b.expression(expression);
      } else if (o.hasNonNull("function")) {
        b.function(FusionDefinition.Function.valueOf(o.path("function").asText()));
      }
      if (o.hasNonNull("window")) {
        b.window(Duration.parse(o.path("window").asText()));
      }
      if (o.has("requireAll")) {
        b.requireAll(o.path("requireAll").asBoolean(true));
      }
      for (JsonNode d : o.path("destinations")) {
        b.destination(d.asText());
      }
      for (JsonNode a : o.path("acl")) {
        b.acl(a.asText());
      }
      return b.build();
    } catch (IllegalStateException | DateTimeParseException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
