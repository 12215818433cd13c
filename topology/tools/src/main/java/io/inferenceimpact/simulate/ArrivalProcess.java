package io.inferenceimpact.simulate;

import java.util.List;
import java.util.Random;

/**
 * Request arrivals replayed from the {@link AzureTrace}: starting at a seeded row, each next
 * request takes the trace's next row — its prompt and output lengths, and its gap to the previous
 * arrival rescaled from the trace's own rate to the rate asked for now. At the end of the trace it
 * wraps around (the wrap gap is the trace's mean gap).
 */
public final class ArrivalProcess {

  /** One arrival: seconds after the previous one, and the request's token counts. */
  public record Arrival(double gapSeconds, int inputTokens, int outputTokens) {}

  private final List<AzureTrace.Row> rows;
  private final double traceRatePerSecond;
  private int index;

  public ArrivalProcess(final AzureTrace trace, final Random random) {
    this.rows = trace.rows();
    this.traceRatePerSecond = trace.ratePerSecond();
    this.index = random.nextInt(rows.size());
  }

  /** The next arrival, its gap scaled so that the mean rate is {@code ratePerSecond}. */
  public Arrival next(final double ratePerSecond) {
    if (!(ratePerSecond > 0)) {
      throw new IllegalArgumentException("rate must be > 0, was " + ratePerSecond);
    }
    final AzureTrace.Row row = rows.get(index);
    final int previous = index == 0 ? rows.size() - 1 : index - 1;
    final double traceGapSeconds =
        index == 0
            ? 1.0 / traceRatePerSecond
            : (row.arrivalMicros() - rows.get(previous).arrivalMicros()) / 1e6;
    index = (index + 1) % rows.size();
    return new Arrival(
        traceGapSeconds * traceRatePerSecond / ratePerSecond,
        row.contextTokens(),
        row.generatedTokens());
  }
}
