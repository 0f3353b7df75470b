package dev.ama.agent;

import dev.ama.model.amp.AmpMessage;
import dev.ama.model.amp.AmpMessageEncoder;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.ExecSetLiteral;
import dev.ama.model.ari.NullLiteral;
import dev.ama.rules.schedule.VirtualRuleScheduler;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The process {@link CrashTest} kills: an agent on an H2 file that stores 1, 2, 3 … in a VAR, one
 * message each with its delivery sequence, and prints each number once {@code onMessage} returned.
 */
public final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    Path base = Path.of(args[0]);
    try (Agent agent =
        Agent.builder()
            .eid("ipn:2.1")
            .store(H2AgentStore.open(base))
            .scheduler(new VirtualRuleScheduler(Instant.parse("2026-01-01T00:00:00Z")))
            .sender((d, b, o) -> {})
            .build()) {
      agent.start();
      AmpMessageEncoder enc = new AmpMessageEncoder();
      String ns = "//ama/!crash/";
      agent.onMessage(
          "ipn:1.1",
          enc.encode(
              new AmpMessage(
                  List.of(
                      exec(
                          "//ietf/dtnma-agent/CTRL/ensure-var("
                              + ns
                              + ", \"n\", 1, //ietf/amm-semtype/IDENT/type-use(/ARITYPE/UVAST), 0)")))));
      for (long i = agent.appliedUpTo() + 1; ; i++) {
        agent.onMessage(
            "ipn:1.1",
            enc.encode(
                new AmpMessage(
                    List.of(
                        exec("//ietf/dtnma-agent/CTRL/var-store(" + ns + "VAR/n, " + i + ")")))),
            i);
        System.out.println(i);
        System.out.flush();
      }
    }
  }

  private static Ari exec(String target) {
    return new ExecSetLiteral(NullLiteral.UNTYPED, List.of(AgentFixture.ari(target)));
  }
}
