package io.inferenceimpact.topology.attribution;

import io.inferenceimpact.attribution.AttributionMode;
import io.inferenceimpact.attribution.IntegratorConfig;
import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.config.EnergySettings;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.topology.progress.Hop;
import io.inferenceimpact.topology.progress.StampPartitioner;
import io.inferenceimpact.topology.progress.StampProcessor;
import io.inferenceimpact.topology.progress.Stamped;
import io.inferenceimpact.topology.progress.StampedSerde;
import io.inferenceimpact.topology.progress.TaskProgress;
import io.inferenceimpact.topology.support.CountingProcessor;
import io.inferenceimpact.topology.support.DeadLetters;
import io.inferenceimpact.topology.support.StageCounter;
import io.inferenceimpact.topology.support.Topics;
import io.inferenceimpact.topology.support.TopologyObserver;
import io.inferenceimpact.topology.support.TopologySerdes;
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
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.Stores;

/**
 * Stages 2, 3 and 6 for measured requests: GPU samples → slot energy → final split per (GPU, slot)
 * → one {@link RequestImpact} per request on {@code impact.requests.v1}. See {@link
 * AttributionProcessor}, {@link RequestAggregateProcessor} and {@link RequestImpacts} for the
 * rules; this class only wires them and names every node, store and internal topic (repartitions
 * {@code gpu-samples-by-gpu} and {@code requests-by-gpu}, co-partitioned with {@code
 * topics.partitions} each and carrying their writers' progress ({@link Stamped}), and {@code
 * request-energy-by-request}).
 */
public final class AttributionStage {
  /** Source name of the GPU samples' input partitions in the attribution's watermarks. */
  public static final String SAMPLES_SOURCE = "gpu-samples";

  /** Source name of the requests' input partitions when the stage stamps them itself. */
  public static final String REQUESTS_SOURCE = "requests";

  /**
   * The {@link TaskProgress} of the per-request subtopology (dedup, estimation, aggregation): its
   * parties are the requests' watermark less the energy grace ({@code requests}) and the reader of
   * {@code request-energy-by-request}.
   */
  public static final String REQUEST_PROGRESS_STORE = "request-progress-store";

  private AttributionStage() {}

  /**
   * The stage on requests stamped with their writers' progress (marks included), as the dedup stage
   * hands them on; MIXED requests are completed for their unmeasured GPU time by {@code
   * completion}.
   */
  public static AttributionStreams buildStamped(
      final StreamsBuilder builder,
      final ImpactConfig config,
      final TopologySerdes serdes,
      final KStream<String, Stamped<InferenceRequest>> requests,
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
    builder.addStateStore(TaskProgress.storeBuilder(REQUEST_PROGRESS_STORE));
    final long graceMillis = energy.grace().toMillis();
    final KStream<String, Stamped<InferenceRequest>> progressed =
        requests.processValues(
            () -> new RequestProgress(graceMillis),
            Named.as("requests-progress"),
            REQUEST_PROGRESS_STORE);

    final KStream<String, Stamped<GpuEvent>> sampleEvents =
        samples
            .process(
                () ->
                    new StampProcessor<GpuSample>(
                        SAMPLES_SOURCE,
                        topics.gpuMetrics().name(),
                        GpuSample::getGpuUuid,
                        s -> s.getTime().toEpochMilli(),
                        energy.grace()),
                Named.as("gpu-samples-stamp"))
            .repartition(
                Repartitioned.<String, Stamped<GpuSample>>as("gpu-samples-by-gpu")
                    .withKeySerde(Serdes.String())
                    .withValueSerde(new StampedSerde<>(serdes.avro(GpuSample.class)))
                    .withStreamPartitioner(new StampPartitioner<>(s -> false))
                    .withNumberOfPartitions(partitions))
            .mapValues(
                s ->
                    new Stamped<>(
                        s.source(),
                        s.watermarkMillis(),
                        s.isMark() ? null : GpuEvent.ofSample(s.value())),
                Named.as("gpu-samples-event"));

    final Map<String, KStream<String, Stamped<InferenceRequest>>> routes =
        progressed
            .split(Named.as("requests-gpu-route-"))
            .branch(
                (id, r) -> r.isMark() || !r.value().getGpuUuids().isEmpty(),
                Branched.as("measured"))
            .defaultBranch(Branched.as("unmeasured"));
    final KStream<String, InferenceRequest> unmeasured =
        routes
            .get("requests-gpu-route-unmeasured")
            .mapValues(Stamped::value, Named.as("requests-unmeasured-value"))
            .processValues(
                () ->
                    new CountingProcessor<>(
                        StageCounter.ATTRIBUTION, "unmeasured-requests", "requests naming no GPU"),
                Named.as("requests-unmeasured-count"));
    final KStream<String, Stamped<GpuEvent>> requestCopies =
        routes
            .get("requests-gpu-route-measured")
            .flatMap(AttributionStage::perGpu, Named.as("requests-per-gpu"))
            .repartition(
                Repartitioned.<String, Stamped<RequestOnGpu>>as("requests-by-gpu")
                    .withKeySerde(Serdes.String())
                    .withValueSerde(new StampedSerde<>(AttributionCodecs.requestOnGpu()))
                    .withStreamPartitioner(new StampPartitioner<>(r -> false))
                    .withNumberOfPartitions(partitions))
            .mapValues(
                r ->
                    new Stamped<>(
                        r.source(),
                        r.watermarkMillis(),
                        r.isMark() ? null : GpuEvent.ofRequest(r.value())),
                Named.as("requests-by-gpu-event"));

    final Map<String, KStream<String, AttributionOutput>> outputs =
        sampleEvents
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
                AttributionStore.MODELS,
                AttributionStore.ZONES,
                AttributionStore.INTEGRATOR,
                AttributionStore.SOURCES,
                AttributionStore.HORIZON)
            .split(Named.as("attribution-route-"))
            .branch((key, out) -> out.part() != null, Branched.as("parts"))
            .defaultBranch(Branched.as("idle"));
    final KStream<String, IdleEnergy> idle =
        outputs
            .get("attribution-route-idle")
            .mapValues(AttributionOutput::idle, Named.as("attribution-idle-value"));

