package io.inferenceimpact.topology.progress;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Binary serde of {@link Stamped}: version byte, source (length-prefixed UTF-8), watermark (8
 * bytes), then the payload in the inner serde's format (absent for a mark).
 */
public final class StampedSerde<V> implements Serde<Stamped<V>> {
  private static final byte VERSION_MARK = 1;
  private static final byte VERSION_VALUE = 2;

  private final Serde<V> inner;

  public StampedSerde(final Serde<V> inner) {
    this.inner = inner;
  }

  @Override
  public Serializer<Stamped<V>> serializer() {
    final Serializer<V> values = inner.serializer();
    return (topic, stamped) -> {
      if (stamped == null) {
        return null;
      }
      final byte[] source = stamped.source().getBytes(StandardCharsets.UTF_8);
      final byte[] payload =
          stamped.isMark() ? new byte[0] : values.serialize(topic, stamped.value());
      final ByteBuffer out = ByteBuffer.allocate(1 + 2 + source.length + 8 + payload.length);
      out.put(stamped.isMark() ? VERSION_MARK : VERSION_VALUE);
      out.putShort((short) source.length);
      out.put(source);
      out.putLong(stamped.watermarkMillis());
      out.put(payload);
      return out.array();
    };
  }

  @Override
  public Deserializer<Stamped<V>> deserializer() {
    final Deserializer<V> values = inner.deserializer();
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      final ByteBuffer in = ByteBuffer.wrap(bytes);
      final byte version = in.get();
      if (version != VERSION_MARK && version != VERSION_VALUE) {
        throw new SerializationException("unknown stamped record version " + version);
      }
      final byte[] source = new byte[in.getShort()];
      in.get(source);
      final long watermark = in.getLong();
      final String id = new String(source, StandardCharsets.UTF_8);
      if (version == VERSION_MARK) {
        return Stamped.mark(id, watermark);
      }
      final byte[] payload = new byte[in.remaining()];
      in.get(payload);
      return new Stamped<>(id, watermark, values.deserialize(topic, payload));
    };
  }
}
