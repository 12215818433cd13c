package io.inferenceimpact.topology.ingest;

import io.inferenceimpact.schemas.registry.SchemaRegistryException;
import io.inferenceimpact.schemas.registry.SchemaRegistryHttpException;
import io.inferenceimpact.schemas.serde.AvroWireFormatException;

/**
 * Tells a record that can never decode (bad magic byte, unknown schema id, truncated Avro: its
 * place is the DLQ) from a decoder that could not reach the Schema Registry (retry, never DLQ).
 */
final class DecodeFailures {
  private static final int MAX_DETAIL_CHARS = 500;

  private DecodeFailures() {}

  /**
   * True when the failure came from the registry (unreachable, failing, refusing our credentials),
   * not from the bytes.
   */
  static boolean isOutage(final Throwable failure) {
    if (failure instanceof AvroWireFormatException) {
      return false;
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SchemaRegistryHttpException http && http.isNotFound()) {
        return false; // an id or subject the registry does not know: the record's own fault
      }
      if (t instanceof SchemaRegistryException) {
        return true;
      }
    }
    return false;
  }

  /** A one-line description for the DLQ's detail header, bounded in length. */
  static String describe(final Throwable failure) {
    final String message = failure.getClass().getSimpleName() + ": " + failure.getMessage();
    final String oneLine = message.replaceAll("\\s+", " ");
    return oneLine.length() <= MAX_DETAIL_CHARS
        ? oneLine
        : oneLine.substring(0, MAX_DETAIL_CHARS - 3) + "...";
  }
}
