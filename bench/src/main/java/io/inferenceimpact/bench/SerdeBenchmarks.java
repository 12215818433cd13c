package io.inferenceimpact.bench;

import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.InferenceRequest;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of our Confluent-wire-format serde (cached registry, see {@link SerdeState}) next to
 * plain Avro binary coding of the same records ({@link PlainAvroState}), measured in the same run
 * so that their ratio is meaningful on a noisy machine. Results are returned, so that JMH sinks
 * them into its Blackhole and the JIT cannot drop the work. Subclasses fix the thread count.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 4)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public abstract class SerdeBenchmarks {

  @Benchmark
  public byte[] inferenceRequestSerializeOurSerde(final SerdeState s) {
    return s.requestSerializer.serialize(SerdeState.REQUESTS_TOPIC, s.request);
  }

  @Benchmark
  public byte[] inferenceRequestSerializePlainAvro(final PlainAvroState p) {
    return p.requestCodec.encode(p.request);
  }

  @Benchmark
  public InferenceRequest inferenceRequestDeserializeOurSerde(final SerdeState s) {
    return s.requestDeserializer.deserialize(SerdeState.REQUESTS_TOPIC, s.requestWire);
  }

  @Benchmark
  public InferenceRequest inferenceRequestDeserializePlainAvro(final PlainAvroState p) {
    return p.requestCodec.decode(p.requestAvro);
  }

  @Benchmark
  public byte[] gpuSampleSerializeOurSerde(final SerdeState s) {
    return s.sampleSerializer.serialize(SerdeState.SAMPLES_TOPIC, s.sample);
  }

  @Benchmark
  public byte[] gpuSampleSerializePlainAvro(final PlainAvroState p) {
    return p.sampleCodec.encode(p.sample);
  }

  @Benchmark
  public GpuSample gpuSampleDeserializeOurSerde(final SerdeState s) {
    return s.sampleDeserializer.deserialize(SerdeState.SAMPLES_TOPIC, s.sampleWire);
  }

  @Benchmark
  public GpuSample gpuSampleDeserializePlainAvro(final PlainAvroState p) {
    return p.sampleCodec.decode(p.sampleAvro);
  }
}
