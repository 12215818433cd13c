package io.inferenceimpact.binding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The binder shared by the service configuration and the alert rules. */
class ConfigNodeTest {
  private static final YAMLMapper YAML = new YAMLMapper();

  enum Colour {
    RED,
    DARK_BLUE
  }

  private final Binding binding = new Binding();

  private static Map<String, Object> yaml(final String text) {
    try {
      return YAML.readValue(text, new TypeReference<Map<String, Object>>() {});
    } catch (final java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private ConfigNode keyPaths(final String path, final String text) {
    return new ConfigNode(path, ConfigNode.asTree(yaml(text)), binding);
  }

  private ConfigNode rule(final String text) {
    return ConfigNode.fields("rule 'dirty' (rules[3])", yaml(text), binding);
  }

  @Test
  void shouldReadEveryTypeAndDefaultWhatIsAbsent() {
    final ConfigNode node =
        keyPaths(
            "metrics",
            """
            name: "  edge  "
            port: 8080
            ratio: 0.25
            every: 1.5h
            iso: pt5s
            wait: 0s
            enabled: "False"
            colour: dark_blue
            hosts: "a, b,,c"
            zones: [DE, " FR "]
            """);

    assertThat(node.string("name", "x")).isEqualTo("edge");
    assertThat(node.string("host", "x")).isEqualTo("x");
    assertThat(node.string("path", null)).isNull();
    assertThat(node.integer("port", 1, 0, 65_535)).isEqualTo(8080);
    assertThat(node.integer("maxModels", 50, 1, 10_000)).isEqualTo(50);
    assertThat(node.number("ratio", 1.0, 0.0)).isEqualTo(0.25);
    assertThat(node.number("scale", 2.5, 0.0)).isEqualTo(2.5);
    assertThat(node.duration("every", Duration.ofSeconds(1))).isEqualTo(Duration.ofMinutes(90));
    assertThat(node.duration("iso", Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(5));
    assertThat(node.duration("step", Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
    assertThat(node.duration("history", null)).isNull();
    assertThat(node.durationOrZero("wait", Duration.ofSeconds(1))).isEqualTo(Duration.ZERO);
    assertThat(node.bool("enabled", true)).isFalse();
    assertThat(node.bool("tenantLabels", true)).isTrue();
    assertThat(node.choice("colour", Colour.class, Colour.RED)).isEqualTo(Colour.DARK_BLUE);
    assertThat(node.choice("shade", Colour.class, Colour.RED)).isEqualTo(Colour.RED);
    assertThat(node.strings("hosts")).containsExactly("a", "b", "c");
    assertThat(node.strings("zones")).containsExactly("DE", "FR");
    assertThat(node.strings("tenants")).isEmpty();
    node.finish();

    assertThat(binding.problems()).isEmpty();
    assertThat(binding.knownPaths())
        .contains("metrics.name", "metrics.port", "metrics.wait", "metrics.hosts");
  }

  @Test
  void shouldReportEveryBadValueWithItsKeyPathAndFallBackToTheDefault() {
    final ConfigNode node =
        keyPaths(
            "windows",
            """
            port: 70000
            count: many
            ratio: -0.5
            big: "NaN"
            grace: -1s
            size: 0s
            wait: -PT1S
            enabled: maybe
            colour: purple
            nested: {a: 1}
            """);

    assertThat(node.integer("port", 9464, 0, 65_535)).isEqualTo(70_000);
    assertThat(node.integer("count", 3, 1, 10)).isEqualTo(3);
    assertThat(node.number("ratio", 1.0, 0.0)).isEqualTo(-0.5);
    node.number("big", 1.0, 0.0);
    assertThat(node.duration("grace", Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(1));
    assertThat(node.duration("size", Duration.ofMinutes(2))).isEqualTo(Duration.ofMinutes(2));
    assertThat(node.durationOrZero("wait", Duration.ZERO)).isEqualTo(Duration.ZERO);
    assertThat(node.bool("enabled", true)).isTrue();
    assertThat(node.choice("colour", Colour.class, Colour.RED)).isEqualTo(Colour.RED);
    assertThat(node.string("nested", "d")).isEqualTo("d");
    node.finish();

    assertThat(binding.problems())
        .containsExactly(
            "windows.port: must be between 0 and 65535, was 70000",
            "windows.count: must be a whole number, was 'many'",
            "windows.ratio: must be >= 0.0, was -0.5",
            "windows.big: must be a finite number, was 'NaN'",
            "windows.grace: must be a duration such as 5s, 10m, 1h or PT5S, was '-1s'",
            "windows.size: must be positive, was '0s'",
            "windows.wait: must be zero or more, was '-PT1S'",
            "windows.enabled: must be true or false, was 'maybe'",
            "windows.colour: must be one of [red, dark_blue], was 'purple'",
            "windows.nested: must be a single value, not a mapping");
  }

  @Test
  void shouldNameChildrenEntriesAndNamedNumbersByKeyPath() {
    final ConfigNode root =
        keyPaths(
            "",
            """
            fleet:
              nodes:
                node-3: {pue: 0.8}
                broken: 5
              factors: {DE: 1.2, FR: -1}
            zones: 7
            """);

    final ConfigNode fleet = root.child("fleet");
    final Map<String, ConfigNode> nodes = fleet.entries("nodes");
    assertThat(nodes).containsOnlyKeys("node-3");
    assertThat(nodes.get("node-3").number("pue", 1.2, 1.0)).isEqualTo(0.8);
    assertThat(fleet.numbers("factors", 0.0)).containsExactly(entry("DE", 1.2), entry("FR", -1.0));
    assertThat(root.child("zones").string("world", "w")).isEqualTo("w");

    assertThat(binding.problems())
        .containsExactly(
            "fleet.nodes[broken]: must be a mapping of keys to values, was '5'",
            "fleet.nodes[node-3].pue: must be >= 1.0, was 0.8",
            "fleet.factors[FR]: must be >= 0.0, was -1",
            "zones: must be a mapping of keys to values, was '7'");
  }

  @Test
  void shouldReportUnknownKeysWithTheNearestKnownOne() {
    final ConfigNode node = keyPaths("windows", "sise: 1m\ngrace: 1m\ncolour: red\n");
    node.duration("size", Duration.ofMinutes(1));
    node.duration("grace", Duration.ofMinutes(1));
    node.finish();

    assertThat(binding.problems())
        .containsExactly(
            "windows.sise: unknown key (did you mean windows.size?)",
            "windows.colour: unknown key");
  }

  @Test
  void shouldNameTheEnvironmentVariableThatSetABadValue() {
    final ConfigNode node = keyPaths("metrics", "port: -1\n");
    binding.origin("metrics.port", "IMPACT_METRICS_PORT");
    node.integer("port", 9464, 0, 65_535);

    assertThat(binding.problems())
        .containsExactly(
            "metrics.port: must be between 0 and 65535, was -1 (set by IMPACT_METRICS_PORT)");
  }

  @Test
  void shouldReadRuleFieldsAndNameTheRuleAndFieldInProblems() {
    final ConfigNode rule =
        rule(
            """
            name: dirty
            severity: Dark_Blue
            above: 2
            minSaving: 1.5
            hysteresis: many
            labels: {team: ml, page: true}
            tags: x
            resolveAfter: 0s
            lookahead: [1h]
            limits: {max: -3}
            colour: red
            """);

    assertThat(rule.requiredString("name")).isEqualTo("dirty");
    assertThat(rule.requiredString("type")).isNull();
    assertThat(rule.choice("severity", Colour.class, Colour.RED)).isEqualTo(Colour.DARK_BLUE);
    assertThat(rule.number("above", null, 0, 1e15)).isEqualTo(2.0);
    assertThat(rule.number("minSaving", 0.3, 0.01, 1.0)).isEqualTo(1.5);
    assertThat(rule.number("hysteresis", 0.1, 0.0, 0.9)).isEqualTo(0.1);
    assertThat(rule.number("budgetGramsPerDay", null, 1e-9, 1e15)).isNaN();
    assertThat(rule.number("burnRate", 14.4, 1.0, 1e15)).isEqualTo(14.4);
    assertThat(rule.optionalNumber("aboveForecastBy", 0, 1e15)).isNull();
    assertThat(rule.labels("labels")).containsExactly(entry("team", "ml"), entry("page", "true"));
    assertThat(rule.labels("tags")).isEmpty();
    assertThat(rule.duration("resolveAfter", Duration.ofMinutes(2)))
        .isEqualTo(Duration.ofMinutes(2));
    assertThat(rule.duration("lookahead", Duration.ofHours(6))).isEqualTo(Duration.ofHours(6));
    assertThat(rule.child("limits").integer("max", 1, 0, 10)).isEqualTo(-3);
    rule.finish();

    final String where = "rule 'dirty' (rules[3]), field ";
    assertThat(binding.problems())
        .containsExactly(
            where + "'type': is required",
            where + "'minSaving': must be between 0.01 and 1.0, was 1.5",
            where + "'hysteresis': must be a number, was 'many'",
            where + "'budgetGramsPerDay': is required",
            where + "'tags': must be a mapping of label names to values",
            where + "'resolveAfter': must be positive, was '0s'",
            where + "'lookahead': must be a single value, not a list",
            where + "'limits.max': must be between 0 and 10, was -3",
            where
                + "'colour': unknown field (known here: name, type, severity, above, minSaving,"
                + " hysteresis, budgetGramsPerDay, burnRate, aboveForecastBy, labels, tags,"
                + " resolveAfter, lookahead, limits)");
    assertThat(binding.knownPaths()).as("rule fields are no environment keys").isEmpty();
  }

  @Test
  void shouldReportAProblemOfTheCallerInTheNodesStyle() {
    keyPaths("alerts", "{}").problem("rulesFile", "file not found: x.yaml");
    rule("name: dirty\n").problem("shortWindow", "must be shorter than longWindow (PT1H)");

    assertThat(binding.problems())
        .containsExactly(
            "alerts.rulesFile: file not found: x.yaml",
            "rule 'dirty' (rules[3]), field 'shortWindow': must be shorter than longWindow (PT1H)");
  }

  private static <K, V> Map.Entry<K, V> entry(final K key, final V value) {
    return Map.entry(key, value);
  }
}
