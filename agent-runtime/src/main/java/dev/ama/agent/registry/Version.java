package dev.ama.agent.registry;

import dev.ama.transport.Eid;
import java.util.Objects;

/**
 * The version of a record: its owner (home center), the owner's own change counter when it made
 * this version, and a hybrid logical clock stamp for audit and for ordering versions of different
 * owners (after a takeover).
 *
 * @param owner the center that made this version (the record's home)
 * @param counter the owner's change counter, from 1, one per change of any of its records
 * @param stamp when the owner made it
 */
public record Version(Eid owner, long counter, HlcTimestamp stamp) {
  /** Checks the parts. */
  public Version {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(stamp, "stamp");
    if (counter < 1) {
      throw new IllegalArgumentException("a version counter starts at 1, not " + counter);
    }
  }
}
