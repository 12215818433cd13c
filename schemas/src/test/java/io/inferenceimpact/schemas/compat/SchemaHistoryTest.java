package io.inferenceimpact.schemas.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file layout rules of the history check, on small schema trees under target/tmp. */
class SchemaHistoryTest {

  private static final String V1 =
      """
      {"type": "record", "name": "Thing", "namespace": "t", "doc": "d",
       "fields": [{"name": "id", "type": "string", "doc": "d"}]}\
      """;
  private static final String V2 =
      """
      {"type": "record", "name": "Thing", "namespace": "t", "doc": "d",
       "fields": [{"name": "id", "type": "string", "doc": "d"},
                  {"name": "size_bytes", "type": ["null", "long"], "default": null, "doc": "d"}]}\
      """;

  @TempDir Path dir;

  @Test
  void shouldPassACompatibleHistory() throws IOException {
    write("avro/Thing.avsc", V2);
    write("history/Thing/v1.avsc", V1);
    write("history/Thing/v2.avsc", V2);

    assertThat(check()).isEmpty();
  }

  @Test
  void shouldReportAnIncompatibleCurrentSchema() throws IOException {
    write("avro/Thing.avsc", V1.replace("\"type\": \"string\"", "\"type\": \"int\""));
    write("history/Thing/v1.avsc", V1);

    assertThat(check())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("Thing v1", "TYPE_MISMATCH", "'id'");
  }

  @Test
  void shouldReportAReleasedSchemaWhoseCurrentFileIsGone() throws IOException {
    write("history/Thing/v1.avsc", V1);

    assertThat(check())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("Thing", "no current schema");
  }

  @Test
  void shouldReportAGapInVersionsAndABadFileName() throws IOException {
    write("avro/Thing.avsc", V2);
    write("history/Thing/v2.avsc", V2);
    write("history/Thing/latest.avsc", V2);

    assertThat(check())
        .anySatisfy(p -> assertThat(p).contains("v1 is missing"))
        .anySatisfy(p -> assertThat(p).contains("latest.avsc", "v<N>.avsc"));
  }

  @Test
  void shouldReportAFileNamedUnlikeItsRecordAndAnUnparsableFile() throws IOException {
    write("avro/Other.avsc", V1);
    write("avro/Broken.avsc", "{\"type\": \"record\"");

    assertThat(check())
        .anySatisfy(p -> assertThat(p).contains("Other.avsc", "Thing.avsc"))
        .anySatisfy(p -> assertThat(p).contains("Broken.avsc", "not a valid Avro schema"));
  }

  private java.util.List<String> check() throws IOException {
    return SchemaHistory.check(dir.resolve("avro"), dir.resolve("history"));
  }

  private void write(final String relative, final String text) throws IOException {
    final Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
