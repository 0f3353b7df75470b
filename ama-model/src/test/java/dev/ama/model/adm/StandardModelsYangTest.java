package dev.ama.model.adm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.ama.model.ari.AriType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks {@link StandardModels} against the published YANG modules in {@code
 * ${ama.shared.dir}/adms}: organisation, model name, model enum, revision, and every top-level
 * object's name and enum. The tests that need the modules are skipped when the folder is absent.
 */
class StandardModelsYangTest {

  /** The YANG file each standard model is written from. */
  static Stream<Arguments> models() {
    return Stream.of(
        Arguments.of("ietf-dtnma-agent.yang", StandardModels.DTNMA_AGENT),
        Arguments.of("ietf-amm-base.yang", StandardModels.AMM_BASE),
        Arguments.of("ietf-amm-semtype.yang", StandardModels.AMM_SEMTYPE),
        Arguments.of("ietf-network-base.yang", StandardModels.NETWORK_BASE),
        Arguments.of("ietf-dtnma-agent-acl.yang", StandardModels.DTNMA_AGENT_ACL));
  }

  @Test
  void every_standard_model_is_checked_against_a_yang_module() {
    Set<ModelIds> checked =
        models()
            .map(a -> (ModelIds) a.get()[1])
            .collect(Collectors.toCollection(LinkedHashSet::new));
    assertThat(checked).containsExactlyElementsOf(StandardModels.ALL);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void standard_model_has_the_organisation_model_and_revision_of_its_yang_module(
      String file, ModelIds ids) throws IOException {
    YangModule yang = YangModule.read(admsFile(file));

    assertThat(ids.org()).as("organisation name (namespace of %s)", file).isEqualTo(yang.org());
    assertThat(ids.orgEnum()).as("organisation enum of %s", file).isEqualTo(yang.orgEnum());
    assertThat(ids.model()).as("model name (namespace of %s)", file).isEqualTo(yang.model());
    assertThat(ids.modelEnum()).as("model enum of %s", file).isEqualTo(yang.modelEnum());
    assertThat(ids.revision()).as("latest revision of %s", file).isEqualTo(yang.revision());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void standard_model_lists_exactly_the_top_level_objects_of_its_yang_module(
      String file, ModelIds ids) throws IOException {
    YangModule yang = YangModule.read(admsFile(file));
    Set<Entry> fromYang = new TreeSet<>(yang.objects());
    Set<Entry> standard = new TreeSet<>(entriesOf(ids));

    Set<Entry> missing = new TreeSet<>(fromYang);
    missing.removeAll(standard);
    Set<Entry> extra = new TreeSet<>(standard);
    extra.removeAll(fromYang);
    assertThat(standard)
        .withFailMessage(
            "%s against %s:%n  missing from StandardModels: %s%n  extra in StandardModels: %s",
            ids, file, missing, extra)
        .isEqualTo(fromYang);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void standard_model_lists_each_types_objects_in_yang_file_order(String file, ModelIds ids)
      throws IOException {
    YangModule yang = YangModule.read(admsFile(file));
    for (AriType type : AriType.values()) {
      if (!type.isObjectKind()) {
        continue;
      }
      List<String> yangOrder =
          yang.objects().stream().filter(e -> e.type() == type).map(Entry::name).toList();
      assertThat(List.copyOf(ids.objects(type).keySet()))
          .as("%s names of %s, in file order", type, file)
          .isEqualTo(yangOrder);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void yang_module_gives_each_name_and_each_enum_once_per_object_type(String file, ModelIds ids)
      throws IOException {
    YangModule yang = YangModule.read(admsFile(file));
    Map<String, Integer> seen = new TreeMap<>();
    for (Entry e : yang.objects()) {
      seen.merge(e.type() + " name " + e.name(), 1, Integer::sum);
      seen.merge(e.type() + " enum " + e.enumValue(), 1, Integer::sum);
    }
    seen.values().removeIf(n -> n == 1);
    assertThat(seen)
        .as("identifiers of %s repeated within one object type in %s", ids, file)
        .isEmpty();
  }

  // The reader itself, on small modules written for the purpose.

  @Test
  void reader_takes_only_the_direct_enum_of_each_top_level_object() {
    YangModule yang =
        YangModule.parse(
            module(
                """
                  amm:ctrl run {
                    amm:parameter when {
                      amm:enum 90;
                      amm:union { amm:type "/ARITYPE/TD" { amm:enum 91; } }
                    }
                    amm:enum 3;
                    amm:type "/ARITYPE/BYTE" {
                      amm:int-labels { enum waiting { value 0; } }
                    }
                  }
                  grouping helper { amm:edd hidden { amm:enum 92; } }
                """),
            "inline");

    assertThat(yang.objects()).containsExactly(new Entry(AriType.CTRL, "run", 3));
    assertThat(yang.modelEnum()).isEqualTo(7);
    assertThat(yang.orgEnum()).isEqualTo(1);
  }

  @Test
  void reader_keeps_braces_semicolons_and_comment_markers_inside_quoted_strings() {
    YangModule yang =
        YangModule.parse(
            module(
                """
                  amm:const "c1" {
                    description "not { a block }; // nor a comment /* either */";
                    reference 'single \\ quoted { ; }';
                    amm:enum "4";
                  }
                """),
            "inline");

    assertThat(yang.objects()).containsExactly(new Entry(AriType.CONST, "c1", 4));
  }

  @Test
  void reader_joins_concatenated_strings_and_skips_both_comment_forms() {
    YangModule yang =
        YangModule.parse(
            module(
                """
                  // amm:var commented-out { amm:enum 1; }
                  /* amm:var also-commented-out {
                       amm:enum 2; } */
                  amm:var "split-" + /* between */ 'name' { amm:enum 5; }
                """),
            "inline");

    assertThat(yang.objects()).containsExactly(new Entry(AriType.VAR, "split-name", 5));
  }

  @Test
  void reader_uses_the_prefix_the_module_imports_ietf_amm_under() {
    YangModule yang =
        YangModule.parse(
            """
            module ietf-other {
              namespace "ari://ietf/other/";
              import ietf-amm { prefix x; }
              organization "IETF" { x:enum 1; }
              revision 2026-02-01;
              revision 2025-01-01;
              x:enum 9;
              amm:edd ignored { amm:enum 0; }
              x:edd counted { x:enum 1; }
            }
            """,
            "inline");

    assertThat(yang.objects()).containsExactly(new Entry(AriType.EDD, "counted", 1));
    assertThat(yang.model()).isEqualTo("other");
    assertThat(yang.revision()).isEqualTo(LocalDate.of(2026, 2, 1));
  }

  @Test
  void reader_unindents_multi_line_double_quoted_strings_as_yang_says() {
    String text = "description \"first  \n             second\n\tthird \\\"q\\\"\";";
    List<Stmt> statements = new YangReader(text, "inline").statements();

    assertThat(statements)
        .containsExactly(new Stmt("description", "first\nsecond\nthird \"q\"", List.of(), 1));
  }

  @Test
  void reader_refuses_an_object_without_a_direct_enum_naming_its_line() {
    String text = module("  amm:edd nameless-enum {\n    amm:parameter p { amm:enum 1; }\n  }\n");
    assertThatThrownBy(() -> YangModule.parse(text, "inline"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("inline:7: amm:edd nameless-enum has 0 direct amm:enum statements, not 1");
  }

  @Test
  void reader_refuses_unbalanced_braces() {
    assertThatThrownBy(() -> YangModule.parse(module("  amm:edd open {\n"), "inline"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("inline:")
        .hasMessageContaining("end of input inside a block");
  }

  @Test
  void reader_refuses_a_revision_list_that_does_not_start_with_the_latest() {
    String text =
        """
        module ietf-m {
          namespace "ari://ietf/m/";
          import ietf-amm { prefix amm; }
          organization "IETF" { amm:enum 1; }
          revision 2025-01-01;
          revision 2026-01-01;
          amm:enum 7;
        }
        """;
    assertThatThrownBy(() -> YangModule.parse(text, "inline"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("inline:6: revision 2026-01-01 is newer than the first revision 2025-01-01");
  }

  /** A module {@code //ietf/m/} with model enum 7 around the given top-level statements. */
  private static String module(String body) {
    return """
        module ietf-m {
          namespace "ari://ietf/m/";
          import ietf-amm { prefix amm; }
          organization "IETF" { amm:enum 1; }
          revision 2026-01-01;
          amm:enum 7;
        """
        + body
        + "}\n";
  }

  private static Path admsFile(String file) {
    String shared = System.getProperty("ama.shared.dir");
    assumeThat(shared).as("system property ama.shared.dir").isNotNull();
    Path dir = Path.of(shared, "adms");
    assumeThat(Files.isDirectory(dir)).as("YANG folder %s exists", dir).isTrue();
    Path path = dir.resolve(file);
    assertThat(path).as("YANG module in %s", dir).isRegularFile();
    return path;
  }

  private static List<Entry> entriesOf(ModelIds ids) {
    List<Entry> out = new ArrayList<>();
    for (AriType type : AriType.values()) {
      if (type.isObjectKind()) {
        ids.objects(type).forEach((name, e) -> out.add(new Entry(type, name, e)));
      }
    }
    return out;
  }

  /** One object as (type, name, enum), ordered by type code, then enum, then name. */
  record Entry(AriType type, String name, long enumValue) implements Comparable<Entry> {
    @Override
    public int compareTo(Entry o) {
      int c = Integer.compare(o.type.code(), type.code());
      if (c == 0) {
        c = Long.compare(enumValue, o.enumValue);
      }
      return c != 0 ? c : name.compareTo(o.name);
    }

    @Override
    public String toString() {
      return type + "/" + name + "=" + enumValue;
    }
  }

  /**
   * What the test reads from one YANG module: the organisation and model (from {@code namespace
   * "ari://org/model/"}), the organisation's and the module's own {@code amm:enum}, the first
   * {@code revision}, and each top-level AMM object with its direct {@code amm:enum}.
   */
  record YangModule(
      String org,
      long orgEnum,
      String model,
      long modelEnum,
      LocalDate revision,
      List<Entry> objects) {

    private static final Pattern NAMESPACE = Pattern.compile("ari://([^/]+)/([^/]+)/");
    private static final Set<String> KINDS =
        Set.of("ident", "const", "ctrl", "edd", "oper", "sbr", "tbr", "var", "typedef");

    static YangModule read(Path path) throws IOException {
      return parse(Files.readString(path, StandardCharsets.UTF_8), path.getFileName().toString());
    }

    static YangModule parse(String text, String source) {
      List<Stmt> top = new YangReader(text, source).statements();
      if (top.size() != 1 || !top.get(0).keyword().equals("module")) {
        throw new IllegalStateException(source + ": expected a single module statement");
      }
      Stmt module = top.get(0);
      String amm = ammPrefix(module, source);

      Stmt namespace = only(module, "namespace", source);
      Matcher ns = NAMESPACE.matcher(namespace.arg());
      if (!ns.matches()) {
        throw new IllegalStateException(
            source + ":" + namespace.line() + ": namespace " + namespace.arg() + " is no ARI");
      }
      long orgEnum = enumOf(only(module, "organization", source), amm, source);
      long modelEnum = enumOf(module, amm, source);

      List<Stmt> revisions = module.children("revision");
      if (revisions.isEmpty()) {
        throw new IllegalStateException(source + ": no revision");
      }
      LocalDate latest = LocalDate.parse(revisions.get(0).arg());
      for (Stmt r : revisions) {
        if (LocalDate.parse(r.arg()).isAfter(latest)) {
          throw new IllegalStateException(
              source
                  + ":"
                  + r.line()
                  + ": revision "
                  + r.arg()
                  + " is newer than the first revision "
                  + latest);
        }
      }

      List<Entry> objects = new ArrayList<>();
      for (Stmt s : module.children()) {
        String k = s.keyword();
        if (k.startsWith(amm + ":") && KINDS.contains(k.substring(amm.length() + 1))) {
          AriType type = AriType.valueOf(k.substring(amm.length() + 1).toUpperCase(Locale.ROOT));
          objects.add(new Entry(type, s.arg(), enumOf(s, amm, source)));
        }
      }
      return new YangModule(
          ns.group(1), orgEnum, ns.group(2), modelEnum, latest, List.copyOf(objects));
    }

    /** The prefix under which the module imports ietf-amm. */
    private static String ammPrefix(Stmt module, String source) {
      for (Stmt imp : module.children("import")) {
        if ("ietf-amm".equals(imp.arg())) {
          return only(imp, "prefix", source).arg();
        }
      }
      throw new IllegalStateException(source + ": no import of ietf-amm");
    }

    /** The one direct {@code amm:enum} child of a statement. */
    private static long enumOf(Stmt parent, String amm, String source) {
      List<Stmt> enums = parent.children(amm + ":enum");
      if (enums.size() != 1) {
        throw new IllegalStateException(
            source
                + ":"
                + parent.line()
                + ": "
                + parent.keyword()
                + (parent.arg() == null ? "" : " " + parent.arg())
                + " has "
                + enums.size()
                + " direct "
                + amm
                + ":enum statements, not 1");
      }
      return Long.parseLong(enums.get(0).arg());
    }

    private static Stmt only(Stmt parent, String keyword, String source) {
      List<Stmt> found = parent.children(keyword);
      if (found.size() != 1) {
        throw new IllegalStateException(
            source
                + ":"
                + parent.line()
                + ": "
                + found.size()
                + " "
                + keyword
                + " statements under "
                + parent.keyword()
                + ", not 1");
      }
      return found.get(0);
    }
  }

  /** One YANG statement: keyword, optional argument, sub-statements, and the keyword's line. */
  record Stmt(String keyword, String arg, List<Stmt> children, int line) {
    List<Stmt> children(String kw) {
      return children.stream().filter(c -> c.keyword.equals(kw)).toList();
    }
  }

  /**
   * Reads YANG statements (RFC 7950 section 6): {@code keyword [argument] ;} or {@code keyword
   * [argument] { statements }}, with unquoted, single-quoted and double-quoted arguments, {@code +}
   * concatenation, and {@code //} and {@code /* *}{@code /} comments. Double-quoted text is
   * unescaped and re-indented as the RFC says; nothing else of YANG (grammar, imports, groupings)
   * is interpreted here.
   */
  static final class YangReader {
    private final String text;
    private final String source;
    private int pos;
    private int line = 1;
    private int lineStart;

    YangReader(String text, String source) {
      this.text = text;
      this.source = source;
    }

    /** Every top-level statement. */
    List<Stmt> statements() {
      return block(false);
    }

    private List<Stmt> block(boolean nested) {
      List<Stmt> out = new ArrayList<>();
      while (true) {
        skipSpaceAndComments();
        if (pos >= text.length()) {
          if (nested) {
            throw error("end of input inside a block");
          }
          return out;
        }
        char c = text.charAt(pos);
        if (c == '}') {
          if (!nested) {
            throw error("unexpected }");
          }
          pos++;
          return out;
        }
        if (c == '{' || c == ';' || c == '"' || c == '\'') {
          throw error("expected a keyword, found " + c);
        }
        int keywordLine = line;
        String keyword = unquoted();
        skipSpaceAndComments();
        String arg = null;
        if (pos < text.length() && text.charAt(pos) != ';' && text.charAt(pos) != '{') {
          arg = argument();
          skipSpaceAndComments();
        }
        if (pos >= text.length()) {
          throw error("end of input after " + keyword);
        }
        char end = text.charAt(pos++);
        if (end == ';') {
          out.add(new Stmt(keyword, arg, List.of(), keywordLine));
        } else if (end == '{') {
          out.add(new Stmt(keyword, arg, List.copyOf(block(true)), keywordLine));
        } else {
          pos--;
          throw error("expected ; or { after " + keyword + ", found " + end);
        }
      }
    }

    private String argument() {
      char c = text.charAt(pos);
      if (c != '"' && c != '\'') {
        return unquoted();
      }
      StringBuilder sb = new StringBuilder(quoted());
      while (true) {
        int save = pos;
        int saveLine = line;
        int saveLineStart = lineStart;
        skipSpaceAndComments();
        if (pos < text.length() && text.charAt(pos) == '+') {
          pos++;
          skipSpaceAndComments();
          if (pos >= text.length() || (text.charAt(pos) != '"' && text.charAt(pos) != '\'')) {
            throw error("expected a quoted string after +");
          }
          sb.append(quoted());
        } else {
          pos = save;
          line = saveLine;
          lineStart = saveLineStart;
          return sb.toString();
        }
      }
    }

    private String unquoted() {
      int start = pos;
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (Character.isWhitespace(c)
            || c == ';'
            || c == '{'
            || c == '}'
            || c == '"'
            || c == '\''
            || text.startsWith("//", pos)
            || text.startsWith("/*", pos)) {
          break;
        }
        pos++;
      }
      if (pos == start) {
        throw error("expected a keyword or argument");
      }
      return text.substring(start, pos);
    }

    private String quoted() {
      char quote = text.charAt(pos);
      int quoteColumn = pos - lineStart;
      pos++;
      StringBuilder sb = new StringBuilder();
      while (true) {
        if (pos >= text.length()) {
          throw error("unterminated string");
        }
        char c = text.charAt(pos++);
        if (c == quote) {
          return sb.toString();
        }
        if (c == '\n') {
          newLine();
          if (quote == '"') {
            trimTrailing(sb);
            sb.append('\n');
            skipIndent(quoteColumn + 1);
          } else {
            sb.append('\n');
          }
        } else if (c == '\\' && quote == '"') {
          if (pos >= text.length()) {
            throw error("unterminated string");
          }
          char e = text.charAt(pos++);
          switch (e) {
            case 'n' -> sb.append('\n');
            case 't' -> sb.append('\t');
            case '"' -> sb.append('"');
            case '\\' -> sb.append('\\');
            default -> throw error("illegal escape \\" + e);
          }
        } else {
          sb.append(c);
        }
      }
    }

    /** Drops up to {@code columns} columns of indentation (a tab counts as 8). */
    private void skipIndent(int columns) {
      int skipped = 0;
      while (pos < text.length() && skipped < columns) {
        char c = text.charAt(pos);
        int width = c == ' ' ? 1 : c == '\t' ? 8 : 0;
        if (width == 0 || skipped + width > columns) {
          return;
        }
        skipped += width;
        pos++;
      }
    }

    private static void trimTrailing(StringBuilder sb) {
      int n = sb.length();
      while (n > 0
          && (sb.charAt(n - 1) == ' ' || sb.charAt(n - 1) == '\t' || sb.charAt(n - 1) == '\r')) {
        n--;
      }
      sb.setLength(n);
    }

    private void skipSpaceAndComments() {
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c == '\n') {
          pos++;
          newLine();
        } else if (Character.isWhitespace(c)) {
          pos++;
        } else if (text.startsWith("//", pos)) {
          int eol = text.indexOf('\n', pos);
          pos = eol < 0 ? text.length() : eol;
        } else if (text.startsWith("/*", pos)) {
          int close = text.indexOf("*/", pos + 2);
          if (close < 0) {
            throw error("unterminated comment");
          }
          while (pos < close + 2) {
            if (text.charAt(pos++) == '\n') {
              newLine();
            }
          }
        } else {
          return;
        }
      }
    }

    private void newLine() {
      line++;
      lineStart = pos;
    }

    private IllegalStateException error(String message) {
      return new IllegalStateException(source + ":" + line + ": " + message);
    }
  }
}
