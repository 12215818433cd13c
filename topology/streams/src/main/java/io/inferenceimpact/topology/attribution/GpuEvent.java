package io.inferenceimpact.topology.attribution;

import io.inferenceimpact.avro.GpuSample;

/**
 * What reaches the attribution processor of a GPU: a GPU sample or a request copy (exactly one is
 * set). Lives only between two processors of one sub-topology, so it has no serde.
 */
record GpuEvent(GpuSample sample, RequestOnGpu request) {

  static GpuEvent ofSample(final GpuSample sample) {
    return new GpuEvent(sample, null);
  }

  static GpuEvent ofRequest(final RequestOnGpu request) {
    return new GpuEvent(null, request);
  }
}
