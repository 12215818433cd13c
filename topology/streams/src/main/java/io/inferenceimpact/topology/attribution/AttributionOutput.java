package io.inferenceimpact.topology.attribution;

/**
 * What the attribution processor emits (exactly one is set): a finished per-GPU request part, keyed
 * by request id, or a slot's idle energy, keyed by model. In-memory only.
 */
record AttributionOutput(RequestPart part, IdleEnergy idle) {}
