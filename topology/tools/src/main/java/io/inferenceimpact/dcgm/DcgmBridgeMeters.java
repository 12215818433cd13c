package io.inferenceimpact.dcgm;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The meters of {@code impact dcgm-bridge}, named as in docs/METRICS.md: scrapes by outcome,
 * samples sent, GPUs skipped, energy-counter resets. Every label takes a fixed, small set of
 * values.
 */
public final class DcgmBridgeMeters {
  /** Why a scrape gave no samples: the {@code reason} label values. */
  public enum Failure {
    UNREACHABLE("unreachable"),
    TIMEOUT("timeout"),
    HTTP_STATUS("http-status"),
    MALFORMED("malformed"),
    NO_GPUS("no-gpus"),
    SEND("send");

    private final String label;

    Failure(final String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private final MeterRegistry registry;
  private final Counter scrapes;
  private final Counter samples;
  private final Counter skipped;
  private final Counter resets;
  private final Map<Failure, Counter> failures = new ConcurrentHashMap<>();

  public DcgmBridgeMeters(final MeterRegistry registry) {
    this.registry = registry;
    this.scrapes =
        Counter.builder("impact.dcgm.scrapes")
            .description("dcgm-exporter scrapes attempted")
            .register(registry);
    this.samples =
        Counter.builder("impact.dcgm.samples")
            .description("GPU samples sent to the GPU metrics topic")
            .register(registry);
    this.skipped =
        Counter.builder("impact.dcgm.gpus.skipped")
            .description(
                "GPUs of a scrape that gave no sample (no or invalid power value, no host)")
            .register(registry);
    this.resets =
        Counter.builder("impact.dcgm.energy.counter.resets")
            .description("GPU energy counters that went backwards (driver reload, GPU reset)")
            .register(registry);
    for (final Failure f : Failure.values()) {
      failures.put(
          f,
          Counter.builder("impact.dcgm.scrape.failures")
              .description("dcgm-exporter scrapes that failed, by reason")
              .tag("reason", f.label())
              .register(registry));
    }
  }

  void scrape() {
    scrapes.increment();
  }

  void failure(final Failure reason) {
    failures.get(reason).increment();
  }

  void samples(final int count) {
    samples.increment(count);
  }

  void skipped(final int count) {
    skipped.increment(count);
  }

  void reset() {
    resets.increment();
  }

  /** Failed scrapes of one reason so far. */
  public double failures(final Failure reason) {
    return failures.get(reason).count();
  }

  /** Failed scrapes, all reasons. */
  public double failures() {
    return failures.values().stream().mapToDouble(Counter::count).sum();
  }

  public double samples() {
    return samples.count();
  }

  public double resets() {
    return resets.count();
  }

  public double skipped() {
    return skipped.count();
  }

  public MeterRegistry registry() {
    return registry;
  }
}
