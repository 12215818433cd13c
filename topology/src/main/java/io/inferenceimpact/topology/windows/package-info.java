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
 * emit a closed window only when a newer record arrives, so a quiet stream never flushes. Here a
 * wall-clock punctuator closes windows against the task's event horizon (stream time extrapolated
 * by the wall clock), as the attribution stage does for slots.
 *
 * <p>Bound: after the stage's last input, a window's final record is forwarded within {@code end +
 * grace - streamTime} of wall clock plus one punctuation interval (1 s); with the input's stream
 * time inside the last window that is at most {@code size + grace + 1 s}, and the commit interval
 * more under exactly-once.
 */
package io.inferenceimpact.topology.windows;
