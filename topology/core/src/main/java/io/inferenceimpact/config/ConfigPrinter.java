package io.inferenceimpact.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.inferenceimpact.binding.Durations;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;

/**
 * Writes the effective configuration as YAML, in the layout of the configuration file, with every
 * secret value masked. What {@code impact config validate} prints.
 */
public final class ConfigPrinter {
  private static final YAMLMapper MAPPER = mapper();

  private ConfigPrinter() {}

  public static String toYaml(final ImpactConfig config) {
    final JsonNode tree = MAPPER.valueToTree(config);
    final ObjectNode root = (ObjectNode) tree;
    // The pass-through sections are printed as their flat client properties.
    root.set("kafka", MAPPER.valueToTree(config.kafka().properties()));
    final ObjectNode registry = MAPPER.createObjectNode().put("url", config.schemaRegistry().url());
    registry.setAll((ObjectNode) MAPPER.valueToTree(config.schemaRegistry().properties()));
    root.set("schemaRegistry", registry);
    mask(root);
    try {
      return MAPPER.writeValueAsString(root);
    } catch (final JsonProcessingException e) {
      throw new IllegalStateException("cannot print configuration", e);
    }
  }

  private static void mask(final JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (final Map.Entry<String, JsonNode> field : new ArrayList<>(object.properties())) {
        if (Secrets.isSecret(field.getKey()) && field.getValue().isValueNode()) {
          object.put(field.getKey(), Secrets.MASK);
        } else {
          mask(field.getValue());
        }
      }
    }
  }

  private static YAMLMapper mapper() {
    final YAMLMapper mapper =
        YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();
    final SimpleModule durations = new SimpleModule();
    durations.addSerializer(
        Duration.class,
        new StdSerializer<>(Duration.class) {
          private static final long serialVersionUID = 1L;

          @Override
          public void serialize(
              final Duration value,
              final com.fasterxml.jackson.core.JsonGenerator gen,
              final com.fasterxml.jackson.databind.SerializerProvider provider)
              throws IOException {
            gen.writeString(Durations.format(value));
          }
        });
    durations.addSerializer(
        java.time.Instant.class,
        new StdSerializer<>(java.time.Instant.class) {
          private static final long serialVersionUID = 1L;

          @Override
          public void serialize(
              final java.time.Instant value,
              final com.fasterxml.jackson.core.JsonGenerator gen,
              final com.fasterxml.jackson.databind.SerializerProvider provider)
              throws IOException {
            gen.writeString(value.toString());
          }
        });
    mapper.registerModule(durations);
    mapper.setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
    return mapper;
  }
}
