package io.inferenceimpact.topology.grid;

import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.avro.ImpactMethod;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.topology.progress.Hop;
import io.inferenceimpact.topology.progress.MarkEmitter;
import io.inferenceimpact.topology.progress.TaskProgress;
import io.inferenceimpact.topology.support.Topics;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * Stage 5, grid intensity as of the energy's time. The validated {@code grid.intensity.v1} values
 * become a versioned table keyed by zone (store {@value #STORE}), and a stream of energy-carrying
 * values is joined with it as of each value's event time: a late value gets the intensity that was
 * valid at its time, not the latest. {@link GridLookup} then applies the staleness rule.
 *
 * <p>Names: table {@code grid-intensity-by-zone} (repartition, co-partitioned with the joins),
 * {@code grid-intensity-table}; per join of prefix {@code p}: {@code p-by-zone-key}, repartition
 * {@code p-by-zone}, for specs whose values may await their intensity {@code p-await} (store {@code
 * p-intensity-wait-store}, see {@link AwaitIntensityProcessor}), {@code p-grid-join}, {@code
 * p-grid-resolve}.
 */
public final class GridStage {
  public static final String STORE = "grid-intensity-versions";

  /**
   * The {@link TaskProgress} of the grid-join subtopology: the readers of its energy repartitions
   * ({@code impacts-by-zone}, {@code idle-by-zone}) and what the intensity wait holds.
   */
  public static final String PROGRESS_STORE = "grid-progress-store";

  /**
   * The grid values' own progress in the grid-join subtopology (party {@code
   * grid-intensity-by-zone}): the event time up to which the zones' values have arrived, which the
   * intensity wait follows. Apart from {@link #PROGRESS_STORE}: it bounds no output.
   */
  public static final String VALUES_PROGRESS_STORE = "grid-values-progress-store";

  /** Added to the graces so that energy that was just final still finds its past value. */
  static final Duration HISTORY_MARGIN = Duration.ofHours(1);

  private GridStage() {}

  /**
   * How long past intensities are kept: {@code zones.intensityHistory}, else energy grace + window
   * size + window grace + {@link #HISTORY_MARGIN}. A value whose event time is older than this
   * behind the newest intensity seen gets the fallback.
   */
  public static Duration historyRetention(final ImpactConfig config) {
    final Duration configured = config.zones().intensityHistory();
    if (configured != null) {
      return configured;
    }
    return config
        .energy()
        .grace()
        .plus(config.windows().size())
        .plus(config.windows().grace())
        .plus(HISTORY_MARGIN);
  }

  /**
   * The versioned as-of table of the validated intensity values (keyed and stamped already), read
   * through {@code grid-intensity-by-zone}, which carries the grid inputs' watermarks ({@link
   * #VALUES_PROGRESS_STORE}); also adds the grid-join subtopology's progress stores.
   */
  public static KTable<String, GridIntensity> table(
      final StreamsBuilder builder,
      final KStream<String, GridIntensity> validated,
      final ImpactConfig config,
      final TopologySerdes serdes) {
    builder.addStateStore(TaskProgress.storeBuilder(PROGRESS_STORE));
    builder.addStateStore(TaskProgress.storeBuilder(VALUES_PROGRESS_STORE));
    final Duration maxLag = config.energy().grace();
    final String topic = Topics.from(config.topics()).gridIntensity().name();
    return new Hop.Writer("grid-input", () -> MarkEmitter.Floor.ofInput(topic, maxLag))
        .to("grid-intensity-by-zone", VALUES_PROGRESS_STORE)
        .through(validated, serdes.avro(GridIntensity.class), config.topics().partitions())
        .toTable(
            Named.as("grid-intensity-table"),
            Materialized.<String, GridIntensity>as(
                    Stores.persistentVersionedKeyValueStore(STORE, historyRetention(config)))
                .withKeySerde(Serdes.String())
                .withValueSerde(serdes.avro(GridIntensity.class)));
  }

  /**
   * Per-request impacts with the intensity of their zone over {@code [start, end)}, re-keyed by
   * request id again; the record timestamp becomes the end time (the event time of a request). An
   * estimated request's energy is taken as even over its time, so each value valid during it prices
   * its share; a measured or MIXED request is priced by the one value valid at its last instant
   * (its per-interval energy is not known here). Estimated requests come as soon as they ended, so
   * they first wait up to {@code zones.intensityWait} in event time for their zone's values ({@link
   * AwaitIntensityProcessor}); measured ones come an energy grace later and do not wait.
   */
  public static KStream<String, RequestImpact> enrich(
      final KStream<String, RequestImpact> impacts,
      final KTable<String, GridIntensity> table,
      final Hop.Writer writer,
      final ImpactConfig config,
      final TopologySerdes serdes) {
    final AsOfSpec<RequestImpact> spec =
        new AsOfSpec<>(
            "impacts",
            serdes.avro(RequestImpact.class),
            RequestImpact::getZone,
            impact -> impact.getEndTime().toEpochMilli(),
            GridStage::spanOf,
            RequestEmissions::withIntensity,
            impact -> impact.getMethod() == ImpactMethod.ESTIMATED);
    return joinAsOf(impacts, table, spec, writer, config, serdes)
        .map(
            (zone, impact) -> KeyValue.pair(impact.getRequestId(), impact),
            Named.as("impacts-by-request"));
  }

  /** The span a request impact's intensity prices (see {@link #enrich}). */
  static PricedSpan spanOf(final RequestImpact impact) {
    return new PricedSpan(
        impact.getStartTime().toEpochMilli(),
        impact.getEndTime().toEpochMilli(),
        impact.getMethod() == ImpactMethod.ESTIMATED);
  }

  /**
   * Looks up the zone's values over each value's {@link AsOfSpec#spanOf} in the versioned table's
   * store ({@value #STORE}; {@code table} must be the one {@link #table} built) and applies the
   * intensity; the result is keyed by zone and stamped with the event time (the caller re-keys it).
   * Used for per-request impacts here and for idle energy in the windows stage ({@code
   * ModelRatesStage.IDLE_PREFIX}).
   */
  public static <V> KStream<String, V> joinAsOf(
      final KStream<String, V> stream,
      final KTable<String, GridIntensity> table,
      final AsOfSpec<V> spec,
      final Hop.Writer writer,
      final ImpactConfig config,
      final TopologySerdes serdes) {
    final String p = spec.prefix();
    final GridLookup lookup = new GridLookup(config.zones());
    final String defaultZone = config.zones().defaultZone();
    final KStream<String, V> byZone =
        writer
            .to(p + "-by-zone", PROGRESS_STORE)
            .through(
                stream.process(
                    () -> new ZoneKeyProcessor<>(spec, defaultZone), Named.as(p + "-by-zone-key")),
                spec.valueSerde(),
                config.topics().partitions());
    final KStream<String, V> ready =
        spec.awaitsIntensity() == null
            ? byZone
            : byZone.process(
                new AwaitIntensityProcessor.Supplier<>(spec, config),
                Named.as(p + "-await"),
                STORE,
                PROGRESS_STORE,
                VALUES_PROGRESS_STORE);
    return ready
        .processValues(() -> new AsOfLookupProcessor<>(spec), Named.as(p + "-grid-join"), STORE)
        .processValues(() -> new ResolveProcessor<>(spec, lookup), Named.as(p + "-grid-resolve"));
  }
}
