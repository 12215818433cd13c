package io.inferenceimpact.dcgm;

import io.inferenceimpact.avro.GpuSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one dcgm-exporter scrape into one {@link GpuSample} per physical GPU (label {@code UUID}).
 *
 * <ul>
 *   <li>{@code DCGM_FI_DEV_POWER_USAGE} (W) → {@code power_watts}; a GPU without it gets no sample
 *       (it is listed in {@link Result#skipped()}).
 *   <li>{@code DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION} (mJ since driver load) → {@code
 *       energy_millijoules_total}, unchanged; absent, negative or NaN → null.
 *   <li>{@code DCGM_FI_DEV_GPU_UTIL} (%) → {@code utilization_percent}; {@code DCGM_FI_DEV_FB_USED}
 *       (MiB) → {@code memory_used_bytes} (× 1,048,576).
 *   <li>Labels {@code Hostname} → {@code node} (unless a node name is given), {@code modelName} →
 *       {@code gpu_model}.
 *   <li>MIG: dcgm-exporter repeats the board's power and energy on the line of every GPU instance
 *       ({@code GPU_I_ID}); they are the whole board's, so the bridge sends one sample per board
 *       (the line without {@code GPU_I_ID} when there is one, else the first instance's) with
 *       {@code mig_instance_id} null, and never adds up the repeats.
 * </ul>
 *
 * Source of the field names and units: dcgm-exporter's default counters (HELP lines of the recorded
 * outputs in test resources: "Power draw (in W)", "Total energy consumption since boot (in mJ)",
 * "Framebuffer memory used (in MiB)").
 */
final class DcgmSamples {
  static final String POWER = "DCGM_FI_DEV_POWER_USAGE";
  static final String ENERGY = "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION";
  static final String UTIL = "DCGM_FI_DEV_GPU_UTIL";
  static final String FB_USED = "DCGM_FI_DEV_FB_USED";
  private static final long BYTES_PER_MIB = 1_048_576L;

  /** Samples built, and the GPUs (UUID → why) that got none. */
  record Result(List<GpuSample> samples, Map<String, String> skipped) {}

  private DcgmSamples() {}

  /**
   * @param scrapedAt the sample time of lines without their own timestamp
   * @param node the node name to use, or null to take each GPU's {@code Hostname} label
   */
  static Result from(
      final List<Exposition.Series> series, final Instant scrapedAt, final String node) {
    final Map<String, Map<String, Exposition.Series>> byGpu = new LinkedHashMap<>();
    for (final Exposition.Series s : series) {
      final String uuid = s.label("UUID");
      if (uuid == null || uuid.isBlank() || !isUsed(s.name())) {
        continue;
      }
      final Map<String, Exposition.Series> fields =
          byGpu.computeIfAbsent(uuid, u -> new LinkedHashMap<>());
      final Exposition.Series kept = fields.get(s.name());
      // The whole-GPU line wins over a MIG instance's repeat of the same board value.
      if (kept == null || (isInstance(kept) && !isInstance(s))) {
        fields.put(s.name(), s);
      }
    }
    final List<GpuSample> samples = new ArrayList<>();
    final Map<String, String> skipped = new LinkedHashMap<>();
    byGpu.forEach(
        (uuid, fields) -> {
          final Exposition.Series power = fields.get(POWER);
          if (power == null || !Double.isFinite(power.value()) || power.value() < 0) {
            skipped.put(uuid, power == null ? "no " + POWER : POWER + " is " + power.value());
            return;
          }
          final String host = node != null ? node : power.label("Hostname");
          if (host == null || host.isBlank()) {
            skipped.put(uuid, "no Hostname label (give the node name with --node)");
            return;
          }
          final Instant time =
              power.timestampMillis() != null
                  ? Instant.ofEpochMilli(power.timestampMillis())
                  : scrapedAt;
          samples.add(
              GpuSample.newBuilder()
                  .setNode(host)
                  .setGpuUuid(uuid)
                  .setGpuModel(power.label("modelName"))
                  .setMigInstanceId(null)
                  .setTime(time)
                  .setPowerWatts(power.value())
                  .setEnergyMillijoulesTotal(counter(fields.get(ENERGY)))
                  .setUtilizationPercent(percent(fields.get(UTIL)))
                  .setMemoryUsedBytes(mebibytes(fields.get(FB_USED)))
                  .build());
        });
    return new Result(samples, skipped);
  }

  private static boolean isUsed(final String name) {
    return name.equals(POWER) || name.equals(ENERGY) || name.equals(UTIL) || name.equals(FB_USED);
  }

  private static boolean isInstance(final Exposition.Series s) {
    final String instance = s.label("GPU_I_ID");
    return instance != null && !instance.isEmpty();
  }

  private static Long counter(final Exposition.Series s) {
    return s == null || !Double.isFinite(s.value()) || s.value() < 0 ? null : Math.round(s.value());
  }

  private static Double percent(final Exposition.Series s) {
    return s == null || !Double.isFinite(s.value()) || s.value() < 0 || s.value() > 100
        ? null
        : s.value();
  }

  private static Long mebibytes(final Exposition.Series s) {
    return s == null || !Double.isFinite(s.value()) || s.value() < 0
        ? null
        : Math.round(s.value() * BYTES_PER_MIB);
  }
}
