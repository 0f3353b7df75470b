package dev.ama.cli;

import dev.ama.grammar.ari.AriTextDecoder;
import dev.ama.grammar.lang.Compilation;
import dev.ama.grammar.lang.Diagnostic;
import dev.ama.grammar.lang.ExprCompiler;
import dev.ama.grammar.lang.LangCompiler;
import dev.ama.grammar.lang.LangException;
import dev.ama.grammar.lang.ObjectNames;
import dev.ama.model.adm.StandardModels;
import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriDecodeException;
import dev.ama.model.ari.AriType;
import dev.ama.model.ari.ExecSetLiteral;
import dev.ama.model.ari.NamespaceRef;
import dev.ama.model.ari.ObjectRef;
import dev.ama.model.ari.cbor.AriCborEncoder;
import dev.ama.model.ari.text.AriTextEncoder;
import dev.ama.rules.expr.CompiledExpr;
import dev.ama.rules.expr.ExprException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ama lang}: the operator language, offline. */
@Command(
    name = "lang",
    mixinStandardHelpOptions = true,
    versionProvider = AmaCommand.Version.class,
    description = {
      "Compile, check and try out ama's operator language.",
      "Files of DEF, PROD, IF ... THEN, RULE, TEMPLATE and MACRO statements compile",
      "to standard DTNMA EXECSETs. The language: docs/operator-language.md.",
      ""
    },
    subcommands = {LangCommand.Compile.class, LangCommand.Check.class, LangCommand.Eval.class},
    footer = {
      "",
      "Examples:",
      "  ama lang compile examples/lang/periodic-report.ama",
      "      one EXECSET per statement, as ARI text",
      "  ama lang compile --cbor --report-to ipn:2.1 rules.ama",
      "      the same as upper-case CBOR hex, rule reports going to ipn:2.1",
      "  echo 'PROD(1s, num-msg-rx) TO \"ipn:2.1\"' | ama lang check -",
      "  ama lang eval 'a > b && c + d * 2 < 100' --set a=5 --set b=3 --set c=1 --set d=2",
      "      ari:true",
      "",
      "Errors go to standard error as file:line:column: message. Exit codes: 0 ok, 1 errors, 2 usage."
    })
