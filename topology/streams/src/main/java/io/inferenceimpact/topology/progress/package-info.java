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
 *
 * <p>Two forms. Into attribution, values are {@link Stamped} (every record carries its writer's
 * watermark). After attribution, every repartition up to the windows is a {@link Hop}: records keep
 * their own type, a {@link MarkEmitter} before the sink marks the writing task's floor (the event
 * time before which it forwards nothing more) each second as a null-valued record with a header
 * ({@link Marks}), {@link MarkPartitioner} sends it to every partition, and a {@link MarkReader}
 * after the source turns the marks into one party of the reading subtopology's {@link
 * TaskProgress}, whose minimum (with what the task holds) is that task's own floor in turn. Every
 * writer marks from its start, {@link Long#MIN_VALUE} while it knows nothing, so that a reader's
 * discovery hears of it before it has read anything.
 */
package io.inferenceimpact.topology.progress;
