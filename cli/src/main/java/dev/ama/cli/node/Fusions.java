package dev.ama.cli.node;

import dev.ama.manager.FusionDefinition;
import java.util.Locale;

/** Turns a configured fusion ({@code manager.fusion[]}) into the manager's definition. */
final class Fusions {
  private Fusions() {}

  /**
   * The definition.
   *
   * @throws IllegalStateException when the manager refuses it (the message names the field)
   */
  static FusionDefinition definition(NodeConfig.Fusion f) {
    FusionDefinition.Builder b = FusionDefinition.builder().name(f.name()).window(f.window());
    for (NodeConfig.FusionInput in : f.inputs()) {
      String source = in.source().startsWith("ari:") ? in.source().substring(4) : in.source();
      if (in.name() != null) {
        b.input(in.name(), in.agent(), source, in.item());
      } else {
        b.input(in.agent(), source, in.item());
      }
    }
    if (f.expression() != null) {
      b.expression(f.expression());
    } else {
      b.function(FusionDefinition.Function.valueOf(f.function().toUpperCase(Locale.ROOT)));
    }
    f.destinations().forEach(b::destination);
    // An empty ACL in the configuration means: exactly the destinations.
    b.acl((f.acl().isEmpty() ? f.destinations() : f.acl()).toArray(String[]::new));
    return b.build();
  }
}
