package dev.ama.bench;

import dev.ama.agent.Adm;
import dev.ama.agent.ExecutionException;
import dev.ama.model.adm.ModelIds;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.ObjectRef;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The application an agent hosts in {@link AgentLoad}: the ADM {@code //bench/app/} with the EDDs
 * {@code e0 … e(n-1)}, each backed by a volatile long (an {@link AtomicLongArray} slot), and the
 * CTRL {@code hit(k)}, which records when it ran: the action of the probe SBRs whose reaction time
 * is measured, so the measurement ends when the action runs and not when a report leaves (which
 * would add the consolidation window).
 */
public final class LoadApp {
  /** The organisation of the application's model. */
  public static final String ORG = "bench";

  /** The application's model. */
  public static final String MODEL = "app";

  private final int edds;
  private final ModelIds ids;
  private final ObjectRef[] refs;
  private final AtomicLongArray values;
  private final AtomicLongArray hitCount;
  private final AtomicLongArray hitNanos;
  private final AtomicLong reads = new AtomicLong();

  /** An application with {@code edds} EDDs, all 0. */
  public LoadApp(int edds) {
    if (edds < 1) {
      throw new IllegalArgumentException("at least one EDD, not " + edds);
    }
    this.edds = edds;
    ModelIds.Builder b = ModelIds.builder(ORG, MODEL).revision(LocalDate.of(2026, 11, 21));
    refs = new ObjectRef[edds];
    for (int k = 0; k < edds; k++) {
      b.object(AriType.EDD, edd(k), k);
      refs[k] = ObjectRef.of(ORG, MODEL, AriType.EDD, edd(k));
    }
    b.object(AriType.CTRL, "hit", 0);
    this.ids = b.build();
    this.values = new AtomicLongArray(edds);
    this.hitCount = new AtomicLongArray(edds);
    this.hitNanos = new AtomicLongArray(edds);
  }

  /** The name of EDD {@code k}. */
  public static String edd(int k) {
    return "e" + k;
  }

  /** How many EDDs. */
  public int edds() {
    return edds;
  }

  /** The model's identifiers (for the agent and the compiler). */
  public ModelIds ids() {
    return ids;
  }

  /** The ADM to give the agent: each EDD reads its slot, {@code hit(k)} records the time. */
  public Adm adm() {
    Adm.Builder b = Adm.builder(ids);
    for (int k = 0; k < edds; k++) {
      int slot = k;
      b.edd(
          edd(k),
          p -> {
            reads.incrementAndGet();
            return IntLiteral.of(values.get(slot));
          });
    }
    b.ctrl("hit", (ctx, p) -> hit(p));
    return b.build();
  }

  private Ari hit(List<Ari> params) throws ExecutionException {
    long now = System.nanoTime();
    if (params.size() != 1
        || !(params.get(0) instanceof IntLiteral i)
        || i.negative()
        || i.argument() >= edds) {
      throw new ExecutionException(
          ExecutionException.Code.BAD_PARAMETERS, "hit takes one EDD index, not " + params);
    }
    int k = (int) i.argument();
    hitNanos.set(k, now);
    hitCount.incrementAndGet(k);
    return null;
  }

  /** The reference to EDD {@code k}, for {@code Agent.eddChanged}. */
  public ObjectRef ref(int k) {
    return refs[k];
  }

  /** Sets EDD {@code k}'s value (the application's field). */
  public void set(int k, long value) {
    values.set(k, value);
  }

  /** EDD {@code k}'s value. */
  public long value(int k) {
    return values.get(k);
  }

  /** How many times {@code hit(k)} ran. */
  public long hits(int k) {
    return hitCount.get(k);
  }

  /** {@link System#nanoTime()} when {@code hit(k)} last ran. */
  public long lastHitNanos(int k) {
    return hitNanos.get(k);
  }

  /** How many times any EDD was read (each SBR evaluation reads one). */
  public long reads() {
    return reads.get();
  }
}
