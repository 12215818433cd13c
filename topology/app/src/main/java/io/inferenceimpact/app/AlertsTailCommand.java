package io.inferenceimpact.app;

import io.inferenceimpact.avro.AlertSeverity;
import io.inferenceimpact.avro.ImpactAlert;
import io.inferenceimpact.config.ClientProperties;
import io.inferenceimpact.config.ImpactConfig;
import io.inferenceimpact.schemas.registry.SchemaRegistryClient;
import io.inferenceimpact.schemas.registry.SchemaRegistryException;
import io.inferenceimpact.schemas.registry.SchemaRegistryHttpException;
import io.inferenceimpact.subscribe.AlertFilter;
import io.inferenceimpact.subscribe.AlertFormat;
import io.inferenceimpact.subscribe.AlertTail;
import io.inferenceimpact.topology.support.TopologySerdes;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code impact alerts tail}: prints the alerts of the configured alerts topic as they fire and
 * resolve, one block per alert, with the same configuration (file + environment) as {@code impact
 * run}. It joins no consumer group and commits nothing, so any number of tails may watch. Stops on
 * Ctrl-C, after {@code --max} alerts or after {@code --timeout}; an unreachable broker or registry,
 * or a missing topic, ends it with exit code 1 and one line saying which.
 */
@Command(
    name = "tail",
    description = {
      "Print alerts from the alerts topic (impact.alerts.v1) as they fire and resolve.",
      "Only committed records are read; tombstones (null values left by compaction) carry no state"
          + " change and are skipped."
    })
final class AlertsTailCommand implements Callable<Integer> {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

  /** How {@code --color} decides. */
  enum Colour {
    AUTO,
    ALWAYS,
    NEVER
  }

  @ParentCommand AlertsCommand parent;
  @Spec CommandSpec spec;
  @Mixin ConfigOption config;

  @Option(names = "--from-beginning", description = "Start with the alerts already in the topic.")
  boolean fromBeginning;

  @Option(
      names = "--severity",
      paramLabel = "LEVEL",
      defaultValue = "INFO",
      description =
          "Minimum severity shown: INFO, WARNING (shows WARNING and CRITICAL) or CRITICAL;"
              + " default: ${DEFAULT-VALUE}.")
  AlertSeverity severity;

  @Option(
      names = "--model",
      paramLabel = "MODEL",
      description = "Show only alerts about this model (repeatable).")
  List<String> models = List.of();

