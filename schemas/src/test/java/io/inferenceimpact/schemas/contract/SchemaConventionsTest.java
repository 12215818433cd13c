package io.inferenceimpact.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every schema file follows the contract's conventions; the rules themselves catch bad schemas. */
class SchemaConventionsTest {

  static Stream<Path> schemaFiles() throws IOException {
    final List<Path> files;
    try (Stream<Path> listing = Files.list(Path.of("src/main/avro"))) {
      files = listing.filter(f -> f.toString().endsWith(".avsc")).sorted().toList();
    }
    assertThat(files).hasSize(7);
    return files.stream();
  }

  @ParameterizedTest
  @MethodSource("schemaFiles")
  void shouldFollowTheConventions(final Path file) throws IOException {
    final Schema schema = new Schema.Parser().parse(file.toFile());

    assertThat(SchemaConventions.violations(schema)).as(file.toString()).isEmpty();
  }

  @Test
  void shouldReportEachKindOfViolation() {
    final Schema bad =
        new Schema.Parser()
            .parse(
                """
                {"type": "record", "name": "bad_record", "namespace": "elsewhere",
                 "fields": [
                   {"name": "gpuModel", "type": "string", "doc": "camelCase"},
                   {"name": "power", "type": "double", "doc": "no unit"},
                   {"name": "undocumented_bytes", "type": "long"},
                   {"name": "created", "type": {"type": "long", "logicalType": "timestamp-millis"}, "doc": "d"},
                   {"name": "energy_joules", "type": ["double", "null"], "doc": "null not first"},
                   {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["a"]}, "doc": "d"}
                 ]}\
                """);

    assertThat(SchemaConventions.violations(bad))
        .containsExactlyInAnyOrder(
            "elsewhere.bad_record: namespace must be io.inferenceimpact.avro",
            "elsewhere.bad_record: type names are PascalCase",
            "elsewhere.bad_record: has no doc",
            "bad_record.gpuModel: field names are snake_case",
            "bad_record.power: numeric field needs a unit suffix (joules, megajoules,"
                + " millijoules_total, watts, grams, kg_sb_eq, litres, percent, ratio, bytes, ms,"
                + " years, tokens, images, requests, count) or a rate"
                + " <numerator>_per_<denominator>, or a sibling 'unit' field",
            "bad_record.undocumented_bytes: has no doc",
            "bad_record.created: timestamps are named time or *_time/_from/_to/_start/_end/_at",
            "bad_record.energy_joules: optional fields are [\"null\", T] with default null",
            "elsewhere.Kind: namespace must be io.inferenceimpact.avro",
            "elsewhere.Kind: has no doc",
            "Kind: enums declare a default symbol, so old readers survive new symbols",
            "Kind.a: enum symbols are UPPER_SNAKE_CASE");
  }

  @Test
  void shouldAcceptUnitsAndRatesFromTheAllowListOnly() {
    assertThat(
            Stream.of(
                "power_watts",
                "energy_millijoules_total",
                "intensity_g_per_kwh",
                "wh_per_1k_output_tokens",
                "emissions_grams_per_request",
                "requests",
                "gpu_count"))
        .allMatch(SchemaConventions::hasUnit);
    assertThat(
            Stream.of(
                "power",
                "energy_millijoules",
                "intensity_per_kwh",
                "grams_per_minute",
                "duration_seconds",
                "observed"))
        .noneMatch(SchemaConventions::hasUnit);
  }
}
