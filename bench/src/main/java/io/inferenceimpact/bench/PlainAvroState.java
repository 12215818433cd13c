package io.inferenceimpact.bench;

import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.avro.InferenceRequest;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Per-thread baseline codecs and the same records (and their Avro bytes) as {@link SerdeState}. */
@State(Scope.Thread)
public class PlainAvroState {

  PlainAvroCodec<InferenceRequest> requestCodec;
  PlainAvroCodec<GpuSample> sampleCodec;
  InferenceRequest request;
  GpuSample sample;
  byte[] requestAvro;
  byte[] sampleAvro;

  @Setup(Level.Trial)
  public void setUp() {
    requestCodec = new PlainAvroCodec<>(InferenceRequest.class);
    sampleCodec = new PlainAvroCodec<>(GpuSample.class);
    request = BenchRecords.inferenceRequest();
    sample = BenchRecords.gpuSample();
    requestAvro = requestCodec.encode(request);
    sampleAvro = sampleCodec.encode(sample);
    SerdeState.require(request.equals(requestCodec.decode(requestAvro)), "request round trip");
    SerdeState.require(sample.equals(sampleCodec.decode(sampleAvro)), "sample round trip");
  }
}
