/**
 * Stage 7: per-model impact rates over tumbling windows ({@code impact.model-rates.v1}), final once
 * per window and within a bounded wall-clock time after the window closes, even when traffic stops.
 * Entry point {@link io.inferenceimpact.topology.windows.ModelRatesStage}; rules in {@link
 * io.inferenceimpact.topology.windows.ModelWindowProcessor} (closing, lateness), {@link
 * io.inferenceimpact.topology.windows.ModelRates} (rates) and {@link
 * io.inferenceimpact.topology.windows.Contributions} (what requests and idle energy add; idle
 * energy's operational emissions use the zone's grid intensity as of the idle slot's start, through
 * the grid stage's as-of join).
 *
 * <p>Why not the DSL's windowed aggregation with {@code suppress} or {@code emitStrategy}: both
 * emit a closed window only when a newer record arrives, so a quiet stream never flushes, and both
 * close on the task's own stream time, which on a backlog follows the fastest upstream task. Here a
 * wall-clock punctuator closes windows against the task's floor: the event time before which every
 * upstream task has sent everything (progress marks across every repartition, see {@code
 * topology.progress}).
 *
 * <p>Bound: once the inputs are quiet their watermarks follow the wall clock, and the attribution's
 * floor is its horizon less one slot. A request's impact appears when its last slot is final; its
 * window's final record follows within {@code size + grace + slot} of wall clock, plus a second per
 * repartition for the marks (four) and the commit interval under exactly-once.
 */
package io.inferenceimpact.topology.windows;
