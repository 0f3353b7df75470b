package dev.ama.agent;

import dev.ama.agent.internal.AgentCore;
import dev.ama.agent.internal.Config;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.ExecSetLiteral;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.cbor.CborLimits;
import dev.ama.rules.schedule.RuleScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The Agent role of DTNMA: hosts the standard models, ama's own and the application's ADMs, and the
 * ODMs managers create; executes the EXECSETs managers send; runs SBRs and TBRs; sends reports,
 * consolidated per destination and filtered by the access-control list; keeps its state in an
 * {@link AgentStore}. docs/agent.md describes the behaviour in full.
 *
 * <p>Thread-safe: executions (EXECSETs, rule actions, {@link #eddChanged}) run one at a time under
 * one lock, which the rule engine shares.
 */
public final class Agent implements AutoCloseable {
  private final AgentCore core;
  private final String eid;

  private Agent(AgentCore core, String eid) {
    this.core = core;
    this.eid = eid;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** This agent's endpoint ID. */
  public String eid() {
    return eid;
  }

  /**
   * Loads the persisted state (ODMs, objects, VAR values, access lists, rules and their state),
   * restores the rules where their plan says, and sends the hello report. Call once.
   *
   * @throws IllegalStateException when already started or closed
   * @throws AgentStoreException when the store cannot be read
   */
  public void start() {
    core.start();
  }

  /**
   * One AMP message from {@code from}. Never throws for bad input: a message that cannot be
   * decoded, or an item that is not an EXECSET, counts in {@code num-msg-rx-failed} and gets an
   * error report back; failing controls get undefined results, counters and log lines. The state it
   * changed is committed when this returns.
   *
   * @throws AgentStoreException when the store cannot be written (the message should then be
   *     delivered again)
   */
  public void onMessage(String from, byte[] ampMessage) {
    core.onMessage(Objects.requireNonNull(from, "from"), ampMessage, -1);
  }

  /**
   * As {@link #onMessage(String, byte[])}, and records {@code deliverySequence} in the same
   * transaction as the message's effects, so that a transport in application-cursor mode delivers
   * each message exactly once.
   */
  public void onMessage(String from, byte[] ampMessage, long deliverySequence) {
    if (deliverySequence < 0) {
      throw new IllegalArgumentException("a delivery sequence is >= 0, not " + deliverySequence);
    }
    core.onMessage(Objects.requireNonNull(from, "from"), ampMessage, deliverySequence);
  }

  /**
   * The last delivery sequence whose effects are committed (-1 if none: delivery sequences start at
   * 0).
   */
  public long appliedUpTo() {
    return core.appliedUpTo();
  }

  /**
   * Executes an EXECSET as if it came in a message from {@code from}. With {@code from} equal to
   * this agent's own EID it runs as the agent itself (access group 0, every permission, no
   * execution reports): how a node runs its start-up files.
   */
  public void execute(String from, ExecSetLiteral execSet) {
    core.execute(Objects.requireNonNull(from, "from"), Objects.requireNonNull(execSet, "execSet"));
  }

  /**
   * An application tells the agent that an EDD's value changed: the SBRs that read it, directly or
   * through computed VARs, are evaluated now.
   */
  public void eddChanged(ObjectRef edd) {
    core.eddChanged(Objects.requireNonNull(edd, "edd"));
  }

  /**
   * Sends a report produced by an application (a hosted ADM's code): one RPTSET whose report has
   * {@code source} (an object the agent hosts) and {@code items}, to {@code destination}, through
   * the same path as the agent's own reports: consolidation, the report options of the rule that
   * runs now (when called from a CTRL a rule executes) or of the source object, and the access
   * lists (the destination must be allowed to produce the source). May be called from a CTRL
   * handler.
   *
   * @return false when the access lists withhold the report (counted in {@code access-denied})
   * @throws IllegalArgumentException when the agent hosts no such object
   */
  public boolean report(String destination, ObjectRef source, List<Ari> items) {
    return core.report(
        Objects.requireNonNull(destination, "destination"),
        Objects.requireNonNull(source, "source"),
        Objects.requireNonNull(items, "items"));
  }

  /** Counters, rules and sizes. */
  public AgentStatus status() {
    return core.status();
  }

  /**
   * Stops the rules, sends the reports that wait for their consolidation window, closes the store.
   * The scheduler is the caller's and stays open. Must not be called from a rule action.
   */
  @Override
  public void close() {
    core.close();
  }

  /** Builds an {@link Agent}; {@link #build()} checks every setting. */
  public static final class Builder {
    private String eid;
    private AgentStore store;
    private RuleScheduler scheduler;
    private ReportSender sender;
    private final List<Adm> adms = new ArrayList<>();
    private final List<AclGroup> groups = new ArrayList<>();
    private final List<AccessEntry> entries = new ArrayList<>();
    private Set<Permission> defaultAccess = EnumSet.allOf(Permission.class);
    private Duration window = Duration.ofMillis(100);
    private int maxMessageBytes = 65536;
    private ReportOptions reportOptions = ReportOptions.DEFAULTS;
    private List<String> helloTo = List.of();
    private CborLimits limits = CborLimits.DEFAULTS;

    private Builder() {}

    /** This agent's endpoint ID, {@code ipn:2.1} or {@code dtn://x/}; required. */
    public Builder eid(String eid) {
      this.eid = eid;
      return this;
    }

    /** Where the state lives; required. */
    public Builder store(AgentStore store) {
      this.store = store;
      return this;
    }

    /** The clock and timer of rules and consolidation; required. */
    public Builder scheduler(RuleScheduler scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /** How AMP messages leave; required. */
    public Builder sender(ReportSender sender) {
      this.sender = sender;
      return this;
    }

    /** An application ADM to host. */
    public Builder adm(Adm adm) {
      adms.add(Objects.requireNonNull(adm, "adm"));
      return this;
    }

    /** An access-control group from configuration. */
    public Builder aclGroup(AclGroup group) {
      groups.add(Objects.requireNonNull(group, "group"));
      return this;
    }

    /** An access entry from configuration. */
    public Builder access(AccessEntry entry) {
      entries.add(Objects.requireNonNull(entry, "entry"));
      return this;
    }

    /** What is permitted on objects no access entry matches; default: everything. */
    public Builder defaultAccess(Set<Permission> perms) {
      this.defaultAccess =
          perms.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(perms);
      return this;
    }

    /** How long reports wait for others to the same destination; default 100 ms, 0 = at once. */
    public Builder consolidationWindow(Duration window) {
      this.window = window;
      return this;
    }

    /** The largest AMP message the agent sends; default 65,536 bytes. */
    public Builder maxMessageBytes(int max) {
      this.maxMessageBytes = max;
      return this;
    }

    /** The report options of rules and templates that have none; default normal, one hour. */
    public Builder reportOptions(ReportOptions defaults) {
      this.reportOptions = defaults;
      return this;
    }

    /** Managers that get the hello report on start. */
    public Builder helloTo(List<String> destinations) {
      this.helloTo = List.copyOf(destinations);
      return this;
    }

    /** Decoder limits for incoming messages; default {@link CborLimits#DEFAULTS}. */
    public Builder limits(CborLimits limits) {
      this.limits = limits;
      return this;
    }

    /**
     * The agent, not started yet.
     *
     * @throws IllegalStateException naming the first setting that is missing or wrong
     */
    public Agent build() {
      if (eid == null || eid.isBlank()) {
        throw new IllegalStateException("eid is required (e.g. ipn:2.1)");
      }
      if (!eid.startsWith("ipn:") && !eid.startsWith("dtn:")) {
        throw new IllegalStateException("eid must be an ipn: or dtn: URI, not " + eid);
      }
      if (store == null) {
        throw new IllegalStateException("store is required");
      }
      if (scheduler == null) {
        throw new IllegalStateException("scheduler is required");
      }
      if (sender == null) {
        throw new IllegalStateException("sender is required");
      }
      if (window == null || window.isNegative()) {
        throw new IllegalStateException("consolidationWindow must be >= 0, not " + window);
      }
      if (maxMessageBytes < 64) {
        throw new IllegalStateException(
            "maxMessageBytes must be at least 64, not " + maxMessageBytes);
      }
      if (reportOptions == null) {
        throw new IllegalStateException("reportOptions must not be null");
      }
      if (limits == null) {
        throw new IllegalStateException("limits must not be null");
      }
      for (String h : helloTo) {
        if (h == null || h.isBlank()) {
          throw new IllegalStateException("helloTo holds a blank destination");
        }
      }
      Config c =
          new Config(
              eid,
              store,
              scheduler,
              sender,
              List.copyOf(adms),
              List.copyOf(groups),
              List.copyOf(entries),
              Set.copyOf(defaultAccess),
              window,
              maxMessageBytes,
              reportOptions,
              helloTo,
              limits);
      try {
        return new Agent(new AgentCore(c), eid);
      } catch (IllegalStateException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new IllegalStateException("adm: " + e.getMessage(), e);
      }
    }
  }
}
