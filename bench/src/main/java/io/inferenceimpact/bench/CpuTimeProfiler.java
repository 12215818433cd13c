package io.inferenceimpact.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * JMH profiler ({@code -prof io.inferenceimpact.bench.CpuTimeProfiler}) reporting the benchmark
 * JVM's CPU time per operation ({@code cpu.time.norm}, ns/op; all threads, GC and JIT included). On
 * a machine shared with other work, throughput falls with the share of the cores the benchmark
 * gets, while CPU time per operation stays close to the cost of the code, so ratios of it are the
 * steadier comparison.
 */
public final class CpuTimeProfiler implements InternalProfiler {

  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long cpuNanosBefore;

  @Override
  public String getDescription() {
    return "CPU time of the benchmark JVM per operation";
  }

  @Override
  public void beforeIteration(
      final BenchmarkParams benchmarkParams, final IterationParams iterationParams) {
    cpuNanosBefore = os.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      final BenchmarkParams benchmarkParams,
      final IterationParams iterationParams,
      final IterationResult result) {
    final long cpuNanos = os.getProcessCpuTime() - cpuNanosBefore;
    final long ops = result.getMetadata().getAllOps();
    final double perOp = ops == 0 ? Double.NaN : (double) cpuNanos / ops;
    return List.of(new ScalarResult("cpu.time.norm", perOp, "ns/op", AggregationPolicy.AVG));
  }
}
