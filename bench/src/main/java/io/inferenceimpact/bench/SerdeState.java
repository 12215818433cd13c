package io.inferenceimpact.bench;

import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.embedded.LocalSchemaRegistry;
import io.inferenceimpact.schemas.registry.CachedSchemaRegistryClient;
import io.inferenceimpact.schemas.registry.HttpSchemaRegistryClient;
import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.inferenceimpact.schemas.registry.SchemaRegistryClientConfig;
import io.inferenceimpact.schemas.serde.AvroSerdeConfig;
import io.inferenceimpact.schemas.serde.SpecificAvroSerde;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Our serdes against the real local registry, shared by all benchmark threads as a Kafka Streams
 * application shares one serde. Setup starts the registry and serializes and deserializes each
 * record once, so that ids and schemas are cached; teardown fails the run if any registry call went
 * over HTTP after that, i.e. if the measured hot path was not the cached one.
 */
@State(Scope.Benchmark)
public class SerdeState {

  static final String REQUESTS_TOPIC = "inference.requests.v1";
  static final String SAMPLES_TOPIC = "gpu.metrics.v1";

  Serializer<InferenceRequest> requestSerializer;
  Deserializer<InferenceRequest> requestDeserializer;
  Serializer<GpuSample> sampleSerializer;
  Deserializer<GpuSample> sampleDeserializer;
  InferenceRequest request;
  GpuSample sample;
  byte[] requestWire;
  byte[] sampleWire;

  private LocalSchemaRegistry registry;
  private CountingSchemaRegistryClient httpCalls;
  private SchemaRegistryClient client;
  private SpecificAvroSerde<InferenceRequest> requestSerde;
  private SpecificAvroSerde<GpuSample> sampleSerde;
  private long httpCallsAfterWarmUp;

  @Setup(Level.Trial)
  public void setUp() {
    registry = LocalSchemaRegistry.start();
    final Map<String, Object> configs = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
    final SchemaRegistryClientConfig clientConfig = SchemaRegistryClientConfig.from(configs);
    httpCalls = new CountingSchemaRegistryClient(new HttpSchemaRegistryClient(clientConfig));
    client = new CachedSchemaRegistryClient(httpCalls, clientConfig);
    requestSerde = new SpecificAvroSerde<>(client, InferenceRequest.class);
    requestSerde.configure(configs, false);
    sampleSerde = new SpecificAvroSerde<>(client, GpuSample.class);
    sampleSerde.configure(configs, false);
    requestSerializer = requestSerde.serializer();
    requestDeserializer = requestSerde.deserializer();
    sampleSerializer = sampleSerde.serializer();
    sampleDeserializer = sampleSerde.deserializer();

    request = BenchRecords.inferenceRequest();
    sample = BenchRecords.gpuSample();
    requestWire = requestSerializer.serialize(REQUESTS_TOPIC, request);
    sampleWire = sampleSerializer.serialize(SAMPLES_TOPIC, sample);
    require(
        request.equals(requestDeserializer.deserialize(REQUESTS_TOPIC, requestWire)), "request");
    require(sample.equals(sampleDeserializer.deserialize(SAMPLES_TOPIC, sampleWire)), "sample");
    // Same work as the baseline: after the 5-byte header the payload is the plain Avro binary.
    final PlainAvroState plain = new PlainAvroState();
    plain.setUp();
    require(payloadEquals(requestWire, plain.requestAvro), "request payload = plain Avro");
    require(payloadEquals(sampleWire, plain.sampleAvro), "sample payload = plain Avro");
    httpCallsAfterWarmUp = httpCalls.calls();
    require(httpCallsAfterWarmUp > 0, "warm-up reached the registry");
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    final long httpCallsAtEnd = httpCalls.calls();
    requestSerde.close();
    sampleSerde.close();
    client.close();
    registry.close();
    if (httpCallsAtEnd != httpCallsAfterWarmUp) {
      throw new IllegalStateException(
          "The measured hot path called the schema registry over HTTP: "
              + (httpCallsAtEnd - httpCallsAfterWarmUp)
              + " calls after warm-up; these results are NOT the cached path's");
    }
    System.out.println(
        "[serde-state] registry HTTP calls: "
            + httpCallsAfterWarmUp
            + " during warm-up, 0 while measuring");
  }

  static void require(final boolean condition, final String what) {
    if (!condition) {
      throw new IllegalStateException("Benchmark setup check failed: " + what);
    }
  }

  private static boolean payloadEquals(final byte[] wire, final byte[] avroBinary) {
    return wire.length == avroBinary.length + 5
        && wire[0] == 0
        && Arrays.equals(wire, 5, wire.length, avroBinary, 0, avroBinary.length);
  }
}
