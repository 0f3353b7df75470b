package dev.ama.transport.plan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads contact plan files: one {@link ContactPlan} per link, from lines such as
 *
 * <pre>
 * # comments start with '#', blank lines are ignored
 * epoch 2026-11-21T00:00:00Z
 * contact uplink   +0s     +1h     100kB/s  owlt 2s
 * contact uplink   +2h     +2h30m  12500
 * contact mule     2026-11-21T06:00:00Z  2026-11-21T07:00:00Z  unlimited
 * </pre>
 *
 * <p>A line is {@code epoch INSTANT} (at most once, before any contact) or {@code contact LINK
 * START END RATE [owlt DURATION]}. START and END are ISO-8601 instants or {@code +DURATION} from
 * the epoch; DURATION is parts such as {@code 1h30m} (units {@code d h m s ms}, largest first) or
 * ISO-8601 ({@code PT1H30M}); RATE is bytes per second, with an optional unit ({@code B/s kB/s MB/s
 * GB/s KiB/s MiB/s GiB/s bit/s kbit/s Mbit/s Gbit/s}) or {@code unlimited}. {@code
 * docs/transport.md} describes the format in full.
 *
 * <p>Every error in the file is collected, with its line and column, and reported in one {@link
 * ContactPlanException}, so that one run shows the author everything to fix.
 */
public final class ContactPlanParser {
  private static final Pattern LINK = Pattern.compile("[A-Za-z0-9._-]+");

