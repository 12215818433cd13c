package io.inferenceimpact.config;

import java.time.Duration;

/**
 * The {@code ingest} section: limits of the validation stage.
 *
 * @param maxFutureSkew how far ahead of the wall clock an event time may be before the record goes
 *     to the DLQ
 */
public record IngestSettings(Duration maxFutureSkew) {

  static IngestSettings bind(final ConfigNode node) {
    final IngestSettings i =
        new IngestSettings(node.duration("maxFutureSkew", Duration.ofMinutes(5)));
    node.finish();
    return i;
  }
}
