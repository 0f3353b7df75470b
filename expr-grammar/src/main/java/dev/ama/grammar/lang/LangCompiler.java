package dev.ama.grammar.lang;

import dev.ama.grammar.lang.internal.Parsing;
import dev.ama.grammar.lang.internal.PriorDefinitions;
import dev.ama.grammar.lang.internal.StatementCompiler;
import dev.ama.grammar.lang.internal.antlr.AmaLangParser;
import dev.ama.model.adm.AmaModels;
import dev.ama.model.adm.ModelIds;
import dev.ama.model.ari.AriId;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.NamespaceRef;
import dev.ama.model.ari.TimeLiteral;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compiles operator-language files (DEF, PROD, IF … THEN, RULE, TEMPLATE, MACRO …) to EXECSETs of
 * standard DTNMA controls. See docs/operator-language.md for the language and what each statement
 * becomes. Thread-safe; build one with {@link #builder()}.
 */
public final class LangCompiler {
  private static final int MAX_LENGTH = 1 << 20;

  private final List<ModelIds> models;
  private final NamespaceRef namespace;
  private final List<String> reportTo;
  private final TimeLiteral minInterval;
  private final PriorDefinitions prior;

  private LangCompiler(Builder b) {
    this.models = List.copyOf(b.models);
    this.namespace = b.namespace;
    this.reportTo = List.copyOf(b.reportTo);
    this.minInterval = b.minInterval;
    this.prior = new PriorDefinitions(b.defined, b.reservedEnums);
  }

  /**
   * A builder with the models every ama agent hosts (the standard ones and ama's own), namespace
   * {@code //ama/!ops/}, and no default destination.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Compiles one file.
   *
   * @param source the file's text
   * @param file its name, for diagnostics
   * @throws LangException with every problem found, each with line and column
   */
  public Compilation compile(String source, String file) throws LangException {
    AmaLangParser.FileContext tree = Parsing.parse(source, file, MAX_LENGTH, AmaLangParser::file);
    return new StatementCompiler(
            ObjectNames.of(models), file, namespace, reportTo, minInterval, prior)
        .compile(tree);
  }

  /** Builds a {@link LangCompiler}; {@link #build()} checks the settings. */
  public static final class Builder {
    private final List<ModelIds> models = new ArrayList<>(AmaModels.namedByTools());
    private NamespaceRef namespace = new NamespaceRef(AriId.of("ama"), AriId.of("!ops"), null);
    private final List<String> reportTo = new ArrayList<>();
    private TimeLiteral minInterval = TimeLiteral.td(1, 0);
    private final List<Definition> defined = new ArrayList<>();
    private final Map<String, Long> reservedEnums = new HashMap<>();

    private Builder() {}

    /**
     * An object an earlier compilation defined on the same agent ({@link
     * Compilation#definitions()}): the source may name it (a VAR or template as a value, a macro as
     * an action), and new definitions of its kind in its namespace get enums after its own. A
     * source that defines it again (same namespace, kind and name) keeps its enum and access id, so
     * the agent's ensure- controls update it in place. Anonymous rules ({@code prod-N}, {@code
     * if-N}) are numbered after the highest one given.
     */
    public Builder defined(Definition definition) {
      defined.add(Objects.requireNonNull(definition, "definition"));
      return this;
    }

    /** Every one of these, as {@link #defined(Definition)}. */
    public Builder defined(Collection<Definition> definitions) {
      definitions.forEach(this::defined);
      return this;
    }

    /**
     * Enums up to {@code highest} of this kind in this namespace are taken (by objects defined
     * elsewhere, or obsoleted): new definitions get higher ones.
     */
    public Builder highestEnum(NamespaceRef ns, AriType kind, long highest) {
      reservedEnums.merge(PriorDefinitions.kindKey(ns, kind), highest, Math::max);
      return this;
    }

    /** Adds a model whose names the source may use (an agent's ODM, an application's ADM). */
    public Builder model(ModelIds model) {
      models.add(model);
      return this;
    }

    /** The ODM that definitions go into, unless the source says {@code NAMESPACE}. */
    public Builder namespace(NamespaceRef ns) {
      this.namespace = ns;
      return this;
    }

    /** Where rule reports go, unless the source says {@code REPORT_TO} or {@code TO}. */
    public Builder reportTo(String destination) {
      reportTo.add(destination);
      return this;
    }

    /** The min-interval of state-based rules that give none (default 1 s). */
    public Builder minInterval(TimeLiteral interval) {
      this.minInterval = interval;
      return this;
    }

    public LangCompiler build() {
      if (!namespace.model().isOdmName()) {
        throw new IllegalStateException(
            "definitions go into a run-time model (ODM), whose name starts with '!': " + namespace);
      }
      if (minInterval.type() != AriType.TD || minInterval.seconds() < 0) {
        throw new IllegalStateException("min-interval must be a non-negative TD: " + minInterval);
      }
      return new LangCompiler(this);
    }
  }
}
