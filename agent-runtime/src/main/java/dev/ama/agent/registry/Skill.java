package dev.ama.agent.registry;

import java.util.Comparator;
import java.util.Objects;

/**
 * One skill of an agent: a name, visible to every peer ({@code group == null}) or only to peers in
 * the named ACL group.
 *
 * @param name the skill's name, not empty
 * @param group the ACL group that may see it, or {@code null} for a public skill
 */
public record Skill(String name, String group) implements Comparable<Skill> {
  private static final Comparator<Skill> ORDER =
      Comparator.comparing(Skill::name)
          .thenComparing(Skill::group, Comparator.nullsFirst(Comparator.naturalOrder()));

  /** Checks the name and group. */
  public Skill {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a skill name is empty");
    }
    if (group != null && group.isEmpty()) {
      throw new IllegalArgumentException("the group of skill '" + name + "' is empty");
    }
  }

  /** A skill every peer may see. */
  public static Skill of(String name) {
    return new Skill(name, null);
  }

  /** A skill only peers in {@code group} may see. */
  public static Skill restricted(String name, String group) {
    return new Skill(name, Objects.requireNonNull(group, "group"));
  }

  /** True when every peer may see this skill. */
  public boolean isPublic() {
    return group == null;
  }

  @Override
  public int compareTo(Skill o) {
    return ORDER.compare(this, o);
  }
}
