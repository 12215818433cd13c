package io.inferenceimpact.topology.windows;

import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.avro.ModelImpactWindow;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.topology.attribution.AttributionStage;
import io.inferenceimpact.topology.attribution.IdleEnergy;
import io.inferenceimpact.topology.grid.AsOfSpec;
import io.inferenceimpact.topology.grid.GridStage;
import io.inferenceimpact.topology.progress.Hop;
import io.inferenceimpact.topology.progress.TaskProgress;
import io.inferenceimpact.topology.support.Topics;
import io.inferenceimpact.topology.support.TopologyObserver;
import io.inferenceimpact.topology.support.TopologySerdes;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;

/**
 * Stage 7: per-model impact windows on {@code impact.model-rates.v1}. Requests (as they reach
 * {@code impact.requests.v1}) and idle energy become {@link WindowContribution}s, stamped with
 * their event time and keyed by model (idle energy after its zone's grid intensity as of the slot
 * start was applied: {@link GridStage#joinAsOf}, prefix {@value #IDLE_PREFIX}), meet on the
 * repartition topic {@code model-rates-by-model}, and {@link ModelWindowProcessor} aggregates and
 * emits them (node {@code model-windows}, stores {@value ModelWindowProcessor#STORE} and {@value
 * ModelWindowProcessor#CLOSED_STORE}).
 *
 * <p>Two views: one row per (model, zone, window) over all tenants, with the idle energy; and, for
 * requests that name a tenant, one row per (model, zone, tenant, window), requests only. The tenant
 * rows are a second view of the same requests, not additive with the zone rows: sum either the zone
 * rows ({@code tenant == null}) or the tenant rows, never both. Tenant rows keep the zone because
 * the contract's zone is required and emissions depend on it.
 */
public final class ModelRatesStage {
  /** Prefix of the idle energy's as-of grid join: nodes and repartition topic {@code idle-*}. */
  public static final String IDLE_PREFIX = "idle";

  /** The window subtopology's {@code TaskProgress} store (in memory, rebuilt at init). */
  public static final String PROGRESS_STORE = ModelWindowProcessor.PROGRESS_STORE;

  private ModelRatesStage() {}

  /**
   * Adds the stage.
   *
   * @param gridIntensity the versioned table of the zones' intensities ({@link GridStage#table}):
   *     idle energy is joined with it as of the idle slot's start (prefix {@value #IDLE_PREFIX})
   * @param observer told each open window's running totals, each final window and each idle slot
   * @return the final windows, as they go to {@code impact.model-rates.v1} (keyed by the output
   *     key)
   */
  public static KStream<String, ModelImpactWindow> build(
      final StreamsBuilder builder,
      final ImpactConfig config,
      final TopologySerdes serdes,
      final KStream<String, RequestImpact> impacts,
      final KStream<String, IdleEnergy> idle,
      final KTable<String, GridIntensity> gridIntensity,
      final TopologyObserver observer) {
    final LiveModelRates live =
        observer == TopologyObserver.NONE ? LiveModelRates.NONE : observer::liveWindow;
    final Topics topics = Topics.from(config.topics());
    final Contributions contributions = new Contributions(config);
    final Serde<WindowContribution> contributionSerde = WindowCodecs.contribution();
    final Serde<WindowAggregate> aggregateSerde = WindowCodecs.aggregate();
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ModelWindowProcessor.STORE),
                Serdes.String(),
                aggregateSerde)
            // Many contributions update one window between two commits: the record cache turns
            // them into one changelog record per window and commit.
            .withCachingEnabled());
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(ModelWindowProcessor.CLOSED_STORE),
            Serdes.String(),
            Serdes.Long()));
    builder.addStateStore(TaskProgress.storeBuilder(ModelWindowProcessor.PROGRESS_STORE));

    final KStream<String, WindowContribution> fromRequests =
        impacts.process(
            () -> new ToContribution<>(Contributions::ofRequest), Named.as("model-rates-requests"));
    final KStream<String, WindowContribution> fromIdle =
        GridStage.joinAsOf(
                idle.process(
                    () -> new ToContribution<>(contributions::ofIdle),
                    Named.as("model-rates-idle")),
                gridIntensity,
                new AsOfSpec<>(
                    IDLE_PREFIX,
                    contributionSerde,
                    WindowContribution::zone,
                    WindowContribution::eventTimeMillis,
                    Contributions::withIntensity),
                AttributionStage.outputWriter(config),
                config,
                serdes)
            .selectKey((zone, c) -> c.model(), Named.as("model-rates-idle-by-model"))
            .peek(
                (model, c) ->
                    observer.idleEnergy(
                        c.model(),
                        c.zone(),
                        c.totals().facilityEnergyJoules(),
                        c.totals().operationalGrams(),
                        c.totals().embodiedGrams(),
                        c.totals().waterLitres()),
                Named.as("model-rates-idle-observe"));
    final KStream<String, ModelImpactWindow> windows =
        Hop.Writer.ofTask("grid", GridStage.PROGRESS_STORE)
            .to("model-rates-by-model", ModelWindowProcessor.PROGRESS_STORE)
            .through(
                fromRequests.merge(fromIdle, Named.as("model-rates-merge")),
                contributionSerde,
                config.topics().partitions())
            .process(
                () ->
                    new ModelWindowProcessor(
                        config.windows().size(), config.windows().grace(), live),
                Named.as("model-windows"),
                ModelWindowProcessor.STORE,
                ModelWindowProcessor.CLOSED_STORE,
                ModelWindowProcessor.PROGRESS_STORE)
            .peek((key, window) -> observer.finalWindow(window), Named.as("model-windows-observe"));
    windows.to(
        topics.modelRates().name(),
        Produced.with(Serdes.String(), serdes.avro(ModelImpactWindow.class))
            .withName("model-rates-sink"));
    return windows;
  }

  /** Keys a record by model and stamps it with its event time (the window stage's stream time). */
  private static final class ToContribution<V>
      implements Processor<String, V, String, WindowContribution> {
    private final java.util.function.Function<V, WindowContribution> convert;
    private ProcessorContext<String, WindowContribution> context;

    ToContribution(final java.util.function.Function<V, WindowContribution> convert) {
      this.convert = convert;
    }

    @Override
    public void init(final ProcessorContext<String, WindowContribution> context) {
      this.context = context;
    }

    @Override
    public void process(final Record<String, V> record) {
      final WindowContribution c = convert.apply(record.value());
      context.forward(record.withKey(c.model()).withValue(c).withTimestamp(c.eventTimeMillis()));
    }
  }
}
