package io.inferenceimpact.schemas.compat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Reads the current schemas ({@code src/main/avro/<Name>.avsc}) and the released ones ({@code
 * src/main/avro-history/<Name>/v<N>.avsc}) and checks every current schema against each of its
 * releases with {@link SchemaCompatibilityCheck}. Layout mistakes (a file named unlike its record,
 * a release without a current schema, a gap in version numbers, an unparsable file) are problems
 * too, so that a broken history cannot pass by being skipped.
 */
public final class SchemaHistory {

  private static final Pattern VERSION_FILE = Pattern.compile("v([1-9][0-9]*)\\.avsc");

  private SchemaHistory() {}

  /** All problems of the current schemas against the history; empty when the build may pass. */
  public static List<String> check(final Path currentDir, final Path historyDir)
      throws IOException {
    final List<String> problems = new ArrayList<>();
    final Map<String, Schema> current = new TreeMap<>();
    for (final Path file : list(currentDir, "*.avsc")) {
      final String name = file.getFileName().toString().replaceFirst("\\.avsc$", "");
      final Schema schema = parse(file, problems);
      if (schema != null && !schema.getName().equals(name)) {
        problems.add(file + ": file name must be the record name " + schema.getName() + ".avsc");
      } else if (schema != null) {
        current.put(name, schema);
      }
    }
    for (final Path folder : list(historyDir, "*")) {
      final String name = folder.getFileName().toString();
      final SortedMap<Integer, Schema> released = released(folder, problems);
      final Schema schema = current.get(name);
      if (schema == null) {
        problems.add(
            name
                + ": released in "
                + folder
                + " but has no current schema "
                + currentDir.resolve(name + ".avsc")
                + "; released schemas are never deleted");
      } else {
        problems.addAll(SchemaCompatibilityCheck.check(name, schema, released));
      }
    }
    return problems;
  }

  private static SortedMap<Integer, Schema> released(final Path folder, final List<String> problems)
      throws IOException {
    final SortedMap<Integer, Schema> released = new TreeMap<>();
    for (final Path file : list(folder, "*")) {
      final Matcher matcher = VERSION_FILE.matcher(file.getFileName().toString());
      if (!matcher.matches()) {
        problems.add(file + ": released files are named v<N>.avsc");
        continue;
      }
      final Schema schema = parse(file, problems);
      if (schema != null) {
        released.put(Integer.parseInt(matcher.group(1)), schema);
      }
    }
    int expected = 1;
    for (final int version : released.keySet()) {
      if (version != expected) {
        problems.add(
            folder + ": versions must run 1, 2, 3 ... without gaps; v" + expected + " is missing");
        break;
      }
      expected++;
    }
    return released;
  }

  private static Schema parse(final Path file, final List<String> problems) throws IOException {
    try {
      return new Schema.Parser().parse(file.toFile());
    } catch (final SchemaParseException e) {
      problems.add(file + ": not a valid Avro schema: " + e.getMessage());
      return null;
    }
  }

  private static List<Path> list(final Path dir, final String glob) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    final List<Path> paths = new ArrayList<>();
    try (var stream = Files.newDirectoryStream(dir, glob)) {
      stream.forEach(paths::add);
    }
    paths.sort(null);
    return paths;
  }

  /**
   * Prints the problems and exits non-zero when there are any. Arguments: the current schema folder
   * and the history folder (defaults: src/main/avro and src/main/avro-history).
   */
  public static void main(final String[] args) throws IOException {
    final Path currentDir = Path.of(args.length > 0 ? args[0] : "src/main/avro");
    final Path historyDir = Path.of(args.length > 1 ? args[1] : "src/main/avro-history");
    final List<String> problems = check(currentDir, historyDir);
    problems.forEach(System.err::println);
    if (!problems.isEmpty()) {
      System.exit(1);
    }
    System.out.println("Schemas compatible with their history: " + currentDir);
  }
}
