package io.inferenceimpact.app;

import io.inferenceimpact.binding.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a positive duration option as the configuration file writes durations (30s, 5m, PT1H); a
 * wrong one is a usage error (exit 2) that shows the expected form.
 */
final class DurationOptionConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(final String text) {
    return Durations.parse(text)
        .filter(d -> !d.isNegative() && !d.isZero())
        .orElseThrow(
            () ->
                new TypeConversionException(
                    "'" + text + "' is not a positive duration like 30s, 5m or PT1H"));
  }
}
