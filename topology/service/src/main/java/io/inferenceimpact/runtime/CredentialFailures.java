package io.inferenceimpact.runtime;

import io.inferenceimpact.schemas.registry.SchemaRegistryHttpException;
import java.util.Optional;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * Recognises failures that retrying cannot heal because the service's own credentials are wrong or
 * not allowed: Kafka refusing the SASL login or the TLS handshake, Kafka denying an operation, the
 * Schema Registry answering 401 or 403. Replacing a stream thread after one only repeats it.
 */
public final class CredentialFailures {
  private CredentialFailures() {}

  /** A one-line explanation naming what was refused, or empty for any other failure. */
  public static Optional<String> explain(final Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof AuthenticationException) {
        return Optional.of(
            "Kafka authentication failed ("
                + t.getClass().getSimpleName()
                + "): check kafka.security.protocol, sasl.mechanism, sasl.jaas.config"
                + " (KAFKA_SASL_JAAS_CONFIG) and the truststore; broker said: "
                + t.getMessage());
      }
      if (t instanceof AuthorizationException) {
        return Optional.of(
            "Kafka denied an operation ("
                + t.getClass().getSimpleName()
                + "): grant the service's principal access; broker said: "
                + t.getMessage());
      }
      if (t instanceof SchemaRegistryHttpException http && http.isAuthenticationFailure()) {
        return Optional.of(
            "Schema Registry refused the credentials (HTTP "
                + http.httpStatus()
                + "): check schemaRegistry basic.auth.user.info"
                + " (SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO) or bearer.auth.token");
      }
    }
    return Optional.empty();
  }
}
