package io.inferenceimpact.connectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A credential and the name under which the user supplies it (an environment variable or a file).
 * The value leaves this class only through {@link #value()} for the request that needs it; {@link
 * #toString()} shows the name only, so a credential never reaches a log line or an exception.
 */
public final class Secret {
  private final String name;
  private final String value;

  private Secret(final String name, final String value) {
    this.name = name;
    this.value = value;
  }

  public static Secret of(final String name, final String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is empty");
    }
    return new Secret(name, value.strip());
  }

  /** The variable's value, if it is set and not blank. */
  public static Optional<Secret> fromEnv(final Map<String, String> env, final String variable) {
    final String value = env.get(variable);
    return value == null || value.isBlank()
        ? Optional.empty()
        : Optional.of(new Secret(variable, value.strip()));
  }

  /** The file's content without surrounding whitespace; named after the file. */
  public static Secret fromFile(final Path file) {
    try {
      return of("token file " + file, Files.readString(file, StandardCharsets.UTF_8));
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read token file " + file, e);
    }
  }

  /** Where the user supplied it (variable or file), safe to print. */
  public String name() {
    return name;
  }

  String value() {
    return value;
  }

  @Override
  public String toString() {
    return "Secret[" + name + "=******]";
  }
}
