package io.inferenceimpact.topology.attribution;

import io.inferenceimpact.attribution.IntegratorState;

/**
 * Store value of {@code gpu-integrator-store}: the integrator's state of one GPU and its node.
 *
 * @param state the integrator's state
 * @param node the node of the GPU's latest sample
 * @param lastSampleMillis event time of the latest sample integrated
 */
public record GpuIntegration(IntegratorState state, String node, long lastSampleMillis) {}
