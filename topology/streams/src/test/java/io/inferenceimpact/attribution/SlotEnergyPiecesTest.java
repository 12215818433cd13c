package io.inferenceimpact.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferenceimpact.topology.support.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The measured pieces of a slot: their stored form, their checks and their power shape. */
class SlotEnergyPiecesTest {

  private static final JsonSerde<SlotEnergy> SLOT_SERDE = new JsonSerde<>(SlotEnergy.class);
  private static final JsonSerde<IntegratorState> STATE_SERDE =
      new JsonSerde<>(IntegratorState.class);

  private static SlotEnergy roundTrip(final SlotEnergy slot) {
    final byte[] bytes = SLOT_SERDE.serializer().serialize("t", slot);
    return SLOT_SERDE.deserializer().deserialize("t", bytes);
  }

  private static List<String> fieldNames(final byte[] json) throws Exception {
    final JsonNode tree = new ObjectMapper().readTree(json);
    final List<String> names = new ArrayList<>();
    for (final Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  @Test
  void shouldSurviveAJsonRoundTripWithItsPieces() throws Exception {
    final GpuSlotIntegrator integrator = new GpuSlotIntegrator("g0", IntegratorConfig.DEFAULTS);
    integrator.accept(GpuSample.withCounter(1_700_000_000_300L, 120.5, 10_000));
    integrator.accept(GpuSample.withCounter(1_700_000_001_250L, 410.25, 260_000));
    integrator.accept(GpuSample.ofPower(1_700_000_003_900L, 333.0));
    final List<SlotEnergy> slots =
        integrator.accept(GpuSample.ofPower(1_700_000_005_700L, 90.0)).completedSlots();
    final SlotEnergy slot = slots.get(0);
    assertThat(slot.pieceCount()).isEqualTo(3);

    final byte[] json = SLOT_SERDE.serializer().serialize("t", slot);

    assertThat(roundTrip(slot)).isEqualTo(slot);
    // Only the record components are stored, times as offsets from the slot start.
    assertThat(fieldNames(json))
        .containsExactly(
            "gpuId",
            "slotStartMillis",
            "slotEndMillis",
            "energyJoules",
            "measuredMillis",
            "unmeasuredMillis",
            "measuredStartMillis",
            "measuredEndMillis",
            "counterAnomalies",
            "pieceStarts",
            "pieceEnds",
            "pieceJoules",
            "pieceStartWatts",
            "pieceEndWatts");
    assertThat(new String(json, StandardCharsets.UTF_8))
        .contains("\"pieceStarts\":[300,1250,3900]", "\"pieceEnds\":[1250,3900,5000]");
  }

  @Test
  void shouldReadASlotStoredWithoutPiecesAsOneConstantPowerPiece() {
    // The stored form before pieces existed: 600 J measured over [1000, 4000) of [0, 5000).
    final String json =
        "{\"gpuId\":\"g0\",\"slotStartMillis\":0,\"slotEndMillis\":5000,\"energyJoules\":600.0,"
            + "\"measuredMillis\":3000,\"unmeasuredMillis\":2000,\"measuredStartMillis\":1000,"
            + "\"measuredEndMillis\":4000,\"counterAnomalies\":0}";

    final SlotEnergy slot =
        SLOT_SERDE.deserializer().deserialize("t", json.getBytes(StandardCharsets.UTF_8));

    // 600 J / 3 s = 200 W, flat.
    assertThat(slot.pieceCount()).isEqualTo(1);
    assertThat(slot.piece(0)).isEqualTo(new SlotEnergy.Piece(1000, 4000, 600.0, 200.0, 200.0));
    assertThat(slot).isEqualTo(new SlotEnergy("g0", 0, 5000, 600.0, 3000, 2000, 1000, 4000, 0));
    assertThat(roundTrip(slot)).isEqualTo(slot);
  }

  @Test
  void shouldKeepTheOpenSlotsPiecesInTheStoredIntegratorState() {
    final GpuSlotIntegrator integrator = new GpuSlotIntegrator("g0", IntegratorConfig.DEFAULTS);
    integrator.accept(GpuSample.ofPower(200, 100));
    integrator.accept(GpuSample.ofPower(1200, 300));
    final byte[] bytes = STATE_SERDE.serializer().serialize("t", integrator.state());
    final IntegratorState restored = STATE_SERDE.deserializer().deserialize("t", bytes);

    assertThat(restored).isEqualTo(integrator.state());
    final GpuSlotIntegrator resumed =
        new GpuSlotIntegrator("g0", IntegratorConfig.DEFAULTS, restored);
    final List<SlotEnergy> fromStored =
        resumed.accept(GpuSample.ofPower(5000, 300)).completedSlots();
    final List<SlotEnergy> straight =
        integrator.accept(GpuSample.ofPower(5000, 300)).completedSlots();
    assertThat(fromStored).hasSize(1).isEqualTo(straight);
    assertThat(fromStored.get(0).pieceCount()).isEqualTo(2);
  }

  @Test
  void shouldSpreadAPiecesEnergyAlongItsPowerLine() {
    // 100 W → 300 W over 2 s; counter says 600 J (the trapezoid would say 400 J: scale 1.5).
    // [0, 1000): (100 + 200) / 2 × 1 s × 1.5 = 225 J; [1000, 2000): (200 + 300) / 2 × 1.5 = 375 J.
    final SlotEnergy.Piece piece = new SlotEnergy.Piece(0, 2000, 600.0, 100.0, 300.0);

    assertThat(piece.joulesBetween(0, 1000)).isCloseTo(225.0, within(1e-9));
    assertThat(piece.joulesBetween(1000, 2000)).isCloseTo(375.0, within(1e-9));
    assertThat(piece.joulesBetween(0, 2000)).isEqualTo(600.0);
    // Both readings 0 but energy counted: evenly by time.
    assertThat(new SlotEnergy.Piece(0, 2000, 50.0, 0.0, 0.0).joulesBetween(500, 1000))
        .isCloseTo(12.5, within(1e-12));
  }

  @Test
  void shouldRefusePiecesThatDoNotFitTheSlot() {
    final double[] one = {1.0};
    assertThatThrownBy(
            () ->
                new SlotEnergy(
                    "g0",
                    0,
                    5000,
                    1.0,
                    1000,
                    4000,
                    0,
                    1000,
                    0,
                    new long[] {0},
                    new long[] {6000},
                    one,
                    one,
                    one))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("out of order or place");
    assertThatThrownBy(
            () ->
                new SlotEnergy(
                    "g0",
                    0,
                    5000,
                    2.0,
                    1000,
                    4000,
                    0,
                    1000,
                    0,
                    new long[] {0},
                    new long[] {1000},
                    one,
                    one,
                    one))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pieces hold 1.0 J but the slot 2.0 J");
    assertThatThrownBy(
            () ->
                new SlotEnergy(
                    "g0",
                    0,
                    5000,
                    1.0,
                    1000,
                    4000,
                    0,
                    1000,
                    0,
                    new long[] {0},
                    null,
                    one,
                    one,
                    one))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("all five arrays or none");
  }
}
