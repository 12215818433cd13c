package io.inferenceimpact.simulate;

import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.GridIntensity;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.config.ClientProperties;
import io.inferenceimpact.config.TopicSettings;
import io.inferenceimpact.schemas.serde.SpecificAvroSerde;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes the simulation to Kafka: one idempotent producer, values in the Confluent Avro wire
 * format through the Schema Registry ({@link SpecificAvroSerde}), keys as plain strings (request
 * id, GPU UUID, zone), topics from the configuration. A failed send fails the next call.
 */
public final class KafkaSimulationSink implements SimulationSink, AutoCloseable {
  private final Producer<String, SpecificRecord> producer;
  private final TopicSettings topics;
  private final AtomicReference<Exception> sendFailure = new AtomicReference<>();

  /**
   * @param clientProperties Kafka client properties (bootstrap.servers, security); Streams-only
   *     keys are left out
   * @param registryProperties Schema Registry client properties including schema.registry.url
   */
  public KafkaSimulationSink(
      final Map<String, String> clientProperties,
      final Map<String, String> registryProperties,
      final TopicSettings topics) {
    final Map<String, Object> props = ClientProperties.producer(clientProperties);
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "impact-simulator");
    final SpecificAvroSerde<SpecificRecord> values = new SpecificAvroSerde<>();
    values.configure(registryProperties, false);
    this.producer = new KafkaProducer<>(props, new StringSerializer(), values.serializer());
    this.topics = topics;
  }

  @Override
  public void request(final InferenceRequest request) {
    send(topics.inferenceRequests(), request.getRequestId(), request);
  }

  @Override
  public void gpuSample(final GpuSample sample) {
    send(topics.gpuMetrics(), sample.getGpuUuid(), sample);
  }

  @Override
  public void grid(final GridIntensity intensity) {
    send(topics.gridIntensity(), intensity.getZone(), intensity);
  }

  private void send(final String topic, final String key, final SpecificRecord value) {
    final Exception failed = sendFailure.get();
    if (failed != null) {
      throw new IllegalStateException("a send to Kafka failed: " + failed.getMessage(), failed);
    }
    producer.send(
        new ProducerRecord<>(topic, key, value),
        (metadata, e) -> {
          if (e != null) {
            sendFailure.compareAndSet(null, e);
          }
        });
  }

  /** Sends what is buffered and waits for it. */
  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(30));
  }
}
