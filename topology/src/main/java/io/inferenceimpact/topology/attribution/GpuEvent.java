package io.inferenceimpact.topology.attribution;

/**
 * What reaches the attribution processor of a GPU: a completed slot or a request copy (exactly one
 * is set). Lives only between two processors of one sub-topology, so it has no serde.
 */
record GpuEvent(SlotArrival slot, RequestOnGpu request) {

  static GpuEvent ofSlot(final SlotArrival slot) {
    return new GpuEvent(slot, null);
  }

  static GpuEvent ofRequest(final RequestOnGpu request) {
    return new GpuEvent(null, request);
  }
}
