package dev.ama.agent.registry;

/** Whether a registered agent is heard from. The code is the value in the record's encoding. */
public enum RegistryStatus {
  /** Not known (a record learnt without status). */
  UNKNOWN(0),
  /** Heartbeats arrive within the heartbeat timeout. */
  ONLINE(1),
  /** Silent past the heartbeat timeout, or said so itself. */
  OFFLINE(2);

  private final int code;

  RegistryStatus(int code) {
    this.code = code;
  }

  /** The code in the encoding. */
  public int code() {
    return code;
  }

  /** The status of a code, or {@code null} for an unknown code. */
  public static RegistryStatus ofCode(long code) {
    for (RegistryStatus s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    return null;
  }
}
