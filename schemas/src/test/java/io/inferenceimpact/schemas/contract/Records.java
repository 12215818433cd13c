package io.inferenceimpact.schemas.contract;

import io.inferenceimpact.avro.AlertKind;
import io.inferenceimpact.avro.AlertSeverity;
import io.inferenceimpact.avro.AlertStatus;
import io.inferenceimpact.avro.EmissionFactorType;
import io.inferenceimpact.avro.ForecastPoint;
import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.avro.ImpactAlert;
import io.inferenceimpact.avro.ImpactMethod;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.ModelImpactWindow;
import io.inferenceimpact.avro.NodeInfo;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.avro.RequestStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Example records of every type: {@code minimal} sets only the fields without a default, {@code
 * full} starts from the same values and sets every other field to a non-default value. Numbers are
 * plausible for a Llama-3.1-70B request on 4 H100s in Germany.
 */
final class Records {

  static final Instant START = Instant.parse("2026-01-15T10:00:00.000Z");
  static final Instant END = Instant.parse("2026-01-15T10:00:04.250Z");

  private Records() {}

  static InferenceRequest minimalInferenceRequest() {
    return InferenceRequest.newBuilder()
        .setRequestId("req-1")
        .setModel("llama-3.1-70b")
        .setStartTime(START)
        .setEndTime(END)
        .setInputTokens(812)
        .setOutputTokens(400)
        .build();
  }

  static InferenceRequest fullInferenceRequest() {
    return InferenceRequest.newBuilder(minimalInferenceRequest())
        .setDeployment("vllm-70b")
        .setNode("gpu-node-7")
        .setGpuUuids(List.of("GPU-a1", "GPU-a2", "GPU-a3", "GPU-a4"))
        .setZone("DE")
        .setTenant("search-team")
        .setProvider("self")
        .setCachedInputTokens(512L)
        .setTimeToFirstTokenMs(182.5)
        .setStatus(RequestStatus.CANCELLED)
        .setTask("chat")
        .setOutputImages(0)
        .setAttributes(Map.of("batch_size", "64"))
        .build();
  }

  static GpuSample minimalGpuSample() {
    return GpuSample.newBuilder()
        .setNode("gpu-node-7")
        .setGpuUuid("GPU-a1")
        .setTime(START)
        .setPowerWatts(612.4)
        .build();
  }

  static GpuSample fullGpuSample() {
    return GpuSample.newBuilder(minimalGpuSample())
        .setGpuModel("NVIDIA H100 80GB HBM3")
        .setMigInstanceId("1")
        .setEnergyMillijoulesTotal(9_876_543_210L)
        .setUtilizationPercent(87.5)
        .setMemoryUsedBytes(73_014_444_032L)
        .build();
  }

  static GridIntensity minimalGridIntensity() {
    return GridIntensity.newBuilder()
        .setZone("DE")
        .setValidFrom(START)
        .setIntensityGPerKwh(344.14)
        .setEmissionFactorType(EmissionFactorType.LIFECYCLE)
        .setEstimated(false)
        .setSource("electricitymaps")
        .build();
  }

  static GridIntensity fullGridIntensity() {
    return GridIntensity.newBuilder(minimalGridIntensity())
        .setValidTo(END)
        .setEstimationMethod("TIME_SLICER_AVERAGE")
        .setUpdatedAt(START.minusSeconds(60))
        .setForecast(
            List.of(
                new ForecastPoint(START.plusSeconds(3600), 320.0),
                new ForecastPoint(START.plusSeconds(7200), 298.5)))
        .setSignalPercent(87.0)
        .build();
  }

  static NodeInfo minimalNodeInfo() {
    return NodeInfo.newBuilder()
        .setNode("gpu-node-7")
        .setZone("DE")
        .setPueRatio(1.2)
        .setWueLitresPerKwh(0.569)
        .setServerOverheadWatts(1200.0)
        .setGpuCount(8)
        .setGpuModel("NVIDIA H100 80GB HBM3")
        .setServerEmbodiedEmissionsGrams(5_700_000.0)
        .setGpuEmbodiedEmissionsGrams(164_000.0)
        .setHardwareLifetimeYears(3.0)
        .build();
  }

  static NodeInfo fullNodeInfo() {
    return NodeInfo.newBuilder(minimalNodeInfo())
        .setDatacenter("fra-1")
        .setElectricityWaterLitresPerKwh(1.8)
        .setGpuTdpWatts(700.0)
        .setServerAbioticDepletionKgSbEq(0.37)
        .setGpuAbioticDepletionKgSbEq(0.011)
        .setServerPrimaryEnergyMegajoules(70_000.0)
        .setGpuPrimaryEnergyMegajoules(1_900.0)
        .setSource("inventory")
        .setLabels(Map.of("rack", "r12"))
        .build();
  }

