package io.inferenceimpact.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import io.inferenceimpact.app.ImpactCli;
import io.inferenceimpact.avro.InferenceRequest;
import io.inferenceimpact.avro.RequestImpact;
import io.inferenceimpact.config.ConfigLoader;
import io.inferenceimpact.config.ConfigPrinter;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.embedded.EmbeddedKafkaBroker;
import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.inferenceimpact.schemas.registry.SchemaRegistryHttpException;
import io.inferenceimpact.testing.LogCapture;
import io.inferenceimpact.testing.NginxProxy;
import io.inferenceimpact.testing.SharedInfrastructure;
import io.inferenceimpact.testing.TestCertificates;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import picocli.CommandLine;

/**
 * Security, for real: the service runs against an in-process broker whose only client listener is
 * SASL_SSL (SCRAM-SHA-512 over TLS with a certificate made here by keytool), and reaches the Schema
 * Registry through nginx requiring basic auth. Wrong Kafka credentials stop it at once with an
 * error that names the problem (no retry storm); a wrong registry password gives a clear 401. No
 * password, key-store secret or Authorization header appears in anything logged meanwhile (Kafka
 * clients logged at INFO, our code at DEBUG), nor in the printed configuration.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecureTransportIntegrationTest {
  private static final String APP_USER = "impact-app";
  private static final String REGISTRY_USER = "impact";
  private static final String APP_PASSWORD = TestCertificates.Secrets.random("kafka");
  private static final String ADMIN_PASSWORD = TestCertificates.Secrets.random("admin");
  private static final String WRONG_PASSWORD = TestCertificates.Secrets.random("wrong");
  private static final String REGISTRY_PASSWORD = TestCertificates.Secrets.random("registry");
  private static final String WRONG_REGISTRY_PASSWORD = TestCertificates.Secrets.random("badreg");

  private static Path dir;
  private static TestCertificates certificates;
  private static EmbeddedKafkaBroker.SaslSsl listener;
  private static EmbeddedKafkaBroker broker;
  private static NginxProxy proxy;
  private static LogCapture log;
  private static String topicPrefix;
  private static final List<String> printedConfigs = new ArrayList<>();

  @BeforeAll
  static void startSecuredInfrastructure() throws Exception {
    topicPrefix = SharedInfrastructure.unique("secure");
    dir = TestCertificates.directory(topicPrefix);
    log = LogCapture.start(Level.INFO, "org.apache.kafka", "kafka");
    log.debug("io.inferenceimpact");
    certificates = TestCertificates.create(dir);
    listener =
        new EmbeddedKafkaBroker.SaslSsl(
            certificates.keyStore(),
            certificates.keyStorePassword(),
            certificates.trustStore(),
            certificates.trustStorePassword(),
            "admin",
            ADMIN_PASSWORD,
            Map.of(APP_USER, APP_PASSWORD));
    broker = EmbeddedKafkaBroker.startSaslSsl(listener);
    proxy =
        NginxProxy.start(
            Files.createDirectories(dir.resolve("nginx")),
            SharedInfrastructure.registry().url(),
            REGISTRY_USER,
            REGISTRY_PASSWORD);
    // Every test's configuration names the same topics: created once, by the admin user.
    final Setup topics = setup("secure-topics", APP_PASSWORD, REGISTRY_PASSWORD);
    SharedInfrastructure.createTopics(
        broker.adminClientProperties(), ConfigLoader.load(topics.file(), topics.env()));
  }

  @AfterAll
  static void stopSecuredInfrastructure() {
    if (proxy != null) {
      proxy.close();
    }
    if (broker != null) {
      broker.close();
    }
    if (log != null) {
      log.close();
    }
  }

  @Test
  @Order(1)
  void shouldProcessRecordsOverSaslSslWithTheRegistryBehindAnAuthenticatingProxy()
      throws Exception {
    final ImpactConfig config = config("secure-ok", APP_PASSWORD, REGISTRY_PASSWORD);
    final TopologySerdes serdes = producerSerdes(REGISTRY_PASSWORD);
    final Map<String, String> client = listener.clientProperties(APP_USER, APP_PASSWORD);
    try (StreamsRuntime runtime = StreamsRuntime.start(config)) {
      produce(client, serdes, List.of("s-1", "s-2", "s-3"));

      final Map<String, RequestImpact> impacts = consumeImpacts(client, serdes, 3);

      assertThat(impacts).containsOnlyKeys("s-1", "s-2", "s-3");
      assertThat(impacts.get("s-1").getFacilityEnergyJoules()).isPositive();
      assertThat(runtime.failed()).isFalse();
    }
    // The registry was reached through nginx, as the configured user.
    assertThat(Files.readString(dir.resolve("nginx/access.log")))
        .contains(" " + REGISTRY_USER + " ")
        .contains("\" 200 ");
  }

  @Test
  @Order(2)
  void shouldStopAtOnceWithAClearErrorOnWrongKafkaCredentials() throws Exception {
    final ImpactConfig config = config("secure-wrong", WRONG_PASSWORD, REGISTRY_PASSWORD);
    final int linesBefore = log.lines().size();
    final long started = System.nanoTime();
    try (StreamsRuntime runtime = StreamsRuntime.start(config)) {
      assertThat(runtime.awaitStopped(Duration.ofSeconds(60))).isTrue();

      assertThat(runtime.failed()).isTrue();
      assertThat(runtime.credentialProblem())
          .hasValueSatisfying(
              problem ->
                  assertThat(problem)
                      .contains("Kafka authentication failed")
                      .contains("sasl.jaas.config")
                      .containsIgnoringCase("authentication failed"));
    }
    final Duration took = Duration.ofNanos(System.nanoTime() - started);
    final List<String> during = log.lines().subList(linesBefore, log.lines().size());
    final long failures =
        during.stream().filter(l -> l.toLowerCase().contains("authentication failed")).count();
    assertThat(took).isLessThan(Duration.ofSeconds(60));
    // A bounded number of attempts, not a storm: stop on the first refusal.
    assertThat(failures).isBetween(1L, 20L);
    assertThat(during.size()).isLessThan(400);
  }

  @Test
  @Order(2)
  void shouldExitOneNamingTheProblemWhenImpactRunHasWrongKafkaCredentials() throws Exception {
    final Setup setup = setup("secure-cli", WRONG_PASSWORD, REGISTRY_PASSWORD);
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final CommandLine cli = ImpactCli.commandLine(setup.env());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));

    final int exitCode = cli.execute("run", "--config", setup.file().toString());

    assertThat(exitCode).isEqualTo(1);
    assertThat(err.toString())
        .contains("impact run: Kafka authentication failed")
        .doesNotContain(WRONG_PASSWORD);
  }

  @Test
  @Order(3)
  void shouldReportAClear401ForAWrongRegistryPassword() {
    final SchemaRegistryClient client =
        SchemaRegistryClient.create(registryProperties(WRONG_REGISTRY_PASSWORD));

    assertThatThrownBy(() -> client.getById(1))
        .isInstanceOfSatisfying(
            SchemaRegistryHttpException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(401);
              assertThat(e.isAuthenticationFailure()).isTrue();
              assertThat(CredentialFailures.explain(e))
                  .hasValueSatisfying(
                      m -> assertThat(m).contains("Schema Registry refused the credentials"));
            })
        .hasMessageContaining("HTTP 401")
        .hasMessageNotContaining(WRONG_REGISTRY_PASSWORD);
    client.close();
  }

  @Test
  @Order(4)
  void shouldRefuseToStartWithAClearErrorWhenTheRegistryRefusesItsPassword() throws Exception {
    final ImpactConfig config = config("secure-badreg", APP_PASSWORD, WRONG_REGISTRY_PASSWORD);
    // The service checks the registry before it starts: a refusal will not go away by waiting.
    assertThatThrownBy(() -> StreamsRuntime.start(config).close())
        .isInstanceOfSatisfying(
            SchemaRegistryHttpException.class,
            e ->
                assertThat(CredentialFailures.explain(e))
                    .hasValueSatisfying(
                        m -> assertThat(m).contains("Schema Registry refused the credentials")))
        .hasMessageContaining("HTTP 401")
        .hasMessageNotContaining(WRONG_REGISTRY_PASSWORD);
  }

  @Test
  @Order(5)
  void shouldNeverLogOrPrintASecret() {
    final String logged = log.text();
    assertThat(logged).as("the log was captured").contains("SASL_SSL");
    final List<String> secrets =
        List.of(
            APP_PASSWORD,
            ADMIN_PASSWORD,
            WRONG_PASSWORD,
            REGISTRY_PASSWORD,
            WRONG_REGISTRY_PASSWORD,
            certificates.keyStorePassword(),
            certificates.trustStorePassword(),
            basic(REGISTRY_PASSWORD),
            basic(WRONG_REGISTRY_PASSWORD));
    for (final String secret : secrets) {
      assertThat(logged).doesNotContain(secret);
      assertThat(printedConfigs).noneMatch(p -> p.contains(secret));
    }
    assertThat(printedConfigs).isNotEmpty().allMatch(p -> p.contains("******"));
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** The service's configuration as production sets it: a file, secrets from the environment. */
  private static ImpactConfig config(
      final String name, final String kafkaPassword, final String registryPassword)
      throws Exception {
    final Setup setup = setup(name, kafkaPassword, registryPassword);
    final ImpactConfig config = ConfigLoader.load(setup.file(), setup.env());
    printedConfigs.add(ConfigPrinter.toYaml(config));
    return config;
  }

  /** A configuration file (no secrets in it) and the environment that carries the secrets. */
  private record Setup(Path file, Map<String, String> env) {}

  private static Setup setup(
      final String name, final String kafkaPassword, final String registryPassword)
      throws Exception {
    final String id = SharedInfrastructure.unique(name);
    final Properties file = new Properties();
    file.setProperty("kafka.application.id", id);
    file.setProperty("kafka.bootstrap.servers", broker.bootstrapServers());
    file.setProperty("kafka.security.protocol", "SASL_SSL");
    file.setProperty("kafka.sasl.mechanism", "SCRAM-SHA-512");
    file.setProperty("kafka.ssl.truststore.location", certificates.trustStore().toString());
    file.setProperty("kafka.ssl.truststore.type", "PKCS12");
    file.setProperty("kafka.state.dir", "target/tmp/" + id);
    file.setProperty("kafka.num.standby.replicas", "0");
    file.setProperty("kafka.commit.interval.ms", "200");
    file.setProperty("kafka.consumer.auto.offset.reset", "earliest");
    // Estimated requests go on after 2 s of quiet instead of waiting 5 min for grid values.
    file.setProperty("zones.intensityWait", "2s");
    SharedInfrastructure.ownTopics(file, topicPrefix, 2);
    final Map<String, String> env = new HashMap<>();
    env.put(
        "KAFKA_SASL_JAAS_CONFIG",
        listener.clientProperties(APP_USER, kafkaPassword).get("sasl.jaas.config"));
    env.put("KAFKA_SSL_TRUSTSTORE_PASSWORD", certificates.trustStorePassword());
    env.put("SCHEMA_REGISTRY_URL", proxy.url());
    env.put("SCHEMA_REGISTRY_BASIC_AUTH_CREDENTIALS_SOURCE", "USER_INFO");
    env.put("SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", REGISTRY_USER + ":" + registryPassword);
    // Metrics on a free port: tests of other classes may run a service at the same time.
    env.put("IMPACT_METRICS_PORT", "0");
    final Path path = dir.resolve(id + ".properties");
    try (var out = Files.newOutputStream(path)) {
      file.store(out, "no secrets here: they come from the environment");
    }
    return new Setup(path, env);
  }

  private static Map<String, String> registryProperties(final String password) {
    return Map.of(
        "schema.registry.url",
        proxy.url(),
        "basic.auth.credentials.source",
        "USER_INFO",
        "basic.auth.user.info",
        REGISTRY_USER + ":" + password);
  }

  private static TopologySerdes producerSerdes(final String registryPassword) {
    final Map<String, String> props = registryProperties(registryPassword);
    return new TopologySerdes(SchemaRegistryClient.create(props), props);
  }

  private static void produce(
      final Map<String, String> client, final TopologySerdes serdes, final List<String> ids) {
    final Map<String, Object> props = new HashMap<>(client);
    props.put("bootstrap.servers", broker.bootstrapServers());
    props.put("acks", "all");
    final long end = System.currentTimeMillis() - 5_000;
    try (var producer =
        new KafkaProducer<>(
            props,
            Serdes.String().serializer(),
            serdes.avro(InferenceRequest.class).serializer())) {
      for (final String id : ids) {
        final InferenceRequest request =
            InferenceRequest.newBuilder()
                .setRequestId(id)
                .setModel("meta-llama/Llama-3.1-8B-Instruct")
                .setStartTime(Instant.ofEpochMilli(end - 2_000))
                .setEndTime(Instant.ofEpochMilli(end))
                .setInputTokens(100)
                .setOutputTokens(300)
                .build();
        producer.send(new ProducerRecord<>(topicPrefix + ".requests", id, request));
      }
      producer.flush();
    }
  }

  private static Map<String, RequestImpact> consumeImpacts(
      final Map<String, String> client, final TopologySerdes serdes, final int count) {
    final Map<String, Object> props = new HashMap<>(client);
    props.put("bootstrap.servers", broker.bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    final Map<String, RequestImpact> received = new HashMap<>();
    try (var consumer =
        new KafkaConsumer<>(
            props,
            Serdes.String().deserializer(),
            serdes.avro(RequestImpact.class).deserializer())) {
      final String topic = topicPrefix + ".impact";
      final List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      final long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (received.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> received.put(r.key(), r.value()));
      }
    }
    return received;
  }

  private static String basic(final String password) {
    return Base64.getEncoder()
        .encodeToString((REGISTRY_USER + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
