package dev.ama.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of this process over a wall interval, as a share of one core, split by thread: the
 * process total from {@code com.sun.management.OperatingSystemMXBean#getProcessCpuTime} (every
 * thread, the JVM's own included), and each Java thread's from {@link ThreadMXBean}, grouped by
 * name. What the Java threads do not account for is the JVM's own threads (GC, JIT compilers).
 */
final class CpuMeter {
  /** The group of the process time that no Java thread accounts for. */
  static final String JVM = "JVM (GC, JIT)";

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** A reading: when, the process's CPU time, and each live Java thread's CPU time and name. */
  record Reading(
      long wallNanos, long processNanos, Map<Long, Long> threadNanos, Map<Long, String> names) {}

  /**
   * What happened between two readings.
   *
   * @param wallNanos the wall time
   * @param processNanos the process's CPU time
   * @param byGroup CPU time per thread group, {@link #JVM} last
   */
  record Share(long wallNanos, long processNanos, Map<String, Long> byGroup) {
    /** The process's share of one core, 0.10 = 10%. */
    double ofOneCore() {
      return (double) processNanos / wallNanos;
    }

    /** A group's share of one core. */
    double ofOneCore(String group) {
      return (double) byGroup.getOrDefault(group, 0L) / wallNanos;
    }
  }

  private CpuMeter() {}

  static Reading read() {
    if (!THREADS.isThreadCpuTimeEnabled()) {
      THREADS.setThreadCpuTimeEnabled(true);
    }
    Map<Long, Long> cpu = new LinkedHashMap<>();
    Map<Long, String> names = new LinkedHashMap<>();
    for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (t == null) {
        continue;
      }
      long ns = THREADS.getThreadCpuTime(t.getThreadId());
      if (ns >= 0) {
        cpu.put(t.getThreadId(), ns);
        names.put(t.getThreadId(), t.getThreadName());
      }
    }
    return new Reading(System.nanoTime(), OS.getProcessCpuTime(), cpu, names);
  }

  /**
   * The CPU used between {@code a} and {@code b}, with each Java thread's time put in the group
   * {@code grouping} names for it. A thread that ended in between is counted in {@link #JVM}.
   */
  static Share between(Reading a, Reading b, java.util.function.Function<String, String> grouping) {
    Map<String, Long> groups = new LinkedHashMap<>();
    long java = 0;
    for (Map.Entry<Long, Long> e : b.threadNanos().entrySet()) {
      long used = e.getValue() - a.threadNanos().getOrDefault(e.getKey(), 0L);
      java += used;
      groups.merge(grouping.apply(b.names().get(e.getKey())), used, Long::sum);
    }
    long process = b.processNanos() - a.processNanos();
    groups.put(JVM, Math.max(0, process - java));
    return new Share(b.wallNanos() - a.wallNanos(), process, groups);
  }
}
