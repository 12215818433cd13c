/**
 * Helpers that every stage of the topology shares: the one stage counter ({@link StageCounter}, and
 * {@link CountingProcessor} that counts a stream as it passes), store value formats ({@link
 * CompactSerde} with a version byte, {@link JsonSerde} for values of earlier releases and
 * diagnostics), time-first store keys ({@link Keys}) and the event-time horizon of processors that
 * keep state in fields ({@link EventHorizon}).
 */
package io.inferenceimpact.topology.support;
