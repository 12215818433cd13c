package io.inferenceimpact.attribution;

/**
 * Energy of one request on one GPU in one slot — or, inside an {@link AttributionDelta}, the change
 * of that energy. The model travels along so that per-model aggregates can apply it directly.
 *
 * @param requestId request id
 * @param model served model
 * @param energyJoules joules (a share is never negative; a delta may be)
 */
public record RequestEnergy(String requestId, String model, double energyJoules) {}
