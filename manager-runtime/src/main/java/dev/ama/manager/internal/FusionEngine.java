package dev.ama.manager.internal;

import dev.ama.grammar.ari.AriTextDecoder;
import dev.ama.manager.FusionDefinition;
import dev.ama.manager.FusionDefinition.Input;
import dev.ama.model.adm.Nicknames;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriDecodeException;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.RealLiteral;
import dev.ama.model.ari.text.AriTextEncoder;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The fusions in force and the latest value of each of their inputs, per agent. Fed every report
 * that arrives ({@link #offer}); computes a fusion's value on demand ({@link #compute}).
 * Thread-safe (every method is synchronized; the work is small).
 *
 * <p>Sources are compared by name: a report whose source uses enums ({@code //1/1/EDD/3}) matches
 * an input written with names, for the models the Manager knows.
 */
public final class FusionEngine {
  private static final BigInteger UVAST_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  private static final BigInteger VAST_MIN = BigInteger.valueOf(Long.MIN_VALUE);

  /** One value of an input from one agent. */
  private record Sample(Ari value, Instant time) {}

  private static final class Active {
    final FusionDefinition def;
    final List<String> sourceKeys = new ArrayList<>();
    final List<Predicate<String>> agents = new ArrayList<>();

    /** Per input index: agent → latest sample. */
    final List<Map<String, Sample>> latest = new ArrayList<>();

    Active(FusionDefinition def) {
      this.def = def;
    }
  }

  private final Nicknames nicknames;
  private final AriTextEncoder text = new AriTextEncoder();
  private final AriTextDecoder decoder = new AriTextDecoder();
  private final Map<String, Active> active = new LinkedHashMap<>();

  public FusionEngine(Nicknames nicknames) {
    this.nicknames = nicknames;
  }

  /** The canonical, by-name text of a source, for matching. */
  public String sourceKey(Ari source) {
    return text.encode(nicknames.toNames(source));
  }

  /** The same source written with enums, where the models are known (for store queries). */
  public List<String> sourceForms(String sourceText) {
    Set<String> forms = new LinkedHashSet<>();
    forms.add(sourceText);
    try {
      Ari a = decoder.decode(sourceText);
      forms.add(text.encode(nicknames.toNames(a)));
      forms.add(text.encode(nicknames.toEnums(a)));
    } catch (AriDecodeException e) {
      // Definitions are checked when built; a source that no longer decodes matches as written.
    }
    return List.copyOf(forms);
  }

  /** Puts a fusion in force, replacing one of the same name (its values start afresh). */
  public synchronized void put(FusionDefinition def) {
    Active a = new Active(def);
    for (Input in : def.inputs()) {
      String key;
      try {
        key = sourceKey(decoder.decode(in.source()));
      } catch (AriDecodeException e) {
        key = in.source();
      }
      a.sourceKeys.add(key);
      a.agents.add(EidGlob.matcher(in.agent()));
      a.latest.add(new HashMap<>());
    }
    active.put(def.name(), a);
  }

  /** Takes a fusion out of force; whether there was one. */
  public synchronized boolean remove(String name) {
    return active.remove(name) != null;
  }

  public synchronized Optional<FusionDefinition> get(String name) {
    return Optional.ofNullable(active.get(name)).map(a -> a.def);
  }

  public synchronized List<FusionDefinition> all() {
    return active.values().stream().map(a -> a.def).toList();
  }

  public synchronized int size() {
    return active.size();
  }

  /**
   * Offers one report: every input it matches (agent, source) keeps its item when the report is not
   * older than the value kept.
   *
   * @param time the report's absolute reference time
   * @return the names of the fusions it fed
   */
  public synchronized Set<String> offer(String agent, Ari source, Instant time, List<Ari> items) {
    Set<String> fed = new LinkedHashSet<>();
    String key = null;
    for (Active a : active.values()) {
      List<Input> inputs = a.def.inputs();
      for (int i = 0; i < inputs.size(); i++) {
        Input in = inputs.get(i);
        if (!a.agents.get(i).test(agent)) {
          continue;
        }
        if (key == null) {
          key = sourceKey(source);
        }
        if (!key.equals(a.sourceKeys.get(i))) {
          continue;
        }
        Ari value = in.item() < items.size() ? items.get(in.item()) : Ari.UNDEFINED;
        Sample before = a.latest.get(i).get(agent);
        if (before == null || !time.isBefore(before.time())) {
          a.latest.get(i).put(agent, new Sample(value, time));
          fed.add(a.def.name());
        }
      }
    }
    return fed;
  }

  /**
   * The fusion's value now, or empty when it cannot be computed yet: an input without a value in
   * the window (when every input is required), or no value at all.
   */
  public synchronized Optional<Ari> compute(String name, Instant now) {
    Active a = active.get(name);
    if (a == null) {
      return Optional.empty();
    }
    FusionDefinition def = a.def;
    Instant oldest = def.window().map(now::minus).orElse(null);
    List<List<Sample>> perInput = new ArrayList<>();
    List<Sample> all = new ArrayList<>();
    for (Map<String, Sample> byAgent : a.latest) {
      List<Sample> in = new ArrayList<>();
      for (Sample s : byAgent.values()) {
        if (oldest == null || !s.time().isBefore(oldest)) {
          in.add(s);
        }
      }
      if (in.isEmpty() && def.requireAll()) {
        return Optional.empty();
      }
      perInput.add(in);
      all.addAll(in);
    }
    if (all.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(apply(def, perInput, all));
  }

  private static Ari apply(FusionDefinition def, List<List<Sample>> perInput, List<Sample> all) {
    switch (def.function()) {
      case COUNT:
        return IntLiteral.of(AriType.UVAST, all.size());
      case LAST:
        Sample last = all.get(0);
        for (Sample s : all) {
          if (s.time().isAfter(last.time())) {
            last = s;
          }
        }
        return last.value();
      case EXPRESSION:
        Map<String, Ari> byName = new HashMap<>();
        List<Input> inputs = def.inputs();
        for (int i = 0; i < inputs.size(); i++) {
          List<Sample> in = perInput.get(i);
          byName.put(inputs.get(i).name(), in.isEmpty() ? Ari.UNDEFINED : in.get(0).value());
        }
        return def.compiledExpression()
            .orElseThrow()
            .evaluate(
                (ObjectRef ref) ->
                    ref.object().isText()
                            && ref.equals(FusionDefinition.inputRef(ref.object().text()))
                        ? byName.getOrDefault(ref.object().text(), Ari.UNDEFINED)
                        : Ari.UNDEFINED);
      default:
        return numeric(def.function(), all);
    }
  }

  /** SUM, AVERAGE, MIN, MAX over the numeric values; values of other kinds are left out. */
  private static Ari numeric(FusionDefinition.Function f, List<Sample> samples) {
    List<Ari> numbers = new ArrayList<>();
    boolean real = false;
    for (Sample s : samples) {
      if (s.value() instanceof IntLiteral) {
        numbers.add(s.value());
      } else if (s.value() instanceof RealLiteral r && Double.isFinite(r.value())) {
        numbers.add(r);
        real = true;
      }
    }
    if (numbers.isEmpty()) {
      return Ari.UNDEFINED;
    }
    switch (f) {
      case SUM:
        if (real) {
          double sum = 0;
          for (Ari n : numbers) {
            sum += decimal(n).doubleValue();
          }
          return new RealLiteral(AriType.REAL64, sum);
        }
        BigInteger total = BigInteger.ZERO;
        for (Ari n : numbers) {
          total = total.add(((IntLiteral) n).bigValue());
        }
        return integer(total);
      case AVERAGE:
        BigDecimal sum = BigDecimal.ZERO;
        for (Ari n : numbers) {
          sum = sum.add(decimal(n));
        }
        return new RealLiteral(AriType.REAL64, sum.doubleValue() / numbers.size());
      case MIN:
      case MAX:
        Ari best = numbers.get(0);
        for (Ari n : numbers) {
          int c = decimal(n).compareTo(decimal(best));
          if (f == FusionDefinition.Function.MIN ? c < 0 : c > 0) {
            best = n;
          }
        }
        return best;
      default:
        throw new IllegalArgumentException("not a numeric function: " + f);
    }
  }

  private static BigDecimal decimal(Ari n) {
    return n instanceof IntLiteral i
        ? new BigDecimal(i.bigValue())
        : BigDecimal.valueOf(((RealLiteral) n).value());
  }

  /** A VAST when it fits one, a UVAST above, undefined beyond 64 bits. */
  private static Ari integer(BigInteger v) {
    if (v.bitLength() < 64 && v.compareTo(VAST_MIN) >= 0) {
      return IntLiteral.of(AriType.VAST, v.longValue());
    }
    if (v.signum() > 0 && v.compareTo(UVAST_MAX) <= 0) {
      return IntLiteral.of(AriType.UVAST, v);
    }
    return Ari.UNDEFINED;
  }
}
