package dev.ama.transport.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ContactPlanParserTest {
  private static final Instant E = Instant.parse("2026-11-21T00:00:00Z");

  private static Map<String, ContactPlan> parse(String text, Instant defaultEpoch)
      throws ContactPlanException {
    return ContactPlanParser.parse(text, "plan.txt", defaultEpoch);
  }

  private static ContactPlanException errors(String text, Instant defaultEpoch) {
    return catchThrowableOfType(ContactPlanException.class, () -> parse(text, defaultEpoch));
  }

  private static Contact contact(Duration start, Duration end, long rate, Duration owlt) {
    return new Contact(E.plus(start), E.plus(end), rate, owlt);
  }

  @Test
  void the_documented_example_parses_to_its_contacts() throws ContactPlanException {
    String text =
        """
        # comments start with '#', blank lines ignored
        epoch 2026-11-21T00:00:00Z          # optional, at most once, before any contact

        contact uplink   +0s   +1h   100kB/s  owlt 2s
        contact uplink   +2h   +2h30m  12500
        contact mule     2026-11-21T06:00:00Z  2026-11-21T07:00:00Z  unlimited
        """;

    Map<String, ContactPlan> plans = parse(text, null);

    assertThat(plans.keySet()).containsExactly("uplink", "mule");
    assertThat(plans.get("uplink").contacts())
        .containsExactly(
            contact(Duration.ZERO, Duration.ofHours(1), 100_000, Duration.ofSeconds(2)),
            contact(Duration.ofHours(2), Duration.ofMinutes(150), 12_500, Duration.ZERO));
    assertThat(plans.get("mule").contacts())
        .containsExactly(contact(Duration.ofHours(6), Duration.ofHours(7), 0, Duration.ZERO));
  }

  @Test
  void an_empty_file_has_no_plans() throws ContactPlanException {
    assertThat(parse("", null)).isEmpty();
    assertThat(parse("# nothing yet\n\n", null)).isEmpty();
  }

  @Test
  void relative_times_count_from_the_epoch_line_or_else_the_default_epoch()
      throws ContactPlanException {
    String contacts = "contact a +1h +2h 1\ncontact b 2026-01-01T00:00:00Z +0s 1\n";
    Instant other = Instant.parse("2030-01-01T00:00:00Z");

    Map<String, ContactPlan> byDefault = parse(contacts, E);
    Map<String, ContactPlan> byLine = parse("epoch 2026-11-21T00:00:00Z\n" + contacts, other);

    for (Map<String, ContactPlan> plans : List.of(byDefault, byLine)) {
      Contact a = plans.get("a").contacts().get(0);
      assertThat(a.start()).isEqualTo(E.plus(Duration.ofHours(1)));
      assertThat(a.end()).isEqualTo(E.plus(Duration.ofHours(2)));
      Contact b = plans.get("b").contacts().get(0);
      assertThat(b.start()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
      assertThat(b.end()).isEqualTo(E);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "12500,        12500",
    "0,            0",
    "unlimited,    0",
    "1B/s,         1",
    "100kB/s,      100000",
    "2MB/s,        2000000",
    "1GB/s,        1000000000",
    "1KiB/s,       1024",
    "3MiB/s,       3145728",
    "1GiB/s,       1073741824",
    "8bit/s,       1",
    "1kbit/s,      125",
    "2Mbit/s,      250000",
    "1Gbit/s,      125000000",
  })
  void rates_take_byte_and_bit_units(String rate, long bytesPerSecond) throws ContactPlanException {
    Contact c = parse("contact a +0s +1s " + rate, E).get("a").contacts().get(0);
    assertThat(c.rateBytesPerSecond()).isEqualTo(bytesPerSecond);
  }

  @ParameterizedTest
  @CsvSource({
    "0s,          0",
    "0ms,         0",
    "250ms,       250",
    "90s,         90000",
    "1h30m,       5400000",
    "1d2h3m4s5ms, 93784005",
    "PT1H30M,     5400000",
    "P1DT0.5S,    86400500",
  })
  void durations_take_short_units_or_iso_8601(String duration, long millis)
      throws ContactPlanException {
    Contact c =
        parse("contact a +" + duration + " +2d 1 owlt " + duration, E).get("a").contacts().get(0);
    assertThat(c.start()).isEqualTo(E.plusMillis(millis));
    assertThat(c.oneWayLightTime()).isEqualTo(Duration.ofMillis(millis));
  }

  @Test
  void tabs_crlf_and_a_byte_order_mark_are_read() throws ContactPlanException {
    Map<String, ContactPlan> plans =
        parse("\uFEFFepoch\t2026-11-21T00:00:00Z\r\ncontact\ta\t+0s\t+1h\t1\r\n", null);
    assertThat(plans.get("a").contacts())
        .containsExactly(contact(Duration.ZERO, Duration.ofHours(1), 1, Duration.ZERO));
  }

  static Stream<Arguments> oneError() {
    return Stream.of(
        Arguments.of("contakt a +0s +1h 1", 1, 1, "unknown statement 'contakt'"),
        Arguments.of("contact a/b +0s +1h 1", 1, 9, "link name 'a/b'"),
        Arguments.of("contact a yesterday +1h 1", 1, 11, "'yesterday' is not a time"),
        Arguments.of("contact a +0s +1x 1", 1, 15, "'1x' is not a duration"),
        Arguments.of("contact a +0s +1h5 1", 1, 15, "'1h5' is not a duration"),
        Arguments.of("contact a +0s + 1", 1, 15, "empty duration"),
        Arguments.of("contact a +30m1h +2h 1", 1, 11, "from largest to smallest"),
        Arguments.of("contact a +0s +PT-1H 1", 1, 15, "'PT-1H' is negative"),
        Arguments.of("contact a +1h +1h 1", 1, 15, "is not after start"),
        Arguments.of("contact a +2h +1h 1", 1, 15, "is not after start"),
        Arguments.of("contact a +0s +1h fast", 1, 19, "'fast' is not a rate"),
        Arguments.of("contact a +0s +1h -5", 1, 19, "'-5' is not a rate"),
        Arguments.of("contact a +0s +1h 5kb/s", 1, 19, "unknown rate unit 'kb/s'"),
        Arguments.of("contact a +0s +1h 1bit/s", 1, 19, "not a whole number of bytes"),
        Arguments.of("contact a +0s +1h 99999999999999999999", 1, 19, "too large"),
        Arguments.of("contact a +0s +1h 9999999999GiB/s", 1, 19, "too large"),
        Arguments.of("contact a +0s +1h 1 owl 2s", 1, 21, "after RATE only 'owlt DURATION'"),
        Arguments.of("contact a +0s +1h 1 owlt", 1, 25, "missing DURATION"),
        Arguments.of("contact a +0s +1h 1 owlt 2x", 1, 26, "'2x' is not a duration"),
        Arguments.of("contact a +0s +1h 1 owlt 2s extra", 1, 29, "unexpected 'extra'"),
        Arguments.of("contact a +0s +1h", 1, 18, "missing RATE"),
        Arguments.of("contact", 1, 8, "missing LINK"),
        Arguments.of("contact a +99999999999999d +1h 1", 1, 11, "beyond the last instant"),
        Arguments.of("epoch", 1, 6, "epoch needs an instant"),
        Arguments.of("epoch tomorrow", 1, 7, "'tomorrow' is not a time"),
        Arguments.of(
            "epoch 2026-11-21T00:00:00Z 2026-11-22T00:00:00Z", 1, 28, "unexpected '2026-11-22"),
        Arguments.of(
            "epoch 2026-11-21T00:00:00Z\n  epoch 2026-11-22T00:00:00Z",
            2,
            3,
            "epoch given again (first at line 1)"),
        Arguments.of(
            "contact a 2026-11-21T00:00:00Z 2026-11-21T01:00:00Z 1\nepoch 2026-11-21T00:00:00Z",
            2,
            1,
            "epoch after the first contact (line 1)"),
        Arguments.of(
            "contact a +0s +1h 1\ncontact b +0s +1h 1\ncontact a +30m +2h 1",
            3,
            11,
            "overlaps the one at line 1"),
        Arguments.of(
            "contact a +1h +2h 1\ncontact a +0s +3h 1", 2, 11, "overlaps the one at line 1"));
  }

  @ParameterizedTest
  @MethodSource("oneError")
  void each_error_is_reported_at_its_line_and_column(
      String text, int line, int column, String fragment) {
    ContactPlanException e = errors(text, E);

    assertThat(e.problems()).hasSize(1);
    assertThat(e.file()).isEqualTo("plan.txt");
    assertThat(e.line()).isEqualTo(line);
    assertThat(e.column()).isEqualTo(column);
    assertThat(e.getMessage()).startsWith("plan.txt:" + line + ":" + column + ": ");
    assertThat(e.getMessage()).contains(fragment);
  }

  @Test
  void a_relative_time_without_any_epoch_is_an_error() {
    ContactPlanException e = errors("contact a 2026-11-21T00:00:00Z +1h 1", null);

    assertThat(e.getMessage()).startsWith("plan.txt:1:32: relative time '+1h' needs an epoch");
  }

  @Test
  void a_bad_epoch_line_is_one_error_not_one_per_relative_time() {
    ContactPlanException e = errors("epoch soon\ncontact a +0s +1h 1\ncontact a +1h +2h 1", null);

    assertThat(e.problems()).hasSize(1);
    assertThat(e.getMessage()).startsWith("plan.txt:1:7: 'soon' is not a time");
  }

  @Test
  void windows_that_touch_do_not_overlap() throws ContactPlanException {
    assertThat(parse("contact a +0s +1h 1\ncontact a +1h +2h 1", E).get("a").contacts()).hasSize(2);
  }

  @Test
  void every_error_in_the_file_is_reported_together_in_file_order() {
    String text =
        """
        contact a +0s +1h 1
        contact b +0s +1h fast owlt 1x
        bogus
        contact a +30m +2h 1
        epoch 2026-11-21T00:00:00Z
        """;

    ContactPlanException e = errors(text, E);

    assertThat(e.problems())
        .extracting(p -> p.line() + ":" + p.column())
        .containsExactly("2:19", "2:29", "3:1", "4:11", "5:1");
    assertThat(e.getMessage())
        .isEqualTo(
            e.problems().stream()
                .map(ContactPlanException.Problem::toString)
                .collect(Collectors.joining("\n")));
    assertThat(e.getMessage().lines()).hasSize(5).allMatch(l -> l.startsWith("plan.txt:"));
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.column()).isEqualTo(19);
  }

  @Test
  void a_file_is_named_by_its_path_in_errors(@TempDir Path dir)
      throws IOException, ContactPlanException {
    Path good = Files.writeString(dir.resolve("good.plan"), "contact a +0s +1h 1\n");
    Path bad = Files.writeString(dir.resolve("bad.plan"), "\ncontact a +0s\n");

    assertThat(ContactPlanParser.parse(good, E)).containsOnlyKeys("a");
    assertThatThrownBy(() -> ContactPlanParser.parse(bad, E))
        .isInstanceOf(ContactPlanException.class)
        .hasMessageStartingWith(bad + ":2:14: missing END");
  }

  @Test
  void contact_windows_include_their_start_and_exclude_their_end() throws ContactPlanException {
    ContactPlan plan =
        parse("contact a +1h +2h 1\ncontact a +2h +3h 2\ncontact a +5h +6h 3", E).get("a");
    Instant h1 = E.plus(Duration.ofHours(1));
    Instant h2 = E.plus(Duration.ofHours(2));
    Instant h3 = E.plus(Duration.ofHours(3));
    Instant h5 = E.plus(Duration.ofHours(5));
    Instant h6 = E.plus(Duration.ofHours(6));

    assertThat(plan.contactAt(h1.minusNanos(1))).isEmpty();
    assertThat(plan.contactAt(h1).orElseThrow().rateBytesPerSecond()).isEqualTo(1);
    assertThat(plan.contactAt(h2.minusNanos(1)).orElseThrow().rateBytesPerSecond()).isEqualTo(1);
    assertThat(plan.contactAt(h2).orElseThrow().rateBytesPerSecond()).isEqualTo(2);
    assertThat(plan.contactAt(h3)).isEmpty();
    assertThat(plan.contactAt(h5).orElseThrow().rateBytesPerSecond()).isEqualTo(3);
    assertThat(plan.contactAt(h6)).isEmpty();

    assertThat(plan.nextChangeAfter(E)).contains(h1);
    assertThat(plan.nextChangeAfter(h1.minusNanos(1))).contains(h1);
    assertThat(plan.nextChangeAfter(h1)).contains(h2);
    assertThat(plan.nextChangeAfter(h2)).contains(h3);
    assertThat(plan.nextChangeAfter(h3)).contains(h5);
    assertThat(plan.nextChangeAfter(h5)).contains(h6);
    assertThat(plan.nextChangeAfter(h6)).isEmpty();
  }
}
