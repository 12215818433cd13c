package io.inferenceimpact.schemas.serde;

import io.inferenceimpact.schemas.testdata.Probe;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Version 1 (the generated {@link Probe}) and version 2 (adds an optional zone) of the test record.
 */
final class TestSchemas {

  static final Schema V1 = Probe.getClassSchema();

  static final Schema V2 =
      SchemaBuilder.record("Probe")
          .namespace("io.inferenceimpact.schemas.testdata")
          .fields()
          .requiredString("probe_id")
          .requiredDouble("power_watts")
          .name("sampled_at")
          .type(timestampMillis())
          .noDefault()
          .name("zone")
          .type()
          .optional()
          .stringType()
          .endRecord();

  private TestSchemas() {}

  static Schema timestampMillis() {
    return org.apache.avro.LogicalTypes.timestampMillis()
        .addToSchema(Schema.create(Schema.Type.LONG));
  }

  static Probe probeV1(final String id, final double watts, final long epochMillis) {
    return Probe.newBuilder()
        .setProbeId(id)
        .setPowerWatts(watts)
        .setSampledAt(Instant.ofEpochMilli(epochMillis))
        .build();
  }

  static GenericRecord genericV1(final String id, final double watts, final long epochMillis) {
    final GenericRecord record = new GenericData.Record(V1);
    record.put("probe_id", id);
    record.put("power_watts", watts);
    record.put("sampled_at", epochMillis);
    return record;
  }

  static GenericRecord genericV2(
      final String id, final double watts, final long epochMillis, final String zone) {
    final GenericRecord record = new GenericData.Record(V2);
    record.put("probe_id", id);
    record.put("power_watts", watts);
    record.put("sampled_at", epochMillis);
    record.put("zone", zone);
    return record;
  }
}
