package io.inferenceimpact.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferenceimpact.schemas.registry.CachedSchemaRegistryClient;
import io.inferenceimpact.schemas.registry.InMemorySchemaRegistryClient;
import io.inferenceimpact.schemas.testdata.Probe;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** How the serializer obtains schema ids, and that the cached hot path stays off the registry. */
class SerializerRegistrationTest {

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

  @Test
  void shouldLookUpInsteadOfRegisteringWhenAutoRegisterIsOff() {
    final int id = registry.register("probes-value", TestSchemas.V1);
    final ConfluentAvroSerializer<Probe> serializer =
        new ConfluentAvroSerializer<>(
            registry, Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false"), false);

    final byte[] bytes = serializer.serialize("probes", TestSchemas.probeV1("p", 1, 1));

    assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
    assertThat(registry.registerCalls).hasValue(1);
    assertThat(registry.lookupCalls).hasValue(1);
  }

  @Test
  void shouldFailWhenAutoRegisterIsOffAndTheSchemaIsNotRegistered() {
    final ConfluentAvroSerializer<Probe> serializer =
        new ConfluentAvroSerializer<>(
            registry, Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false), false);

    assertThatThrownBy(() -> serializer.serialize("probes", TestSchemas.probeV1("p", 1, 1)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("probes-value");
  }

  @Test
  void shouldUseTheLatestIdWhenConfiguredAndRejectARecordOfAnotherVersion() {
    registry.register("probes-value", TestSchemas.V1);
    final int latestId = registry.register("probes-value", TestSchemas.V2);
    final ConfluentAvroSerializer<Object> serializer =
        new ConfluentAvroSerializer<>(
            registry,
            Map.of(
                AvroSerdeConfig.AUTO_REGISTER_SCHEMAS,
                "false",
                AvroSerdeConfig.USE_LATEST_VERSION,
                "true"),
            false);

    final byte[] bytes = serializer.serialize("probes", TestSchemas.genericV2("p", 1, 1, "DE"));

    assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(latestId);
    assertThatThrownBy(() -> serializer.serialize("probes", TestSchemas.probeV1("p", 1, 1)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("latest version 2");
  }

  @Test
  void shouldCallTheRegistryOnlyOnceEachWayAfterWarmUp() {
    final CachedSchemaRegistryClient cached = new CachedSchemaRegistryClient(registry, 100, -1);
    final SpecificAvroSerde<Probe> serde = new SpecificAvroSerde<>(cached, Probe.class);

    for (int i = 0; i < 500; i++) {
      final Probe probe = TestSchemas.probeV1("p-" + i, i, i);
      assertThat(
              serde
                  .deserializer()
                  .deserialize("probes", serde.serializer().serialize("probes", probe)))
          .isEqualTo(probe);
    }

    assertThat(registry.registerCalls).hasValue(1);
    assertThat(registry.getByIdCalls).hasValue(1);
  }

  @Test
  void shouldRoundTripFromManyThreadsAtOnce() throws Exception {
    final CachedSchemaRegistryClient cached = new CachedSchemaRegistryClient(registry, 100, -1);
    final ConfluentAvroSerializer<Object> serializer = new ConfluentAvroSerializer<>(cached);
    final ConfluentAvroDeserializer<Probe> deserializer =
        new ConfluentAvroDeserializer<>(cached, Probe.class);
    final ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      final List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        final int thread = t;
        results.add(
            pool.submit(
                () -> {
                  int ok = 0;
                  for (int i = 0; i < 2_000; i++) {
                    final Object value =
                        i % 2 == 0
                            ? TestSchemas.probeV1("t" + thread + "-" + i, i, i)
                            : TestSchemas.genericV2("t" + thread + "-" + i, i, i, "Z" + i);
                    final Probe read =
                        deserializer.deserialize("probes", serializer.serialize("probes", value));
                    if (read.getProbeId().equals("t" + thread + "-" + i)
                        && read.getPowerWatts() == i) {
                      ok++;
                    }
                  }
                  return ok;
                }));
      }
      for (final Future<Integer> result : results) {
        assertThat(result.get()).isEqualTo(2_000);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(registry.getLatest("probes-value").version()).isEqualTo(2);
  }
}