public final class LangCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "Missing a command: 'ama lang compile', 'ama lang check' or 'ama lang eval'.");
  }

  /** What compile and check share: the source and the compiler's settings. */
  abstract static class SourceCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the source file, or - for standard input")
    String file;

    @Option(
        names = "--namespace",
        paramLabel = "//ORG/!MODEL",
        description =
            "the ODM definitions go into, unless the file says NAMESPACE (default //ama/!ops)")
    String namespace;

    @Option(
        names = "--report-to",
        paramLabel = "URI",
        description = "where rule reports go, unless the file says REPORT_TO or TO (repeatable)")
    List<String> reportTo = new ArrayList<>();

    private final InputStream stdin;

    SourceCommand(InputStream stdin) {
      this.stdin = stdin;
    }

    /** Compiles the source; prints problems and returns null when it does not compile. */
    Compilation compile() throws IOException {
      PrintWriter err = spec.commandLine().getErr();
      String name = file.equals("-") ? "<stdin>" : file;
      String source;
      try {
        source =
            file.equals("-")
                ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
                : Files.readString(Path.of(file));
      } catch (NoSuchFileException e) {
        err.println(name + ": no such file");
        err.flush();
        return null;
      }
      LangCompiler.Builder b = LangCompiler.builder();
      if (namespace != null) {
        NamespaceRef ns = namespaceOf(namespace);
        if (ns == null) {
          throw new CommandLine.ParameterException(
              spec.commandLine(), "--namespace takes //org/!model, not " + namespace);
        }
        b.namespace(ns);
      }
      reportTo.forEach(b::reportTo);
      try {
        return b.build().compile(source, name);
      } catch (IllegalStateException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      } catch (LangException e) {
        for (Diagnostic d : e.diagnostics()) {
          err.println(d);
        }
        err.println(e.diagnostics().size() + (e.diagnostics().size() == 1 ? " error" : " errors"));
        err.flush();
        return null;
      }
    }

    private static NamespaceRef namespaceOf(String text) {
      try {
        Ari ari = new AriTextDecoder().decode("ari:" + text);
        return ari instanceof NamespaceRef ns ? ns : null;
      } catch (AriDecodeException e) {
        return null;
      }
    }
  }

  /** {@code ama lang compile}. */
  @Command(
      name = "compile",
      mixinStandardHelpOptions = true,
      versionProvider = AmaCommand.Version.class,
      description =
          "Compile a file to EXECSETs, one line each: canonical ARI text, or hex with --cbor.")
  static final class Compile extends SourceCommand {
    @Option(names = "--cbor", description = "print upper-case CBOR hex instead of ARI text")
    boolean cbor;

    Compile() {
      this(System.in);
    }

    Compile(InputStream stdin) {
      super(stdin);
    }

    @Override
    public Integer call() throws IOException {
      Compilation c = compile();
      if (c == null) {
        return 1;
      }
      PrintWriter out = spec.commandLine().getOut();
      AriTextEncoder text = new AriTextEncoder();
      AriCborEncoder encoder = new AriCborEncoder();
      for (ExecSetLiteral es : c.execSets()) {
        out.println(
            cbor ? HexFormat.of().withUpperCase().formatHex(encoder.encode(es)) : text.encode(es));
      }
      out.flush();
      return 0;
    }
  }

  /** {@code ama lang eval}: one expression, evaluated here, for operators trying things out. */
  @Command(
      name = "eval",
      mixinStandardHelpOptions = true,
      versionProvider = AmaCommand.Version.class,
      description = {
        "Evaluate one expression and print the result as ARI text.",
        "Names given with --set are variables with those values; other names of the",
        "standard models read as undefined here."
      })
  static final class Eval implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "EXPR", description = "the expression, e.g. 'a * 2 > 10'")
    String expression;

    @Option(
        names = "--set",
        paramLabel = "NAME=VALUE",
        description =
            "a variable and its value in ARI text, e.g. a=5, t=/TD/PT30S, s=%%22hi%%22 (repeatable)")
    Map<String, String> values = new LinkedHashMap<>();

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      ObjectNames names = ObjectNames.of(StandardModels.ALL);
      Map<ObjectRef, Ari> bound = new HashMap<>();
      for (Map.Entry<String, String> e : values.entrySet()) {
        if (!e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
          throw new CommandLine.ParameterException(
              spec.commandLine(),
              "--set needs a name such as a or max_temp, not '" + e.getKey() + "'");
        }
        Ari value;
        try {
          value = new AriTextDecoder().decode(e.getValue());
        } catch (AriDecodeException ex) {
          throw new CommandLine.ParameterException(
              spec.commandLine(), "--set " + e.getKey() + ": " + ex.getMessage());
        }
        ObjectRef ref = ObjectRef.of("ama", "!eval", AriType.VAR, e.getKey());
        names = names.with(e.getKey(), ref);
        bound.put(ref, value);
      }
      try {
        AcLiteral expr = new ExprCompiler(names).compile(expression, "<expression>");
        CompiledExpr compiled = dev.ama.rules.expr.ExprCompiler.compile(expr);
        Ari result = compiled.evaluate(ref -> bound.getOrDefault(ref, Ari.UNDEFINED));
        out.println(new AriTextEncoder().encode(result));
        out.flush();
        return 0;
      } catch (LangException e) {
        e.diagnostics().forEach(err::println);
      } catch (ExprException e) {
        err.println("<expression>: " + e.getMessage());
      }
      err.flush();
      return 1;
    }
  }

  /** {@code ama lang check}. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      versionProvider = AmaCommand.Version.class,
      description = "Check a file: print its errors only (nothing when it compiles).")
  static final class Check extends SourceCommand {
    Check() {
      this(System.in);
    }

    Check(InputStream stdin) {
      super(stdin);
    }

    @Override
    public Integer call() throws IOException {
      return compile() == null ? 1 : 0;
    }
  }
}
