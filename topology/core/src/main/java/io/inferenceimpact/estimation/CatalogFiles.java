package io.inferenceimpact.estimation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the two catalog formats: EcoLogits' {@code models.json} (shipped unmodified, see
 * catalog/NOTICE.md) and our own YAML ({@code models:} list, optional {@code default:} entry),
 * which is also the format of a catalog file named in config ({@code models.catalog}).
 */
final class CatalogFiles {

  static final String ECOLOGITS_MODELS = "/catalog/ecologits-models.json";
  static final String OPEN_MODELS = "/catalog/open-models.yaml";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private CatalogFiles() {}

  /**
   * EcoLogits entries with their aliases: in {@code aliases[]}, {@code name} is the other spelling
   * and {@code alias} the model it stands for ({@code gpt-35-turbo} → {@code gpt-3.5-turbo}).
   */
  static List<ModelEntry> ecoLogits(final InputStream in) {
    final JsonNode root = read(JSON, in, ECOLOGITS_MODELS);
    final Map<String, List<String>> aliases = new HashMap<>();
    for (final JsonNode alias : root.path("aliases")) {
      aliases
          .computeIfAbsent(alias.path("alias").asText(), k -> new ArrayList<>())
          .add(alias.path("name").asText());
    }
    final List<ModelEntry> entries = new ArrayList<>();
    for (final JsonNode model : root.path("models")) {
      final String name = model.path("name").asText();
      final JsonNode params = model.path("architecture").path("parameters");
      final boolean moe = "moe".equals(model.path("architecture").path("type").asText());
      final ParamRange total = range(moe ? params.path("total") : params, name);
      final ParamRange active = moe ? range(params.path("active"), name) : total;
      entries.add(
          new ModelEntry(
              name,
              model.path("provider").asText(null),
              active,
              total,
              ModelEntry.DEFAULT_QUANTIZATION_BITS,
              aliases.getOrDefault(name, List.of()),
              "genai-impact/ecologits models.json " + model.path("sources").path(0).asText("")));
    }
    return entries;
  }

  /** Entries of one of our YAML catalogs. */
  static List<ModelEntry> ours(final InputStream in, final String origin) {
    final JsonNode root = read(YAML, in, origin);
    final List<ModelEntry> entries = new ArrayList<>();
    for (final JsonNode model : root.path("models")) {
      entries.add(entry(model, origin));
    }
    return entries;
  }

  /** The {@code default:} entry of one of our YAML catalogs. */
  static ModelEntry defaultEntry(final InputStream in, final String origin) {
    final JsonNode node = read(YAML, in, origin).path("default");
    if (node.isMissingNode()) {
      throw new IllegalStateException(origin + " has no default entry");
    }
    return entry(node, origin);
  }

  static InputStream resource(final String path) {
    final InputStream in = CatalogFiles.class.getResourceAsStream(path);
    if (in == null) {
      throw new IllegalStateException("missing resource " + path);
    }
    return in;
  }

  static InputStream file(final Path path) {
    try {
      return Files.newInputStream(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model catalog " + path, e);
    }
  }

  private static ModelEntry entry(final JsonNode model, final String origin) {
    final String name = model.path("name").asText();
    final ParamRange active = range(model.path("activeParamsBillions"), name);
    final JsonNode totalNode = model.path("totalParamsBillions");
    final ParamRange total = totalNode.isMissingNode() ? active : range(totalNode, name);
    final List<String> aliases = new ArrayList<>();
    model.path("aliases").forEach(a -> aliases.add(a.asText()));
    final String source = model.path("source").asText(origin);
    return new ModelEntry(
        name,
        model.path("provider").asText(null),
        active,
        total,
        model.path("quantizationBits").asInt(ModelEntry.DEFAULT_QUANTIZATION_BITS),
        aliases,
        source);
  }

  /** A number, or {@code {min, max}}. */
  private static ParamRange range(final JsonNode node, final String name) {
    if (node.isNumber()) {
      return ParamRange.of(node.asDouble());
    }
    if (node.has("min") && node.has("max")) {
      return new ParamRange(node.get("min").asDouble(), node.get("max").asDouble());
    }
    throw new IllegalArgumentException(name + ": parameter count is neither a number nor a range");
  }

  private static JsonNode read(final ObjectMapper mapper, final InputStream in, final String what) {
    try (in) {
      return mapper.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse model catalog " + what, e);
    }
  }
}
