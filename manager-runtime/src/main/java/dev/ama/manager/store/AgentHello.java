package dev.ama.manager.store;

import java.time.Instant;
import java.util.List;

/**
 * What an agent's latest hello report ({@code //ietf/dtnma-agent/CONST/hello}) said of it.
 *
 * @param agent the agent's endpoint ID
 * @param time the hello report's reference time; a hello only replaces an older one
 * @param swVendor its {@code sw-vendor} item, empty when absent
 * @param swVersion its {@code sw-version} item, empty when absent
 * @param models the rows of its {@code capability} table, {@code //org/model@revision}
 */
public record AgentHello(
    String agent, Instant time, String swVendor, String swVersion, List<String> models) {
  public AgentHello {
    models = List.copyOf(models);
  }
}
