package io.inferenceimpact.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The record itself cannot be decoded: wrong magic byte, too short, truncated or trailing body, a
 * schema id the registry does not know, or a writer schema the reader cannot resolve. Such a record
 * will never decode, so a dead-letter handler may route it away. Registry outages are a plain
 * {@link SerializationException} whose cause is a {@link
 * io.inferenceimpact.schemas.registry.SchemaRegistryException}: retrying may help there.
 */
public class AvroWireFormatException extends SerializationException {

  public AvroWireFormatException(final String message) {
    super(message);
  }

  public AvroWireFormatException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
