package io.inferenceimpact.topology.grid;

import io.inferenceimpact.avro.GridIntensity;
import java.util.List;

/**
 * A value and the live intensities of its zone over its {@link PricedSpan}, oldest first, right
 * after the lookup.
 */
record AsOf<V>(V value, List<Interval> intervals) {

  /** {@code [fromMillis, toMillis)} and the zone's live value valid in it (null if none). */
  record Interval(long fromMillis, long toMillis, GridIntensity live) {}
}
