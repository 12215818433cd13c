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
 *   <li><b>Time.</b> Values are valid over half-open intervals {@code [valid_from, next
 *       valid_from)}. A request is priced over {@code [start_time, end_time)} ({@link
 *       io.inferenceimpact.topology.grid.PricedSpan}): an estimated request's energy is taken as
 *       even over its time, so the intensity is the time-weighted mean of the values valid during
 *       it; a measured or MIXED request is priced by the value valid at its last instant (so one
 *       ending exactly on a new {@code valid_from} takes the earlier value). The record timestamp
 *       is its {@code end_time}, set before the repartition by zone; the lookups read the versioned
 *       store directly.
 *   <li><b>Staleness.</b> {@link io.inferenceimpact.topology.grid.GridLookup}: a live value more
 *       than {@code zones.stalenessLimit} older than the energy, or none, gives the zone's annual
 *       factor with source {@code FALLBACK} (counted, {@code impacts-intensity-fallback-total}); a
 *       zone with no annual factor either gives the world's ({@code impacts-unknown-zone-total}).
 *   <li><b>Reuse.</b> {@link io.inferenceimpact.topology.grid.GridStage#joinAsOf} prices any stream
 *       with the table exposed as {@code ImpactTopology.Ingested#gridIntensity()}, and applies the
 *       same rule: the windows stage joins idle energy as of each idle slot's start (prefix {@code
 *       idle}: {@code idle-intensity-fallback-total}, {@code idle-unknown-zone-total}).
 * </ul>
 */
package io.inferenceimpact.topology.grid;
