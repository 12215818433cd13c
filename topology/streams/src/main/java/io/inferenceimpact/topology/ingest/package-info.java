/**
 * Stage 1, ingest and validation: every input record is decoded and validated ({@link
 * IngestStage}); undecodable or invalid records go to the dead-letter topic with their reason, and
 * a request re-sent within the dedup window is counted once ({@link RequestDedup}), its input
 * partitions' progress carried on for the stages that finalise on event time.
 */
package io.inferenceimpact.topology.ingest;
