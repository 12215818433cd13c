package io.inferenceimpact.bench.replay;

import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.InferenceRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A synthetic fleet, generated one simulated second at a time so that memory does not grow with the
 * run: every GPU sends one sample per second (power 80–700 W, cumulative energy counter grown by
 * the trapezoid, a per-GPU offset inside the second), every group of {@code groupSize} GPUs serves
 * one model and finishes {@code requestsPerGroupPerSecond} requests per second, each 0.5–4 s long
 * and run on all GPUs of its group. Records come out serialized, in event-time order (a request's
 * event time is its end), as a live system would receive them.
 */
final class FleetLoad {
  /** One input record, ready to pipe. */
  record Event(boolean request, long timeMillis, byte[] key, byte[] value) {}

  private static final Comparator<Event> ORDER =
      Comparator.comparingLong(Event::timeMillis).thenComparing(Event::request);

  private final LoadSettings settings;
  private final long startMillis;
  private final Serializer<GpuSample> sampleSerializer;
  private final Serializer<InferenceRequest> requestSerializer;
  private final String samplesTopic;
  private final String requestsTopic;
  private final SplittableRandom random;
  private final double[] lastPowerWatts;
  private final long[] counterMillijoules;
  private long requestSequence;

  FleetLoad(
      final LoadSettings settings,
      final long startMillis,
      final Serializer<GpuSample> sampleSerializer,
      final Serializer<InferenceRequest> requestSerializer,
      final String samplesTopic,
      final String requestsTopic) {
    this.settings = settings;
    this.startMillis = startMillis;
    this.sampleSerializer = sampleSerializer;
    this.requestSerializer = requestSerializer;
    this.samplesTopic = samplesTopic;
    this.requestsTopic = requestsTopic;
    this.random = new SplittableRandom(settings.seed());
    this.lastPowerWatts = new double[settings.gpus()];
    this.counterMillijoules = new long[settings.gpus()];
    Arrays.fill(lastPowerWatts, 80.0);
  }

  static String gpuUuid(final int gpu) {
    return String.format("GPU-%08d", gpu);
  }

  /** The records of simulated second {@code second} (0-based), in event-time order. */
  List<Event> second(final int second) {
    final long base = startMillis + second * 1_000L;
    final List<Event> events = new ArrayList<>((int) settings.eventsPerSecond());
    for (int gpu = 0; gpu < settings.gpus(); gpu++) {
      events.add(sample(gpu, base + gpu * 1_000L / settings.gpus(), second > 0));
    }
    for (int group = 0; group < settings.groups(); group++) {
      for (int i = 0; i < settings.requestsPerGroupPerSecond(); i++) {
        events.add(request(group, base + random.nextLong(1_000)));
      }
    }
    events.sort(ORDER);
    return events;
  }

  private Event sample(final int gpu, final long timeMillis, final boolean hasPrevious) {
    final double power = 80.0 + random.nextDouble() * 620.0;
    if (hasPrevious) {
      // 1 s between samples: mean watts × 1,000 ms = millijoules.
      counterMillijoules[gpu] += (long) ((lastPowerWatts[gpu] + power) / 2.0 * 1_000);
    }
    lastPowerWatts[gpu] = power;
    final String uuid = gpuUuid(gpu);
    final GpuSample sample =
        GpuSample.newBuilder()
            .setNode(node(gpu))
            .setGpuUuid(uuid)
            .setGpuModel("NVIDIA H100 80GB HBM3")
            .setTime(Instant.ofEpochMilli(timeMillis))
            .setPowerWatts(power)
            .setEnergyMillijoulesTotal(counterMillijoules[gpu])
            .build();
    return new Event(
        false, timeMillis, utf8(uuid), sampleSerializer.serialize(samplesTopic, sample));
  }

  private Event request(final int group, final long endMillis) {
    final long durationMillis = 500 + random.nextLong(3_500);
    final List<String> gpus = new ArrayList<>(settings.groupSize());
    for (int i = 0; i < settings.groupSize(); i++) {
      gpus.add(gpuUuid(group * settings.groupSize() + i));
    }
    final String id = "req-" + requestSequence++;
    final InferenceRequest request =
        InferenceRequest.newBuilder()
            .setRequestId(id)
            .setModel("model-" + group % settings.models())
            .setNode(node(group * settings.groupSize()))
            .setGpuUuids(gpus)
            .setStartTime(Instant.ofEpochMilli(endMillis - durationMillis))
            .setEndTime(Instant.ofEpochMilli(endMillis))
            .setInputTokens(100 + random.nextLong(2_000))
            .setOutputTokens(10 + random.nextLong(500))
            .build();
    return new Event(
        true, endMillis, utf8(id), requestSerializer.serialize(requestsTopic, request));
  }

  /** 8 GPUs per node. */
  private static String node(final int gpu) {
    return "node-" + gpu / 8;
  }

  private static byte[] utf8(final String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
