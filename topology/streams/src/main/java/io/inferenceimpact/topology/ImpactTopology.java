package io.inferenceimpact.topology;

import io.inferenceimpact.accounting.TrainingAmortization;
import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.ModelImpactWindow;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.config.TrainingSettings;
import io.inferenceimpact.estimation.ModelCatalog;
import io.inferenceimpact.estimation.TrainingFootprints;
import io.inferenceimpact.topology.alerts.AlertStage;
import io.inferenceimpact.topology.attribution.AttributionStage;
import io.inferenceimpact.topology.attribution.AttributionStreams;
import io.inferenceimpact.topology.estimation.EstimationStage;
import io.inferenceimpact.topology.estimation.MixedCompletion;
import io.inferenceimpact.topology.estimation.RequestEstimator;
import io.inferenceimpact.topology.grid.GridStage;
import io.inferenceimpact.topology.ingest.IngestSpec;
import io.inferenceimpact.topology.ingest.IngestStage;
import io.inferenceimpact.topology.ingest.RequestDedup;
import io.inferenceimpact.topology.progress.Hop;
import io.inferenceimpact.topology.progress.Stamped;
import io.inferenceimpact.topology.support.Topics;
import io.inferenceimpact.topology.support.TopologyObserver;
import io.inferenceimpact.topology.support.TopologySerdes;
import io.inferenceimpact.topology.windows.ModelRatesStage;
import io.inferenceimpact.validation.GpuSampleValidator;
import io.inferenceimpact.validation.GridIntensityValidator;
import io.inferenceimpact.validation.RequestValidator;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The application's topology as a pure function of configuration and serdes: no I/O, no static
 * state. Kafka settings come separately from {@link #streamsConfig(ImpactConfig)}.
 */
public final class ImpactTopology {
  private ImpactTopology() {}

  /**
   * The validated input streams (requests deduplicated) and the measured-attribution outputs, for
   * the stages that follow (and for tests that attach to them). {@code gridIntensity} is the
   * versioned as-of table of the zones' intensities, for {@link GridStage#joinAsOf} (e.g. idle
   * energy in the windows). {@code modelWindows} are the final per-model windows as they go to
   * {@code impact.model-rates.v1}.
   */
  public record Ingested(
      KStream<String, InferenceRequest> requests,
      KStream<String, GpuSample> gpuSamples,
      AttributionStreams attribution,
      KTable<String, GridIntensity> gridIntensity,
      KStream<String, ModelImpactWindow> modelWindows) {}

  /**
   * The stores kept in memory without a changelog: each subtopology's {@link
   * io.inferenceimpact.topology.progress.TaskProgress}, rebuilt by its parties from their own
   * (logged) stores whenever a task starts. Every other store has a changelog.
   */
  public static final Set<String> UNLOGGED_STORES =
      Set.of(
          AttributionStage.REQUEST_PROGRESS_STORE,
          GridStage.PROGRESS_STORE,
          GridStage.VALUES_PROGRESS_STORE,
          ModelRatesStage.PROGRESS_STORE);

  public static Topology build(final ImpactConfig config, final TopologySerdes serdes) {
    return build(config, serdes, TopologyObserver.NONE);
  }

  /** The topology, telling {@code observer} about its results (for the metrics layer). */
  public static Topology build(
      final ImpactConfig config, final TopologySerdes serdes, final TopologyObserver observer) {
    // Topology-level settings (and Kafka's warnings about them) come from the real configuration.
    final StreamsBuilder builder =
        new StreamsBuilder(new TopologyConfig(new StreamsConfig(streamsConfig(config))));
    buildOn(builder, config, serdes, observer);
    return builder.build();
  }

  /** Adds the stages to the builder and returns the validated inputs. */
  public static Ingested buildOn(
      final StreamsBuilder builder, final ImpactConfig config, final TopologySerdes serdes) {
    return buildOn(builder, config, serdes, TopologyObserver.NONE);
  }

  /** Adds the stages to the builder, observed by {@code observer}, and returns the inputs. */
  public static Ingested buildOn(
      final StreamsBuilder builder,
      final ImpactConfig config,
      final TopologySerdes serdes,
      final TopologyObserver observer) {
    final Topics topics = Topics.from(config.topics());
    final KStream<String, InferenceRequest> ingestedRequests =
        IngestStage.build(
            builder,
            new IngestSpec<>(
                "requests",
                topics.inferenceRequests(),
                serdes.avro(InferenceRequest.class).deserializer(),
                new RequestValidator(config.ingest()),
                InferenceRequest::getRequestId,
                r -> r.getEndTime().toEpochMilli()),
            topics.dlq(),
            observer);
    // A request re-sent by a retrying producer is counted once. The deduplicated requests carry
    // their input partitions' progress (and marks) for the attribution's event-time finality.
    final KStream<String, Stamped<InferenceRequest>> stampedRequests =
        RequestDedup.build(builder, config, serdes, ingestedRequests);
    final KStream<String, InferenceRequest> requests =
        stampedRequests
            .filter((id, r) -> !r.isMark(), Named.as("requests-dedup-values"))
            .mapValues(Stamped::value, Named.as("requests-dedup-value"));
    final KStream<String, GpuSample> samples =
        IngestStage.build(
            builder,
            new IngestSpec<>(
                "gpu-samples",
                topics.gpuMetrics(),
                serdes.avro(GpuSample.class).deserializer(),
                new GpuSampleValidator(config.ingest()),
                GpuSample::getGpuUuid,
                s -> s.getTime().toEpochMilli()),
            topics.dlq(),
            observer);
    final KStream<String, GridIntensity> grid =
        IngestStage.build(
                builder,
                new IngestSpec<>(
                    "grid",
                    topics.gridIntensity(),
                    serdes.avro(GridIntensity.class).deserializer(),
                    new GridIntensityValidator(config.ingest()),
                    GridIntensity::getZone,
                    g -> g.getValidFrom().toEpochMilli()),
                topics.dlq(),
                observer)
            .peek((zone, g) -> observer.gridIntensity(g), Named.as("grid-observe"));
    final KTable<String, GridIntensity> intensity = GridStage.table(builder, grid, config, serdes);
    // Built once per topology: the model catalog and tables are read here.
    final RequestEstimator estimator = new RequestEstimator(config);
    final AttributionStreams attribution =
        AttributionStage.buildStamped(
            builder,
            config,
            serdes,
            stampedRequests,
            samples,
            new MixedCompletion(estimator),
            observer);
    final KStream<String, RequestImpact> estimated =
        EstimationStage.build(
            config, serdes, estimator, attribution.unmeasuredRequests(), observer);
    // Every per-request result, whatever its method, leaves through this one sink, with the
    // intensity of its zone as of its end time.
    final KStream<String, RequestImpact> impacts =
        GridStage.enrich(
            withTraining(
                attribution.requestImpacts().merge(estimated, Named.as("impacts-merge")), config),
            intensity,
            Hop.Writer.ofTask("requests", AttributionStage.REQUEST_PROGRESS_STORE),
            config,
            serdes);
    impacts
        .peek((id, impact) -> observer.requestImpact(impact), Named.as("request-impact-observe"))
        .to(
            topics.impactRequests().name(),
            Produced.with(Serdes.String(), serdes.avro(RequestImpact.class))
                .withName("request-impact-sink"));
    final KStream<String, ModelImpactWindow> windows =
        ModelRatesStage.build(
            builder, config, serdes, impacts, attribution.idleEnergy(), intensity, observer);
    AlertStage.build(
        builder, config, serdes, new AlertStage.Inputs(requests, samples, grid, windows), observer);
    return new Ingested(requests, samples, attribution, intensity, windows);
  }

  /**
   * With {@code models.trainingAmortization.enabled}, each request's share of its model's training
   * footprint (node {@code impacts-training}, stateless); else the stream as it is (no node).
   */
  private static KStream<String, RequestImpact> withTraining(
      final KStream<String, RequestImpact> impacts, final ImpactConfig config) {
    final TrainingSettings training = config.models().trainingAmortization();
    if (!training.enabled()) {
      return impacts;
    }
    final TrainingAmortization amortization =
        new TrainingAmortization(
            TrainingFootprints.of(training, ModelCatalog.withConfig(config.models())));
    return impacts.mapValues(amortization::apply, Named.as("impacts-training"));
  }

  /**
   * The Kafka Streams properties: a fresh copy of the {@code kafka} section, plus the DLQ for
   * records the built-in handlers reject. The configuration is not changed.
   */
  public static Properties streamsConfig(final ImpactConfig config) {
    final Properties props = config.kafka().asProperties();
    props.putIfAbsent(
        StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, config.topics().dlq());
    // Kafka's default from 5.0 on; set now so that behaviour does not change with the upgrade.
    props.putIfAbsent("processing.exception.handler.global.enabled", "true");
    return props;
  }
}
