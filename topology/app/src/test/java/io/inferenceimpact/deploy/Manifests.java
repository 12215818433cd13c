package io.inferenceimpact.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The objects {@code kubectl kustomize DIR} renders, and ways to find them. */
final class Manifests {
  static final Path KUBECTL = Path.of("/usr/bin/kubectl");
  private static final YAMLMapper YAML = new YAMLMapper();

  final List<JsonNode> objects;

  private Manifests(final List<JsonNode> objects) {
    this.objects = objects;
  }

  /** The repository root (Maven passes it; tests run from topology/app/ otherwise). */
  static Path repoRoot() {
    return Path.of(System.getProperty("impact.repo.root", "../..")).toAbsolutePath().normalize();
  }

  /** Renders {@code dir} (relative to the repository root) with kubectl's kustomize. */
  static Manifests render(final String dir) throws IOException, InterruptedException {
    if (!Files.isExecutable(KUBECTL)) {
      throw new IllegalStateException(
          KUBECTL + " is missing: kubectl (1.21 or newer, for kustomize) renders deploy/k8s");
    }
    final Path out = Files.createTempFile("kustomize-", ".yaml");
    final Path err = Files.createTempFile("kustomize-", ".err");
    final Process process =
        new ProcessBuilder(KUBECTL.toString(), "kustomize", repoRoot().resolve(dir).toString())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("kubectl kustomize " + dir + " did not finish in 60 s");
    }
    final String text = Files.readString(out, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          "kubectl kustomize "
              + dir
              + " failed ("
              + process.exitValue()
              + "): "
              + Files.readString(err, StandardCharsets.UTF_8));
    }
    final List<JsonNode> objects = new ArrayList<>();
    try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(text)) {
      while (documents.hasNext()) {
        final JsonNode document = documents.next();
        if (document != null && !document.isNull() && !document.isEmpty()) {
          objects.add(document);
        }
      }
    }
    return new Manifests(objects);
  }

  List<JsonNode> ofKind(final String kind) {
    return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
  }

  /** The one object of {@code kind}; fails when there is none or several. */
  JsonNode single(final String kind) {
    final List<JsonNode> found = ofKind(kind);
    if (found.size() != 1) {
      throw new AssertionError("expected one " + kind + ", found " + found.size());
    }
    return found.get(0);
  }

  JsonNode named(final String kind, final String name) {
    return ofKind(kind).stream()
        .filter(o -> name.equals(o.path("metadata").path("name").asText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
  }
}
