package io.inferenceimpact.topology.attribution;

import io.inferenceimpact.attribution.ActiveRequest;
import io.inferenceimpact.attribution.GpuSample;
import io.inferenceimpact.attribution.IntegratorState;
import io.inferenceimpact.attribution.OpenSlot;
import io.inferenceimpact.attribution.SlotEnergy;
import io.inferenceimpact.topology.support.CompactSerde;
import io.inferenceimpact.topology.support.CompactSerde.In;
import io.inferenceimpact.topology.support.CompactSerde.Out;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of the attribution stage's busiest records in {@link CompactSerde}'s version-1 format,
 * in declaration order. A record that gains or loses a field needs a new format version.
 */
final class AttributionCodecs {
  private AttributionCodecs() {}

  static CompactSerde<RequestOnGpu> requestOnGpu() {
    return new CompactSerde<>(
        RequestOnGpu.class,
        new CompactSerde.Codec<>() {
          @Override
          public void write(final Out out, final RequestOnGpu value) {
            out.writeString(value.gpuUuid());
            writeRequest(out, value.request());
            out.writeBytes(value.requestAvro());
          }

          @Override
          public RequestOnGpu read(final In in) {
            return new RequestOnGpu(in.readString(), readRequest(in), in.readBytes());
          }
        });
  }

