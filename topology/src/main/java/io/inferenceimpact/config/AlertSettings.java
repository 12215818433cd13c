package io.inferenceimpact.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code alerts} section.
 *
 * @param rulesFile path of the alert rules file, or null for the built-in rules
 */
public record AlertSettings(String rulesFile) {

  static AlertSettings bind(final ConfigNode node) {
    final String rulesFile = node.string("rulesFile", null);
    if (rulesFile != null && !Files.isRegularFile(Path.of(rulesFile))) {
      node.binding().problem(node.pathOf("rulesFile"), "file not found: " + rulesFile);
    }
    node.finish();
    return new AlertSettings(rulesFile);
  }
}
