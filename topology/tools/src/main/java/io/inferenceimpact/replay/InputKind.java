package io.inferenceimpact.replay;

import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.config.TopicSettings;
import java.time.Instant;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The inputs of a replay: the record type of each file, the topic it feeds, and the fields that
 * give its Kafka key and its event time (the producers' conventions of the contract). The order of
 * the constants breaks ties between records of equal event time and line number.
 */
public enum InputKind {
  REQUESTS(InferenceRequest.class, "request_id", "end_time", TopicSettings::inferenceRequests),
  GPU_SAMPLES(GpuSample.class, "gpu_uuid", "time", TopicSettings::gpuMetrics),
  GRID(GridIntensity.class, "zone", "valid_from", TopicSettings::gridIntensity);

  private final Class<? extends SpecificRecord> type;
  private final String keyField;
  private final String eventTimeField;
  private final Function<TopicSettings, String> topic;

  InputKind(
      final Class<? extends SpecificRecord> type,
      final String keyField,
      final String eventTimeField,
      final Function<TopicSettings, String> topic) {
    this.type = type;
    this.keyField = keyField;
    this.eventTimeField = eventTimeField;
    this.topic = topic;
  }

  public Class<? extends SpecificRecord> type() {
    return type;
  }

  /** The JSON field whose value, when it is a string, is the record's Kafka key. */
  public String keyField() {
    return keyField;
  }

  public String topic(final TopicSettings topics) {
    return topic.apply(topics);
  }

  public String key(final SpecificRecord record) {
    final Object key = record.get(schema().getField(keyField).pos());
    return key == null ? null : key.toString();
  }

  public long eventTimeMillis(final SpecificRecord record) {
    return ((Instant) record.get(schema().getField(eventTimeField).pos())).toEpochMilli();
  }

  private Schema schema() {
    return SpecificData.get().getSchema(type);
  }
}
