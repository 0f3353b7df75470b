package dev.ama.transport.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random valid contact plans, printed in the many ways the format allows (absolute or relative
 * times, short or ISO durations, every rate unit, comments, tabs, lines in any order), parse back
 * to the same contacts. A failure prints its seed; replay it with {@code @Property(seed = "…")}.
 */
class ContactPlanParserPropertiesTest {
  /** A window as generated: a gap after the previous one, a length, a rate, a light time. */
  record Window(long gapMs, long lengthMs, long rate, long owltMs) {}

  /** Bits per second per unit; the test's own table, independent of the parser's. */
  private static final Map<String, Long> UNIT_BITS = new LinkedHashMap<>();

  static {
    UNIT_BITS.put("", 8L);
    UNIT_BITS.put("B/s", 8L);
    UNIT_BITS.put("kB/s", 8_000L);
    UNIT_BITS.put("MB/s", 8_000_000L);
    UNIT_BITS.put("GB/s", 8_000_000_000L);
    UNIT_BITS.put("KiB/s", 8L * 1024);
    UNIT_BITS.put("MiB/s", 8L * 1024 * 1024);
    UNIT_BITS.put("GiB/s", 8L * 1024 * 1024 * 1024);
    UNIT_BITS.put("bit/s", 1L);
    UNIT_BITS.put("kbit/s", 1_000L);
    UNIT_BITS.put("Mbit/s", 1_000_000L);
    UNIT_BITS.put("Gbit/s", 1_000_000_000L);
  }

  @Provide
  Arbitrary<Map<String, List<Window>>> plans() {
    Arbitrary<String> links =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('A', 'Z')
            .withCharRange('0', '9')
            .withChars('.', '_', '-')
            .ofMinLength(1)
            .ofMaxLength(10);
    long day = Duration.ofDays(1).toMillis();
    Arbitrary<Long> rates =
        Arbitraries.oneOf(
            Arbitraries.longs().between(0, 1_000_000_000_000L),
            Arbitraries.longs().between(0, 1_000_000).map(n -> n * 1000),
            Arbitraries.longs().between(0, 1_000_000).map(n -> n * 1024),
            Arbitraries.longs().between(0, 1000).map(n -> n * 125_000));
    Arbitrary<Window> windows =
        Combinators.combine(
                Arbitraries.longs().between(0, 30 * day),
                Arbitraries.longs().between(1, 30 * day),
                rates,
                Arbitraries.longs().between(0, Duration.ofMinutes(30).toMillis()))
            .as(Window::new);
    return Arbitraries.maps(links, windows.list().ofMinSize(1).ofMaxSize(5)).ofMaxSize(4);
  }

  @Provide
  Arbitrary<Instant> epochs() {
    return Combinators.combine(
            Arbitraries.longs().between(946_684_800L, 4_102_444_800L), // 2000 to 2100
            Arbitraries.integers().between(0, 999_999_999))
        .as(Instant::ofEpochSecond);
  }

  @Property(tries = 300)
  void printed_plans_parse_back_to_equal_contacts(
      @ForAll("plans") Map<String, List<Window>> windows,
      @ForAll("epochs") Instant epoch,
      @ForAll boolean epochLine,
      @ForAll long formatSeed)
      throws ContactPlanException {
    Random r = new Random(formatSeed);
    Map<String, List<Contact>> expected = new LinkedHashMap<>();
    List<String[]> lines = new ArrayList<>(); // {link, text}
    windows.forEach(
        (link, ws) -> {
          // Start a day before the epoch, so that some windows can only be written absolutely.
          Instant t = epoch.minus(Duration.ofDays(1));
          List<Contact> contacts = new ArrayList<>();
          for (Window w : ws) {
            Instant start = t.plusMillis(w.gapMs());
            Instant end = start.plusMillis(w.lengthMs());
            Contact c = new Contact(start, end, w.rate(), Duration.ofMillis(w.owltMs()));
            contacts.add(c);
            lines.add(new String[] {link, print(link, c, epoch, r)});
            t = end;
          }
          expected.put(link, contacts);
        });
    Collections.shuffle(lines, r);

    StringBuilder text = new StringBuilder("# a generated plan\n");
    if (epochLine) {
      text.append("epoch").append(space(r)).append(epoch).append(comment(r)).append('\n');
    }
    Set<String> order = new LinkedHashSet<>();
    for (String[] line : lines) {
      order.add(line[0]);
      if (r.nextInt(5) == 0) {
        text.append(r.nextBoolean() ? "\n" : "  # between contacts\n");
      }
      text.append(line[1]).append(comment(r)).append('\n');
    }

    // With an epoch line, the parser's default must not matter.
    Instant defaultEpoch = epochLine ? (r.nextBoolean() ? null : Instant.EPOCH) : epoch;
    Map<String, ContactPlan> parsed =
        ContactPlanParser.parse(text.toString(), "generated", defaultEpoch);

    assertThat(parsed.keySet()).containsExactlyElementsOf(order);
    expected.forEach(
        (link, contacts) -> assertThat(parsed.get(link).contacts()).isEqualTo(contacts));
  }

  private static String print(String link, Contact c, Instant epoch, Random r) {
    String line =
        "contact"
            + space(r)
            + link
            + space(r)
            + time(c.start(), epoch, r)
            + space(r)
            + time(c.end(), epoch, r)
            + space(r)
            + rate(c.rateBytesPerSecond(), r);
    if (!c.oneWayLightTime().isZero() || r.nextBoolean()) {
      line += space(r) + "owlt" + space(r) + duration(c.oneWayLightTime(), r);
    }
    return line;
  }

  private static String time(Instant t, Instant epoch, Random r) {
    return t.isBefore(epoch) || r.nextBoolean()
        ? t.toString()
        : "+" + duration(Duration.between(epoch, t), r);
  }

  /** ISO-8601 or short units, whole milliseconds. */
  private static String duration(Duration d, Random r) {
    if (r.nextBoolean()) {
      return d.toString();
    }
    long ms = d.toMillis();
    StringBuilder s = new StringBuilder();
    long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};
    String[] units = {"d", "h", "m", "s", "ms"};
    for (int i = 0; i < sizes.length; i++) {
      if (ms >= sizes[i]) {
        s.append(ms / sizes[i]).append(units[i]);
        ms %= sizes[i];
      }
    }
    return s.length() > 0 ? s.toString() : (r.nextBoolean() ? "0s" : "0ms");
  }

  private static String rate(long bytesPerSecond, Random r) {
    if (bytesPerSecond == 0 && r.nextBoolean()) {
      return "unlimited";
    }
    long bits = bytesPerSecond * 8;
    List<String> fitting = new ArrayList<>();
    UNIT_BITS.forEach(
        (unit, size) -> {
          if (bits % size == 0) {
            fitting.add(unit);
          }
        });
    String unit = fitting.get(r.nextInt(fitting.size()));
    return bits / UNIT_BITS.get(unit) + unit;
  }

  private static String space(Random r) {
    return r.nextInt(4) == 0 ? "\t" : " ".repeat(1 + r.nextInt(3));
  }

  private static String comment(Random r) {
    return r.nextInt(4) == 0 ? space(r) + "# note" : "";
  }
}
