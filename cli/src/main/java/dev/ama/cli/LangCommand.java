package dev.ama.cli;

import dev.ama.grammar.ari.AriTextDecoder;
import dev.ama.grammar.lang.Compilation;
import dev.ama.grammar.lang.Diagnostic;
import dev.ama.grammar.lang.LangCompiler;
import dev.ama.grammar.lang.LangException;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriDecodeException;
import dev.ama.model.ari.ExecSetLiteral;
import dev.ama.model.ari.NamespaceRef;
import dev.ama.model.ari.cbor.AriCborEncoder;
import dev.ama.model.ari.text.AriTextEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
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
      "Compile and check files in ama's operator language (DEF, PROD, IF ... THEN, RULE, TEMPLATE,",
      "MACRO) to standard DTNMA EXECSETs. The language: docs/operator-language.md.",
      ""
    },
    subcommands = {LangCommand.Compile.class, LangCommand.Check.class},
    footer = {
      "",
      "Examples:",
      "  ama lang compile examples/lang/periodic-report.ama",
      "      one EXECSET per statement, as ARI text",
      "  ama lang compile --cbor --report-to ipn:2.1 rules.ama",
      "      the same as upper-case CBOR hex, rule reports going to ipn:2.1",
      "  echo 'PROD(1s, num-msg-rx) TO \"ipn:2.1\"' | ama lang check -",
      "",
      "Errors go to standard error as file:line:column: message. Exit codes: 0 ok, 1 errors, 2 usage."
    })
public final class LangCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing a command: 'ama lang compile' or 'ama lang check'.");
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