  /** One part of a short duration; {@code ms} before {@code m} and {@code s} so it wins. */
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|d|h|m|s)");

  private static final List<String> DURATION_UNITS = List.of("d", "h", "m", "s", "ms");
  private static final Pattern RATE = Pattern.compile("(\\d+)(.*)");

  /** Rate units, as bits per second per unit, so that bit rates and byte rates share one table. */
  private static final Map<String, Long> RATE_UNIT_BITS =
      Map.ofEntries(
          Map.entry("", 8L),
          Map.entry("B/s", 8L),
          Map.entry("kB/s", 8_000L),
          Map.entry("MB/s", 8_000_000L),
          Map.entry("GB/s", 8_000_000_000L),
          Map.entry("KiB/s", 8L << 10),
          Map.entry("MiB/s", 8L << 20),
          Map.entry("GiB/s", 8L << 30),
          Map.entry("bit/s", 1L),
          Map.entry("kbit/s", 1_000L),
          Map.entry("Mbit/s", 1_000_000L),
          Map.entry("Gbit/s", 1_000_000_000L));

  private static final String CONTACT_SYNTAX = "contact LINK START END RATE [owlt DURATION]";
  private static final String DURATION_HINT =
      "write parts from largest to smallest unit such as 1h30m, 250ms or 0s (units d, h, m, s,"
          + " ms), or ISO-8601 such as PT1H30M";
  private static final String TIME_HINT =
      "write an ISO-8601 instant such as 2026-11-21T06:00:00Z, or +DURATION from the epoch such"
          + " as +1h30m";
  private static final String RATE_HINT =
      "write whole bytes per second such as 12500, with an optional unit (B/s, kB/s, MB/s, GB/s,"
          + " KiB/s, MiB/s, GiB/s, bit/s, kbit/s, Mbit/s, Gbit/s), or 'unlimited'";

  private ContactPlanParser() {}

  /**
   * Reads a contact plan file (UTF-8); its path names it in error messages.
   *
   * @param defaultEpoch what relative times count from when the file has no {@code epoch} line;
   *     {@code null} if relative times need an {@code epoch} line
   * @throws ContactPlanException listing every error in the file
   * @throws IOException if the file cannot be read
   */
  public static Map<String, ContactPlan> parse(Path file, Instant defaultEpoch)
      throws ContactPlanException, IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return parse(text, file.toString(), defaultEpoch);
  }

  /**
   * Reads a contact plan from text.
   *
   * @param fileName names the text in error messages
   * @param defaultEpoch what relative times count from when the text has no {@code epoch} line;
   *     {@code null} if relative times need an {@code epoch} line
   * @return one plan per link, in the order the links first appear
   * @throws ContactPlanException listing every error in the text
   */
  public static Map<String, ContactPlan> parse(String text, String fileName, Instant defaultEpoch)
      throws ContactPlanException {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(fileName, "fileName");
    return new Run(fileName, defaultEpoch).parse(text);
  }

  /** A word of a line and the column (from 1) where it starts. */
  private record Token(String text, int column) {
    int end() {
      return column + text.length();
    }
  }

  /** A contact with where it was written, for overlap messages. */
  private record Entry(Contact contact, int line, int column) {}

  /** Thrown by the value readers; the caller adds the token's place. */
  private static final class Bad extends Exception {
    private static final long serialVersionUID = 1L;

    Bad(String message) {
      super(message, null, false, false);
    }
  }

  /** The state of one parse. */
  private static final class Run {
    final String file;
    final List<ContactPlanException.Problem> problems = new ArrayList<>();
    final Map<String, List<Entry>> byLink = new LinkedHashMap<>();
    Instant epoch;
    int epochLine;
    int firstContactLine;

    /** An epoch line was there but unreadable: relative times then raise no second error. */
    boolean epochFailed;

    Run(String file, Instant defaultEpoch) {
      this.file = file;
      this.epoch = defaultEpoch;
    }

    Map<String, ContactPlan> parse(String text) throws ContactPlanException {
      if (text.startsWith("\uFEFF")) {
        text = text.substring(1); // a byte-order mark some editors write
      }
      String[] lines = text.split("\\R", -1);
      for (int i = 0; i < lines.length; i++) {
        line(i + 1, tokens(lines[i]));
      }
      checkOverlaps();
      if (!problems.isEmpty()) {
        problems.sort(
            Comparator.comparingInt(ContactPlanException.Problem::line)
                .thenComparingInt(ContactPlanException.Problem::column));
        throw new ContactPlanException(problems);
      }
      Map<String, ContactPlan> plans = new LinkedHashMap<>();
      byLink.forEach(
          (link, entries) ->
              plans.put(link, ContactPlan.of(entries.stream().map(Entry::contact).toList())));
      return plans;
    }

    void error(int line, int column, String message) {
      problems.add(new ContactPlanException.Problem(file, line, column, message));
    }

    static List<Token> tokens(String line) {
      int hash = line.indexOf('#');
      if (hash >= 0) {
        line = line.substring(0, hash);
      }
      List<Token> tokens = new ArrayList<>();
      int i = 0;
      while (i < line.length()) {
        if (Character.isWhitespace(line.charAt(i))) {
          i++;
          continue;
        }
        int start = i;
        while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
          i++;
        }
        tokens.add(new Token(line.substring(start, i), start + 1));
      }
      return tokens;
    }

    void line(int line, List<Token> t) {
      if (t.isEmpty()) {
        return;
      }
      switch (t.get(0).text()) {
        case "epoch" -> epochLine(line, t);
        case "contact" -> contactLine(line, t);
        default ->
            error(
                line,
                t.get(0).column(),
                "unknown statement '"
                    + t.get(0).text()
                    + "': a line is 'epoch INSTANT' or '"
                    + CONTACT_SYNTAX
                    + "'");
      }
    }

    void epochLine(int line, List<Token> t) {
      if (t.size() < 2) {
        error(line, t.get(0).end(), "epoch needs an instant, such as epoch 2026-11-21T00:00:00Z");
        return;
      }
      if (t.size() > 2) {
        error(line, t.get(2).column(), "unexpected '" + t.get(2).text() + "' after the epoch");
      }
      Instant value;
      try {
        value = instant(t.get(1).text());
      } catch (Bad e) {
        error(line, t.get(1).column(), e.getMessage());
        epochFailed = true;
        return;
      }
      if (epochLine != 0) {
        error(line, t.get(0).column(), "epoch given again (first at line " + epochLine + ")");
      } else if (firstContactLine != 0) {
        error(
            line,
            t.get(0).column(),
            "epoch after the first contact (line "
                + firstContactLine
                + "): move it above every contact");
      } else {
        epoch = value;
        epochLine = line;
      }
    }

    void contactLine(int line, List<Token> t) {
      if (firstContactLine == 0) {
        firstContactLine = line;
      }
      if (t.size() < 5) {
        String[] names = {"LINK", "START", "END", "RATE"};
        error(
            line,
            t.get(t.size() - 1).end(),
            "missing " + names[t.size() - 1] + ": a contact line is '" + CONTACT_SYNTAX + "'");
        return;
      }
      Token link = t.get(1);
      boolean ok = true;
      if (!LINK.matcher(link.text()).matches()) {
        error(
            line,
            link.column(),
            "link name '" + link.text() + "' may hold only letters, digits, '.', '_' and '-'");
        ok = false;
      }
      Instant start = time(line, t.get(2));
      Instant end = time(line, t.get(3));
      if (start != null && end != null && !end.isAfter(start)) {
        error(
            line,
            t.get(3).column(),
            "end " + end + " is not after start " + start + ": a contact must end after it starts");
        ok = false;
      }
      Long rate = null;
      try {
        rate = rate(t.get(4).text());
      } catch (Bad e) {
        error(line, t.get(4).column(), e.getMessage());
      }
      Duration owlt = Duration.ZERO;
      if (t.size() > 5) {
        owlt = owlt(line, t);
      }
      if (ok && start != null && end != null && rate != null && owlt != null) {
        byLink
            .computeIfAbsent(link.text(), k -> new ArrayList<>())
            .add(new Entry(new Contact(start, end, rate, owlt), line, t.get(2).column()));
      }
    }

    /**
     * Reports each contact that starts before an earlier-starting one of its link has ended. The
     * one compared with is whichever ends last so far, so a long window that covers several short
     * ones is caught against each of them.
     */
    void checkOverlaps() {
      byLink.forEach(
          (link, entries) -> {
            List<Entry> sorted = new ArrayList<>(entries);
            sorted.sort(Comparator.comparing((Entry e) -> e.contact().start()));
            Entry last = null;
            for (Entry e : sorted) {
              if (last != null && e.contact().start().isBefore(last.contact().end())) {
                Entry first = last.line() <= e.line() ? last : e;
                Entry second = first == last ? e : last;
                error(
                    second.line(),
                    second.column(),
                    "contact of link '"
                        + link
                        + "' from "
                        + second.contact().start()
                        + " to "
                        + second.contact().end()
                        + " overlaps the one at line "
                        + first.line()
                        + " ("
                        + first.contact().start()
                        + " to "
                        + first.contact().end()
                        + "): make one end before the other starts");
              }
              if (last == null || e.contact().end().isAfter(last.contact().end())) {
                last = e;
              }
            }
          });
    }

    /** The {@code owlt DURATION} tail of a contact line, or null after reporting an error. */
    Duration owlt(int line, List<Token> t) {
      Token word = t.get(5);
      if (!word.text().equals("owlt")) {
        error(
            line,
            word.column(),
            "unexpected '" + word.text() + "': after RATE only 'owlt DURATION' may follow");
        return null;
      }
      if (t.size() < 7) {
        error(line, word.end(), "missing DURATION after owlt: " + DURATION_HINT);
        return null;
      }
      if (t.size() > 7) {
        error(line, t.get(7).column(), "unexpected '" + t.get(7).text() + "' at the end");
        return null;
      }
      try {
        return duration(t.get(6).text());
      } catch (Bad e) {
        error(line, t.get(6).column(), e.getMessage());
        return null;
      }
    }

    /** START or END, or null after reporting an error. */
    Instant time(int line, Token t) {
      String s = t.text();
      try {
        if (!s.startsWith("+")) {
          return instant(s);
        }
        Duration d = duration(s.substring(1));
        if (epoch == null && epochFailed) {
          return null;
        }
        if (epoch == null) {
          throw new Bad(
              "relative time '"
                  + s
                  + "' needs an epoch: add 'epoch INSTANT' above the first contact");
        }
        return epoch.plus(d);
      } catch (Bad e) {
        error(line, t.column(), e.getMessage());
      } catch (DateTimeException | ArithmeticException e) {
        error(line, t.column(), "'" + s + "' is beyond the last instant Java can represent");
      }
      return null;
    }
  }

  private static Instant instant(String s) throws Bad {
    try {
      return Instant.parse(s);
    } catch (DateTimeException e) {
      throw new Bad("'" + s + "' is not a time: " + TIME_HINT);
    }
  }

  /** A non-negative duration: {@code 1h30m}-style parts, largest unit first, or ISO-8601. */
  private static Duration duration(String s) throws Bad {
    if (s.startsWith("P") || s.startsWith("p")) {
      try {
        Duration d = Duration.parse(s);
        if (d.isNegative()) {
          throw new Bad("duration '" + s + "' is negative");
        }
        return d;
      } catch (DateTimeException e) {
        throw new Bad("'" + s + "' is not a duration: " + DURATION_HINT);
      }
    }
    Matcher m = DURATION_PART.matcher(s);
    Duration total = Duration.ZERO;
    int pos = 0;
    int lastUnit = -1;
    try {
      while (pos < s.length()) {
        if (!m.find(pos) || m.start() != pos) {
          throw new Bad("'" + s + "' is not a duration: " + DURATION_HINT);
        }
        int unit = DURATION_UNITS.indexOf(m.group(2));
        if (unit <= lastUnit) {
          // 1h30h or 30m1h is more likely a typo than a meaning.
          throw new Bad(
              "in duration '" + s + "' units must go from largest to smallest, once each");
        }
        lastUnit = unit;
        long n = Long.parseLong(m.group(1));
        Duration part =
            switch (m.group(2)) {
              case "d" -> Duration.ofDays(n);
              case "h" -> Duration.ofHours(n);
              case "m" -> Duration.ofMinutes(n);
              case "s" -> Duration.ofSeconds(n);
              default -> Duration.ofMillis(n);
            };
        total = total.plus(part);
        pos = m.end();
      }
    } catch (NumberFormatException | ArithmeticException e) {
      throw new Bad("duration '" + s + "' is too long");
    }
    if (pos == 0) {
      throw new Bad("empty duration: " + DURATION_HINT);
    }
    return total;
  }

  /** Bytes per second; 0 for {@code unlimited}, as {@link Contact} reads 0. */
  private static long rate(String s) throws Bad {
    if (s.equals("unlimited")) {
      return 0;
    }
    Matcher m = RATE.matcher(s);
    if (!m.matches()) {
      throw new Bad("'" + s + "' is not a rate: " + RATE_HINT);
    }
    Long bitsPerUnit = RATE_UNIT_BITS.get(m.group(2));
    if (bitsPerUnit == null) {
      throw new Bad("unknown rate unit '" + m.group(2) + "' in '" + s + "': " + RATE_HINT);
    }
    long bits;
    try {
      bits = Math.multiplyExact(Long.parseLong(m.group(1)), bitsPerUnit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new Bad("rate '" + s + "' is too large");
    }
    if (bits % 8 != 0) {
      throw new Bad("rate '" + s + "' is not a whole number of bytes per second");
    }
    return bits / 8;
  }
}
