package dev.ama.cli;

import java.io.InputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ama} command: entry point of the CLI. */
@Command(
    name = "ama",
    mixinStandardHelpOptions = true,
    versionProvider = AmaCommand.Version.class,
    description = {
      "Asynchronous management for networks that cannot count on a round trip (DTNMA).",
      ""
    },
    subcommands = {
      AriCommand.class,
      LangCommand.class,
      NodeCommand.class,
      RemoteCommands.Send.class,
      RemoteCommands.Reports.class,
      RemoteCommands.Agents.class,
      RemoteCommands.Status.class,
      RegistryCommand.class,
      SimCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Examples:",
      "  ama ari encode 'ari:/INT/-10'          prints 820429",
      "  ama ari decode 820429                  prints ari:/INT/-10",
      "  ama ari --help                         the ARI commands in full",
      "  ama lang compile examples/lang/heater.ama   operator language to EXECSETs",
      "",
      "Exit codes: 0 ok, 1 failure, 2 usage error."
    })
public final class AmaCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the CLI and exits with its code. */
  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /** A command line for {@code ama}, configured as the {@code ama} launcher runs it. */
  public static CommandLine newCommandLine() {
    return newCommandLine(System.in);
  }

  /** A command line for {@code ama} whose commands read {@code stdin} as standard input. */
  public static CommandLine newCommandLine(InputStream stdin) {
    CommandLine.IFactory defaults = CommandLine.defaultFactory();
    CommandLine.IFactory factory =
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> cls) throws Exception {
            if (cls == AriCommand.Encode.class) {
              return cls.cast(new AriCommand.Encode(stdin));
            }
            if (cls == AriCommand.Decode.class) {
              return cls.cast(new AriCommand.Decode(stdin));
            }
            if (cls == LangCommand.Compile.class) {
              return cls.cast(new LangCommand.Compile(stdin));
            }
            if (cls == RemoteCommands.Send.class) {
              return cls.cast(new RemoteCommands.Send(stdin));
            }
            if (cls == LangCommand.Check.class) {
              return cls.cast(new LangCommand.Check(stdin));
            }
            return defaults.create(cls);
          }
        };
    CommandLine cl = new CommandLine(new AmaCommand(), factory);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }

  @Override
  public void run() {
    // No subcommand: say how to use it rather than doing nothing.
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing a command, e.g. 'ama ari'.");
  }

  /** The version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = AmaCommand.class.getPackage().getImplementationVersion();
      return new String[] {
        "ama " + (v == null ? "(development build)" : v),
        "Java "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vendor")
            + ")"
      };
    }
  }
}