  static CompactSerde<RequestPart> requestPart() {
    return new CompactSerde<>(
        RequestPart.class,
        new CompactSerde.Codec<>() {
          @Override
          public void write(final Out out, final RequestPart value) {
            out.writeString(value.gpuUuid());
            writeRequest(out, value.request());
            out.writeBytes(value.requestAvro());
            out.writeDouble(value.gpuJoules());
            out.writeDouble(value.serverJoules());
            out.writeDouble(value.facilityJoules());
            out.writeLong(value.measuredMillis());
            out.writeDouble(value.reservedMillis());
            out.writeBoolean(value.late());
          }

          @Override
          public RequestPart read(final In in) {
            return new RequestPart(
                in.readString(),
                readRequest(in),
                in.readBytes(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                in.readLong(),
                in.readDouble(),
                in.readBoolean());
          }
        });
  }

  static CompactSerde<SlotArrival> slotArrival() {
    return new CompactSerde<>(
        SlotArrival.class,
        new CompactSerde.Codec<>() {
          @Override
          public void write(final Out out, final SlotArrival value) {
            final SlotEnergy s = value.slot();
            out.writeString(s.gpuId());
            out.writeLong(s.slotStartMillis());
            out.writeLong(s.slotEndMillis());
            out.writeDouble(s.energyJoules());
            out.writeLong(s.measuredMillis());
            out.writeLong(s.unmeasuredMillis());
            out.writeLong(s.measuredStartMillis());
            out.writeLong(s.measuredEndMillis());
            out.writeInt(s.counterAnomalies());
            out.writeLongs(s.pieceStarts());
            out.writeLongs(s.pieceEnds());
            out.writeDoubles(s.pieceJoules());
            out.writeDoubles(s.pieceStartWatts());
            out.writeDoubles(s.pieceEndWatts());
            out.writeString(value.node());
          }

          @Override
          public SlotArrival read(final In in) {
            final SlotEnergy slot =
                new SlotEnergy(
                    in.readString(),
                    in.readLong(),
                    in.readLong(),
                    in.readDouble(),
                    in.readLong(),
                    in.readLong(),
                    in.readLong(),
                    in.readLong(),
                    in.readInt(),
                    in.readLongs(),
                    in.readLongs(),
                    in.readDoubles(),
                    in.readDoubles(),
                    in.readDoubles());
            return new SlotArrival(slot, in.readString());
          }
        });
  }

  static CompactSerde<GpuIntegration> gpuIntegration() {
    return new CompactSerde<>(
        GpuIntegration.class,
        new CompactSerde.Codec<>() {
          @Override
          public void write(final Out out, final GpuIntegration value) {
            final IntegratorState state = value.state();
            final GpuSample last = state.lastSample();
            out.writeBoolean(last != null);
            if (last != null) {
              out.writeLong(last.timeMillis());
              out.writeDouble(last.powerWatts());
              out.writeBoolean(last.energyMillijoules() != null);
              if (last.energyMillijoules() != null) {
                out.writeLong(last.energyMillijoules());
              }
            }
            out.writeLong(state.coveredUpToMillis());
            final OpenSlot open = state.openSlot();
            out.writeBoolean(open != null);
            if (open != null) {
              out.writeLong(open.slotStartMillis());
              out.writeDouble(open.energyJoules());
              out.writeLong(open.measuredMillis());
              out.writeLong(open.unmeasuredMillis());
              out.writeLong(open.measuredStartMillis());
              out.writeLong(open.measuredEndMillis());
              out.writeInt(open.counterAnomalies());
              out.writeLongs(open.pieceStarts());
              out.writeLongs(open.pieceEnds());
              out.writeDoubles(open.pieceJoules());
              out.writeDoubles(open.pieceStartWatts());
              out.writeDoubles(open.pieceEndWatts());
            }
            out.writeString(value.node());
            out.writeLong(value.lastSampleMillis());
          }

          @Override
          public GpuIntegration read(final In in) {
            GpuSample last = null;
            if (in.readBoolean()) {
              final long time = in.readLong();
              final double watts = in.readDouble();
              final Long counter = in.readBoolean() ? in.readLong() : null;
              last = new GpuSample(time, watts, counter);
            }
            final long covered = in.readLong();
            OpenSlot open = null;
            if (in.readBoolean()) {
              open =
                  new OpenSlot(
                      in.readLong(),
                      in.readDouble(),
                      in.readLong(),
                      in.readLong(),
                      in.readLong(),
                      in.readLong(),
                      in.readInt(),
                      in.readLongs(),
                      in.readLongs(),
                      in.readDoubles(),
                      in.readDoubles(),
                      in.readDoubles());
            }
            return new GpuIntegration(
                new IntegratorState(last, covered, open), in.readString(), in.readLong());
          }
        });
  }

  static CompactSerde<MeasuredRequestEnergy> measuredRequestEnergy() {
    return new CompactSerde<>(
        MeasuredRequestEnergy.class,
        new CompactSerde.Codec<>() {
          @Override
          public void write(final Out out, final MeasuredRequestEnergy value) {
            out.writeString(value.requestId());
            out.writeBytes(value.requestAvro());
            out.writeInt(value.gpuUuids().size());
            for (final String gpu : value.gpuUuids()) {
              out.writeString(gpu);
            }
            out.writeDouble(value.gpuJoules());
            out.writeDouble(value.serverJoules());
            out.writeDouble(value.facilityJoules());
            out.writeDouble(value.reservedGpuMillis());
            out.writeLong(value.unmeasuredGpuMillis());
            out.writeInt(value.lateGpus());
          }

          @Override
          public MeasuredRequestEnergy read(final In in) {
            final String requestId = in.readString();
            final byte[] avro = in.readBytes();
            final int gpus = in.readInt();
            if (gpus < 0) {
              throw new IllegalArgumentException("negative GPU count " + gpus);
            }
            final List<String> gpuUuids = new ArrayList<>(Math.min(gpus, 1024));
            for (int i = 0; i < gpus; i++) {
              gpuUuids.add(in.readString());
            }
            return new MeasuredRequestEnergy(
                requestId,
                avro,
                List.copyOf(gpuUuids),
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                in.readLong(),
                in.readInt());
          }
        });
  }

  private static void writeRequest(final Out out, final ActiveRequest r) {
    out.writeString(r.requestId());
    out.writeString(r.model());
    out.writeLong(r.startMillis());
    out.writeLong(r.endMillis());
    out.writeLong(r.tokens());
    out.writeInt(r.gpuCount());
  }

  private static ActiveRequest readRequest(final In in) {
    return new ActiveRequest(
        in.readString(),
        in.readString(),
        in.readLong(),
        in.readLong(),
        in.readLong(),
        in.readInt());
  }
}
