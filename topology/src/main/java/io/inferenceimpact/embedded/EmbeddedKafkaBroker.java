package io.inferenceimpact.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
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
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private final KafkaRaftServer server;
  private final Path logDir;
  private final boolean ownsLogDir;
  private final int port;
  private boolean closed;

  private EmbeddedKafkaBroker(
      final KafkaRaftServer server, final Path logDir, final boolean ownsLogDir, final int port) {
    this.server = server;
    this.logDir = logDir;
    this.ownsLogDir = ownsLogDir;
    this.port = port;
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
    final boolean ownsLogDir = logDir == null;
    final Path dir = ownsLogDir ? createTempDir() : createDirectories(logDir);
    final Path propertiesFile = dir.resolve("server.properties");
    final Properties props;
    if (!ownsLogDir && Files.exists(dir.resolve("data").resolve("meta.properties"))) {
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
    } else {
      final int port = brokerPort == 0 ? FreePort.find() : brokerPort;
      props = serverProperties(port, FreePort.find(), dir.resolve("data"));
      format(props, propertiesFile);
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
    return new EmbeddedKafkaBroker(server, dir, ownsLogDir, port);
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
    new TopicCreator(bootstrapServers()).createAndAwait(topics);
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
  private static void format(final Properties props, final Path propertiesFile) {
    try (OutputStream out = Files.newOutputStream(propertiesFile)) {
      props.store(out, "embedded single-node KRaft broker");
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
    final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    final String clusterId = Uuid.randomUuid().toString();
    final int rc;
    try (PrintStream printer = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      rc =
          StorageTool.execute(
              new String[] {"format", "-t", clusterId, "-c", propertiesFile.toString()}, printer);
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
