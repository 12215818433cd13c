package io.inferenceimpact.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) running inside this JVM and
 * bound to 127.0.0.1 only. Integration tests and {@code impact demo} use it instead of Docker.
 *
 * <p>The settings a single broker cannot run without (replication factor 1 for the internal topics,
 * otherwise exactly-once producers hang in {@code initTransactions}) are set here. Create topics
 * with {@link #createTopics}: it waits until every partition answers, which Kafka 4.4.0's
 * idempotent producer needs (see {@link TopicCreator}).
 *
 * <p>{@link #startSaslSsl} starts one whose only client listener is SASL_SSL (SCRAM-SHA-512 over
 * TLS), with the SCRAM users given: for tests of the service's security settings.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private final KafkaRaftServer server;
  private final Path logDir;
  private final boolean ownsLogDir;
  private final int port;
  private final Map<String, String> adminProperties;
  private boolean closed;

  private EmbeddedKafkaBroker(
      final KafkaRaftServer server,
      final Path logDir,
      final boolean ownsLogDir,
      final int port,
      final Map<String, String> adminProperties) {
    this.server = server;
    this.logDir = logDir;
    this.ownsLogDir = ownsLogDir;
    this.port = port;
    this.adminProperties = Map.copyOf(adminProperties);
  }

  /**
   * A SASL_SSL client listener: TLS with the key and certificate in {@code keyStore} (PKCS12, one
   * entry whose certificate names 127.0.0.1), SCRAM-SHA-512 with the admin user (also the broker's
   * own, inter-broker user) and {@code users} (name → password).
   */
  public record SaslSsl(
      Path keyStore,
      String keyStorePassword,
      Path trustStore,
      String trustStorePassword,
      String adminUser,
      String adminPassword,
      Map<String, String> users) {

    /** Client settings that authenticate as {@code user} with {@code password}. */
    public Map<String, String> clientProperties(final String user, final String password) {
      final Map<String, String> props = new TreeMap<>();
      props.put("security.protocol", "SASL_SSL");
      props.put("sasl.mechanism", "SCRAM-SHA-512");
      props.put("sasl.jaas.config", jaas(user, password));
      props.put("ssl.truststore.location", trustStore.toString());
      props.put("ssl.truststore.password", trustStorePassword);
      props.put("ssl.truststore.type", "PKCS12");
      return props;
    }

    /** Every SCRAM user, the admin first. */
    private Map<String, String> allUsers() {
      final Map<String, String> all = new java.util.LinkedHashMap<>();
      all.put(adminUser, adminPassword);
      all.putAll(users);
      return all;
    }

    private static String jaas(final String user, final String password) {
      return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
          + user
          + "\" password=\""
          + password
          + "\";";
    }
  }

  /** Starts a broker on a free port with its log in a fresh temp folder (deleted on close). */
  public static EmbeddedKafkaBroker start() {
    return start(0, null);
  }

  /**
   * Starts a broker.
   *
   * @param brokerPort the client port on 127.0.0.1, or 0 for a free one
   * @param logDir where the broker keeps its data (kept on close), or null for a temp folder under
   *     {@code java.io.tmpdir} that {@link #close()} deletes. A folder a closed broker of this
   *     class left is started again as it was: same ports, same topics and offsets (a broker
   *     restart); {@code brokerPort} must then be 0 or the port it had.
   */
  public static EmbeddedKafkaBroker start(final int brokerPort, final Path logDir) {
    return start(brokerPort, logDir, null);
  }

  /**
   * Starts a broker on a free port, in a temp folder, whose only client listener is SASL_SSL.
   * {@link #adminClientProperties()} then authenticate as its admin user.
   */
  public static EmbeddedKafkaBroker startSaslSsl(final SaslSsl listener) {
    return start(0, null, listener);
  }

  private static EmbeddedKafkaBroker start(
      final int brokerPort, final Path logDir, final SaslSsl secured) {
    final boolean ownsLogDir = logDir == null;
    final Path dir = ownsLogDir ? createTempDir() : createDirectories(logDir);
    final Path propertiesFile = dir.resolve("server.properties");
    final Properties props;
    final Map<String, String> admin = new TreeMap<>();
    if (secured == null
        && !ownsLogDir
        && Files.exists(dir.resolve("data").resolve("meta.properties"))) {
      // A restart on a folder this class formatted before: same ports, same data, no format.
      props = storedProperties(propertiesFile);
      if (brokerPort != 0 && brokerPort != portOf(props)) {
        throw new IllegalStateException(
            "The broker folder "
                + dir
                + " belongs to port "
                + portOf(props)
                + ", not "
                + brokerPort);
      }
      admin.put("bootstrap.servers", "127.0.0.1:" + portOf(props));
    } else {
      final int newPort = brokerPort == 0 ? FreePort.find() : brokerPort;
      props = serverProperties(newPort, FreePort.find(), dir.resolve("data"));
      admin.put("bootstrap.servers", "127.0.0.1:" + newPort);
      final List<String> scram = new ArrayList<>();
      if (secured != null) {
        secure(props, newPort, secured);
        admin.putAll(secured.clientProperties(secured.adminUser(), secured.adminPassword()));
        secured
            .allUsers()
            .forEach(
                (user, password) ->
                    scram.add("SCRAM-SHA-512=[name=" + user + ",password=" + password + "]"));
      }
      format(props, propertiesFile, scram);
    }
    final int port = portOf(props);
    final KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
    try {
      server.startup();
    } catch (final RuntimeException e) {
      server.shutdown();
      if (ownsLogDir) {
        TempDirs.deleteRecursively(dir);
      }
      throw e;
    }
    return new EmbeddedKafkaBroker(server, dir, ownsLogDir, port, admin);
  }

  /** Replaces the PLAINTEXT client listener by SASL_SSL (also the inter-broker listener). */
  private static void secure(final Properties props, final int port, final SaslSsl secured) {
    props.put("listeners", props.getProperty("listeners").replace("PLAINTEXT://", "SASL_SSL://"));
    props.put("advertised.listeners", "SASL_SSL://127.0.0.1:" + port);
    props.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT");
    props.put("inter.broker.listener.name", "SASL_SSL");
    props.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
    props.put("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512");
    props.put(
        "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
        SaslSsl.jaas(secured.adminUser(), secured.adminPassword()));
    props.put("ssl.keystore.location", secured.keyStore().toString());
    props.put("ssl.keystore.password", secured.keyStorePassword());
    props.put("ssl.keystore.type", "PKCS12");
    props.put("ssl.key.password", secured.keyStorePassword());
    props.put("ssl.truststore.location", secured.trustStore().toString());
    props.put("ssl.truststore.password", secured.trustStorePassword());
    props.put("ssl.truststore.type", "PKCS12");
    props.put("ssl.client.auth", "none");
  }

  /**
   * Settings of an admin client of this broker: {@code bootstrap.servers} and, for a SASL_SSL
   * broker, the security settings of its admin user.
   */
  public Map<String, String> adminClientProperties() {
    return adminProperties;
  }

  /** The value for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public Path logDir() {
    return logDir;
  }

  /** Creates the topics and returns once every partition of each answers ListOffsets. */
  public void createTopics(final NewTopic... topics) {
    new TopicCreator(adminProperties).createAndAwait(topics);
  }

  /** Creates one topic with the given partitions (replication factor 1) and waits for it. */
  public void createTopic(final String name, final int partitions) {
    createTopics(new NewTopic(name, partitions, (short) 1));
  }

  /** Shuts the broker down, waits for it, and deletes its temp folder if it made one. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.shutdown();
    server.awaitShutdown();
    if (ownsLogDir) {
      TempDirs.deleteRecursively(logDir);
    }
  }

  private static Properties serverProperties(
      final int port, final int controllerPort, final Path dataDir) {
    final Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    props.put(
        "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("controller.listener.names", "CONTROLLER");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("log.dirs", dataDir.toString());
    props.put("num.partitions", "1");
    // One broker: every internal topic must live with replication factor 1 (exactly-once
    // producers otherwise hang in initTransactions waiting for the transaction state log).
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("transaction.state.log.num.partitions", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    // Saves about 3 s on every consumer group join.
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("auto.create.topics.enable", "false");
    return props;
  }

  private static int portOf(final Properties props) {
    final String advertised = props.getProperty("advertised.listeners");
    return Integer.parseInt(advertised.substring(advertised.lastIndexOf(':') + 1));
  }

  private static Properties storedProperties(final Path propertiesFile) {
    final Properties props = new Properties();
    try (var in = Files.newInputStream(propertiesFile)) {
      props.load(in);
    } catch (final IOException e) {
      throw new UncheckedIOException("Cannot read the broker's settings " + propertiesFile, e);
    }
    return props;
  }

  /** Formats the log dir; StorageTool.main would call System.exit, execute does not. */
  private static void format(
      final Properties props, final Path propertiesFile, final List<String> scramCredentials) {
    try (OutputStream out = Files.newOutputStream(propertiesFile)) {
      props.store(out, "embedded single-node KRaft broker");
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
    final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    final String clusterId = Uuid.randomUuid().toString();
    final List<String> args =
        new ArrayList<>(List.of("format", "-t", clusterId, "-c", propertiesFile.toString()));
    for (final String credential : scramCredentials) {
      args.add("--add-scram");
      args.add(credential);
    }
    final int rc;
    try (PrintStream printer = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      rc = StorageTool.execute(args.toArray(String[]::new), printer);
    }
    if (rc != 0) {
      throw new IllegalStateException(
          "Formatting the broker storage failed (exit "
              + rc
              + "): "
              + buffer.toString(StandardCharsets.UTF_8));
    }
  }

  private static Path createDirectories(final Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (final IOException e) {
      throw new UncheckedIOException("Cannot create the broker's folder " + dir, e);
    }
  }

  private static Path createTempDir() {
    try {
      return Files.createTempDirectory("embedded-kafka-");
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
