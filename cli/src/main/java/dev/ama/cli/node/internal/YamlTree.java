package dev.ama.cli.node.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document read into maps, lists and scalars that remember their line and column, so that
 * every configuration error can name the place to fix. Jackson's own tree forgets locations.
 */
public final class YamlTree {
  /** Nodes nested deeper than this are refused: a configuration is shallow. */
  private static final int MAX_DEPTH = 32;

  private YamlTree() {}

  /** A node of the tree: a map, a list or a scalar (text, or null for an empty value). */
  public sealed interface Node permits MapNode, ListNode, ScalarNode {
    /** The 1-based line where the node starts. */
    int line();

    /** The 1-based column where the node starts. */
    int column();

    /** What the node is, for messages: "a map", "a list", "a value". */
    String kind();
  }

  /** A mapping, keys in document order. */
  public record MapNode(Map<String, Node> entries, int line, int column) implements Node {
    @Override
    public String kind() {
      return "a map";
    }
  }

  /** A sequence. */
  public record ListNode(List<Node> items, int line, int column) implements Node {
    @Override
    public String kind() {
      return "a list";
    }
  }

  /** A scalar as written; {@code text} is null for an empty value or {@code null}. */
  public record ScalarNode(String text, int line, int column) implements Node {
    @Override
    public String kind() {
      return "a value";
    }
  }

  /** Thrown for text that is not YAML, or YAML that is not one document of maps, lists, values. */
  public static final class YamlSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;

    YamlSyntaxException(String message, int line, int column) {
      super(message);
      this.line = line;
      this.column = column;
    }

    public int line() {
      return line;
    }

    public int column() {
      return column;
    }
  }

  /** Reads one YAML document; an empty document is an empty map. */
  public static Node parse(String text) throws YamlSyntaxException {
    try (JsonParser p = new YAMLFactory().createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return new MapNode(Map.of(), 1, 1);
      }
      Node root = read(p, 0);
      return root;
    } catch (IOException e) {
      int line = 0;
      int column = 0;
      if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
          && jpe.getLocation() != null) {
        line = jpe.getLocation().getLineNr();
        column = jpe.getLocation().getColumnNr();
      }
      String msg = e.getMessage() == null ? e.toString() : e.getMessage();
      int cut = msg.indexOf('\n');
      throw new YamlSyntaxException(
          "not valid YAML: " + (cut > 0 ? msg.substring(0, cut) : msg), line, column);
    }
  }

  private static Node read(JsonParser p, int depth) throws IOException, YamlSyntaxException {
    JsonLocation loc = p.currentTokenLocation();
    int line = loc.getLineNr();
    int col = loc.getColumnNr();
    if (depth > MAX_DEPTH) {
      throw new YamlSyntaxException("nested deeper than " + MAX_DEPTH + " levels", line, col);
    }
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        Map<String, Node> entries = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          JsonLocation keyLoc = p.currentTokenLocation();
          if (entries.containsKey(key)) {
            throw new YamlSyntaxException(
                "the key '" + key + "' appears twice", keyLoc.getLineNr(), keyLoc.getColumnNr());
          }
          p.nextToken();
          entries.put(key, read(p, depth + 1));
        }
        return new MapNode(Collections.unmodifiableMap(entries), line, col);
      }
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(read(p, depth + 1));
        }
        return new ListNode(List.copyOf(items), line, col);
      }
      case VALUE_NULL -> {
        return new ScalarNode(null, line, col);
      }
      default -> {
        return new ScalarNode(p.getText(), line, col);
      }
    }
  }
}
