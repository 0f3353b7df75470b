package dev.ama.manager.internal;

import java.util.Arrays;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Endpoint IDs and globs of them, as fusion inputs and ACLs write them: {@code *} matches any run
 * of characters ({@code ipn:2.*}, {@code *}); every other character matches itself.
 */
public final class EidGlob {
  private EidGlob() {}

  private static final Pattern EID =
      Pattern.compile("ipn:[0-9]+(\\.[0-9]+){1,2}|dtn:[\\x21-\\x7e]+|\\*");

  /** Whether {@code s} is an {@code ipn:} or {@code dtn:} endpoint ID. */
  public static boolean isEid(String s) {
    return s != null && !s.equals("*") && EID.matcher(s).matches();
  }

  /** Whether the text is a glob (has a {@code *}). */
  public static boolean isGlob(String s) {
    return s != null && s.indexOf('*') >= 0;
  }

  /**
   * Whether the text is an endpoint ID or a glob of them: no blanks, an ipn/dtn scheme or {@code
   * *}.
   */
  public static boolean isValid(String s) {
    if (s == null || s.isBlank() || s.chars().anyMatch(c -> c <= ' ' || c > '~')) {
      return false;
    }
    return isGlob(s) ? s.equals("*") || s.startsWith("ipn:") || s.startsWith("dtn:") : isEid(s);
  }

  /** Whether {@code eid} matches the pattern (an endpoint ID or a glob). */
  public static boolean matches(String pattern, String eid) {
    return matcher(pattern).test(eid);
  }

  /** A test of endpoint IDs against the pattern, compiled once. */
  public static Predicate<String> matcher(String pattern) {
    if (!isGlob(pattern)) {
      return pattern::equals;
    }
    Pattern re =
        Pattern.compile(
            Arrays.stream(pattern.split("\\*", -1))
                .map(Pattern::quote)
                .collect(Collectors.joining(".*")));
    return eid -> eid != null && re.matcher(eid).matches();
  }
}
