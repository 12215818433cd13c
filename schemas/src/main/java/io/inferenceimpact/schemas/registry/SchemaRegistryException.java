package io.inferenceimpact.schemas.registry;

/**
 * A Schema Registry call failed: the registry was unreachable or kept failing after the bounded
 * retries, or it answered with an error ({@link SchemaRegistryHttpException}). Messages name the
 * URL (without credentials), the operation and the subject or id; they never carry secrets.
 */
public class SchemaRegistryException extends RuntimeException {

  public SchemaRegistryException(final String message) {
    super(message);
  }

  public SchemaRegistryException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
