package io.inferenceimpact.topology.attribution;

import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.config.EnergySettings;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.energy.AttributionMode;
import io.inferenceimpact.energy.IntegratorConfig;
import io.inferenceimpact.topology.DeadLetters;
import io.inferenceimpact.topology.Topics;
import io.inferenceimpact.topology.TopologyObserver;
import io.inferenceimpact.topology.TopologySerdes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Stages 2, 3 and 6 for measured requests: GPU samples → slot energy → final split per (GPU, slot)
 * → one {@link RequestImpact} per request on {@code impact.requests.v1}. See {@link
 * IntegrateProcessor}, {@link AttributionProcessor}, {@link RequestAggregateProcessor} and {@link
 * RequestImpacts} for the rules; this class only wires them and names every node, store and
 * internal topic (repartitions {@code gpu-samples-by-gpu} and {@code requests-by-gpu},
 * co-partitioned with {@code topics.partitions} each, and {@code request-energy-by-request}).
 */
public final class AttributionStage {
  private AttributionStage() {}

  public static AttributionStreams build(
      final StreamsBuilder builder,
      final ImpactConfig config,
      final TopologySerdes serdes,
      final KStream<String, InferenceRequest> requests,
      final KStream<String, GpuSample> samples) {
    return build(
        builder,
        config,
        serdes,
        requests,
        samples,
        UnmeasuredCompletion.NONE,
        TopologyObserver.NONE);
  }

  /** As above; MIXED requests are completed for their unmeasured GPU time by {@code completion}. */
  public static AttributionStreams build(
      final StreamsBuilder builder,
      final ImpactConfig config,
      final TopologySerdes serdes,
      final KStream<String, InferenceRequest> requests,
      final KStream<String, GpuSample> samples,
      final UnmeasuredCompletion completion,
      final TopologyObserver observer) {
    final Topics topics = Topics.from(config.topics());
    final int partitions = config.topics().partitions();
    final EnergySettings energy = config.energy();
    final IntegratorConfig integration =
        new IntegratorConfig(
            energy.slotSize().toMillis(),
            energy.maxSampleGap().toMillis(),
            IntegratorConfig.DEFAULTS.maxPlausiblePowerWatts());
    addStores(builder);

    final KStream<String, GpuEvent> slots =
        samples
            .repartition(
                Repartitioned.<String, GpuSample>as("gpu-samples-by-gpu")
                    .withKeySerde(Serdes.String())
                    .withValueSerde(serdes.avro(GpuSample.class))
                    .withNumberOfPartitions(partitions))
            .process(
                () -> new IntegrateProcessor(integration),
                Named.as("gpu-integrate"),
                IntegrateProcessor.STORE);

    final Map<String, KStream<String, InferenceRequest>> routes =
        requests
            .split(Named.as("requests-gpu-route-"))
            .branch((id, r) -> !r.getGpuUuids().isEmpty(), Branched.as("measured"))
            .defaultBranch(Branched.as("unmeasured"));
    final KStream<String, InferenceRequest> unmeasured =
        routes
            .get("requests-gpu-route-unmeasured")
            .processValues(
                () -> new CountingProcessor<>("unmeasured-requests", "requests naming no GPU"),
                Named.as("requests-unmeasured-count"));
    final KStream<String, GpuEvent> requestCopies =
        routes
            .get("requests-gpu-route-measured")
            .flatMap(AttributionStage::perGpu, Named.as("requests-per-gpu"))
            .repartition(
                Repartitioned.<String, RequestOnGpu>as("requests-by-gpu")
                    .withKeySerde(Serdes.String())
                    .withValueSerde(new JsonSerde<>(RequestOnGpu.class))
                    .withNumberOfPartitions(partitions))
            .mapValues(GpuEvent::ofRequest, Named.as("requests-by-gpu-event"));

    final Map<String, KStream<String, AttributionOutput>> outputs =
        slots
            .merge(requestCopies, Named.as("attribution-merge"))
            .process(
                () ->
                    new AttributionProcessor(
                        integration,
                        energy.grace(),
                        new SlotFinalizer(config.fleet(), modeOf(energy))),
                Named.as("gpu-attribute"),
                AttributionStore.SLOTS,
                AttributionStore.PARTS,
                AttributionStore.DEADLINES,
                AttributionStore.MODELS)
            .split(Named.as("attribution-route-"))
            .branch((key, out) -> out.part() != null, Branched.as("parts"))
            .defaultBranch(Branched.as("idle"));
    final KStream<String, IdleEnergy> idle =
        outputs
            .get("attribution-route-idle")
            .mapValues(AttributionOutput::idle, Named.as("attribution-idle-value"));

    final Map<String, KStream<String, MeasuredRequestEnergy>> measured =
        outputs
            .get("attribution-route-parts")
            .mapValues(AttributionOutput::part, Named.as("attribution-part-value"))
            .repartition(
                Repartitioned.<String, RequestPart>as("request-energy-by-request")
                    .withKeySerde(Serdes.String())
                    .withValueSerde(new JsonSerde<>(RequestPart.class))
                    .withNumberOfPartitions(partitions))
            .process(
                RequestAggregateProcessor::new,
                Named.as("request-aggregate"),
                RequestAggregateProcessor.STORE)
            .split(Named.as("request-route-"))
            .branch((id, m) -> m.allLate(), Branched.as("late"))
            .defaultBranch(Branched.as("attributed"));
    DeadLetters.sink(
        measured
            .get("request-route-late")
            .process(
                () ->
                    new LateRequestProcessor(
                        serdes.avro(InferenceRequest.class).serializer(),
                        topics.inferenceRequests().name()),
                Named.as("request-late-dlq")),
        topics.dlq(),
        observer,
        "request-late-dlq");
    final KStream<String, MeasuredRequestEnergy> attributed =
        measured.get("request-route-attributed");
    final KStream<String, RequestImpact> impacts =
        attributed.processValues(
            () -> new ImpactProcessor(new RequestImpacts(config, completion)),
            Named.as("request-impact"));
    return new AttributionStreams(unmeasured, attributed, impacts, idle);
  }

  /** One copy per distinct GPU of the request, keyed by GPU UUID, each carrying the GPU count. */
  static List<KeyValue<String, RequestOnGpu>> perGpu(final String id, final InferenceRequest r) {
    final LinkedHashSet<String> gpus = new LinkedHashSet<>(r.getGpuUuids());
    final List<KeyValue<String, RequestOnGpu>> copies = new ArrayList<>(gpus.size());
    for (final String gpu : gpus) {
      copies.add(KeyValue.pair(gpu, RequestOnGpu.of(gpu, r, gpus.size())));
    }
    return copies;
  }

  static AttributionMode modeOf(final EnergySettings energy) {
    return energy.attribution() == EnergySettings.Attribution.TOKENS
        ? AttributionMode.TOKEN_WEIGHTED
        : AttributionMode.TIME_OVERLAP;
  }

  private static void addStores(final StreamsBuilder builder) {
    store(builder, IntegrateProcessor.STORE, new JsonSerde<>(GpuIntegration.class));
    store(builder, AttributionStore.SLOTS, new JsonSerde<>(SlotArrival.class));
    store(builder, AttributionStore.PARTS, new JsonSerde<>(RequestPart.class));
    store(builder, AttributionStore.DEADLINES, Serdes.String());
    store(builder, AttributionStore.MODELS, Serdes.String());
    store(builder, RequestAggregateProcessor.STORE, new JsonSerde<>(MeasuredRequestEnergy.class));
  }

  private static <V> void store(
      final StreamsBuilder builder, final String name, final Serde<V> valueSerde) {
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde));
  }
}
