package dev.ama.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ama.rules.schedule.RuleState;

/** Assertions on the rule states an agent reports in its status. */
final class RuleStateCheck {
  private RuleStateCheck() {}

  static void enabledWithCount(AgentFixture f, String rule, long count) {
    RuleState s =
        f.agent.status().rules().stream()
            .filter(r -> r.name().equals(rule))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no rule " + rule + " in " + f.agent.status()));
    assertThat(s.enabled()).isTrue();
    assertThat(s.count()).isEqualTo(count);
  }
}
