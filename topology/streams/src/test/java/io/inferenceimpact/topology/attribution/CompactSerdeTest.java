package io.inferenceimpact.topology.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferenceimpact.attribution.ActiveRequest;
import io.inferenceimpact.attribution.GpuSample;
import io.inferenceimpact.attribution.GpuSlotIntegrator;
import io.inferenceimpact.attribution.IntegratorConfig;
import io.inferenceimpact.attribution.IntegratorState;
import io.inferenceimpact.attribution.SampleOutcome;
import io.inferenceimpact.attribution.SlotEnergy;
import io.inferenceimpact.testing.PropertyCheck;
import io.inferenceimpact.topology.support.CompactSerde;
import io.inferenceimpact.topology.support.JsonSerde;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * The compact store and repartition format: every field survives the trip bit for bit (integrator
 * states and slots from a real integrator fed random samples, parts and aggregates with random
 * values), values an earlier release wrote as JSON are still read, and a damaged value is a {@link
 * SerializationException} naming the damage.
 */
class CompactSerdeTest {
  private static final String TOPIC = "t";

  @Test
  void shouldRoundTripIntegratorStatesAndSlotsOfARealIntegrator() {
    PropertyCheck.forAll(
        200,
        20261203L,
        CompactSerdeTest::integration,
        run -> {
          for (final GpuIntegration state : run.states()) {
            assertRoundTrip(AttributionCodecs.gpuIntegration(), state, GpuIntegration.class);
          }
          for (final SlotArrival slot : run.slots()) {
            assertRoundTrip(AttributionCodecs.slotArrival(), slot, SlotArrival.class);
          }
        });
  }

  @Test
  void shouldRoundTripRequestsPartsAndAggregates() {
    PropertyCheck.forAll(
        500,
        20261204L,
        random -> random,
        random -> {
          final ActiveRequest request = request(random);
          final byte[] avro = bytes(random);
          final String gpu = random.nextBoolean() ? "GPU-" + random.nextInt(1000) : "GPU-é|ü";
          assertRoundTrip(
              AttributionCodecs.requestOnGpu(),
              new RequestOnGpu(gpu, request, avro),
              RequestOnGpu.class);
          assertRoundTrip(
              AttributionCodecs.requestPart(),
              new RequestPart(
                  gpu,
                  request,
                  avro,
                  random.nextDouble() * 1e6,
                  random.nextDouble(),
                  random.nextDouble() * 1e-300,
                  random.nextLong(0, Long.MAX_VALUE),
                  random.nextDouble() * 1e9,
                  random.nextBoolean()),
              RequestPart.class);
          final List<String> gpus = new ArrayList<>();
          for (int i = random.nextInt(0, 9); i > 0; i--) {
            gpus.add("GPU-" + i);
          }
          assertRoundTrip(
              AttributionCodecs.measuredRequestEnergy(),
              new MeasuredRequestEnergy(
                  request.requestId(),
                  avro,
                  List.copyOf(gpus),
                  random.nextDouble(),
                  random.nextDouble(),
                  random.nextDouble(),
                  random.nextDouble(),
                  random.nextLong(),
                  random.nextInt(0, 9)),
              MeasuredRequestEnergy.class);
        });
  }

  @Test
  void shouldReadValuesWrittenAsJsonByEarlierReleases() {
    final RequestPart part =
        new RequestPart(
            "GPU-1",
            new ActiveRequest("r1", "m", 1_000, 9_000, 120, 2),
            new byte[] {1, 2, 3},
            12.5,
            1.25,
            20.0,
            8_000,
            4_000.0,
            false);
    final byte[] json = new JsonSerde<>(RequestPart.class).serializer().serialize(TOPIC, part);
    final RequestPart read =
        AttributionCodecs.requestPart().deserializer().deserialize(TOPIC, json);
    assertThat(json(read, RequestPart.class)).isEqualTo(json(part, RequestPart.class));
    assertThat(AttributionCodecs.requestPart().serializer().serialize(TOPIC, read)[0])
        .isEqualTo(CompactSerde.VERSION);
  }

