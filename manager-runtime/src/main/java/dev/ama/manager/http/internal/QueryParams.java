package dev.ama.manager.http.internal;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The query string of a request, and its time parameters: an ISO-8601 instant ({@code
 * 2026-01-02T03:04:05Z}) or a duration relative to now ({@code -10m}, {@code -1.5h}, {@code
 * -PT10M}; units ms, s, m, h, d, w; a positive one lies in the future).
 */
public final class QueryParams {
  private static final Pattern SHORT =
      Pattern.compile("([+-]?)([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h|d|w)");

  private final Map<String, String> values = new LinkedHashMap<>();

  private QueryParams() {}

  /**
   * Parses a raw query string ({@code a=1&b=x%20y}).
   *
   * @throws IllegalArgumentException when a parameter is given twice or is not URL-encoded
   */
  public static QueryParams parse(String rawQuery) {
    QueryParams q = new QueryParams();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return q;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = decode(eq < 0 ? pair : pair.substring(0, eq));
      String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (q.values.put(k, v) != null) {
        throw new IllegalArgumentException("parameter '" + k + "' is given twice");
      }
    }
    return q;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed URL encoding in '" + s + "'", e);
    }
  }

  /** The value of a parameter, null when absent or empty. */
  public String get(String name) {
    String v = values.get(name);
    return v == null || v.isEmpty() ? null : v;
  }

  /** The names given, to refuse unknown ones. */
  public java.util.Set<String> names() {
    return values.keySet();
  }

  /**
   * A time parameter, or null when absent.
   *
   * @throws IllegalArgumentException when it is neither an instant nor a relative duration
   */
  public Instant time(String name, Instant now) {
    String v = get(name);
    return v == null ? null : parseTime(name, v, now);
  }

  /** An instant or a duration relative to {@code now}. */
  public static Instant parseTime(String name, String v, Instant now) {
    String s = v.strip();
    Matcher m = SHORT.matcher(s);
    try {
      if (m.matches()) {
        BigDecimal amount = new BigDecimal(m.group(2));
        long unitNanos =
            switch (m.group(3)) {
              case "ms" -> 1_000_000L;
              case "s" -> 1_000_000_000L;
              case "m" -> 60_000_000_000L;
              case "h" -> 3_600_000_000_000L;
              case "d" -> 86_400_000_000_000L;
              default -> 604_800_000_000_000L;
            };
        long nanos = amount.multiply(BigDecimal.valueOf(unitNanos)).longValueExact();
        Duration d = Duration.ofNanos(nanos);
        return "-".equals(m.group(1)) ? now.minus(d) : now.plus(d);
      }
      if (s.startsWith("P") || s.startsWith("-P") || s.startsWith("+P")) {
        return now.plus(Duration.parse(s));
      }
      return Instant.parse(s);
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "'"
              + name
              + "' is an ISO-8601 instant (2026-01-02T03:04:05Z) or a duration from now"
              + " (-10m, -1h, -PT10M), not '"
              + v
              + "'",
          e);
    }
  }

  /**
   * An integer parameter, or {@code dflt} when absent.
   *
   * @throws IllegalArgumentException when it is not an integer
   */
  public int integer(String name, int dflt) {
    String v = get(name);
    if (v == null) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + name + "' is an integer, not '" + v + "'", e);
    }
  }
}
