package dev.ama.grammar.ari;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The wire vectors of ../shared, read from the project's copy in testdata/. */
final class Vectors {
  private Vectors() {}

  /** One row of ari-vectors.tsv. */
  record Vector(int line, String text, String hex, String canonical) {
    @Override
    public String toString() {
      return "line " + line + ": " + text;
    }
  }

  /** One row of ari-invalid.txt. */
  record Invalid(int line, String form, String input) {
    @Override
    public String toString() {
      return "line " + line + " (" + form + "): " + input;
    }
  }

  static Path testdata() {
    String dir = System.getProperty("ama.testdata.dir");
    if (dir != null && Files.isDirectory(Path.of(dir))) {
      return Path.of(dir);
    }
    // Run from an IDE: walk up from the module to the repository root.
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("testdata"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("testdata/ not found above " + Path.of("").toAbsolutePath());
    }
    return p.resolve("testdata");
  }

  static List<Vector> valid() {
    List<Vector> out = new ArrayList<>();
    List<String> lines = lines("ari-vectors.tsv");
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

  static List<Invalid> invalid() {
    List<Invalid> out = new ArrayList<>();
    List<String> lines = lines("ari-invalid.txt");
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

  private static List<String> lines(String name) {
    try {
      return Files.readAllLines(testdata().resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