  static RequestImpact minimalRequestImpact() {
    return RequestImpact.newBuilder()
        .setRequestId("req-1")
        .setModel("llama-3.1-70b")
        .setZone("DE")
        .setStartTime(START)
        .setEndTime(END)
        .setInputTokens(812)
        .setOutputTokens(400)
        .setMethod(ImpactMethod.MEASURED)
        .setGpuEnergyJoules(720.0)
        .setServerEnergyJoules(90.0)
        .setFacilityEnergyJoules(972.0)
        .setIntensityGPerKwh(344.14)
        .setIntensitySource("electricitymaps")
        .setOperationalEmissionsGrams(0.0929)
        .setEmbodiedEmissionsGrams(0.021)
        .setWaterLitres(0.00065)
        .build();
  }

  static RequestImpact fullRequestImpact() {
    return RequestImpact.newBuilder(minimalRequestImpact())
        .setDeployment("vllm-70b")
        .setNode("gpu-node-7")
        .setGpuUuids(List.of("GPU-a1", "GPU-a2"))
        .setTenant("search-team")
        .setTask("chat")
        .setPueRatio(1.2)
        .setIntensityValidFrom(START.minusSeconds(900))
        .setAbioticDepletionKgSbEq(1.2e-9)
        .setPrimaryEnergyMegajoules(0.004)
        .setFacilityEnergyMinJoules(800.0)
        .setFacilityEnergyMaxJoules(1100.0)
        .setOperationalEmissionsMinGrams(0.076)
        .setOperationalEmissionsMaxGrams(0.105)
        .setEmbodiedEmissionsMinGrams(0.018)
        .setEmbodiedEmissionsMaxGrams(0.024)
        .setWaterMinLitres(0.0005)
        .setWaterMaxLitres(0.0008)
        .setCatalogEntry("meta-llama/Llama-3.1-70B-Instruct")
        .setWaterOnsiteLitres(0.00015)
        .setWaterOffsiteLitres(0.0005)
        .setTrainingEmissionsGrams(0.21)
        .setTrainingWaterLitres(0.001)
        .build();
  }

  static ModelImpactWindow minimalModelImpactWindow() {
    return ModelImpactWindow.newBuilder()
        .setModel("llama-3.1-70b")
        .setZone("DE")
        .setWindowStart(START)
        .setWindowEnd(START.plusSeconds(60))
        .setRequests(120)
        .setInputTokens(97_440)
        .setOutputTokens(48_000)
        .setGpuEnergyJoules(86_400.0)
        .setIdleEnergyJoules(4_200.0)
        .setFacilityEnergyJoules(119_700.0)
        .setOperationalEmissionsGrams(11.44)
        .setEmbodiedEmissionsGrams(2.5)
        .setWaterLitres(0.08)
        .build();
  }

  static ModelImpactWindow fullModelImpactWindow() {
    return ModelImpactWindow.newBuilder(minimalModelImpactWindow())
        .setTenant("search-team")
        .setEstimatedRequests(3)
        .setServerEnergyJoules(9_150.0)
        .setWhPer1kOutputTokens(0.6927)
        .setEmissionsGramsPer1kOutputTokens(0.2904)
        .setEmissionsGramsPerRequest(0.1162)
        .setEmissionsGramsPerHour(836.4)
        .setWaterOnsiteLitres(0.02)
        .setWaterOffsiteLitres(0.06)
        .setTrainingEmissionsGrams(25.2)
        .setTrainingWaterLitres(0.12)
        .build();
  }

  static ImpactAlert minimalImpactAlert() {
    return ImpactAlert.newBuilder()
        .setAlertId("alert-42")
        .setRule("dirty-grid-de")
        .setSubject("zone=DE")
        .setStatus(AlertStatus.RESOLVED)
        .setSeverity(AlertSeverity.WARNING)
        .setObserved(512.0)
        .setThreshold(400.0)
        .setUnit("g_per_kwh")
        .setWindowStart(START)
        .setWindowEnd(START.plusSeconds(300))
        .setSummary("DE grid at 512 g/kWh, above 400")
        .build();
  }

  static ImpactAlert fullImpactAlert() {
    return ImpactAlert.newBuilder(minimalImpactAlert())
        .setKind(AlertKind.DIRTY_GRID)
        .setModel("llama-3.1-70b")
        .setZone("DE")
        .setTenant("search-team")
        .setFiredAt(START)
        .setResolvedAt(END)
        .setSuggestedAction("shift llama-3.1-70b traffic to SE")
        .setSuggestedZone("SE")
        .setLabels(Map.of("team", "platform"))
        .build();
  }
}
