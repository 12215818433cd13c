/**
 * Estimated energy in the topology (EcoLogits method, {@code io.inferenceimpact.estimate}) where no
 * GPU telemetry exists.
 *
 * <p>Flow: {@code unmeasuredRequests} of the attribution stage (requests naming no GPU) → {@code
 * estimation-route-} → {@code request-estimate} (one ESTIMATED {@code RequestImpact} per request,
 * at once) → merged with the measured impacts ({@code impacts-merge}) before the one sink {@code
 * request-impact-sink}; requests no method can estimate → DLQ (reason {@code unestimable}).
 * Measured requests with unmeasured GPU time (MIXED) get the estimate of that share added inside
 * the attribution stage ({@link io.inferenceimpact.topology.estimation.MixedCompletion}).
 *
 * <p>Decisions: the catalog and tables are read once per topology ({@link
 * io.inferenceimpact.topology.estimation.RequestEstimator}); an unknown model is estimated with the
 * catalog's documented default entry (7 to 70 B parameters, so the record carries min/max), counted
 * ({@code unknown-model-requests-total}, group {@code impact-estimation-metrics}) and logged at
 * most once per model per 10 minutes; nothing is dropped silently. Intensity is the zone's static
 * factor (source FALLBACK) until the grid stage replaces it.
 */
package io.inferenceimpact.topology.estimation;
