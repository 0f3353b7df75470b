package dev.ama.model.amp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ama.model.ari.Ari;
import dev.ama.model.ari.AriDecodeException;
import dev.ama.model.ari.BoolLiteral;
import dev.ama.model.ari.ExecSetLiteral;
import dev.ama.model.ari.IntLiteral;
import dev.ama.model.ari.NullLiteral;
import dev.ama.model.ari.RptSetLiteral;
import dev.ama.model.ari.cbor.AriCborEncoder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class AmpMessageTest {
  private final AmpMessageEncoder encoder = new AmpMessageEncoder();
  private final AmpMessageDecoder decoder = new AmpMessageDecoder();

  private static ExecSetLiteral execSet(long nonce) {
    return new ExecSetLiteral(IntLiteral.of(nonce), List.of());
  }

  @Test
  void writes_the_version_byte_then_the_items_as_a_cbor_sequence() throws Exception {
    AmpMessage m = AmpMessage.of(execSet(1), execSet(2));
    byte[] bytes = encoder.encode(m);
    AriCborEncoder cbor = new AriCborEncoder();
    String expected =
        "01"
            + HexFormat.of().formatHex(cbor.encode(execSet(1)))
            + HexFormat.of().formatHex(cbor.encode(execSet(2)));
    assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(expected);
    assertThat(decoder.decode(bytes)).isEqualTo(m);
  }

  @Test
  void an_empty_message_is_the_version_byte_alone() throws Exception {
    assertThat(encoder.encode(new AmpMessage(List.of()))).containsExactly(1);
    assertThat(decoder.decode(new byte[] {1}).items()).isEmpty();
  }

  @Test
  void refuses_another_version_with_a_typed_error_at_byte_zero() {
    byte[] bytes = encoder.encode(AmpMessage.of(execSet(1)));
    bytes[0] = 2;
    assertThatThrownBy(() -> decoder.decode(bytes))
        .isInstanceOfSatisfying(
            AriDecodeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(AriDecodeException.Code.INVALID_VALUE);
              assertThat(e.offset()).isZero();
            });
    assertThatThrownBy(() -> decoder.decode(new byte[0])).isInstanceOf(AriDecodeException.class);
  }

  @Test
  void refuses_items_that_are_not_execsets_or_rptsets() {
    byte[] bytes = new byte[] {1, (byte) 0xf5};
    assertThatThrownBy(() -> decoder.decode(bytes))
        .isInstanceOfSatisfying(
            AriDecodeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(AriDecodeException.Code.UNEXPECTED_ITEM);
              assertThat(e.getMessage()).contains("item 0").contains("only EXECSETs and RPTSETs");
            });
    assertThatThrownBy(() -> AmpMessage.of(BoolLiteral.of(true)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reports_offsets_from_the_start_of_the_message() {
    byte[] good = encoder.encode(AmpMessage.of(execSet(1)));
    byte[] truncated = java.util.Arrays.copyOf(good, good.length - 1);
    assertThatThrownBy(() -> decoder.decode(truncated))
        .isInstanceOfSatisfying(AriDecodeException.class, e -> assertThat(e.offset()).isPositive());
  }

  @Test
  void packs_items_in_order_into_as_few_messages_as_fit_the_limit() throws Exception {
    List<Ari> items = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      items.add(execSet(i));
    }
    int one = new AriCborEncoder().encode(execSet(20)).length;
    int limit = 1 + 10 * one;
    List<byte[]> messages = encoder.encodePacked(items, limit);
    List<Ari> back = new ArrayList<>();
    for (byte[] m : messages) {
      assertThat(m.length).isLessThanOrEqualTo(limit);
      back.addAll(decoder.decode(m).items());
    }
    assertThat(back).isEqualTo(items);
    assertThat(messages.size()).isBetween(5, 6);
  }

  @Test
  void an_item_larger_than_the_limit_travels_alone() throws Exception {
    RptSetLiteral big =
        new RptSetLiteral(
            NullLiteral.UNTYPED,
            new dev.ama.model.ari.TimeLiteral(dev.ama.model.ari.AriType.TP, 0, 0),
            List.of());
    List<byte[]> messages = encoder.encodePacked(List.of(execSet(1), big, execSet(2)), 3);
    assertThat(messages).hasSize(3);
    assertThat(decoder.decode(messages.get(1)).items()).containsExactly(big);
  }
}
