package io.inferenceimpact.topology.grid;

import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.serialization.Serde;

/**
 * What the as-of grid lookup needs to know about one stream of energy-carrying values.
 *
 * @param prefix prefix of every node and internal topic name of this lookup, e.g. {@code impacts}
 * @param valueSerde serde of the values, for the repartition by zone
 * @param zoneOf the value's grid zone (null: {@code zones.defaultZone})
 * @param eventTimeOf the value's event time, epoch millis: it becomes the record timestamp
 * @param spanOf the time whose energy the intensity prices (see {@link PricedSpan})
 * @param withIntensity the value with the intensity applied (emissions recomputed)
 * @param awaitsIntensity whether a value waits up to {@code zones.intensityWait} (event time) for
 *     its zone's values before the lookup (values that come at once, ahead of their intensity);
 *     null: none ever waits, and the lookup has no wait stage
 */
public record AsOfSpec<V>(
    String prefix,
    Serde<V> valueSerde,
    Function<V, String> zoneOf,
    ToLongFunction<V> eventTimeOf,
    Function<V, PricedSpan> spanOf,
    BiFunction<V, ResolvedIntensity, V> withIntensity,
    Predicate<V> awaitsIntensity) {

  /** A stream whose values are priced by the intensity valid at their event time, at once. */
  public AsOfSpec(
      final String prefix,
      final Serde<V> valueSerde,
      final Function<V, String> zoneOf,
      final ToLongFunction<V> eventTimeOf,
      final BiFunction<V, ResolvedIntensity, V> withIntensity) {
    this(
        prefix,
        valueSerde,
        zoneOf,
        eventTimeOf,
        value -> PricedSpan.at(eventTimeOf.applyAsLong(value)),
        withIntensity,
        null);
  }
}
