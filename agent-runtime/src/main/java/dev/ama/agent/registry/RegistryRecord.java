package dev.ama.agent.registry;

import dev.ama.transport.Eid;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a registry center knows of one agent, in one version. Only the home center makes new
 * versions; other centers keep replicas. Skills are kept sorted and without repeats, so two copies
 * with the same content are equal and hash the same.
 *
 * @param agentId the agent's id, unique across centers (a duplicate is a conflict)
 * @param name a human-friendly name, looked up by name
 * @param home the home center, which owns the record; always {@code version.owner()}
 * @param endpoints the agent's addresses (URI text), in the agent's order of preference
 * @param skills what the agent offers, each public or restricted to an ACL group
 * @param status online, offline or unknown
 * @param lastSeen when the home last heard from the agent (heartbeats move it at home only)
 * @param version the owner, its counter and stamp
 * @param registered when the agent first registered (the stamp of the first home), used to resolve
 *     duplicates
 * @param retention how long an offline record is kept before it is removed
 * @param metadata free text pairs
 * @param tombstone true when the record was removed; kept until every peer acknowledged it
 */
public record RegistryRecord(
    String agentId,
    String name,
    Eid home,
    List<String> endpoints,
    List<Skill> skills,
    RegistryStatus status,
    Instant lastSeen,
    Version version,
    HlcTimestamp registered,
    Duration retention,
    Map<String, String> metadata,
    boolean tombstone) {

  /** Checks every field, copies the collections and puts skills and metadata in order. */
  public RegistryRecord {
    Objects.requireNonNull(agentId, "agentId");
    if (agentId.isEmpty()) {
      throw new IllegalArgumentException("an agent id is empty");
    }
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(home, "home");
    endpoints = List.copyOf(endpoints);
    skills = List.copyOf(new TreeSet<>(skills));
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(lastSeen, "lastSeen");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(registered, "registered");
    Objects.requireNonNull(retention, "retention");
    if (retention.isNegative()) {
      throw new IllegalArgumentException("retention is negative: " + retention);
    }
    metadata = java.util.Collections.unmodifiableMap(new TreeMap<>(metadata));
    if (!home.equals(version.owner())) {
      throw new IllegalArgumentException(
          "record "
              + agentId
              + ": home "
              + home
              + " is not the version's owner "
              + version.owner());
    }
  }

  /** A builder for a new record. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this record. */
  public Builder toBuilder() {
    return new Builder()
        .agentId(agentId)
        .name(name)
        .endpoints(endpoints)
        .skills(skills)
        .status(status)
        .lastSeen(lastSeen)
        .version(version)
        .registered(registered)
        .retention(retention)
        .metadata(metadata)
        .tombstone(tombstone);
  }

  /** The same content under another version (and so another home). */
  public RegistryRecord withVersion(Version v) {
    return toBuilder().version(v).build();
  }

  /** Builds records; the home is taken from the version. */
  public static final class Builder {
    private String agentId;
    private String name = "";
    private List<String> endpoints = List.of();
    private List<Skill> skills = List.of();
    private RegistryStatus status = RegistryStatus.ONLINE;
    private Instant lastSeen;
    private Version version;
    private HlcTimestamp registered;
    private Duration retention = Duration.ofDays(7);
    private Map<String, String> metadata = Map.of();
    private boolean tombstone;

    private Builder() {}

    public Builder agentId(String v) {
      agentId = v;
      return this;
    }

    public Builder name(String v) {
      name = v;
      return this;
    }

    public Builder endpoints(Collection<String> v) {
      endpoints = new ArrayList<>(v);
      return this;
    }

    public Builder skills(Collection<Skill> v) {
      skills = new ArrayList<>(v);
      return this;
    }

    public Builder status(RegistryStatus v) {
      status = v;
      return this;
    }

    public Builder lastSeen(Instant v) {
      lastSeen = v;
      return this;
    }

    public Builder version(Version v) {
      version = v;
      return this;
    }

    public Builder registered(HlcTimestamp v) {
      registered = v;
      return this;
    }

    public Builder retention(Duration v) {
      retention = v;
      return this;
    }

    public Builder metadata(Map<String, String> v) {
      metadata = v;
      return this;
    }

    public Builder tombstone(boolean v) {
      tombstone = v;
      return this;
    }

    /** Checks and builds; the registration stamp defaults to the version's stamp. */
    public RegistryRecord build() {
      Objects.requireNonNull(version, "version");
      return new RegistryRecord(
          agentId,
          name,
          version.owner(),
          endpoints,
          skills,
          status,
          lastSeen == null ? Instant.ofEpochMilli(version.stamp().physicalMillis()) : lastSeen,
          version,
          registered == null ? version.stamp() : registered,
          retention,
          metadata,
          tombstone);
    }
  }
}
