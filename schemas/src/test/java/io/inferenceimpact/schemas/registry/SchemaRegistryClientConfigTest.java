package io.inferenceimpact.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** Reading Confluent-named client configs: URLs, defaults, prefixes and invalid combinations. */
class SchemaRegistryClientConfigTest {

  @Test
  void shouldSplitUrlsDropTrailingSlashesAndUserInfo() {
    final SchemaRegistryClientConfig config =
        SchemaRegistryClientConfig.from(
            Map.of(
                SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL,
                "http://u:p@127.0.0.1:8081/apis/ccompat/v7/, http://127.0.0.1:8082"));

    assertThat(config.baseUrls())
        .containsExactly(
            URI.create("http://127.0.0.1:8081/apis/ccompat/v7"),
            URI.create("http://127.0.0.1:8082"));
    assertThat(config.credentials()).hasToString("basic");
  }

  @Test
  void shouldApplyDefaultsAndAcceptPrefixedKeys() {
    final SchemaRegistryClientConfig config =
        SchemaRegistryClientConfig.from(
            Map.of(
                SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL,
                "http://127.0.0.1:8081",
                "schema.registry.max.retries",
                "5"));

    assertThat(config.maxRetries()).isEqualTo(5);
    assertThat(config.retriesWaitMs())
        .isEqualTo(SchemaRegistryClientConfig.DEFAULT_RETRIES_WAIT_MS);
    assertThat(config.cacheCapacity())
        .isEqualTo(SchemaRegistryClientConfig.DEFAULT_MAX_SCHEMAS_PER_SUBJECT);
    assertThat(config.credentials()).hasToString("none");
  }

  @Test
  void shouldRejectMissingUrlsAndConflictingOrIncompleteAuth() {
    assertThatThrownBy(() -> SchemaRegistryClientConfig.from(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.url");
    assertThatThrownBy(
            () -> SchemaRegistryClientConfig.from(Map.of("schema.registry.url", "127.0.0.1:8081")))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(
            () ->
                SchemaRegistryClientConfig.from(
                    Map.of(
                        "schema.registry.url",
                        "http://h",
                        "basic.auth.user.info",
                        "a:secret-1",
                        "bearer.auth.token",
                        "secret-2")))
        .isInstanceOf(ConfigException.class)
        .hasMessageNotContaining("secret");
    assertThatThrownBy(
            () ->
                SchemaRegistryClientConfig.from(
                    Map.of(
                        "schema.registry.url",
                        "http://h",
                        "basic.auth.credentials.source",
                        "USER_INFO")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("basic.auth.user.info");
  }
}