  @Test
  void shouldNameTheDamageOfAnUnreadableValue() {
    final CompactSerde<RequestOnGpu> serde = AttributionCodecs.requestOnGpu();
    final byte[] good =
        serde
            .serializer()
            .serialize(
                TOPIC,
                new RequestOnGpu(
                    "GPU-1", new ActiveRequest("r1", "m", 1_000, 2_000, 3, 1), new byte[] {9}));
    final var deserializer = serde.deserializer();
    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, Arrays.copyOf(good, good.length - 1)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, Arrays.copyOf(good, good.length + 2)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("2 bytes left over");
    final byte[] future = good.clone();
    future[0] = 7;
    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, future))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("version 7");
  }

  private record IntegratorRun(List<GpuIntegration> states, List<SlotArrival> slots) {}

  /** A real integrator fed random samples (power only or with a counter, gaps, restarts). */
  private static IntegratorRun integration(final SplittableRandom random) {
    final IntegratorConfig config = new IntegratorConfig(1_000, 5_000, 2_000.0);
    final GpuSlotIntegrator integrator = new GpuSlotIntegrator("GPU-x", config);
    final List<GpuIntegration> states = new ArrayList<>();
    final List<SlotArrival> slots = new ArrayList<>();
    final boolean counter = random.nextBoolean();
    long time = 1_796_000_000_000L + random.nextInt(0, 1000);
    long millijoules = random.nextLong(0, 1_000_000_000L);
    states.add(new GpuIntegration(IntegratorState.EMPTY, null, Long.MIN_VALUE));
    for (int i = random.nextInt(1, 40); i > 0; i--) {
      time += random.nextInt(1, random.nextBoolean() ? 400 : 7_000);
      final double watts = random.nextDouble() * 700;
      millijoules += random.nextInt(0, 400_000);
      final SampleOutcome outcome =
          integrator.accept(new GpuSample(time, watts, counter ? millijoules : null));
      states.add(new GpuIntegration(integrator.state(), "node-" + i, time));
      for (final SlotEnergy slot : outcome.completedSlots()) {
        slots.add(new SlotArrival(slot, random.nextBoolean() ? "node-a" : null));
      }
    }
    for (final SlotEnergy slot : integrator.flush(time + 10_000)) {
      slots.add(new SlotArrival(slot, "node-b"));
    }
    return new IntegratorRun(states, slots);
  }

  private static ActiveRequest request(final SplittableRandom random) {
    final long start = random.nextLong(0, 2_000_000_000_000L);
    return new ActiveRequest(
        "req-" + random.nextInt(),
        random.nextBoolean() ? "llama-3.1-8b" : "modèle/ü",
        start,
        start + random.nextLong(0, 3_600_000),
        random.nextLong(0, 1_000_000),
        random.nextInt(1, 9));
  }

  private static byte[] bytes(final SplittableRandom random) {
    final byte[] bytes = new byte[random.nextInt(0, 600)];
    random.nextBytes(bytes);
    return bytes;
  }

  private static <T> void assertRoundTrip(
      final CompactSerde<T> serde, final T value, final Class<T> type) {
    final byte[] compact = serde.serializer().serialize(TOPIC, value);
    final T read = serde.deserializer().deserialize(TOPIC, compact);
    // Every field, arrays and doubles included, as the JSON format prints them all.
    assertThat(json(read, type)).isEqualTo(json(value, type));
    assertThat(serde.serializer().serialize(TOPIC, read)).isEqualTo(compact);
    assertThat(compact.length).isLessThan(json(value, type).length());
  }

  private static <T> String json(final T value, final Class<T> type) {
    return new String(new JsonSerde<>(type).serializer().serialize(TOPIC, value));
  }
}
