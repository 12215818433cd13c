package io.inferenceimpact.alerts;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.inferenceimpact.binding.Binding;
import io.inferenceimpact.binding.ConfigNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The validated alert rules: read from a YAML file ({@code rules:} list, format in docs/ALERTS.md)
 * or the built-in {@value #BUILT_IN} resource. Validation collects every problem, each naming the
 * rule and the field, so that one run shows them all.
 */
public record AlertRules(List<AlertRule> rules) {
  public static final String BUILT_IN = "/alerts/default-rules.yaml";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final YAMLMapper YAML = new YAMLMapper();

  public AlertRules {
    rules = List.copyOf(rules);
  }

  public <T extends AlertRule> List<T> of(final Class<T> type) {
    return rules.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The rules shipped with the product. */
  public static AlertRules builtIn() {
    try (InputStream in = AlertRules.class.getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + BUILT_IN);
      }
      return parse(YAML.readValue(in, new TypeReference<Map<String, Object>>() {}));
    } catch (final IOException | InvalidRulesException e) {
      throw new IllegalStateException("built-in alert rules are invalid: " + e.getMessage(), e);
    }
  }

  public static AlertRules load(final Path file) throws InvalidRulesException {
    final Map<String, Object> tree;
    try {
      tree =
          Files.size(file) == 0
              ? Map.of()
              : YAML.readValue(file.toFile(), new TypeReference<Map<String, Object>>() {});
    } catch (final IOException e) {
      throw new InvalidRulesException(List.of("cannot read " + file + ": " + e.getMessage()));
    }
    return parse(tree == null ? Map.of() : tree);
  }

  /** Validates a parsed rules document. */
  public static AlertRules parse(final Map<String, Object> tree) throws InvalidRulesException {
    final Binding binding = new Binding();
    for (final String key : tree.keySet()) {
      if (!key.equals("rules")) {
        binding.problem("unknown top-level key '" + key + "' (expected: rules)");
      }
    }
    if (!(tree.get("rules") instanceof List<?> list)) {
      binding.problem("'rules' must be a list of rules");
      throw new InvalidRulesException(binding.problems());
    }
    final List<AlertRule> rules = new ArrayList<>();
    final Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      final String index = "rules[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> fields)) {
        binding.problem(index + ": must be a mapping of fields");
        continue;
      }
      final Object nameValue = fields.get("name");
      final String name = nameValue == null ? null : nameValue.toString().trim();
      final String where = name == null ? index : "rule '" + name + "' (" + index + ")";
      final ConfigNode f = ConfigNode.fields(where, fields, binding);
      f.requiredString("name");
      if (name != null && !NAME.matcher(name).matches()) {
        f.problem("name", "must be letters, digits, '.', '_' or '-', was '" + name + "'");
      } else if (name != null && !names.add(name)) {
        f.problem("name", "another rule has the same name");
      }
      final String typeText = f.requiredString("type");
      final RuleType type = typeText == null ? null : RuleType.parse(typeText).orElse(null);
      if (typeText != null && type == null) {
        f.problem("type", "must be one of " + RuleType.allWritten() + ", was '" + typeText + "'");
      }
      final RuleCommon common =
          new RuleCommon(
              name,
              f.choice("severity", Severity.class, Severity.WARNING),
              f.labels("labels"),
              f.number("hysteresis", 0.1, 0.0, 0.9),
              f.duration("resolveAfter", Duration.ofMinutes(2)));
      final AlertRule rule = type == null ? null : RuleParsers.parse(type, common, f);
      f.finish();
      if (rule != null) {
        rules.add(rule);
      }
    }
    if (!binding.problems().isEmpty()) {
      throw new InvalidRulesException(binding.problems());
    }
    return new AlertRules(rules);
  }
}
