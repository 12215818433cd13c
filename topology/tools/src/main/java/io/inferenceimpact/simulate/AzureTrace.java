package io.inferenceimpact.simulate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The real Azure LLM inference traces (code and conversation, one hour on 2023-11-16; Patel et al.,
 * "Splitwise", ISCA 2024; CC-BY-4.0; see resources simulate/SOURCES.md), merged in arrival order.
 * Each row keeps its own arrival time and its own prompt and output lengths, so the simulator
 * replays their joint distribution.
 */
public final class AzureTrace {

  /** One request of the trace: arrival in microseconds after the first, and its token counts. */
  public record Row(long arrivalMicros, int contextTokens, int generatedTokens) {}

  private static final String[] FILES = {
    "/simulate/AzureLLMInferenceTrace_code.csv.gz", "/simulate/AzureLLMInferenceTrace_conv.csv.gz"
  };
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSSS]");

  private static final class Holder {
    private static final AzureTrace BUNDLED = load();
  }

  private final List<Row> rows;

  private AzureTrace(final List<Row> rows) {
    this.rows = List.copyOf(rows);
  }

  /** Both bundled traces, merged; loaded once. */
  public static AzureTrace bundled() {
    return Holder.BUNDLED;
  }

  public List<Row> rows() {
    return rows;
  }

  /** Requests per second of the trace over its span. */
  public double ratePerSecond() {
    final long spanMicros = rows.get(rows.size() - 1).arrivalMicros() - rows.get(0).arrivalMicros();
    return (rows.size() - 1) / (spanMicros / 1e6);
  }

  private static AzureTrace load() {
    final List<long[]> raw = new ArrayList<>();
    for (final String file : FILES) {
      read(file, raw);
    }
    raw.sort(Comparator.comparingLong(r -> r[0]));
    final long first = raw.get(0)[0];
    final List<Row> rows = new ArrayList<>(raw.size());
    for (final long[] r : raw) {
      rows.add(new Row(r[0] - first, (int) r[1], (int) r[2]));
    }
    return new AzureTrace(rows);
  }

  private static void read(final String resource, final List<long[]> into) {
    try (InputStream in = AzureTrace.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      final BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
      reader.readLine(); // TIMESTAMP,ContextTokens,GeneratedTokens
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        final String[] f = line.split(",");
        final var time = LocalDateTime.parse(f[0], TIME).toInstant(ZoneOffset.UTC);
        final long micros = time.getEpochSecond() * 1_000_000L + time.getNano() / 1_000;
        into.add(new long[] {micros, Long.parseLong(f[1]), Long.parseLong(f[2])});
      }
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
