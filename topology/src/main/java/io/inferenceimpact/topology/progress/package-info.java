/**
 * Event-time progress across repartition topics: the watermarks that decide when energy, requests
 * and windows are final, so that the same input gives the same results live, when a backlog is
 * caught up and in replay, whatever order the partitions happen to be read in.
 *
 * <p>A repartition topic is written by many upstream tasks at once, each at its own point in event
 * time: during a catch-up one input partition can be minutes ahead of another. The downstream
 * task's stream time follows the fastest writer, so a stage that finalised on it would call the
 * slower writers' records late. Here every record that crosses a repartition carries its writer's
 * watermark ({@link Stamped}: source id and event time up to which the source has sent everything),
 * writers that have nothing to send still say where they are with marks broadcast to every
 * partition each second ({@link StampProcessor}, {@link StampPartitioner}), and the reader
 * finalises on the minimum over all its writers ({@link SourceClock}), never on its own stream
 * time.
 */
package io.inferenceimpact.topology.progress;
