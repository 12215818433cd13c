package io.inferenceimpact.topology.windows;

import io.inferenceimpact.topology.support.CompactSerde;
import io.inferenceimpact.topology.support.CompactSerde.In;
import io.inferenceimpact.topology.support.CompactSerde.Out;

/**
 * The window stage's repartition and store values in {@link CompactSerde}'s version-1 format, in
 * declaration order (values of earlier releases, JSON, are still read).
 */
final class WindowCodecs {
  private WindowCodecs() {}

  static CompactSerde<WindowContribution> contribution() {
    return new CompactSerde<>(
        WindowContribution.class,
        new CompactSerde.Codec<>() {
          @Override
          public void write(final Out out, final WindowContribution value) {
            out.writeString(value.model());
            out.writeString(value.zone());
            out.writeString(value.tenant());
            out.writeLong(value.eventTimeMillis());
            writeTotals(out, value.totals());
          }

          @Override
          public WindowContribution read(final In in) {
            return new WindowContribution(
                in.readString(), in.readString(), in.readString(), in.readLong(), readTotals(in));
          }
        });
  }

  static CompactSerde<WindowAggregate> aggregate() {
    return new CompactSerde<>(
        WindowAggregate.class,
        new CompactSerde.Codec<>() {
          @Override
          public void write(final Out out, final WindowAggregate value) {
            out.writeString(value.model());
            out.writeString(value.zone());
            out.writeString(value.tenant());
            out.writeLong(value.startMillis());
            out.writeLong(value.endMillis());
            writeTotals(out, value.totals());
          }

          @Override
          public WindowAggregate read(final In in) {
            return new WindowAggregate(
                in.readString(),
                in.readString(),
                in.readString(),
                in.readLong(),
                in.readLong(),
                readTotals(in));
          }
        });
  }

  private static void writeTotals(final Out out, final WindowTotals t) {
    out.writeLong(t.requests());
    out.writeLong(t.estimatedRequests());
    out.writeLong(t.inputTokens());
    out.writeLong(t.outputTokens());
    out.writeDouble(t.gpuEnergyJoules());
    out.writeDouble(t.idleEnergyJoules());
    out.writeDouble(t.serverEnergyJoules());
    out.writeDouble(t.facilityEnergyJoules());
    out.writeDouble(t.operationalGrams());
    out.writeDouble(t.embodiedGrams());
    out.writeDouble(t.waterLitres());
    out.writeDouble(t.waterOnsiteLitres());
    out.writeDouble(t.waterOffsiteLitres());
    writeOptional(out, t.trainingGrams());
    writeOptional(out, t.trainingWaterLitres());
  }

  private static WindowTotals readTotals(final In in) {
    return new WindowTotals(
        in.readLong(),
        in.readLong(),
        in.readLong(),
        in.readLong(),
        in.readDouble(),
        in.readDouble(),
        in.readDouble(),
        in.readDouble(),
        in.readDouble(),
        in.readDouble(),
        in.readDouble(),
        in.readDouble(),
        in.readDouble(),
        readOptional(in),
        readOptional(in));
  }

  private static void writeOptional(final Out out, final Double value) {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeDouble(value);
    }
  }

  private static Double readOptional(final In in) {
    return in.readBoolean() ? in.readDouble() : null;
  }
}
