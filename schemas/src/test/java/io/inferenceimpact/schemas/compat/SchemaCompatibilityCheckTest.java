package io.inferenceimpact.schemas.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * Deliberate changes to real schemas: the incompatible ones are rejected by name, the rest pass.
 */
class SchemaCompatibilityCheckTest {

  private static final Path AVRO = Path.of("src/main/avro");

  @Test
  void shouldAcceptAnUnchangedSchema() throws IOException {
    final String text = read("InferenceRequest");

    assertThat(check("InferenceRequest", text, text)).isEmpty();
  }

  @Test
  void shouldAcceptANewOptionalFieldWithADefault() throws IOException {
    final String released = read("InferenceRequest");
    final String current =
        addField(
            released,
            "{\"name\": \"queue_time_ms\", \"type\": [\"null\", \"double\"], \"default\": null,"
                + " \"doc\": \"Time spent queued.\"}");

    assertThat(check("InferenceRequest", current, released)).isEmpty();
  }

  @Test
  void shouldRejectAFieldAddedWithoutADefault() throws IOException {
    final String released = read("InferenceRequest");
    final String current =
        addField(
            released,
            "{\"name\": \"queue_time_ms\", \"type\": \"double\", \"doc\": \"Time spent queued.\"}");

    assertThat(check("InferenceRequest", current, released))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("InferenceRequest v1", "'queue_time_ms'", "without a default");
  }

  @Test
  void shouldRejectARenamedField() throws IOException {
    final String released = read("InferenceRequest");
    final String current =
        replace(released, "\"name\": \"output_tokens\"", "\"name\": \"generated_tokens\"");

    assertThat(check("InferenceRequest", current, released))
        .anySatisfy(p -> assertThat(p).contains("'generated_tokens'", "without a default"))
        .anySatisfy(p -> assertThat(p).contains("'output_tokens'", "removed or renamed"));
  }

  @Test
  void shouldAcceptARenameThatKeepsTheOldNameAsAlias() throws IOException {
    final String released = read("InferenceRequest");
    final String current =
        replace(
            released,
            "\"name\": \"output_tokens\"",
            "\"name\": \"generated_tokens\", \"aliases\": [\"output_tokens\"]");

    assertThat(check("InferenceRequest", current, released)).isEmpty();
  }

  @Test
  void shouldRejectANarrowedType() throws IOException {
    final String released = read("InferenceRequest");
    final String current =
        replace(
            released,
            "{\"name\": \"input_tokens\", \"type\": \"long\"",
            "{\"name\": \"input_tokens\", \"type\": \"int\"");

    assertThat(check("InferenceRequest", current, released))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("InferenceRequest v1", "TYPE_MISMATCH", "'input_tokens'");
  }

  @Test
  void shouldRejectATypeChangeInsideANestedRecordNamingItsPath() throws IOException {
    final String released = read("GridIntensity");
    final String current =
        replace(
            released,
            "{\"name\": \"intensity_g_per_kwh\", \"type\": \"double\", \"doc\": \"Forecast",
            "{\"name\": \"intensity_g_per_kwh\", \"type\": \"string\", \"doc\": \"Forecast");

    assertThat(check("GridIntensity", current, released))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("GridIntensity v1", "TYPE_MISMATCH", "'forecast.intensity_g_per_kwh'");
  }

  @Test
  void shouldNameTheReleasedVersionThatACurrentSchemaCannotRead() throws IOException {
    final String v1 = read("InferenceRequest");
    final String v2 =
        addField(
            v1,
            "{\"name\": \"queue_time_ms\", \"type\": [\"null\", \"double\"], \"default\": null,"
                + " \"doc\": \"Time spent queued.\"}");
    final String current =
        addField(
            v1,
            "{\"name\": \"queue_time_ms\", \"type\": \"double\", \"doc\": \"Time spent queued.\"}");
    final TreeMap<Integer, Schema> released = new TreeMap<>();
    released.put(1, parse(v1));
    released.put(2, parse(v2));

    final List<String> problems =
        SchemaCompatibilityCheck.check("InferenceRequest", parse(current), released);

    assertThat(problems)
        .anySatisfy(
            p -> assertThat(p).startsWith("InferenceRequest v1 ").contains("'queue_time_ms'"));
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("InferenceRequest v2 ")
                    .contains("TYPE_MISMATCH", "'queue_time_ms'"));
  }

  private static List<String> check(
      final String name, final String current, final String released) {
    return SchemaCompatibilityCheck.check(name, parse(current), 1, parse(released));
  }

  static String read(final String name) throws IOException {
    return Files.readString(AVRO.resolve(name + ".avsc"));
  }

  static Schema parse(final String text) {
    return new Schema.Parser().parse(text);
  }

  static String replace(final String text, final String from, final String to) {
    assertThat(text).as("the schema text to change").contains(from);
    return text.replace(from, to);
  }

  static String addField(final String text, final String fieldJson) {
    return replace(text, "\"fields\": [\n", "\"fields\": [\n    " + fieldJson + ",\n");
  }
}
