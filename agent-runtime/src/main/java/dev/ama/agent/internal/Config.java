package dev.ama.agent.internal;

import dev.ama.agent.AccessEntry;
import dev.ama.agent.AclGroup;
import dev.ama.agent.Adm;
import dev.ama.agent.AgentStore;
import dev.ama.agent.Permission;
import dev.ama.agent.ReportOptions;
import dev.ama.agent.ReportSender;
import dev.ama.model.ari.cbor.CborLimits;
import dev.ama.rules.schedule.RuleScheduler;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Everything an agent is built with, checked by {@code Agent.Builder}. */
public record Config(
    String eid,
    AgentStore store,
    RuleScheduler scheduler,
    ReportSender sender,
    List<Adm> adms,
    List<AclGroup> groups,
    List<AccessEntry> entries,
    Set<Permission> defaultAccess,
    Duration consolidationWindow,
    int maxMessageBytes,
    ReportOptions reportOptions,
    List<String> helloTo,
    CborLimits limits) {}
