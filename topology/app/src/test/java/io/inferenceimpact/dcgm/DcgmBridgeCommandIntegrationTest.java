package io.inferenceimpact.dcgm;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferenceimpact.app.ExitCodes;
import io.inferenceimpact.app.ImpactCli;
import io.inferenceimpact.avro.GpuSample;
import io.inferenceimpact.embedded.FreePort;
import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.inferenceimpact.schemas.serde.SpecificAvroSerde;
import io.inferenceimpact.testing.KafkaTestClients;
import io.inferenceimpact.testing.SharedInfrastructure;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/**
 * {@code impact dcgm-bridge --once} as a user runs it: a recorded dcgm-exporter answer served
 * locally becomes GpuSamples on the configured topic of the real broker, keyed by GPU UUID and in
 * the registry's wire format; an exporter that is down gives exit 1 and a clear message.
 */
class DcgmBridgeCommandIntegrationTest {

  @Test
  void shouldPublishOneSamplePerGpuKeyedByUuid() {
    final String topic = SharedInfrastructure.unique("dcgm-gpu");
    SharedInfrastructure.broker().createTopic(topic, 2);
    final String registryUrl = SharedInfrastructure.registry().url();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final int exit;
    try (ExporterStub exporter = new ExporterStub()) {
      exporter.serve(
          ExporterStub.recorded("dcgm_L4_idle_kops.prom")
              + ExporterStub.recorded("dcgm_T4_loaded_ericsson.prom"));
      final var cli = ImpactCli.commandLine(env(topic, registryUrl));
      cli.setOut(new PrintWriter(out));
      cli.setErr(new PrintWriter(err));
      exit = cli.execute("dcgm-bridge", "--url", exporter.url().toString(), "--once");
    }

    assertThat(exit).as("stderr: %s", err).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("published 2 samples -> " + topic);
    final var records =
        KafkaTestClients.consume(
            SharedInfrastructure.broker().bootstrapServers(),
            topic,
            Serdes.String().deserializer(),
            new SpecificAvroSerde<>(
                    SchemaRegistryClient.create(Map.of("schema.registry.url", registryUrl)),
                    GpuSample.class)
                .deserializer(),
            2,
            Duration.ofSeconds(30));
    assertThat(records)
        .allSatisfy(
            r -> {
              assertThat(r.key()).isEqualTo(r.value().getGpuUuid());
              assertThat(r.timestamp()).isEqualTo(r.value().getTime().toEpochMilli());
            });
    assertThat(records)
        .extracting(r -> r.value().getNode())
        .containsExactlyInAnyOrder("i-030791dc5a37cd257", "cp-bm14r7");
  }

  @Test
  void shouldExitWithRuntimeFailureWhenTheExporterIsDown() {
    final StringWriter out = new StringWriter();
    final var cli =
        ImpactCli.commandLine(
            env(SharedInfrastructure.unique("dcgm-none"), SharedInfrastructure.registry().url()));
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(new StringWriter()));

    final int exit =
        cli.execute(
            "dcgm-bridge", "--url", "http://127.0.0.1:" + FreePort.find() + "/metrics", "--once");

    assertThat(exit).isEqualTo(ExitCodes.RUNTIME_FAILURE);
    assertThat(out.toString()).contains("published 0 samples");
  }

  private static Map<String, String> env(final String topic, final String registryUrl) {
    return Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", SharedInfrastructure.broker().bootstrapServers(),
        "SCHEMA_REGISTRY_URL", registryUrl,
        "IMPACT_TOPICS_GPU_METRICS", topic);
  }
}
