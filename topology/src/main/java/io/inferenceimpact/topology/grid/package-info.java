/**
 * Stage 5: grid carbon intensity as of the energy's time.
 *
 * <ul>
 *   <li><b>Input.</b> {@code grid.intensity.v1} goes through the same ingest stage as the other
 *       inputs (prefix {@code grid}): undecodable values, an empty zone ({@code empty-zone}) or a
 *       negative or non-finite intensity ({@code invalid-intensity}) go to the DLQ with their
 *       reason; valid ones are keyed by zone and stamped with {@code valid_from}.
 *   <li><b>Table.</b> A versioned table ({@code grid-intensity-versions}) keeps every value of a
 *       zone for {@link io.inferenceimpact.topology.grid.GridStage#historyRetention} (configurable
 *       as {@code zones.intensityHistory}; by default energy grace + window size + window grace + 1
 *       h), so energy that becomes final late still finds the value valid at its time. Forecast
 *       points are kept as part of each value for the carbon-aware alerts.
 *   <li><b>Event time.</b> A request's intensity is taken as of its {@code end_time}, the event
 *       time of requests everywhere else (ingest, the schema's doc); the record timestamp is set to
 *       it before the repartition by zone.
 *   <li><b>Staleness.</b> {@link io.inferenceimpact.topology.grid.GridLookup}: a live value more
 *       than {@code zones.stalenessLimit} older than the energy, or none, gives the zone's annual
 *       factor with source {@code FALLBACK} (counted, {@code impacts-intensity-fallback-total}); a
 *       zone with no annual factor either gives the world's ({@code impacts-unknown-zone-total}).
 *   <li><b>Reuse.</b> {@link io.inferenceimpact.topology.grid.GridStage#joinAsOf} joins any stream
 *       with the table exposed as {@code ImpactTopology.Ingested#gridIntensity()}, and applies the
 *       same rule: the windows stage joins idle energy as of each idle slot's start (prefix {@code
 *       idle}: {@code idle-intensity-fallback-total}, {@code idle-unknown-zone-total}).
 * </ul>
 */
package io.inferenceimpact.topology.grid;
