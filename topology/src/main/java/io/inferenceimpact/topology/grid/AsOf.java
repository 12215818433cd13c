package io.inferenceimpact.topology.grid;

import io.inferenceimpact.avro.GridIntensity;

/** A value and its zone's live intensity as of its time (null if none), right after the join. */
record AsOf<V>(V value, GridIntensity live) {}
