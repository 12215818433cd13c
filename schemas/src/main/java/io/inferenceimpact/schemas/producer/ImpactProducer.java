package io.inferenceimpact.schemas.producer;

import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.inferenceimpact.schemas.serde.SpecificAvroSerde;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends the two input events of inference-impact — finished {@link InferenceRequest}s and {@link
 * GpuSample}s — in the Confluent wire format, keyed as the topology partitions them: a request by
 * its request id, a sample by its GPU UUID (so one GPU's samples stay in order on one partition).
 * Each record carries its event time (request end, sample time) as the Kafka timestamp.
 *
 * <p>Safe to share between threads, like the {@link KafkaProducer} it wraps: serving threads may
 * call {@link #send(InferenceRequest)} concurrently. Defaults ({@link #DEFAULTS}) favour no loss
 * and no duplicates over latency; any of them can be overridden through the settings passed in.
 */
public final class ImpactProducer implements AutoCloseable {
  /** Topic of {@link InferenceRequest}s, as in the default configuration. */
  public static final String REQUESTS_TOPIC = "inference.requests.v1";

  /** Topic of {@link GpuSample}s, as in the default configuration. */
  public static final String GPU_TOPIC = "gpu.metrics.v1";

  /**
   * Producer settings applied unless the caller sets them: idempotent delivery acknowledged by all
   * in-sync replicas, batches of up to 64 KiB collected for 20 ms and compressed with zstd.
   */
  public static final Map<String, Object> DEFAULTS =
      Map.of(
          ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
          ProducerConfig.ACKS_CONFIG, "all",
          ProducerConfig.LINGER_MS_CONFIG, 20,
          ProducerConfig.BATCH_SIZE_CONFIG, 65_536,
          ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd",
          ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
          ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);

  private final Producer<String, byte[]> producer;
  private final Serializer<InferenceRequest> requestSerializer;
  private final Serializer<GpuSample> sampleSerializer;
  private final String requestsTopic;
  private final String gpuTopic;

  ImpactProducer(
      final Producer<String, byte[]> producer,
      final SchemaRegistryClient registry,
      final String requestsTopic,
      final String gpuTopic) {
    this.producer = producer;
    this.requestSerializer = new SpecificAvroSerde<>(registry, InferenceRequest.class).serializer();
    this.sampleSerializer = new SpecificAvroSerde<>(registry, GpuSample.class).serializer();
    this.requestsTopic = requireTopic(requestsTopic, "requestsTopic");
    this.gpuTopic = requireTopic(gpuTopic, "gpuTopic");
  }

  /**
   * A producer to the default topics.
   *
   * @param settings Kafka producer settings ({@code bootstrap.servers}, security ...); they win
   *     over {@link #DEFAULTS}. Serializer settings are ignored: the helper chooses them.
   * @param registry the Schema Registry the values' schemas are registered in
   */
  public static ImpactProducer create(
      final Map<String, ?> settings, final SchemaRegistryClient registry) {
    return create(settings, registry, REQUESTS_TOPIC, GPU_TOPIC);
  }

  /** A producer to other topics (e.g. the {@code topics.*} of a non-default configuration). */
  public static ImpactProducer create(
      final Map<String, ?> settings,
      final SchemaRegistryClient registry,
      final String requestsTopic,
      final String gpuTopic) {
    Objects.requireNonNull(registry, "registry");
    final Map<String, Object> effective = effectiveSettings(settings);
    final ByteArraySerializer values = new ByteArraySerializer();
    return new ImpactProducer(
        new KafkaProducer<>(effective, new StringSerializer(), values),
        registry,
        requestsTopic,
        gpuTopic);
  }

  /** {@link #DEFAULTS} overlaid with {@code settings}, without the serializer keys. */
  public static Map<String, Object> effectiveSettings(final Map<String, ?> settings) {
    if (settings.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG) == null) {
      throw new IllegalArgumentException(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG
              + " is required (host:port of the Kafka brokers)");
    }
    final Map<String, Object> effective = new HashMap<>(DEFAULTS);
    effective.putAll(settings);
    effective.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
    effective.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
    return effective;
  }

  /**
   * Sends a finished request, keyed by its request id and stamped with its end time. The value is
   * serialized (and its schema registered if new) on the calling thread; a record the registry
   * cannot take fails here, before anything is sent.
   *
   * @return completes when the broker acknowledged the record
   */
  public Future<RecordMetadata> send(final InferenceRequest request) {
    final byte[] value = requestSerializer.serialize(requestsTopic, request);
    return producer.send(
        new ProducerRecord<>(
            requestsTopic,
            null,
            request.getEndTime().toEpochMilli(),
            request.getRequestId(),
            value));
  }

  /** Sends a GPU sample, keyed by its GPU UUID and stamped with its sample time. */
  public Future<RecordMetadata> send(final GpuSample sample) {
    final byte[] value = sampleSerializer.serialize(gpuTopic, sample);
    return producer.send(
        new ProducerRecord<>(
            gpuTopic, null, sample.getTime().toEpochMilli(), sample.getGpuUuid(), value));
  }

  /** Blocks until every record sent so far is acknowledged or failed. */
  public void flush() {
    producer.flush();
  }

  /** Flushes and closes, waiting at most {@code timeout} for outstanding records. */
  public void close(final Duration timeout) {
    producer.close(timeout);
  }

  @Override
  public void close() {
    producer.close();
  }

  private static String requireTopic(final String topic, final String name) {
    if (topic == null || topic.isBlank()) {
      throw new IllegalArgumentException(name + " must name a topic");
    }
    return topic;
  }
}
