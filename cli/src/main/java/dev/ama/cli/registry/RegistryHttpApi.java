package dev.ama.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ama.agent.registry.Conflict;
import dev.ama.agent.registry.HeartbeatResult;
import dev.ama.agent.registry.Registration;
import dev.ama.agent.registry.RegistryCenter;
import dev.ama.agent.registry.RegistryException;
import dev.ama.agent.registry.RegistryLimits;
import dev.ama.agent.registry.RegistryRecord;
import dev.ama.agent.registry.RegistryStatus;
import dev.ama.agent.registry.RegistryStore;
import dev.ama.cli.registry.internal.RegistryJson;
import dev.ama.manager.http.ApiException;
import dev.ama.manager.http.ApiRequest;
import dev.ama.manager.http.ApiRoute;
import dev.ama.manager.http.ManagerHttpServer;
import dev.ama.transport.Eid;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The registry center's HTTP API for agents and people, mounted on the node's HTTP server under
 * {@value #PREFIX} (docs/registry.md, "HTTP API", lists every path):
 *
 * <pre>{@code
 * ManagerHttpServer.builder() … .route(RegistryHttpApi.PREFIX, new RegistryHttpApi(center, store))
 * }</pre>
 *
 * <p>Register, update, heartbeat, deregister, get, lookup by skill or name (paged), list one
 * owner's records, and the center's status. Refusals use the server's error format: 404
 * UNKNOWN_AGENT, 409 NOT_HOME (another center owns the record; the diagnostics name its home), 400
 * BAD_BODY or BAD_QUERY, 413 TOO_LARGE.
 */
public final class RegistryHttpApi implements ApiRoute {
  /** Where the API is mounted. */
  public static final String PREFIX = "/registry";

  /** Records per page unless {@code size} says otherwise. */
  public static final int DEFAULT_PAGE_SIZE = 50;

  /** The largest page. */
  public static final int MAX_PAGE_SIZE = 1000;

  private static final Set<String> LOOKUP_PARAMS = Set.of("skill", "name", "page", "size");
  private static final Set<String> LIST_PARAMS = Set.of("owner", "after", "size");

  private final RegistryCenter center;
  private final RegistryStore store;
  private final RegistryLimits limits;

  /**
   * The API over a center.
   *
   * @param center the center every write goes through
   * @param store the center's store, read only, to list one owner's records
   */
  public RegistryHttpApi(RegistryCenter center, RegistryStore store) {
    this(center, store, RegistryLimits.DEFAULTS);
  }

  /**
   * The API over a center, with the limits the peers' decoders enforce (a registration beyond them
   * is refused with 400: the deltas carrying it would be refused by every peer).
   */
  public RegistryHttpApi(RegistryCenter center, RegistryStore store, RegistryLimits limits) {
    this.center = Objects.requireNonNull(center, "center");
    this.store = Objects.requireNonNull(store, "store");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** Mounts this API on {@code builder} under {@value #PREFIX}; returns the builder. */
  public ManagerHttpServer.Builder mountOn(ManagerHttpServer.Builder builder) {
    return builder.route(PREFIX, this);
  }

  @Override
  public JsonNode handle(ApiRequest r) throws ApiException {
    List<String> p = r.path();
    try {
      if (p.equals(List.of("agents"))) {
        r.allow("GET", "POST");
        if (r.method().equals("POST")) {
          r.onlyQuery(Set.of());
          return register(r);
        }
        return list(r);
      }
      if (p.size() == 2 && p.get(0).equals("agents")) {
        r.allow("GET", "PUT", "DELETE");
        r.onlyQuery(Set.of());
        String id = p.get(1);
        return switch (r.method()) {
          case "GET" ->
              RegistryJson.record(center.get(id).orElseThrow(() -> unknown(id)), center.eid());
          case "PUT" -> RegistryJson.record(center.update(registration(r, id)), center.eid());
          default -> RegistryJson.record(center.deregister(id), center.eid());
        };
      }
      if (p.size() == 3 && p.get(0).equals("agents") && p.get(2).equals("heartbeat")) {
        r.allow("POST");
        r.onlyQuery(Set.of());
        return heartbeat(p.get(1));
      }
      if (p.equals(List.of("lookup"))) {
        r.allow("GET");
        return lookup(r);
      }
      if (p.equals(List.of("status"))) {
        r.allow("GET");
        r.onlyQuery(Set.of());
        return status();
      }
    } catch (RegistryException e) {
      throw refused(e, p.size() >= 2 ? p.get(1) : null);
    }
    throw ApiException.noSuchPath(r);
  }

  private JsonNode register(ApiRequest r) throws ApiException {
    Registration reg = registration(r, null);
    try {
      return RegistryJson.record(center.register(reg), center.eid());
    } catch (RegistryException e) {
      throw refused(e, reg.agentId());
    }
  }

  private Registration registration(ApiRequest r, String pathId) throws ApiException {
    try {
      return RegistryJson.registration(r.body(), pathId, limits);
    } catch (RegistryJson.BadBodyException e) {
      throw new ApiException(400, "BAD_BODY", e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, "BAD_BODY", e.getMessage());
    }
  }

  private JsonNode heartbeat(String id) throws ApiException {
    HeartbeatResult hb = center.heartbeat(id);
    if (hb.outcome() == HeartbeatResult.Outcome.UNKNOWN) {
      throw new ApiException(
          404, "UNKNOWN_AGENT", "no live record of agent " + id + " here: register it first");
    }
    ObjectNode o = RegistryJson.MAPPER.createObjectNode();
    o.put("id", id);
    o.put("outcome", hb.outcome().name());
    o.put("home", hb.home().toString());
    if (hb.outcome() == HeartbeatResult.Outcome.OK) {
      center.get(id).ifPresent(rec -> o.put("status", rec.status().name()));
    }
    return o;
  }

  private JsonNode lookup(ApiRequest r) throws ApiException {
    r.onlyQuery(LOOKUP_PARAMS);
    String skill = r.query("skill");
    String name = r.query("name");
    if ((skill == null) == (name == null)) {
      throw ApiException.badQuery("give one of 'skill' or 'name'");
    }
    int page = r.queryInt("page", 1, 1, Integer.MAX_VALUE);
    int size = r.queryInt("size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
    long offset = (long) (page - 1) * size;
    if (offset > Integer.MAX_VALUE - size - 1) {
      throw ApiException.badQuery("page " + page + " of size " + size + " is too far");
    }
    // One more than a page tells whether another page follows.
    List<RegistryRecord> found =
        skill != null
            ? center.lookupBySkill(skill, (int) offset, size + 1)
            : center.lookupByName(name, (int) offset, size + 1);
    ObjectNode o = RegistryJson.MAPPER.createObjectNode();
    if (skill != null) {
      o.put("skill", skill);
    } else {
      o.put("name", name);
    }
    o.put("page", page);
    o.put("size", size);
    o.put("more", found.size() > size);
    ArrayNode records = o.putArray("records");
    found.stream().limit(size).forEach(rec -> records.add(RegistryJson.record(rec, center.eid())));
    return o;
  }

  private JsonNode list(ApiRequest r) throws ApiException {
    r.onlyQuery(LIST_PARAMS);
    Eid owner = center.eid();
    String o = r.query("owner");
    if (o != null) {
      try {
        owner = Eid.of(o);
      } catch (IllegalArgumentException e) {
        throw ApiException.badQuery("'owner' is a center's EID: " + e.getMessage());
      }
    }
    long after;
    String a = r.query("after");
    try {
      after = a == null ? 0 : Long.parseLong(a.strip());
    } catch (NumberFormatException e) {
      throw ApiException.badQuery("'after' is a counter (an integer), not '" + a + "'");
    }
    if (after < 0) {
      throw ApiException.badQuery("'after' is not negative: " + after);
    }
    int size = r.queryInt("size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
    // In the owner's counter order, so a cursor (the last counter) pages through it all even while
    // records change; tombstones take a place in the page but are not shown.
    List<RegistryRecord> page = store.byOwner(owner, after, size);
    ObjectNode out = RegistryJson.MAPPER.createObjectNode();
    out.put("owner", owner.toString());
    ArrayNode records = out.putArray("records");
    for (RegistryRecord rec : page) {
      if (!rec.tombstone()) {
        records.add(RegistryJson.record(rec, center.eid()));
      }
    }
    if (page.size() == size) {
      out.put("next", page.get(page.size() - 1).version().counter());
    } else {
      out.putNull("next");
    }
    return out;
  }

  private JsonNode status() {
    ObjectNode o = RegistryJson.MAPPER.createObjectNode();
    o.put("center", center.eid().toString());
    o.put("sequence", center.sequence());
    ObjectNode own = o.putObject("own");
    Map<RegistryStatus, Long> ownCounts = center.ownCounts();
    for (RegistryStatus s : RegistryStatus.values()) {
      own.put(s.name(), ownCounts.getOrDefault(s, 0L));
    }
    ObjectNode counts = o.putObject("counts");
    long total = 0;
    for (Map.Entry<Eid, Map<RegistryStatus, Long>> e : new TreeMap<>(center.counts()).entrySet()) {
      ObjectNode c = counts.putObject(e.getKey().toString());
      for (Map.Entry<RegistryStatus, Long> s : e.getValue().entrySet()) {
        c.put(s.getKey().name(), s.getValue());
        total += s.getValue();
      }
    }
    o.put("records", total);
    ArrayNode peers = o.putArray("peers");
    for (Map.Entry<Eid, Set<String>> e : new TreeMap<>(center.peers()).entrySet()) {
      ObjectNode peer = peers.addObject();
      peer.put("eid", e.getKey().toString());
      ArrayNode groups = peer.putArray("groups");
      e.getValue().stream().sorted().forEach(groups::add);
      peer.put("pending", center.pendingFor(e.getKey()));
    }
    ObjectNode vector = o.putObject("vector");
    new TreeMap<>(center.vector()).forEach((k, v) -> vector.put(k.toString(), v));
    ArrayNode conflicts = o.putArray("conflicts");
    for (Conflict c : center.conflicts()) {
      ObjectNode co = conflicts.addObject();
      co.put("id", c.agentId());
      co.put("winner", c.winner().toString());
      co.put("loser", c.loser().toString());
      co.put("detected", c.detected().toString());
    }
    o.put("guardHeld", center.guardHeld());
    o.put("takenOver", center.takenOver());
    return o;
  }

  private ApiException refused(RegistryException e, String id) {
    return switch (e.code()) {
      case NOT_FOUND -> new ApiException(404, "UNKNOWN_AGENT", e.getMessage());
      case NOT_HOME -> {
        // Tell the caller where the record lives, so it can go there.
        List<String> home =
            id == null
                ? List.of()
                : center.get(id).map(rec -> List.of("home: " + rec.home())).orElse(List.of());
        yield new ApiException(409, "NOT_HOME", e.getMessage(), home);
      }
      case INVALID -> new ApiException(400, "INVALID", e.getMessage());
    };
  }

  private static ApiException unknown(String id) {
    return new ApiException(404, "UNKNOWN_AGENT", "no live record of agent " + id + " here");
  }
}