    final KStream<String, RequestPart> parts =
        outputs
            .get("attribution-route-parts")
            .mapValues(AttributionOutput::part, Named.as("attribution-part-value"));
    final Map<String, KStream<String, MeasuredRequestEnergy>> measured =
        outputWriter(config)
            .to("request-energy-by-request", REQUEST_PROGRESS_STORE)
            .through(parts, AttributionCodecs.requestPart(), partitions)
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

  /**
   * One copy per distinct GPU of the request, keyed by GPU UUID, each carrying the GPU count and
   * the writer's stamp; a mark stays one mark (the partitioner sends it to every partition).
   */
  static List<KeyValue<String, Stamped<RequestOnGpu>>> perGpu(
      final String id, final Stamped<InferenceRequest> stamped) {
    if (stamped.isMark()) {
      return List.of(
          KeyValue.pair(
              stamped.source(), Stamped.mark(stamped.source(), stamped.watermarkMillis())));
    }
    final InferenceRequest r = stamped.value();
    final LinkedHashSet<String> gpus = new LinkedHashSet<>(r.getGpuUuids());
    final List<KeyValue<String, Stamped<RequestOnGpu>>> copies = new ArrayList<>(gpus.size());
    for (final String gpu : gpus) {
      copies.add(
          KeyValue.pair(
              gpu,
              new Stamped<>(
                  stamped.source(),
                  stamped.watermarkMillis(),
                  RequestOnGpu.of(gpu, r, gpus.size()))));
    }
    return copies;
  }

  /**
   * The writing side of the attribution's outputs ({@code request-energy-by-request}, idle energy's
   * grid join): their readers learn the attribution tasks' finality floor.
   */
  public static Hop.Writer outputWriter(final ImpactConfig config) {
    final long slotMillis = config.energy().slotSize().toMillis();
    return new Hop.Writer(
        "attribution",
        () -> AttributionProcessor.finalityFloor(slotMillis),
        AttributionStore.HORIZON);
  }

  /** Records the requests' watermark, less the energy grace, as party {@code requests}. */
  private static final class RequestProgress
      implements FixedKeyProcessor<String, Stamped<InferenceRequest>, Stamped<InferenceRequest>> {
    private static final String PARTY = "requests";
    private final long graceMillis;
    private FixedKeyProcessorContext<String, Stamped<InferenceRequest>> context;
    private TaskProgress progress;

    RequestProgress(final long graceMillis) {
      this.graceMillis = graceMillis;
    }

    @Override
    public void init(final FixedKeyProcessorContext<String, Stamped<InferenceRequest>> context) {
      this.context = context;
      this.progress = TaskProgress.of(context, REQUEST_PROGRESS_STORE);
      progress.register(PARTY);
    }

    @Override
    public void process(final FixedKeyRecord<String, Stamped<InferenceRequest>> record) {
      final long watermark = record.value().watermarkMillis();
      progress.set(PARTY, watermark == Long.MIN_VALUE ? watermark : watermark - graceMillis);
      context.forward(record);
    }
  }

  static AttributionMode modeOf(final EnergySettings energy) {
    return energy.attribution() == EnergySettings.Attribution.TOKENS
        ? AttributionMode.TOKEN_WEIGHTED
        : AttributionMode.TIME_OVERLAP;
  }

  private static void addStores(final StreamsBuilder builder) {
    store(builder, AttributionStore.INTEGRATOR, AttributionCodecs.gpuIntegration());
    store(builder, AttributionStore.SOURCES, Serdes.Long());
    store(builder, AttributionStore.HORIZON, Serdes.Long());
    store(builder, AttributionStore.SLOTS, AttributionCodecs.slotArrival());
    cachedStore(builder, AttributionStore.PARTS, AttributionCodecs.requestPart());
    store(builder, AttributionStore.MODELS, Serdes.String());
    store(builder, AttributionStore.ZONES, Serdes.String());
    cachedStore(
        builder, RequestAggregateProcessor.STORE, AttributionCodecs.measuredRequestEnergy());
  }

  private static <V> void store(
      final StreamsBuilder builder, final String name, final Serde<V> valueSerde) {
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde));
  }

  /**
   * A store whose entries change several times between two commits (a part at each of its slots
   * when a catch-up finalises many at once; a multi-GPU request's sum, put and deleted as its parts
   * arrive together): the record cache writes one changelog record per key and commit, none for an
   * entry put and deleted in between.
   */
  private static <V> void cachedStore(
      final StreamsBuilder builder, final String name, final Serde<V> valueSerde) {
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde)
            .withCachingEnabled());
  }
}
