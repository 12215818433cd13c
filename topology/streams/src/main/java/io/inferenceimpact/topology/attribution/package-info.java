/**
 * Measured energy attribution in the topology (architecture stages 2, 3 and 6 for requests with GPU
 * telemetry).
 *
 * <p>Flow: GPU samples → repartition {@code gpu-samples-by-gpu} → {@code gpu-integrate} (slot
 * energy) ─┐ requests naming GPUs → one copy per GPU → repartition {@code requests-by-gpu} ─┴→
 * {@code gpu-attribute} (final split per GPU and slot; idle energy per model) → per-GPU request
 * parts → repartition {@code request-energy-by-request} → {@code request-aggregate} → {@code
 * impact.requests.v1}; requests late on every GPU → DLQ (reason {@code late}). Requests naming no
 * GPU are counted and handed on as {@code unmeasuredRequests}.
 *
 * <p>Decisions: only FINAL results are emitted (a slot {@code grace} after its end, on an
 * event-time horizon that follows the data in backfills and the wall clock when input stops), so
 * nothing is ever corrected or counted twice; latency = grace. A request's time that no measured
 * slot covered (gaps, GPUs without samples, slots final before it arrived) is reported as
 * unmeasured (method MIXED) for the estimation stage. Internal records are JSON; the request itself
 * travels as Avro single-object bytes, readable by any instance that has the same or an
 * older-compatible class (drain internal topics before deploying a changed InferenceRequest
 * schema).
 */
package io.inferenceimpact.topology.attribution;
