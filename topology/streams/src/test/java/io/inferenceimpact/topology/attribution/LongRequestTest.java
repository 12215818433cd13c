package io.inferenceimpact.topology.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inferenceimpact.avro.ImpactMethod;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.ModelImpactWindow;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.testing.WholeTopologyDriver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * A request longer than the energy grace (1 min here): by the time it ends and is reported, the
 * first part of its time on the GPU is already final and was split without it (as idle). It is
 * counted once, MEASURED (its GPU was measured all along: nothing is estimated on top), and the
 * GPU's energy is conserved over the request and idle, in the per-request results and in the
 * windows alike.
 *
 * <p>Two GPUs of node-1 at 300 W from 0 to 400 s; GPU-B runs short requests that move the requests'
 * watermark on while the long request [10 s, 250 s) on GPU-A is still running.
 */
class LongRequestTest {
  private static final double WATTS = 300.0;

  @Test
  void shouldCountALongRequestOnceAsMeasuredAndConserveTheGpusEnergy() throws Exception {
    final Properties props = new Properties();
    props.put("energy.grace", "1m");
    props.put("zones.intensityWait", "1m");
    final ImpactConfig config = ConfigLoader.load(props, Map.of());
    try (WholeTopologyDriver driver = new WholeTopologyDriver("long-request", config)) {
      driver.steady("GPU-A", 0, 400_000, WATTS);
      driver.steady("GPU-B", 0, 400_000, WATTS);
      for (long end = 20_000; end <= 240_000; end += 20_000) {
        driver.pipe(request("short-" + end, "GPU-B", end - 5_000, end));
        driver.advanceWallClock(Duration.ofSeconds(2)); // the attribution finalises as it goes
      }
      driver.pipe(request("long", "GPU-A", 10_000, 250_000));
      driver.finishAll();
      driver.closeWindows();

      final List<RequestImpact> impacts = driver.impacts().readValuesToList();
      final List<ModelImpactWindow> windows =
          driver.windows().readValuesToList().stream().filter(w -> w.getTenant() == null).toList();

      assertThat(impacts.stream().filter(i -> i.getRequestId().equals("long"))).hasSize(1);
      assertThat(impacts)
          .hasSize(13)
          .allSatisfy(i -> assertThat(i.getMethod()).isEqualTo(ImpactMethod.MEASURED));
      final RequestImpact longOne =
          impacts.stream().filter(i -> i.getRequestId().equals("long")).findFirst().orElseThrow();
      // Part of its time was final before it was reported: it has at most its own 240 s.
      assertThat(longOne.getGpuEnergyJoules()).isPositive().isLessThanOrEqualTo(WATTS * 240 + 1e-6);
      // Conservation: two GPUs × 300 W × 400 s = requests + idle, in the windows as per request.
      final double requests = impacts.stream().mapToDouble(RequestImpact::getGpuEnergyJoules).sum();
      final double windowGpu =
          windows.stream().mapToDouble(ModelImpactWindow::getGpuEnergyJoules).sum();
      final double idle =
          windows.stream().mapToDouble(ModelImpactWindow::getIdleEnergyJoules).sum();
      assertThat(windowGpu).isCloseTo(requests, within(1e-6));
      assertThat(requests + idle).isCloseTo(2 * WATTS * 400, within(1e-6));
    }
  }

  private static InferenceRequest request(
      final String id, final String gpu, final long startMillis, final long endMillis) {
    return AttributionDriver.requestOf(id, "llama", startMillis, endMillis, gpu);
  }
}
