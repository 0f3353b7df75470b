package dev.ama.agent.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ama.model.ari.AcLiteral;
import dev.ama.model.ari.Ari;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.TextLiteral;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryCodecTest {
  private final RegistryEncoder encoder = new RegistryEncoder();
  private final RegistryDecoder decoder = new RegistryDecoder();

  @Test
  void a_record_survives_a_cbor_round_trip() throws Exception {
    RegistryRecord r = Fixtures.record("agent-1", Fixtures.A, 42);
    byte[] bytes = encoder.toBytes(r);
    assertThat(decoder.record(bytes)).isEqualTo(r);
    assertThat(bytes.length).isLessThan(250);
  }

  @Test
  void a_tombstone_and_an_offline_record_survive_a_round_trip() throws Exception {
    RegistryRecord r =
        Fixtures.record("agent-2", Fixtures.B, 7).toBuilder()
            .status(RegistryStatus.OFFLINE)
            .tombstone(true)
            .skills(List.of())
            .build();
    assertThat(decoder.record(encoder.toBytes(r))).isEqualTo(r);
  }

  @Test
  void skills_are_kept_sorted_without_repeats() {
    RegistryRecord r =
        Fixtures.record("a", Fixtures.A, 1).toBuilder()
            .skills(
                List.of(Skill.of("z"), Skill.of("a"), Skill.of("z"), Skill.restricted("a", "g")))
            .build();
    assertThat(r.skills())
        .containsExactly(Skill.of("a"), Skill.restricted("a", "g"), Skill.of("z"));
  }

  @Test
  void rejects_bytes_that_are_not_cbor() {
    assertThatThrownBy(() -> decoder.record(new byte[] {(byte) 0xff, 0x00}))
        .isInstanceOfSatisfying(
            RegistryDecodeException.class,
            e -> assertThat(e.code()).isEqualTo(RegistryDecodeException.Code.MALFORMED));
  }

  @Test
  void rejects_a_record_with_a_missing_item() {
    AcLiteral full = encoder.encode(Fixtures.record("a", Fixtures.A, 1));
    Ari shorter = new AcLiteral(full.items().subList(0, 12));
    assertThatThrownBy(() -> decoder.record(shorter))
        .isInstanceOfSatisfying(
            RegistryDecodeException.class,
            e -> assertThat(e.code()).isEqualTo(RegistryDecodeException.Code.WRONG_SHAPE));
  }

  @Test
  void rejects_an_unknown_status_and_a_zero_counter() {
    AcLiteral full = encoder.encode(Fixtures.record("a", Fixtures.A, 1));
    assertThatThrownBy(() -> decoder.record(replace(full, 6, IntLiteral.of(9))))
        .isInstanceOfSatisfying(
            RegistryDecodeException.class,
            e -> assertThat(e.code()).isEqualTo(RegistryDecodeException.Code.INVALID_VALUE));
    assertThatThrownBy(() -> decoder.record(replace(full, 3, IntLiteral.of(0))))
        .isInstanceOfSatisfying(
            RegistryDecodeException.class,
            e -> assertThat(e.code()).isEqualTo(RegistryDecodeException.Code.INVALID_VALUE));
  }

  @Test
  void rejects_a_home_that_is_not_an_eid() {
    AcLiteral full = encoder.encode(Fixtures.record("a", Fixtures.A, 1));
    assertThatThrownBy(() -> decoder.record(replace(full, 2, TextLiteral.of("nowhere"))))
        .isInstanceOfSatisfying(
            RegistryDecodeException.class,
            e -> assertThat(e.code()).isEqualTo(RegistryDecodeException.Code.INVALID_VALUE));
  }

  @Test
  void rejects_more_skills_than_the_limit() {
    RegistryDecoder strict = new RegistryDecoder(new RegistryLimits(1 << 20, 10, 4, 1, 4, 64, 100));
    byte[] bytes = encoder.toBytes(Fixtures.record("a", Fixtures.A, 1));
    assertThatThrownBy(() -> strict.record(bytes))
        .isInstanceOfSatisfying(
            RegistryDecodeException.class,
            e -> assertThat(e.code()).isEqualTo(RegistryDecodeException.Code.LIMIT_EXCEEDED));
  }

  @Test
  void rejects_text_longer_than_the_limit() {
    RegistryDecoder strict = new RegistryDecoder(new RegistryLimits(1 << 20, 10, 4, 8, 4, 16, 100));
    byte[] bytes =
        encoder.toBytes(Fixtures.record("an-agent-id-longer-than-sixteen", Fixtures.A, 1));
    assertThatThrownBy(() -> strict.record(bytes))
        .isInstanceOf(RegistryDecodeException.class)
        .extracting(e -> ((RegistryDecodeException) e).code())
        .isEqualTo(RegistryDecodeException.Code.LIMIT_EXCEEDED);
  }

  @Test
  void rejects_times_beyond_what_an_instant_or_duration_holds() {
    AcLiteral full = encoder.encode(Fixtures.record("a", Fixtures.A, 1));
    Ari farSeen = replace(full, 7, dev.ama.model.ari.TimeLiteral.tp(Long.MAX_VALUE / 2, 0));
    assertThatThrownBy(() -> decoder.record(farSeen))
        .isInstanceOfSatisfying(
            RegistryDecodeException.class,
            e -> assertThat(e.code()).isEqualTo(RegistryDecodeException.Code.INVALID_VALUE));
    Ari negative = replace(full, 8, dev.ama.model.ari.TimeLiteral.td(-5, 0));
    assertThatThrownBy(() -> decoder.record(negative))
        .isInstanceOfSatisfying(
            RegistryDecodeException.class,
            e -> assertThat(e.code()).isEqualTo(RegistryDecodeException.Code.INVALID_VALUE));
  }

  private static Ari replace(AcLiteral ac, int index, Ari value) {
    List<Ari> items = new ArrayList<>(ac.items());
    items.set(index, value);
    return new AcLiteral(items);
  }
}
