package io.inferenceimpact.topology.attribution;

import io.inferenceimpact.attribution.ActiveRequest;
import io.inferenceimpact.avro.InferenceRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * One request as seen by one of its GPUs (topic {@code requests-by-gpu}): what attribution needs,
 * plus the whole request as Avro single-object bytes (no registry involved) so that the per-request
 * result can carry every field of it.
 *
 * @param gpuUuid the GPU this copy is for
 * @param request the request's interval, model, tokens and number of distinct GPUs
 * @param requestAvro {@link InferenceRequest#toByteBuffer()} of the request
 */
public record RequestOnGpu(String gpuUuid, ActiveRequest request, byte[] requestAvro) {

  static RequestOnGpu of(final String gpuUuid, final InferenceRequest r, final int gpuCount) {
    final long tokens = r.getInputTokens() + r.getOutputTokens();
    final ActiveRequest active =
        new ActiveRequest(
            r.getRequestId(),
            r.getModel(),
            r.getStartTime().toEpochMilli(),
            r.getEndTime().toEpochMilli(),
            tokens,
            gpuCount);
    return new RequestOnGpu(gpuUuid, active, encode(r));
  }

  static byte[] encode(final InferenceRequest request) {
    try {
      final ByteBuffer buffer = request.toByteBuffer();
      final byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static InferenceRequest decode(final byte[] requestAvro) {
    try {
      return InferenceRequest.fromByteBuffer(ByteBuffer.wrap(requestAvro));
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