  @Option(names = "--max", paramLabel = "N", description = "Stop after showing N alerts.")
  Long max;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationOptionConverter.class,
      description = "Stop after this long (e.g. 30s, 5m).")
  Duration timeout;

  @Option(
      names = "--color",
      paramLabel = "WHEN",
      defaultValue = "AUTO",
      description =
          "Colour the status: AUTO (when stdout is a terminal and NO_COLOR is unset), ALWAYS or"
              + " NEVER; default: ${DEFAULT-VALUE}.")
  Colour colour;

  @Override
  public Integer call() throws InterruptedException {
    if (max != null && max < 1) {
      throw new ParameterException(spec.commandLine(), "--max must be at least 1, was " + max);
    }
    final PrintWriter out = spec.commandLine().getOut();
    final PrintWriter err = spec.commandLine().getErr();
    final Map<String, String> env = parent.root.env();
    final Optional<ImpactConfig> loaded = ConfigLoading.load(config.resolve(env), env, err);
    if (loaded.isEmpty()) {
      return ExitCodes.INVALID_CONFIGURATION;
    }
    try (SchemaRegistryClient registry =
        SchemaRegistryClient.create(loaded.get().schemaRegistry().clientProperties())) {
      return tail(loaded.get(), registry, out, err);
    }
  }

  private int tail(
      final ImpactConfig loaded,
      final SchemaRegistryClient registry,
      final PrintWriter out,
      final PrintWriter err)
      throws InterruptedException {
    final String topic = loaded.topics().alerts();
    final Map<String, String> env = parent.root.env();
    final Optional<String> registryProblem = probe(registry, topic, loaded.schemaRegistry().url());
    if (registryProblem.isPresent()) {
      return fail(err, registryProblem.get());
    }
    final AlertTail tail;
    try {
      tail =
          new AlertTail(
              new KafkaConsumer<>(
                  ClientProperties.consumer(loaded.kafka().properties(), "impact-alerts-tail"),
                  new ByteArrayDeserializer(),
                  new ByteArrayDeserializer()),
              new TopologySerdes(registry, Map.of()).avro(ImpactAlert.class).deserializer(),
              new AlertTail.Options(
                  topic,
                  fromBeginning,
                  new AlertFilter(severity, Set.copyOf(models)),
                  max == null ? 0 : max,
                  timeout,
                  timeout != null && timeout.compareTo(CONNECT_TIMEOUT) < 0
                      ? timeout
                      : CONNECT_TIMEOUT));
    } catch (final KafkaException e) {
      return fail(err, "cannot create the Kafka consumer: " + Failures.describe(e));
    }
    final AlertFormat format = new AlertFormat(useColour(env));
    final CountDownLatch finished = new CountDownLatch(1);
    final Thread hook =
        new Thread(
            () -> {
              tail.stop();
              awaitQuietly(finished);
            },
            "impact-alerts-tail-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      final AlertTail.Outcome outcome =
          tail.run(
              ready -> {
                err.println(
                    "impact alerts tail: "
                        + ready
                        + " at "
                        + loaded.kafka().bootstrapServers()
                        + "; Ctrl-C stops");
                err.flush();
              },
              alert -> {
                out.print(format.block(alert));
                out.flush();
              },
              notice -> {
                err.println("impact alerts tail: " + notice);
                err.flush();
              });
      err.println(
          "impact alerts tail: "
              + outcome.shown()
              + " shown, "
              + outcome.filteredOut()
              + " filtered out"
              + (outcome.undecodable() == 0 ? "" : ", " + outcome.undecodable() + " undecodable")
              + " ("
              + describe(outcome.stop())
              + ")");
      err.flush();
      return ExitCodes.OK;
    } catch (final AlertTail.TailFailure e) {
      return fail(err, Failures.describe(e));
    } finally {
      finished.countDown();
      removeHook(hook);
    }
  }

  /** Empty when the registry answers (a 404 for a subject not registered yet is an answer). */
  private static Optional<String> probe(
      final SchemaRegistryClient registry, final String topic, final String url) {
    try {
      registry.getVersions(topic + "-value");
      return Optional.empty();
    } catch (final SchemaRegistryHttpException e) {
      return e.isAuthenticationFailure()
          ? Optional.of(
              "the Schema Registry at " + url + " refused the credentials: " + e.getMessage())
          : Optional.empty();
    } catch (final SchemaRegistryException e) {
      return Optional.of(
          "cannot reach the Schema Registry at " + url + ": " + Failures.describe(e));
    }
  }

  private boolean useColour(final Map<String, String> env) {
    return switch (colour) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO ->
          System.console() != null
              && env.getOrDefault("NO_COLOR", "").isEmpty()
              && !"dumb".equals(env.get("TERM"));
    };
  }

  private String describe(final AlertTail.Stop stop) {
    return switch (stop) {
      case MAX_ALERTS -> "--max " + max + " reached";
      case TIMEOUT -> "--timeout " + timeout + " passed";
      case STOPPED -> "stopped";
    };
  }

  private static int fail(final PrintWriter err, final String message) {
    err.println("impact alerts tail: " + message);
    err.flush();
    return ExitCodes.RUNTIME_FAILURE;
  }

  private static void awaitQuietly(final CountDownLatch finished) {
    try {
      finished.await(10, TimeUnit.SECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void removeHook(final Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (final IllegalStateException shuttingDown) {
      // A signal stopped us: the hook is running and waits for this thread to finish.
    }
  }
}
