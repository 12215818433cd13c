package io.inferenceimpact.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.schemas.registry.SchemaRegistryHttpException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class CredentialFailuresTest {

  @Test
  void shouldNameKafkaAuthenticationAnywhereInTheCauseChain() {
    final var failure =
        new StreamsException(
            "task failed", new SaslAuthenticationException("invalid credentials with SCRAM"));

    assertThat(CredentialFailures.explain(failure))
        .hasValueSatisfying(
            m ->
                assertThat(m)
                    .startsWith("Kafka authentication failed (SaslAuthenticationException)")
                    .contains("KAFKA_SASL_JAAS_CONFIG", "invalid credentials with SCRAM"));
    assertThat(CredentialFailures.explain(new SslAuthenticationException("PKIX path")))
        .hasValueSatisfying(m -> assertThat(m).contains("truststore", "PKIX path"));
  }

  @Test
  void shouldNameDeniedOperationsAndRefusedRegistryCredentials() {
    assertThat(CredentialFailures.explain(new TopicAuthorizationException("no access to t")))
        .hasValueSatisfying(m -> assertThat(m).startsWith("Kafka denied an operation"));
    final var refused = new SchemaRegistryHttpException("get id 7", 401, 401, "Unauthorized");
    assertThat(CredentialFailures.explain(new SerializationException("x", refused)))
        .hasValueSatisfying(
            m -> assertThat(m).contains("HTTP 401", "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO"));
  }

  @Test
  void shouldLeaveOtherFailuresToTheRetryPolicy() {
    final var unavailable = new SchemaRegistryHttpException("get id 7", 503, 50301, "down");

    assertThat(CredentialFailures.explain(new SerializationException("x", unavailable))).isEmpty();
    assertThat(CredentialFailures.explain(new IllegalStateException("boom"))).isEmpty();
  }
}
