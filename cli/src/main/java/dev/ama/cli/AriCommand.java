package dev.ama.cli;

import dev.ama.grammar.ari.AriTextDecoder;
import dev.ama.model.adm.Nicknames;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriDecodeException;
import dev.ama.model.ari.cbor.AriCborDecoder;
import dev.ama.model.ari.cbor.AriCborEncoder;
import dev.ama.model.ari.text.AriTextEncoder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ama ari}: convert ARIs between text and CBOR, offline. */
@Command(
    name = "ari",
    mixinStandardHelpOptions = true,
    versionProvider = AmaCommand.Version.class,
    description = {
      "Convert ARIs (DTNMA identifiers and values) between their text form and CBOR (hex).",
      "Each input gives exactly one output line, in order; an input that fails gives a line",
      "'error: <reason>' in its place and processing goes on.",
      ""
    },
    subcommands = {AriCommand.Encode.class, AriCommand.Decode.class},
    footer = {
      "",
      "Examples:",
      "  ama ari encode 'ari:/INT/-10'",
      "      820429",
      "  ama ari encode --nickname 'ari://ietf/dtnma-agent/CTRL/report-on'",
      "      8401012206    (names of standard models sent as integer enums)",
      "  ama ari decode 8212A303F50A626869626F6804",
      "      ari:/AM/(3=true,10=hi,oh=4)",
      "  printf 'ari:true\\nari:/TD/PT1M40S\\n' | ama ari encode",
      "      F5",
      "      820D1864",
      "",
      "Exit codes: 0 every input converted, 1 at least one failed, 2 usage error."
    })
public final class AriCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing a command: 'ama ari encode' or 'ama ari decode'.");
  }

  /** What encode and decode share: inputs from arguments or standard input, one line each. */
  abstract static class LineConverter implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--nickname",
        description =
            "Translate the names of known models to integer enums (encode) or back (decode).")
    boolean nickname;

    private final InputStream stdin;

    LineConverter(InputStream stdin) {
      this.stdin = stdin;
    }

    abstract List<String> arguments();

    abstract String convert(String input) throws AriDecodeException;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      boolean failed = false;
      List<String> args = arguments();
      if (args != null && !args.isEmpty()) {
        for (String a : args) {
          failed |= !convertOne(a, out);
        }
      } else {
        BufferedReader in =
            new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
          failed |= !convertOne(line, out);
        }
      }
      out.flush();
      return failed ? 1 : 0;
    }

    private boolean convertOne(String input, PrintWriter out) {
      String trimmed = input.strip();
      try {
        if (trimmed.isEmpty()) {
          out.println("error: empty input");
          return false;
        }
        out.println(convert(trimmed));
        return true;
      } catch (AriDecodeException e) {
        out.println("error: " + e.getMessage());
      } catch (RuntimeException e) {
        // A value the codec refuses to build (e.g. out of range) must not end the run.
        out.println("error: " + oneLine(String.valueOf(e.getMessage())));
      }
      out.flush();
      return false;
    }

    private static String oneLine(String s) {
      return s.replace('\n', ' ').replace('\r', ' ');
    }
  }

  /** {@code ama ari encode}: text to CBOR hex. */
  @Command(
      name = "encode",
      mixinStandardHelpOptions = true,
      versionProvider = AmaCommand.Version.class,
      description =
          "Encode ARI text to CBOR, printed as upper-case hex. Reads standard input when no TEXT is given.")
  static final class Encode extends LineConverter {
    private final AriTextDecoder decoder = new AriTextDecoder();
    private final AriCborEncoder encoder = new AriCborEncoder();

    @Parameters(
        paramLabel = "TEXT",
        arity = "0..*",
        description = "ARIs in text form, e.g. ari:/INT/-10")
    List<String> texts = new ArrayList<>();

    Encode() {
      this(System.in);
    }

    Encode(InputStream stdin) {
      super(stdin);
    }

    @Override
    List<String> arguments() {
      return texts;
    }

    @Override
    String convert(String input) throws AriDecodeException {
      Ari ari = decoder.decode(input);
      if (nickname) {
        ari = Nicknames.standard().toEnums(ari);
      }
      return HexFormat.of().withUpperCase().formatHex(encoder.encode(ari));
    }
  }

  /** {@code ama ari decode}: CBOR hex to text. */
  @Command(
      name = "decode",
      mixinStandardHelpOptions = true,
      versionProvider = AmaCommand.Version.class,
      description =
          "Decode CBOR given as hex to canonical ARI text. Reads standard input when no HEX is given.")
  static final class Decode extends LineConverter {
    private final AriCborDecoder decoder = new AriCborDecoder();
    private final AriTextEncoder encoder = new AriTextEncoder();

    @Parameters(
        paramLabel = "HEX",
        arity = "0..*",
        description = "CBOR in hex, e.g. 820429 (spaces allowed)")
    List<String> hexes = new ArrayList<>();

    Decode() {
      this(System.in);
    }

    Decode(InputStream stdin) {
      super(stdin);
    }

    @Override
    List<String> arguments() {
      return hexes;
    }

    @Override
    String convert(String input) throws AriDecodeException {
      String hex = input.replaceAll("\\s+", "");
      if (hex.startsWith("0x") || hex.startsWith("0X")) {
        hex = hex.substring(2);
      }
      byte[] bytes;
      try {
        bytes = HexFormat.of().parseHex(hex);
      } catch (IllegalArgumentException e) {
        throw new AriDecodeException(
            AriDecodeException.Code.MALFORMED_CBOR,
            AriDecodeException.Unit.CHARACTER,
            -1,
            "not an even number of hex digits: " + abbreviate(input));
      }
      Ari ari = decoder.decode(bytes);
      if (nickname) {
        ari = Nicknames.standard().toNames(ari);
      }
      return encoder.encode(ari);
    }

    private static String abbreviate(String s) {
      return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
  }
}
