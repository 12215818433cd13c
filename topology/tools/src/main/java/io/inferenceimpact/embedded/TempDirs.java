package io.inferenceimpact.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deletes the temp folders that the embedded servers create for themselves. */
public final class TempDirs {

  private TempDirs() {}

  public static void deleteRecursively(final Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(TempDirs::delete);
    } catch (final IOException e) {
      throw new UncheckedIOException("Could not delete " + dir, e);
    }
  }

  private static void delete(final Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (final IOException e) {
      throw new UncheckedIOException("Could not delete " + path, e);
    }
  }
}
