package dev.ama.model.ari;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The project's testdata/ folder: the wire vectors and the saved regression inputs. Shared with
 * expr-grammar's tests through ama-model's test jar.
 *
 * <p>A regression file ({@code testdata/regressions/cbor/NAME.hex} or {@code
 * testdata/regressions/text/NAME.txt}) holds one input:
 *
 * <pre>
 * # what the input broke (first line)
 * # expect: CODE          (second line: the AriDecodeException code now required, or "value")
 * the input               (hex for .hex, white space ignored; the rest of the file for .txt)
 * </pre>
 *
 * In the input, {@code {{N*unit}}} stands for {@code unit} repeated N times, so that inputs of a
 * megabyte stay small files. ARI text has no braces, so the notation never clashes with an input.
 */
public final class TestData {
  private TestData() {}

  private static final Pattern REPEAT = Pattern.compile("\\{\\{([0-9]+)\\*(.*?)}}", Pattern.DOTALL);
  private static final Pattern EXPECT = Pattern.compile("# expect: ([A-Za-z_]+)");

  /** One row of ari-vectors.tsv: input text, CBOR hex, canonical text. */
  public record Vector(int line, String text, String hex, String canonical) {
    public byte[] bytes() {
      return HexFormat.of().parseHex(hex);
    }

    @Override
    public String toString() {
      return "line " + line + ": " + text;
    }
  }

  /**
   * One saved regression input.
   *
   * @param expect the {@code AriDecodeException.Code} name the input must now give, or {@code
   *     "value"} when it must decode
   */
  public record Regression(String name, String broke, String expect, String input) {
    /** The input of a .hex file as bytes. */
    public byte[] bytes() {
      return HexFormat.of().parseHex(input);
    }

    @Override
    public String toString() {
      return name + ": " + broke;
    }
  }

  /** The testdata/ folder: -Dama.testdata.dir, else the first testdata/ above the working dir. */
  public static Path dir() {
    String dir = System.getProperty("ama.testdata.dir");
    if (dir != null && Files.isDirectory(Path.of(dir))) {
      return Path.of(dir);
    }
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("testdata"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("testdata/ not found above " + Path.of("").toAbsolutePath());
    }
    return p.resolve("testdata");
  }

  /** One row of ari-invalid.txt: an input (text or CBOR hex) the reference rejects. */
  public record Invalid(int line, String form, String input) {
    @Override
    public String toString() {
      return "line " + line + " (" + form + "): " + input;
    }
  }

  /** Every row of ari-invalid.txt. */
  public static List<Invalid> invalid() {
    List<Invalid> out = new ArrayList<>();
    List<String> lines = read(dir().resolve("ari-invalid.txt")).lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.isBlank() || l.startsWith("#")) {
        continue;
      }
      String[] cols = l.split("\t", 2);
      out.add(new Invalid(i + 1, cols[0], cols[1]));
    }
    return out;
  }

  /** Every row of ari-vectors.tsv. */
  public static List<Vector> vectors() {
    List<Vector> out = new ArrayList<>();
    List<String> lines = read(dir().resolve("ari-vectors.tsv")).lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.isBlank() || l.startsWith("#")) {
        continue;
      }
      String[] cols = l.split("\t", -1);
      if (cols.length != 3) {
        throw new IllegalStateException(
            "ari-vectors.tsv line " + (i + 1) + " has " + cols.length + " columns");
      }
      out.add(new Vector(i + 1, cols[0], cols[1], cols[2]));
    }
    return out;
  }

  /** The regression inputs of one kind ("cbor" or "text"), sorted by file name. */
  public static List<Regression> regressions(String kind) {
    String ext = kind.equals("cbor") ? ".hex" : ".txt";
    Path folder = dir().resolve("regressions").resolve(kind);
    List<Path> files;
    try (Stream<Path> s = Files.list(folder)) {
      files = s.filter(f -> f.getFileName().toString().endsWith(ext)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Regression> out = new ArrayList<>();
    for (Path f : files) {
      out.add(parse(f, ext.equals(".hex")));
    }
    return out;
  }

  private static Regression parse(Path file, boolean hex) {
    String name = file.getFileName().toString();
    String content = read(file);
    String[] parts = content.split("\n", 3);
    if (parts.length < 3 || !parts[0].startsWith("# ") || !parts[1].startsWith("# expect: ")) {
      throw new IllegalStateException(
          name + " must start with '# what it broke' and '# expect: CODE|value' lines");
    }
    Matcher m = EXPECT.matcher(parts[1].strip());
    if (!m.matches()) {
      throw new IllegalStateException(name + ": bad expect line " + parts[1]);
    }
    String body = parts[2];
    if (hex) {
      body = body.replaceAll("\\s+", "");
    } else if (body.endsWith("\n")) {
      body = body.substring(0, body.length() - 1);
    }
    return new Regression(name, parts[0].substring(2).strip(), m.group(1), expand(body));
  }

  /** Replaces every {@code {{N*unit}}} with N copies of unit. */
  static String expand(String s) {
    Matcher m = REPEAT.matcher(s);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          sb, Matcher.quoteReplacement(m.group(2).repeat(Integer.parseInt(m.group(1)))));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
