package dev.ama.cli.node.internal;

import dev.ama.cli.node.NodeConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The registry sync rules: the shipped file (or the operator's) rendered for the configured peers.
 * A line containing {@code ${peer}} is repeated once per peer, with {@code ${peer}} its EID and
 * {@code ${n}} its number (from 1); {@code ${threshold}} is the push threshold everywhere. Rendered
 * lines keep their line number's place (a repeated line becomes several on one line), so a compile
 * error points at the template's line.
 */
public final class RegistryRules {
  /** The resource holding the shipped rules (a copy of examples/registry/sync-rules.ama). */
  public static final String SHIPPED = "/dev/ama/cli/node/registry-sync-rules.ama";

  private RegistryRules() {}

  /** The shipped rules' text. */
  public static String shipped() {
    try (InputStream in = RegistryRules.class.getResourceAsStream(SHIPPED)) {
      if (in == null) {
        throw new IllegalStateException("the shipped registry rules " + SHIPPED + " are missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The template rendered for {@code registry}'s peers and threshold. */
  public static String render(String template, NodeConfig.Registry registry) {
    StringBuilder out = new StringBuilder();
    String threshold = Long.toString(registry.pushThreshold());
    for (String line : template.split("\n", -1)) {
      String l = line.replace("${threshold}", threshold);
      if (l.contains("${peer}")) {
        List<NodeConfig.Peer> peers = registry.peers();
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < peers.size(); i++) {
          // Statements may end with ';', so several stay on the template's one line.
          joined
              .append(
                  l.replace("${peer}", peers.get(i).eid()).replace("${n}", Integer.toString(i + 1)))
              .append(i + 1 < peers.size() ? "; " : "");
        }
        l = joined.toString();
      }
      out.append(l).append('\n');
    }
    return out.substring(0, out.length() - 1);
  }
}
