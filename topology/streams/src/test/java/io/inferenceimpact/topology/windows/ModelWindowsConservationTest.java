package io.inferenceimpact.topology.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inferenceimpact.accounting.ImpactAccounting;
import io.inferenceimpact.avro.EmissionFactorType;
import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.ModelImpactWindow;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.topology.ImpactTopology;
import io.inferenceimpact.topology.attribution.IdleEnergy;
import io.inferenceimpact.topology.support.JsonSerde;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;

/**
 * The whole topology on a TopologyTestDriver with default settings (1 min windows, 1 min grace,
 * node-1 unknown → zone WORLD) and two live WORLD intensities (200 g/kWh from T0 - 10 min, 100
 * g/kWh from T0 + 60 s): summed over the zone rows, the windows hold exactly the requests' figures
 * plus the idle energy at the intensity as of each idle slot's start, each window once; tenant rows
 * hold their requests.
 */
class ModelWindowsConservationTest {
  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
  private static final long T0 = NOW.toEpochMilli() - 3_600_000;
  private static final String IDLE_TOPIC = "test.idle-energy";

  private final ImpactConfig config = ConfigLoader.defaults();
  private final TopologySerdes serdes = TopologySerdes.inMemory();

  @Test
  void shouldConserveEnergyAndEmissionsAcrossTheZoneWindows() {
    final StreamsBuilder builder = new StreamsBuilder();
    ImpactTopology.buildOn(builder, config, serdes)
        .attribution()
        .idleEnergy()
        .to(IDLE_TOPIC, Produced.with(Serdes.String(), new JsonSerde<>(IdleEnergy.class)));
    final Properties props = ImpactTopology.streamsConfig(config);
    props.put("state.dir", "target/tmp/model-windows-conservation-test");
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props, NOW)) {
      final ByteArraySerializer bytes = new ByteArraySerializer();
      final TestInputTopic<byte[], byte[]> requests =
          driver.createInputTopic(config.topics().inferenceRequests(), bytes, bytes);
      final TestInputTopic<byte[], byte[]> samples =
          driver.createInputTopic(config.topics().gpuMetrics(), bytes, bytes);
      final TestInputTopic<byte[], byte[]> grid =
          driver.createInputTopic(config.topics().gridIntensity(), bytes, bytes);
      grid.pipeInput(null, grid(T0 - 600_000, 200.0), T0 - 600_000);
      grid.pipeInput(null, grid(T0 + 60_000, 100.0), T0 + 60_000);
      for (long t = 0; t <= 150_000; t += 1_000) {
        for (final String gpu : List.of("GPU-A", "GPU-B")) {
          final GpuSample s =
              GpuSample.newBuilder()
                  .setNode("node-1")
                  .setGpuUuid(gpu)
                  .setTime(Instant.ofEpochMilli(T0 + t))
                  .setPowerWatts(gpu.equals("GPU-A") ? 300.0 : 200.0 + t / 1_000.0)
                  .build();
          samples.pipeInput(
              null, serdes.avro(GpuSample.class).serializer().serialize("s", s), T0 + t);
        }
      }
      pipe(requests, "r1", "llama", null, 2_000, 20_000, "GPU-A");
      pipe(requests, "r2", "llama", "acme", 50_000, 75_000, "GPU-A", "GPU-B");
      pipe(requests, "r3", "mistral", "acme", 100_000, 130_000, "GPU-B");
      pipe(requests, "r4", "llama", "beta", 118_000, 121_000, "GPU-A");
      // In slot-sized steps, as replay and a live system do: slots, requests and idle energy
      // become final in event-time order, then the windows close on the wall clock.
      final Duration finish =
          config
              .energy()
              .grace()
              .plus(config.energy().maxSampleGap())
              .plus(config.windows().size())
              .plus(config.windows().grace())
              .plus(Duration.ofMinutes(1));
      for (long s = 0; s < finish.toSeconds(); s += 5) {
        driver.advanceWallClockTime(Duration.ofSeconds(5));
      }
      final List<RequestImpact> impacts =
          driver
              .createOutputTopic(
                  config.topics().impactRequests(),
                  new StringDeserializer(),
                  serdes.avro(RequestImpact.class).deserializer())
              .readValuesToList();
      final List<IdleEnergy> idle =
          driver
              .createOutputTopic(
                  IDLE_TOPIC,
                  new StringDeserializer(),
                  new JsonSerde<>(IdleEnergy.class).deserializer())
              .readValuesToList();
      final var output =
          driver.createOutputTopic(
              config.topics().modelRates(),
              new StringDeserializer(),
              serdes.avro(ModelImpactWindow.class).deserializer());
      final List<org.apache.kafka.streams.KeyValue<String, ModelImpactWindow>> rows =
          output.readKeyValuesToList();
      final List<ModelImpactWindow> zoneRows =
          rows.stream().map(kv -> kv.value).filter(w -> w.getTenant() == null).toList();
      final List<ModelImpactWindow> tenantRows =
          rows.stream().map(kv -> kv.value).filter(w -> w.getTenant() != null).toList();

      assertThat(impacts).hasSize(4);
      assertThat(idle).isNotEmpty();
      assertThat(rows).extracting(kv -> kv.key).doesNotHaveDuplicates();
      assertThat(zoneRows).extracting(ModelImpactWindow::getZone).containsOnly("WORLD");
      assertThat(sum(zoneRows, w -> w.getRequests())).isEqualTo(4.0);
      assertThat(sum(zoneRows, ModelImpactWindow::getGpuEnergyJoules))
          .isCloseTo(sum(impacts, RequestImpact::getGpuEnergyJoules), within(1e-6));
      assertThat(sum(zoneRows, ModelImpactWindow::getIdleEnergyJoules))
          .isCloseTo(sum(idle, IdleEnergy::gpuJoules), within(1e-6));
      assertThat(sum(zoneRows, ModelImpactWindow::getFacilityEnergyJoules))
          .isCloseTo(
              sum(impacts, RequestImpact::getFacilityEnergyJoules)
                  + sum(idle, IdleEnergy::facilityJoules),
              within(1e-6));
      assertThat(sum(zoneRows, ModelImpactWindow::getOperationalEmissionsGrams))
          .isCloseTo(
              sum(impacts, RequestImpact::getOperationalEmissionsGrams)
                  + sum(
                      idle,
                      i ->
                          ImpactAccounting.operationalGrams(
                              i.facilityJoules(),
                              i.slotStartMillis() < T0 + 60_000 ? 200.0 : 100.0)),
              within(1e-9));
      assertThat(idle).anyMatch(i -> i.slotStartMillis() < T0 + 60_000);
      assertThat(idle).anyMatch(i -> i.slotStartMillis() >= T0 + 60_000);
      assertThat(impacts).extracting(RequestImpact::getIntensityGPerKwh).containsOnly(200.0, 100.0);
      // idle water: on-site IT kWh × 0.569 (fleet defaults), off-site facility kWh × 3.908 (WORLD)
      assertThat(sum(zoneRows, ModelImpactWindow::getWaterLitres))
          .isCloseTo(
              sum(impacts, RequestImpact::getWaterLitres)
                  + sum(
                      idle,
                      i ->
                          (i.gpuJoules() + i.serverJoules()) / 3.6e6 * 0.569
                              + i.facilityJoules() / 3.6e6 * 3.908),
              within(1e-12));
      assertThat(sum(zoneRows, ModelImpactWindow::getWaterOffsiteLitres))
          .isCloseTo(
              sum(impacts, RequestImpact::getWaterOffsiteLitres)
                  + sum(idle, i -> i.facilityJoules() / 3.6e6 * 3.908),
              within(1e-12));
      // Embodied: the requests' own plus idle GPU time's share of the server held for the model,
      // (5 700 kg + 8 × 164 kg) × idle seconds / 3 years / 8 GPUs (fleet defaults).
      assertThat(sum(idle, IdleEnergy::idleMillis)).isPositive();
      assertThat(sum(zoneRows, ModelImpactWindow::getEmbodiedEmissionsGrams))
          .isCloseTo(
              sum(impacts, RequestImpact::getEmbodiedEmissionsGrams)
                  + sum(
                      idle,
                      i ->
                          (5_700_000.0 + 8 * 164_000.0)
                              * (i.idleMillis() / 1000.0)
                              / (3 * 365.25 * 86_400)
                              / 8),
              within(1e-12));
      assertThat(tenantRows)
          .extracting(w -> w.getModel() + "/" + w.getTenant() + "@" + w.getWindowStart())
          .containsExactlyInAnyOrder(
              "llama/acme@" + Instant.ofEpochMilli(T0 + 60_000),
              "mistral/acme@" + Instant.ofEpochMilli(T0 + 120_000),
              "llama/beta@" + Instant.ofEpochMilli(T0 + 120_000));
      assertThat(sum(tenantRows, ModelImpactWindow::getIdleEnergyJoules)).isZero();
      assertThat(sum(tenantRows, ModelImpactWindow::getGpuEnergyJoules))
          .isCloseTo(
              sum(
                  impacts.stream().filter(i -> i.getTenant() != null).toList(),
                  RequestImpact::getGpuEnergyJoules),
              within(1e-6));
    }
  }

  private byte[] grid(final long validFromMillis, final double gramsPerKwh) {
    final GridIntensity g =
        GridIntensity.newBuilder()
            .setZone("WORLD")
            .setValidFrom(Instant.ofEpochMilli(validFromMillis))
            .setIntensityGPerKwh(gramsPerKwh)
            .setEmissionFactorType(EmissionFactorType.LIFECYCLE)
            .setEstimated(false)
            .setSource("test")
            .build();
    return serdes.avro(GridIntensity.class).serializer().serialize("g", g);
  }

  private void pipe(
      final TestInputTopic<byte[], byte[]> topic,
      final String id,
      final String model,
      final String tenant,
      final long start,
      final long end,
      final String... gpus) {
    final InferenceRequest r =
        InferenceRequest.newBuilder()
            .setRequestId(id)
            .setModel(model)
            .setTenant(tenant)
            .setNode("node-1")
            .setGpuUuids(List.of(gpus))
            .setStartTime(Instant.ofEpochMilli(T0 + start))
            .setEndTime(Instant.ofEpochMilli(T0 + end))
            .setInputTokens(100)
            .setOutputTokens(200)
            .build();
    topic.pipeInput(
        null, serdes.avro(InferenceRequest.class).serializer().serialize("r", r), T0 + end);
  }

  private static <T> double sum(final List<T> values, final ToDoubleFunction<T> field) {
    return values.stream().mapToDouble(field).sum();
  }
}
