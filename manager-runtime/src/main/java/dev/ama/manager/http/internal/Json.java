package dev.ama.manager.http.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.ama.grammar.lang.Definition;
import dev.ama.manager.AgentInfo;
import dev.ama.manager.ManagerStatus;
import dev.ama.manager.SendResult;
import dev.ama.manager.reports.StoredReport;
import dev.ama.manager.store.SentExecSet;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.NullLiteral;
import dev.ama.model.ari.text.AriTextEncoder;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The JSON forms of the Manager's values: times in ISO-8601 UTC, ARIs in ARI text. */
public final class Json {
  private static final AriTextEncoder TEXT = new AriTextEncoder();

  /**
   * The mapper every response is written with. The node's extra status sections may hold any value:
   * times are written as ISO-8601 text, ARIs as ARI text, optionals as their value or null, and
   * objects without properties as {@code {}}.
   */
  public static final ObjectMapper MAPPER = mapper();

  private static ObjectMapper mapper() {
    SimpleModule values = new SimpleModule("ama-values");
    values.addSerializer(Instant.class, ToStringSerializer.instance);
    values.addSerializer(Duration.class, ToStringSerializer.instance);
    values.addSerializer(LocalDate.class, ToStringSerializer.instance);
    values.addSerializer(
        Ari.class,
        new StdSerializer<Ari>(Ari.class) {
          private static final long serialVersionUID = 1L;

          @Override
          public void serialize(Ari value, JsonGenerator gen, SerializerProvider provider)
              throws IOException {
            gen.writeString(TEXT.encode(value));
          }
        });
    @SuppressWarnings({"unchecked", "rawtypes"})
    Class<Optional<?>> optional = (Class) Optional.class;
    values.addSerializer(
        optional,
        new StdSerializer<Optional<?>>(optional) {
          private static final long serialVersionUID = 1L;

          @Override
          public void serialize(Optional<?> value, JsonGenerator gen, SerializerProvider provider)
              throws IOException {
            if (value.isPresent()) {
              provider.defaultSerializeValue(value.get(), gen);
            } else {
              gen.writeNull();
            }
          }
        });
    return new ObjectMapper()
        .registerModule(values)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  }

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  private static String time(Instant t) {
    return t == null ? null : t.toString();
  }

  public static ObjectNode agent(AgentInfo a) {
    ObjectNode o = object();
    o.put("eid", a.eid());
    o.put("lastHeard", time(a.lastHeard()));
    o.put("reports", a.reports());
    ArrayNode models = o.putArray("models");
    a.models().forEach(models::add);
    o.put("stale", a.stale());
    return o;
  }

  public static ObjectNode agents(List<AgentInfo> agents) {
    ObjectNode o = object();
    ArrayNode arr = o.putArray("agents");
    agents.forEach(a -> arr.add(agent(a)));
    return o;
  }

  public static ObjectNode report(StoredReport r) {
    ObjectNode o = object();
    o.put("id", r.id());
    o.put("agent", r.agent());
    o.put("nonce", r.nonce() instanceof NullLiteral ? null : TEXT.encode(r.nonce()));
    o.put("source", TEXT.encode(r.source()));
    o.put("time", time(r.referenceTime()));
    o.put("arrival", time(r.arrival()));
    ArrayNode items = o.putArray("items");
    for (Ari item : r.items()) {
      items.add(TEXT.encode(item));
    }
    return o;
  }

  public static ObjectNode reports(List<StoredReport> reports) {
    ObjectNode o = object();
    ArrayNode arr = o.putArray("reports");
    reports.forEach(r -> arr.add(report(r)));
    return o;
  }

  public static ObjectNode send(SendResult s) {
    ObjectNode o = object();
    o.put("agent", s.agent());
    ArrayNode n = o.putArray("nonces");
    s.nonces().forEach(n::add);
    ArrayNode e = o.putArray("execSets");
    s.execSets().forEach(e::add);
    return o;
  }

  public static ObjectNode sent(SentExecSet s) {
    ObjectNode o = object();
    o.put("nonce", TEXT.encode(dev.ama.model.ari.IntLiteral.of(s.nonce())));
    o.put("agent", s.agent());
    o.put("time", time(s.time()));
    o.put("execSet", s.execSet());
    o.put("source", s.source());
    o.put("failure", s.failure());
    return o;
  }

  public static ObjectNode definition(Definition d) {
    ObjectNode o = object();
    o.put("ref", TEXT.encode(d.ref()));
    o.put("kind", d.kind().name());
    o.put("name", d.name());
    o.put("enum", d.enumValue());
    o.put("role", d.role().name());
    if (d.accessId() > 0) {
      o.put("accessId", d.accessId());
    }
    return o;
  }

  public static ObjectNode status(ManagerStatus s) {
    ObjectNode o = object();
    o.put("eid", s.eid());
    o.put("messagesReceived", s.messagesReceived());
    o.put("messagesRejected", s.messagesRejected());
    o.put("reportsStored", s.reportsStored());
    o.put("execSetsSent", s.execSetsSent());
    o.put("sendFailures", s.sendFailures());
    o.put("agents", s.agents());
    o.put("fusions", s.fusions());
    o.put("fusedReportsSent", s.fusedReportsSent());
    return o;
  }

  public static ObjectNode error(String code, String message, List<String> diagnostics) {
    ObjectNode o = object();
    ObjectNode e = o.putObject("error");
    e.put("code", code);
    e.put("message", message);
    ArrayNode d = e.putArray("diagnostics");
    diagnostics.forEach(d::add);
    return o;
  }
}
