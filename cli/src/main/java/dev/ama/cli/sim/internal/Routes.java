package dev.ama.cli.sim.internal;

import dev.ama.cli.sim.Scenario;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Static routes for a simulated deployment: from every node, the next hop towards every other node
 * on a shortest path over the links (outages ignored: a bundle waits in the outbox for its link, as
 * store-and-forward does). Ties go to the neighbour declared first, so routes are deterministic.
 */
public final class Routes {
  private Routes() {}

  /** node → (destination node → neighbour to send through); unreachable nodes are absent. */
  public static Map<String, Map<String, String>> nextHops(
      Collection<String> nodes, List<Scenario.Link> links) {
    Map<String, List<String>> adjacent = new LinkedHashMap<>();
    nodes.forEach(n -> adjacent.put(n, new ArrayList<>()));
    for (Scenario.Link l : links) {
      adjacent.get(l.a()).add(l.b());
      adjacent.get(l.b()).add(l.a());
    }
    Map<String, Map<String, String>> out = new HashMap<>();
    for (String from : nodes) {
      Map<String, String> firstHop = new TreeMap<>();
      ArrayDeque<String> queue = new ArrayDeque<>();
      Map<String, String> via = new HashMap<>();
      via.put(from, null);
      queue.add(from);
      while (!queue.isEmpty()) {
        String at = queue.poll();
        for (String next : adjacent.get(at)) {
          if (via.containsKey(next)) {
            continue;
          }
          String hop = at.equals(from) ? next : via.get(at);
          via.put(next, hop);
          firstHop.put(next, hop);
          queue.add(next);
        }
      }
      out.put(from, firstHop);
    }
    return out;
  }
}
