package io.inferenceimpact.bench.energy;

import io.inferenceimpact.attribution.ActiveRequest;
import io.inferenceimpact.attribution.AttributionMode;
import io.inferenceimpact.attribution.EnergyAttributor;
import io.inferenceimpact.attribution.GpuSlotIntegrator;
import io.inferenceimpact.attribution.SampleOutcome;
import io.inferenceimpact.attribution.SlotAttribution;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The attribution core, each next to a minimal baseline measured in the same run: {@link
 * GpuSlotIntegrator#accept} (samples/s) against a bare running sum, and {@link
 * EnergyAttributor#attribute} (slots/s) against a naive proportional split. Results are returned so
 * that JMH sinks them and the JIT cannot drop the work.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class AttributionBenchmarks {

  @Benchmark
  public SampleOutcome integratorAcceptWithCounter(final GpuIntegratorState s) {
    return s.integrator.accept(s.nextWithCounter());
  }

  @Benchmark
  public SampleOutcome integratorAcceptPowerOnly(final GpuIntegratorState s) {
    return s.integrator.accept(s.nextPowerOnly());
  }

  @Benchmark
  public double integratorBaselineCounterDelta(final BaselineIntegratorState b) {
    return b.nextCounterDelta();
  }

  @Benchmark
  public double integratorBaselineTrapezoid(final BaselineIntegratorState b) {
    return b.nextTrapezoid();
  }

  @Benchmark
  public SlotAttribution attributeSlot(final SlotState s) {
    return EnergyAttributor.attribute(
        s.slot, s.active, SlotState.PREVIOUS_MODEL, AttributionMode.TIME_OVERLAP);
  }

  /**
   * Baseline: each request's overlap with the slot, and the slot's energy split in proportion to
   * them into a map by request id. No canonical order, duplicate handling, idle time, last-served
   * model or rounding remainder.
   */
  @Benchmark
  public Map<String, Double> attributeBaselineProportional(final SlotState s) {
    final List<ActiveRequest> active = s.active;
    final long from = s.slot.slotStartMillis();
    final long to = s.slot.slotEndMillis();
    long totalMillis = 0;
    for (final ActiveRequest request : active) {
      totalMillis += request.overlapMillis(from, to);
    }
    final Map<String, Double> shares = new HashMap<>();
    if (totalMillis == 0) {
      return shares;
    }
    final double energy = s.slot.energyJoules();
    for (final ActiveRequest request : active) {
      shares.put(
          request.requestId(), energy * request.overlapMillis(from, to) / (double) totalMillis);
    }
    return shares;
  }
}
