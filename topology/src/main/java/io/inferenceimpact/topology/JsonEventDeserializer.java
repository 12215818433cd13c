package io.inferenceimpact.topology;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/** Decodes a model record from JSON; unknown fields and null primitives are decoding errors. */
public final class JsonEventDeserializer<T> implements Deserializer<T> {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  private final Class<T> type;

  public JsonEventDeserializer(final Class<T> type) {
    this.type = type;
  }

  @Override
  public T deserialize(final String topic, final byte[] data) {
    if (data == null) {
      throw new SerializationException("null value on " + topic);
    }
    try {
      return MAPPER.readValue(data, type);
    } catch (final IOException e) {
      throw new SerializationException("not a " + type.getSimpleName() + " in JSON", e);
    }
  }
}
