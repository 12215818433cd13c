package io.inferenceimpact.topology.alerts;

import io.inferenceimpact.avro.AlertStatus;
import io.inferenceimpact.avro.EmissionFactorType;
import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.avro.ImpactAlert;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.ModelImpactWindow;
import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.topology.ImpactTopology;
import io.inferenceimpact.topology.support.TopologyObserver;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;

/**
 * The alert stage alone on a TopologyTestDriver, fed typed validated inputs (requests, GPU samples,
 * grid values, final model windows) at event times relative to {@link #T0}, with the rules of a
 * YAML text. Wall clock starts at {@link #T0} too and moves only when a test advances it.
 */
final class AlertDriver implements AutoCloseable {
  static final long T0 = Instant.parse("2026-11-27T12:00:00Z").toEpochMilli();
  static final long MIN = 60_000L;

  private final TopologySerdes serdes = TopologySerdes.inMemory();
  private final TopologyTestDriver driver;
  private final TestInputTopic<String, InferenceRequest> requests;
  private final TestInputTopic<String, GpuSample> samples;
  private final TestInputTopic<String, GridIntensity> grid;
  private final TestInputTopic<String, ModelImpactWindow> windows;
  private final TestOutputTopic<String, ImpactAlert> alerts;
  final List<ImpactAlert> observed = Collections.synchronizedList(new ArrayList<>());

  AlertDriver(final String name, final String rulesYaml) {
    final ImpactConfig config = config(name, rulesYaml);
    final StreamsBuilder builder = new StreamsBuilder();
    AlertStage.build(
        builder,
        config,
        serdes,
        new AlertStage.Inputs(
            builder.stream(
                "t.requests", Consumed.with(Serdes.String(), serdes.avro(InferenceRequest.class))),
            builder.stream(
                "t.samples", Consumed.with(Serdes.String(), serdes.avro(GpuSample.class))),
            builder.stream(
                "t.grid", Consumed.with(Serdes.String(), serdes.avro(GridIntensity.class))),
            builder.stream(
                "t.windows", Consumed.with(Serdes.String(), serdes.avro(ModelImpactWindow.class)))),
        new TopologyObserver() {
          @Override
          public void alert(final ImpactAlert alert) {
            observed.add(alert);
          }
        });
    final Properties props = ImpactTopology.streamsConfig(config);
    props.put("state.dir", "target/tmp/alert-driver-" + name);
    driver = new TopologyTestDriver(builder.build(), props, Instant.ofEpochMilli(T0));
    requests =
        driver.createInputTopic(
            "t.requests",
            Serdes.String().serializer(),
            serdes.avro(InferenceRequest.class).serializer());
    samples =
        driver.createInputTopic(
            "t.samples", Serdes.String().serializer(), serdes.avro(GpuSample.class).serializer());
    grid =
        driver.createInputTopic(
            "t.grid", Serdes.String().serializer(), serdes.avro(GridIntensity.class).serializer());
    windows =
        driver.createInputTopic(
            "t.windows",
            Serdes.String().serializer(),
            serdes.avro(ModelImpactWindow.class).serializer());
    alerts =
        driver.createOutputTopic(
            config.topics().alerts(),
            Serdes.String().deserializer(),
            serdes.avro(ImpactAlert.class).deserializer());
  }

  static ImpactConfig config(final String name, final String rulesYaml) {
    try {
      final Path dir = Files.createDirectories(Path.of("target", "tmp", "alert-rules"));
      final Path rules = dir.resolve(name + ".yaml");
      Files.writeString(rules, rulesYaml);
      final Properties file = new Properties();
      file.setProperty("alerts.rulesFile", rules.toString());
      file.setProperty("alerts.evaluateEvery", "10s");
      file.setProperty("windows.size", "1m");
      file.setProperty("windows.grace", "15s");
      return ConfigLoader.load(file, Map.of());
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    } catch (final Exception e) {
      throw new IllegalStateException(e);
    }
  }

  void request(
      final String id,
      final String model,
      final String node,
      final String zone,
      final long endMillis) {
    final InferenceRequest r =
        InferenceRequest.newBuilder()
            .setRequestId(id)
            .setModel(model)
            .setNode(node)
            .setZone(zone)
            .setGpuUuids(List.of())
            .setStartTime(Instant.ofEpochMilli(endMillis - 1_000))
            .setEndTime(Instant.ofEpochMilli(endMillis))
            .setInputTokens(100)
            .setOutputTokens(200)
            .build();
    requests.pipeInput(id, r, endMillis);
  }

  void sample(final String node, final String gpu, final long atMillis) {
    samples.pipeInput(
        gpu,
        GpuSample.newBuilder()
            .setNode(node)
            .setGpuUuid(gpu)
            .setTime(Instant.ofEpochMilli(atMillis))
            .setPowerWatts(300.0)
            .build(),
        atMillis);
  }

  void grid(final String zone, final double gramsPerKwh, final long validFromMillis) {
    grid.pipeInput(
        zone,
        GridIntensity.newBuilder()
            .setZone(zone)
            .setValidFrom(Instant.ofEpochMilli(validFromMillis))
            .setIntensityGPerKwh(gramsPerKwh)
            .setEmissionFactorType(EmissionFactorType.LIFECYCLE)
            .setEstimated(false)
            .setSource("test")
            .build(),
        validFromMillis);
  }

  /** A final window ending at {@code endMillis}: {@code requests} requests, energy and grams. */
  void window(
      final String model,
      final String zone,
      final String tenant,
      final long endMillis,
      final long requests,
      final long outputTokens,
      final double facilityJoules,
      final double grams) {
    windows.pipeInput(
        model + "|" + zone + "|" + endMillis,
        ModelImpactWindow.newBuilder()
            .setModel(model)
            .setZone(zone)
            .setTenant(tenant)
            .setWindowStart(Instant.ofEpochMilli(endMillis - MIN))
            .setWindowEnd(Instant.ofEpochMilli(endMillis))
            .setRequests(requests)
            .setInputTokens(0)
            .setOutputTokens(outputTokens)
            .setGpuEnergyJoules(facilityJoules)
            .setIdleEnergyJoules(0.0)
            .setFacilityEnergyJoules(facilityJoules)
            .setOperationalEmissionsGrams(grams)
            .setEmbodiedEmissionsGrams(0.0)
            .setWaterLitres(0.0)
            .setWhPer1kOutputTokens(outputTokens == 0 ? null : facilityJoules / 3.6 / outputTokens)
            .setEmissionsGramsPer1kOutputTokens(
                outputTokens == 0 ? null : grams * 1000 / outputTokens)
            .setEmissionsGramsPerRequest(requests == 0 ? null : grams / requests)
            .build(),
        endMillis - 1);
  }

  void advanceWallClock(final Duration by) {
    // In steps of the evaluation interval, as the punctuation would run.
    for (long done = 0; done < by.toMillis(); done += 10_000) {
      driver.advanceWallClockTime(Duration.ofMillis(Math.min(10_000, by.toMillis() - done)));
    }
  }

  List<KeyValue<String, ImpactAlert>> read() {
    return alerts.readKeyValuesToList();
  }

  static long count(final List<KeyValue<String, ImpactAlert>> records, final AlertStatus status) {
    return records.stream().filter(kv -> kv.value.getStatus() == status).count();
  }

  @Override
  public void close() {
    driver.close();
  }
}
