package io.inferenceimpact.topology.grid;

import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.serialization.Serde;

/**
 * What the as-of grid join needs to know about one stream of energy-carrying values.
 *
 * @param prefix prefix of every node and internal topic name of this join, e.g. {@code impacts}
 * @param valueSerde serde of the values, for the repartition by zone
 * @param zoneOf the value's grid zone (null: {@code zones.defaultZone})
 * @param eventTimeOf the value's event time, epoch millis: the time the intensity is taken as of;
 *     it also becomes the record timestamp
 * @param withIntensity the value with the intensity applied (emissions recomputed)
 */
public record AsOfSpec<V>(
    String prefix,
    Serde<V> valueSerde,
    Function<V, String> zoneOf,
    ToLongFunction<V> eventTimeOf,
    BiFunction<V, ResolvedIntensity, V> withIntensity) {}
